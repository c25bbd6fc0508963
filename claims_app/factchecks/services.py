"""Fact-check memory: store imported fact-checks, show the ones a claim matches, and set a
reviewer's verdict beside the verdicts already given to statements like it.

Services flush and audit; the boundary (the importer's transaction, a view) commits. The
matches themselves are derived rows written at commit (:mod:`claims_app.factchecks.matching`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from claims_app.accounts.models import User
from claims_app.audit.services import record, snapshot
from claims_app.claims.lines import ClaimLine
from claims_app.claims.models import Claim, Review, Verdict
from claims_app.factchecks.matching import (
    SAME_SPEAKER_BONUS,
    SHOWN,
    same_person,
    statement_similarity,
)
from claims_app.factchecks.models import FactCheck, FactCheckMatch
from claims_app.factchecks.reader import FactCheckDraft
from claims_app.factchecks.wording import read
from claims_app.speakers.models import Speaker, SpeakerAlias
from claims_app.textnorm import normalize_for_search

__all__ = [
    "NEAR_IDENTICAL",
    "KnownCheck",
    "PastVerdict",
    "VerdictConflict",
    "fact_checks_for_claim",
    "fact_checks_for_claims",
    "identity_key",
    "store_fact_checks",
    "verdict_class",
    "verdict_conflicts",
    "verdicts_of_similar",
]

#: Similarity from which two statements are "near-identical" for verdict consistency.
NEAR_IDENTICAL = 0.8
#: Reviews the dashboard's consistency check reads (the newest); bounded whatever the archive.
RECENT_REVIEWS = 500
CONFLICTS_LISTED = 10


def identity_key(url: str | None, claim_reviewed: str) -> str:
    """The same URL and claim (compared as search compares text) is the same fact-check."""
    raw = f"{(url or '').strip()}\x1f{normalize_for_search(claim_reviewed)}"
    return hashlib.sha256(raw.encode()).hexdigest()


def store_fact_checks(session: Session, actor: User | None, drafts: Sequence[FactCheckDraft],
                      source: str) -> list[tuple[int, bool]]:
    """Store fact-checks not already stored (same URL and claim): (id, created) for each
    draft in order. Each new one is audited; its terms and matches follow at commit."""
    keys = [identity_key(d.url, d.claim_reviewed) for d in drafts]
    known: dict[str, int] = dict(session.execute(
        select(FactCheck.identity_key, FactCheck.id)
        .where(FactCheck.identity_key.in_(sorted(set(keys))))).all()) if keys else {}
    out = []
    for draft, key in zip(drafts, keys, strict=True):
        if key in known:
            out.append((known[key], False))
            continue
        check = FactCheck(
            claim_reviewed=draft.claim_reviewed, claimant=draft.claimant,
            rating_value=draft.rating_value, best_rating=draft.best_rating,
            worst_rating=draft.worst_rating, rating_name=draft.rating_name,
            publisher=draft.publisher, published=draft.published, url=draft.url,
            language=draft.language, source_name=source[:500], identity_key=key,
            imported_by_id=actor.id if actor else None)
        session.add(check)
        session.flush()
        record(session, actor, "import", check, after=snapshot(check),
               summary=f"imported the fact-check {draft.url or draft.claim_reviewed[:80]}")
        known[key] = check.id
        out.append((check.id, True))
    return out


@dataclass(frozen=True)
class KnownCheck:
    """A fact-check shown beside a claim."""

    fact_check: FactCheck
    score: float
    same_speaker: bool


def _ordered(matches: Iterable[FactCheckMatch], names: Sequence[str]) -> list[KnownCheck]:
    shown = [KnownCheck(m.fact_check, m.score, same_person(m.fact_check.claimant, names))
             for m in matches]
    shown.sort(key=lambda k: (-(k.score + (SAME_SPEAKER_BONUS if k.same_speaker else 0.0)),
                              k.fact_check.id))
    return shown


def fact_checks_for_claim(session: Session, claim: Claim) -> list[KnownCheck]:
    """The claim's known fact-checks, its speaker's own first, at most ``SHOWN``: two
    indexed reads (its few stored matches with their fact-checks, and the speaker's name
    and aliases)."""
    matches = session.scalars(
        select(FactCheckMatch).where(FactCheckMatch.claim_id == claim.id)
        .options(joinedload(FactCheckMatch.fact_check))).all()
    if not matches:
        return []
    names: list[str] = []
    if claim.speaker_id is not None:
        sid = claim.speaker_id
        names = list(session.scalars(
            select(Speaker.name).where(Speaker.id == sid)
            .union_all(select(SpeakerAlias.alias).where(SpeakerAlias.speaker_id == sid))))
    return _ordered(matches, names)[:SHOWN]


def fact_checks_for_claims(session: Session, claims: Sequence[Claim]
                           ) -> dict[int, KnownCheck]:
    """The best known fact-check of each claim that has one (the review queue's line
    "already checked by X"): one query for a page of claims."""
    ids = [c.id for c in claims]
    if not ids:
        return {}
    by_claim: dict[int, list[FactCheckMatch]] = defaultdict(list)
    for m in session.scalars(select(FactCheckMatch).where(FactCheckMatch.claim_id.in_(ids))
                             .options(selectinload(FactCheckMatch.fact_check))):
        by_claim[m.claim_id].append(m)
    out = {}
    for c in claims:
        if by_claim.get(c.id):
            names = [c.speaker.name] if c.speaker is not None else []
            out[c.id] = _ordered(by_claim[c.id], names)[0]
    return out


# --- verdict consistency ------------------------------------------------------------------

#: What a verdict says of a statement's truth, for comparing verdicts (and fact-check
#: ratings) across claims: "true", "mixed" or "false"; None says nothing comparable.
_CLASSES: dict[Verdict, str | None] = {
    Verdict.ACCURATE_QUOTE: "true", Verdict.TRUE: "true",
    Verdict.NEEDS_CONTEXT: "mixed", Verdict.MISLEADING: "mixed", Verdict.MISQUOTED: "mixed",
    Verdict.FALSE: "false", Verdict.MISATTRIBUTED: "false", Verdict.UNVERIFIABLE: None,
}
_FALSE_WORDS = ("false", "pants on fire", "fake", "incorrect", "wrong", "fabricated",
                "untrue", "four pinocchios", "baseless", "not true", "no evidence")
_MIXED_WORDS = ("misleading", "half", "mixture", "mixed", "partly", "partially", "context",
                "exaggerat", "mostly", "unsupported", "distort")
_TRUE_WORDS = ("true", "correct", "accurate", "right")


def verdict_class(verdict: Verdict | None) -> str | None:
    return None if verdict is None else _CLASSES[Verdict(verdict)]


def rating_class(check: FactCheck) -> str | None:
    """A fact-check's rating as "true", "mixed" or "false": from its name when it says
    (names are what readers see), else its value's place on its scale."""
    name = (check.rating_name or "").casefold()
    if name:
        if any(w in name for w in _FALSE_WORDS) and "mostly" not in name:
            return "false"
        if any(w in name for w in _MIXED_WORDS):
            return "mixed"
        if any(w in name for w in _TRUE_WORDS):
            return "true"
    v, best, worst = check.rating_value, check.best_rating, check.worst_rating
    if v is None or best is None or worst is None or best == worst:
        return None
    place = (v - worst) / (best - worst)
    return "false" if place <= 0.25 else "true" if place >= 0.75 else "mixed"


