"""Re-running claim extraction on stored articles: the current rules applied to them, with
every claim a reviewer changed left exactly as it is.

``claims-app extract ID``, ``claims-app extract --all`` and the article page's "Re-run
extraction" button all come here. For each article the current rules' proposals are laid
over its stored claims:

* a claim a person has had a hand in is *left*: reviewed (status not unreviewed), edited,
  tagged, noted or re-attributed (any audit event on it but a re-extraction's), linked, or
  entered by hand or restored (origin not extracted). A proposal overlapping one of these is
  not made, so nothing a reviewer did is duplicated or overwritten;
* an untouched proposal of an earlier run that the rules still make (the same or an
  overlapping span) is *changed* to what they now say (span and segments, kind, speaker,
  runner-up, cue, date, place, confidence) or counted *unchanged*;
* an untouched proposal the rules no longer make is *removed* (audited like any deletion,
  so the history can bring it back), unless it overlaps a proposal dropped for a kept claim
  (half of a quote a reviewer confirmed the other half of stays); one found for the first
  time is *added*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from claims_app.accounts.models import User
from claims_app.articles.models import Article
from claims_app.audit.models import AuditEvent
from claims_app.audit.services import changed_fields, record
from claims_app.claims.models import Claim, ClaimLink, ClaimOrigin, ClaimStatus
from claims_app.claims.services import (
    claim_state,
    claim_values,
    create_claim,
    delete_claim,
    runner_up_values,
)
from claims_app.extract import ExtractedClaim, extract_claims
from claims_app.ingest.importer import claim_input, speaker_for
from claims_app.ingest.planning import one_per_span
from claims_app.speakers.models import Speaker
from claims_app.speakers.resolve import SpeakerCache, prime_speaker_cache

#: The audit action of a claim re-extraction changed; the only claim event that does not
#: count as a person's hand on it.
REEXTRACT = "re-extract"
#: Articles re-extracted per transaction by ``rerun_all``.
ARTICLES_PER_TRANSACTION = 20


@dataclass
class RerunSummary:
    """What a re-run did to claims, added up over the articles it covered."""

    articles: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    left: int = 0  # claims a reviewer changed: not touched

    def __iadd__(self, other: RerunSummary) -> RerunSummary:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def describe(self) -> str:
        """One sentence for the flash message and the command's output."""
        return (f"{self.added} added, {self.changed} changed, {self.removed} removed, "
                f"{self.unchanged} unchanged; {self.left} left as reviewers made "
                f"{'it' if self.left == 1 else 'them'}")


def reviewer_changed(session: Session, claims: list[Claim]) -> set[int]:
    """The ids of the claims a person has had a hand in (see the module docstring), in two
    indexed queries whatever the number of claims."""
    ids = [c.id for c in claims]
    if not ids:
        return set()
    out = {c.id for c in claims
           if c.status is not ClaimStatus.UNREVIEWED or c.origin is not ClaimOrigin.EXTRACTED}
    out.update(session.scalars(
        select(AuditEvent.entity_id).where(AuditEvent.entity_type == "claim",
                                           AuditEvent.entity_id.in_(ids),
                                           AuditEvent.action != REEXTRACT)))
    for source, target in session.execute(
            select(ClaimLink.source_claim_id, ClaimLink.target_claim_id).where(or_(
                ClaimLink.source_claim_id.in_(ids), ClaimLink.target_claim_id.in_(ids)))):
        out.update((source, target))
    return out & set(ids)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _plan(found: list[ExtractedClaim], kept: list[Claim], free: list[Claim]
          ) -> tuple[list[tuple[ExtractedClaim, Claim | None]], list[Claim]]:
    """Each proposal to make, with the untouched claim it replaces (None: a new claim), and
    the untouched claims the rules no longer make. A proposal overlapping a kept claim is
    dropped, and the untouched claims it overlaps stay as they are (a reviewer confirmed
    half of a quote the rules now join: the other half is not taken away). An untouched
    claim is matched once, to the proposal with its very span, else to the one overlapping
    it most."""
    plan: list[tuple[ExtractedClaim, Claim | None]] = []
    matched: set[int] = set()
    held: set[int] = set()
    for proposal in found:
        if any(_overlap(proposal.start, proposal.end, c.start, c.end) for c in kept):
            held.update(c.id for c in free
                        if _overlap(proposal.start, proposal.end, c.start, c.end))
            continue
        candidates = [c for c in free if c.id not in matched
                      and _overlap(proposal.start, proposal.end, c.start, c.end)]
        best = max(candidates, default=None, key=lambda c: (
            (c.start, c.end) == (proposal.start, proposal.end),
            _overlap(proposal.start, proposal.end, c.start, c.end), -c.id))
        if best is not None:
            matched.add(best.id)
        plan.append((proposal, best))
    return plan, [c for c in free if c.id not in matched and c.id not in held]


def proposals(article: Article) -> list[ExtractedClaim]:
    """What the current rules propose for a stored article, each span once."""
    return one_per_span(extract_claims(article.body, published=article.published,
                                       dateline=article.dateline))