@dataclass(frozen=True)
class PastVerdict:
    """A verdict already given to a statement like the one being reviewed: a claim of this
    archive with its current review, or an imported fact-check."""

    similarity: float
    claim: ClaimLine | None = None
    review: Review | None = None
    fact_check: FactCheck | None = None


def verdicts_of_similar(session: Session, claim: Claim, similar: Iterable[ClaimLine],
                        known: Sequence[KnownCheck], limit: int = 8) -> list[PastVerdict]:
    """The current verdicts of ``similar`` claims (those the claim page already found) that
    have one, most similar first, and the claim's known fact-checks: shown beside the verdict
    form so a reviewer rates like statements alike, or knows why not."""
    others = {c.id: c for c in similar if c.id != claim.id}
    out = []
    if others:
        latest = select(func.max(Review.id)).where(Review.claim_id.in_(sorted(others))) \
            .group_by(Review.claim_id)
        for review in session.scalars(select(Review).where(Review.id.in_(latest))):
            other = others[review.claim_id]
            out.append(PastVerdict(statement_similarity(claim.text, other.text), other,
                                   review))
    out.sort(key=lambda p: (-p.similarity, p.claim.id if p.claim else 0))
    out = out[:limit]
    out += [PastVerdict(k.score, fact_check=k.fact_check) for k in known]
    return out


@dataclass(frozen=True)
class VerdictConflict:
    """Two near-identical statements with verdicts that disagree, for an editor to settle:
    two claims of this archive, or a claim and an imported fact-check."""

    claim: Claim
    review: Review
    similarity: float
    other_claim: Claim | None = None
    other_review: Review | None = None
    fact_check: FactCheck | None = None


def verdict_conflicts(session: Session, limit: int = CONFLICTS_LISTED) -> list[VerdictConflict]:
    """Near-identical statements whose verdicts disagree (true against false, or either
    against a mixed verdict), among the claims of the newest ``RECENT_REVIEWS`` reviews and
    their matched fact-checks: bounded whatever the archive's size."""
    latest = (select(func.max(Review.id).label("id")).group_by(Review.claim_id)
              .order_by(func.max(Review.id).desc()).limit(RECENT_REVIEWS).subquery())
    reviews = session.scalars(
        select(Review).join(latest, latest.c.id == Review.id).order_by(Review.id.desc())
        .options(selectinload(Review.claim).selectinload(Claim.speaker),
                 selectinload(Review.claim).selectinload(Claim.article))).all()
    rated = [(r, verdict_class(r.verdict)) for r in reviews]
    rated = [(r, c) for r, c in rated if c is not None]
    out: list[VerdictConflict] = []
    by_stem: dict[str, list[int]] = defaultdict(list)
    for i, (review, _cls) in enumerate(rated):
        for s in read(review.claim.text).stems:
            by_stem[s].append(i)
    seen: set[tuple[int, int]] = set()
    for i, (review, cls) in enumerate(rated):
        stems = read(review.claim.text).stems
        shared: dict[int, int] = defaultdict(int)
        for s in stems:
            for j in by_stem[s]:
                if j > i:
                    shared[j] += 1
        for j, n in shared.items():
            if (i, j) in seen or n < max(2, len(stems) // 2):
                continue
            seen.add((i, j))
            other, other_cls = rated[j]
            if other_cls == cls or other.claim_id == review.claim_id:
                continue
            score = statement_similarity(review.claim.text, other.claim.text)
            if score >= NEAR_IDENTICAL:
                out.append(VerdictConflict(review.claim, review, score, other.claim, other))
    if rated:
        ids = [r.claim_id for r, _c in rated]
        classes = {r.claim_id: (r, c) for r, c in rated}
        for m in session.scalars(
                select(FactCheckMatch).where(FactCheckMatch.claim_id.in_(ids),
                                             FactCheckMatch.score >= NEAR_IDENTICAL)
                .options(selectinload(FactCheckMatch.fact_check))):
            review, cls = classes[m.claim_id]
            theirs = rating_class(m.fact_check)
            if theirs is not None and theirs != cls:
                out.append(VerdictConflict(review.claim, review, m.score,
                                           fact_check=m.fact_check))
    out.sort(key=lambda c: (-c.review.id, -c.similarity))
    return out[:limit]