def rerun_extraction(session: Session, actor: User | None, article: Article, *,
                     speakers: SpeakerCache | None = None,
                     found: list[ExtractedClaim] | None = None,
                     touched: set[int] | None = None) -> RerunSummary:
    """Apply the current extraction rules to one stored article (see the module docstring),
    keep its cross-referencing current, and audit what changed. Flushes, never commits.
    ``found`` and ``touched`` (the article's ``proposals`` and ``reviewer_changed`` claim
    ids): when the caller has them already, for a whole batch of articles at once."""
    if found is None:
        found = proposals(article)
    claims = list(article.claims)
    if touched is None:
        touched = reviewer_changed(session, claims)
    kept = [c for c in claims if c.id in touched]
    free = [c for c in claims if c.id not in touched]
    plan, removed = _plan(found, kept, free)
    summary = RerunSummary(articles=1, left=len(kept))
    # Speakers first (each name once per article): no lookup autoflushes half-changed claims.
    per_article: dict[tuple[object, ...], Speaker] = {}
    names = speakers if speakers is not None else SpeakerCache()
    with session.no_autoflush:
        resolved = [(proposal, claim, speaker_for(session, article.published, actor, proposal,
                                                  per_article, names))
                    for proposal, claim in plan]
    for stale in removed:
        delete_claim(session, actor, stale)
    if removed:
        session.expire(article, ["claims"])
    added: list[Claim] = []
    changed: list[int] = []
    with session.no_autoflush:
        for proposal, replaced, speaker in resolved:
            if replaced is None:
                added.append(create_claim(session, actor, article,
                                          claim_input(proposal, speaker),
                                          origin=ClaimOrigin.EXTRACTED, audit=False))
            elif _refresh(session, actor, article, replaced, proposal, speaker):
                changed.append(replaced.id)
    session.flush()
    summary.added, summary.changed, summary.removed = len(added), len(changed), len(removed)
    summary.unchanged = len(free) - len(changed) - len(removed)
    if added or changed or removed:
        # Search documents of the claims added and changed are written at commit
        # (:mod:`claims_app.crossref.sync`); where nothing changed nothing is re-indexed.
        record(session, actor, "extract", article,
               after={"added": [c.id for c in added], "changed": changed,
                      "removed": [c.id for c in removed], "left": [c.id for c in kept]},
               summary=f"re-ran extraction: {summary.describe()}")
    return summary


def _refresh(session: Session, actor: User | None, article: Article, claim: Claim,
             proposal: ExtractedClaim, speaker: Speaker | None) -> bool:
    """Bring an untouched proposal up to what the rules now say; audited as a re-extraction
    (which ``reviewer_changed`` does not count as a person's edit). True if anything moved."""
    values: dict[str, Any] = {
        **claim_values(article.body, claim_input(proposal, speaker)),
        **runner_up_values(proposal.runner_up), "confidence": proposal.confidence}
    values.pop("note")  # an untouched claim has none, and a re-run must never clear one
    differs = {k: v for k, v in values.items() if getattr(claim, k) != v}
    if not differs:
        return False
    before = claim_state(claim)
    for key, value in differs.items():
        setattr(claim, key, value)
    claim.updated_by_id = actor.id if actor else None
    session.flush()
    after = claim_state(claim)
    if changed_fields(before, after):
        record(session, actor, REEXTRACT, claim, before=before, after=after,
               summary=f"re-extraction changed claim {claim.id}")
    return True


def rerun_all(factory: sessionmaker[Session], actor_id: int | None, *,
              on_article: Callable[[int, RerunSummary], None] | None = None) -> RerunSummary:
    """Re-run extraction on every stored article, in id order, ``ARTICLES_PER_TRANSACTION``
    to a transaction (each committed batch stays done if a later one fails). Memory stays
    bounded: a batch's articles are read, re-extracted and let go before the next."""
    total = RerunSummary()
    last = 0
    while True:
        with factory() as session, session.begin():
            actor = session.get(User, actor_id) if actor_id is not None else None
            articles = list(session.scalars(
                select(Article).where(Article.id > last).order_by(Article.id)
                .limit(ARTICLES_PER_TRANSACTION)
                .options(selectinload(Article.claims))))
            if not articles:
                return total
            # The batch's proposals first, so every name they give is looked up in two
            # queries (as the importer does) rather than two or three per name.
            found = [proposals(article) for article in articles]
            names = SpeakerCache()
            prime_speaker_cache(session, [(name, c.speaker_kind) for cs in found for c in cs
                                          for name in (c.speaker_name, *c.speaker_aliases)
                                          if name], names)
            touched = reviewer_changed(session, [c for a in articles for c in a.claims])
            for article, theirs in zip(articles, found, strict=True):
                done = rerun_extraction(session, actor, article, speakers=names, found=theirs,
                                        touched=touched)
                total += done
                if on_article is not None:
                    on_article(article.id, done)
            last = articles[-1].id
