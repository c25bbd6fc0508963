"""Claim CRUD: create, change, delete, review, link, tag. Each flushes and audits; callers
commit. A person's annotate/revise actions are ``annotate.py``; what the claim pages show
beside a claim ``page.py`` (the same words elsewhere: the statement groups of
:mod:`claims_app.provenance`).

Optimistic locking: every change states the version the person saw; if the stored version
moved on, ``Conflict`` carries the stored values so the person can compare and merge.

Size: every write to a claim and to its reviews, links and tags, kept together because they
share the version check (``check_version``), the audited state (``claim_state``) and the
span and segment checks (``anchor``, ``check_segments``) that other packages' writes call
too (article edits, loading an export, positions); reading a claim's page
(``page.py``) and a person's actions (``annotate.py``) are already their own modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from claims_app.accounts.models import User
from claims_app.articles.models import Article, DatePrecision
from claims_app.audit.services import changed_fields, record, snapshot
from claims_app.claims.models import (
    Claim,
    ClaimKind,
    ClaimLink,
    ClaimOrigin,
    ClaimStatus,
    LinkType,
    Review,
    SaidOnBasis,
    Tag,
    Verdict,
)
from claims_app.db import insert_missing, require_version, utcnow
from claims_app.errors import InvalidInput, NotFound
from claims_app.speakers.models import Speaker

ANCHOR_CONTEXT = 32
MAX_TAGS = 30
MAX_SEGMENTS = 20


@dataclass
class ClaimInput:
    """What a person (or the extractor) says about a claim; the span is checked on save."""

    start: int
    end: int
    kind: ClaimKind | str
    text: str | None = None  # when given, must equal the body at [start:end]
    speaker_id: int | None = None
    speaker_role: str | None = None
    cue: str | None = None
    said_on: dt.date | None = None
    said_on_basis: SaidOnBasis | str | None = None
    said_where: str | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    confidence: float | None = None
    # The pieces of a quote split around its attribution, in order, spanning start..end
    # (first start to last end). None or one piece: one segment, start..end. On an edit
    # that keeps the span, None keeps the stored segments; a moved span drops them.
    segments: list[tuple[int, int]] | None = None
    # The speaker the extractor nearly chose and its score; stored when a claim is created.
    runner_up: tuple[str, float] | None = None


def get_claim(session: Session, claim_id: int, *also: Any) -> Claim:
    """A claim with its article, outlet, speaker, tags and reviews loaded; ``also`` are more
    loader options (the claim page adds who created and last changed it). The one-to-one
    sides are joined into the claim's own statement; the lists come in one statement each."""
    claim = session.scalar(
        select(Claim)
        .where(Claim.id == claim_id)
        .options(
            joinedload(Claim.article).joinedload(Article.outlet),
            joinedload(Claim.speaker),
            selectinload(Claim.tags),
            selectinload(Claim.reviews).selectinload(Review.reviewer),
            *also,
        )
    )
    if claim is None:
        raise NotFound(f"There is no claim {claim_id}.")
    return claim


def claim_state(claim: Claim) -> dict[str, Any]:
    """The audited and conflict-compared view of a claim: its columns plus its tag names."""
    state = snapshot(claim)
    state["tags"] = sorted(t.name for t in claim.tags)
    return state


def anchor(body: str, start: int, end: int) -> tuple[str, str, str]:
    """Text, prefix and suffix for a span, after checking it lies inside the body and holds
    more than blank space (a claim of nothing cannot be reviewed or found again)."""
    if 0 <= start <= len(body) and 0 <= end <= len(body) and (
            end <= start or not body[start:end].strip()):
        raise InvalidInput("The span is empty: select at least one word of the article.",
                           field="text")
    if not (0 <= start < end <= len(body)):
        raise InvalidInput(
            f"The span {start}–{end} is outside the article (0–{len(body)}).", field="start"
        )
    return (
        body[start:end],
        body[max(0, start - ANCHOR_CONTEXT) : start],
        body[end : end + ANCHOR_CONTEXT],
    )


def claim_values(body: str, data: ClaimInput) -> dict[str, Any]:
    """The column values a claim gets from what was said about it, checked against the
    article body: the one place that decides a claim's span, anchors and cleaned fields
    (the web, the API and the importer's bulk path all come through here)."""
    text, prefix, suffix = anchor(body, data.start, data.end)
    if data.text is not None and data.text != text:
        raise InvalidInput(
            "The selected text does not match the article at those offsets; select it again.",
            field="text",
        )
    segments = check_segments(data.start, data.end, data.segments)
    if data.said_on_basis is not None:
        basis = SaidOnBasis(data.said_on_basis)
    else:
        basis = SaidOnBasis.STATED if data.said_on else SaidOnBasis.UNKNOWN
    return {
        "start": data.start, "end": data.end, "segments": segments, "text": text,
        "prefix": prefix, "suffix": suffix, "kind": ClaimKind(data.kind),
        "speaker_id": data.speaker_id,
        "speaker_role": _clean(data.speaker_role, 300), "cue": _clean(data.cue, 100),
        "said_on": data.said_on, "said_on_basis": basis,
        "said_where": _clean(data.said_where, 200), "note": _clean(data.note, 20000),
    }


def check_segments(start: int, end: int, segments: Iterable[Iterable[int]] | None
                   ) -> list[list[int]] | None:
    """The stored form of a claim's segments: None for one segment (start..end), else
    ``[[start, end], ...]`` after checking they are in order, do not overlap, and reach
    exactly from the claim's start to its end (so ``start``/``end`` stay the outer bounds)."""
    if segments is None:
        return None
    pairs: list[list[int]] = []
    for item in segments:
        pair = list(item)
        if len(pair) != 2 or not all(isinstance(v, int) and not isinstance(v, bool)
                                     for v in pair):
            raise InvalidInput("Each segment is a start and an end offset.", field="segments")
        pairs.append(pair)
    if len(pairs) > MAX_SEGMENTS:
        raise InvalidInput(f"At most {MAX_SEGMENTS} segments per claim.", field="segments")
    if len(pairs) <= 1:
        if pairs and pairs[0] != [start, end]:
            raise InvalidInput(f"A single segment must be the claim's span {start}–{end}.",
                               field="segments")
        return None
    if pairs[0][0] != start or pairs[-1][1] != end:
        raise InvalidInput(f"The segments must run from the claim's start ({start}) to its "
                           f"end ({end}).", field="segments")
    previous = start
    for s, e in pairs:
        if s < previous or e <= s:
            raise InvalidInput("Segments must be in order, each non-empty, and not overlap.",
                               field="segments")
        previous = e
    return pairs


def runner_up_values(runner_up: tuple[str, float] | None) -> dict[str, Any]:
    """The runner-up speaker's columns (name cut to the column's size, score rounded)."""
    if runner_up is None or not runner_up[0].strip():
        return {"runner_up_name": None, "runner_up_score": None}
    name, score = runner_up
    return {"runner_up_name": " ".join(name.split())[:300],
            "runner_up_score": round(float(score), 4)}


def _apply(session: Session, claim: Claim, article: Article, data: ClaimInput) -> None:
    if data.segments is None and claim.segments and (data.start, data.end) == (claim.start,
                                                                                claim.end):
        data = replace(data, segments=claim.spans)  # an edit that keeps the span
    values = claim_values(article.body, data)
    if data.speaker_id is not None and session.get(Speaker, data.speaker_id) is None:
        raise InvalidInput(f"There is no speaker {data.speaker_id}.", field="speaker_id")
    if claim.id is not None and values["speaker_id"] != claim.speaker_id:
        # The runner-up was the alternative to the speaker the extractor chose; once a
        # person has picked the speaker, it is no longer an open question.
        claim.runner_up_name = claim.runner_up_score = None
    for key, value in values.items():
        setattr(claim, key, value)
    # The tag lookup must not autoflush a half-built claim (a new one is not yet added).
    with session.no_autoflush:
        claim.tags = tags_named(session, data.tags)


def create_claim(
    session: Session,
    actor: User | None,
    article: Article,
    data: ClaimInput,
    *,
    origin: ClaimOrigin = ClaimOrigin.MANUAL,
    audit: bool = True,
) -> Claim:
    """Add a claim. With ``audit=False`` (a batch that audits as a whole, like an import) the
    claim is not flushed here either, so a whole article's claims go in one flush."""
    claim = Claim(article=article, origin=origin, status=ClaimStatus.UNREVIEWED,
                  confidence=data.confidence, created_by_id=actor.id if actor else None,
                  updated_by_id=actor.id if actor else None,
                  **runner_up_values(data.runner_up))
    if origin is ClaimOrigin.MANUAL:
        # A person's claim; extraction and imports carry what their source said.
        check_contradictions(article, data)
    # The new claim already sits in article.claims but not yet in the session; a query in
    # _apply (speaker, tags) must not autoflush that half-built state.
    with session.no_autoflush:
        _apply(session, claim, article, data)
    session.add(claim)
    if audit:
        session.flush()
        record(session, actor, "create", claim, after=claim_state(claim),
               summary=f"{claim.kind} claim in article {article.id}")
    return claim


def last_publication_day(article: Article) -> dt.date | None:
    """The latest day the article can have come out, given how much of its date is known
    (a month-precision date stands for the whole month)."""
    published = article.published
    if published is None or article.published_precision is DatePrecision.UNKNOWN:
        return None
    if article.published_precision is DatePrecision.YEAR:
        return dt.date(published.year, 12, 31)
    if article.published_precision is DatePrecision.MONTH:
        following = dt.date(published.year + published.month // 12, published.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return published


def check_contradictions(
    article: Article, data: ClaimInput, previous: Claim | None = None
) -> None:
    """Refuse what a person says about a claim that cannot all be true, naming the field to
    change. Only what the person changes is judged: a claim stored before these rules (or
    proposed by extraction) can still be edited in its other fields.

    - the outlet's own assertion has no speaker but the outlet, so not a named speaker;
    - a claim cannot be said after the article reporting it came out, unless a note says
      why (a correction, an update, a scheduled speech reported in advance)."""
    kind = ClaimKind(data.kind)
    kind_or_speaker_changed = previous is None or (kind, data.speaker_id) != (
        previous.kind, previous.speaker_id)
    if kind is ClaimKind.ASSERTION and data.speaker_id is not None and kind_or_speaker_changed:
        raise InvalidInput(
            "The outlet's own assertion has no named speaker: clear the speaker, or choose "
            "another kind (a quote, reported speech or a paraphrase).", field="kind")
    last_day = last_publication_day(article)
    said_on_changed = previous is None or data.said_on != previous.said_on
    if (data.said_on is not None and last_day is not None and data.said_on > last_day
            and said_on_changed and not (data.note or "").strip()):
        raise InvalidInput(
            f"Said on {data.said_on.isoformat()} is after the article came out "
            f"({last_day.isoformat()}). Correct the date, or add a note saying why.",
            field="said_on")


def check_version(claim: Claim, expected_version: int | None) -> None:
    require_version(claim, expected_version, claim_state, "claim")


def update_claim(
    session: Session, actor: User | None, claim: Claim, data: ClaimInput,
    *, expected_version: int | None,
) -> Claim:
    check_version(claim, expected_version)
    check_contradictions(claim.article, data, claim)
    before = claim_state(claim)
    _apply(session, claim, claim.article, data)
    claim.updated_by_id = actor.id if actor else None
    # Touching the row makes a tags-only edit an UPDATE too, so its version moves on.
    claim.updated_at = utcnow()
    session.flush()
    after = claim_state(claim)
    if changed_fields(before, after):
        record(session, actor, "update", claim, before=before, after=after,
               summary=f"edited claim {claim.id}")
    return claim


def delete_claim(
    session: Session, actor: User | None, claim: Claim, *, expected_version: int | None = None
) -> None:
    check_version(claim, expected_version)
    before = claim_state(claim)
    before["reviews"] = [snapshot(r) for r in claim.reviews]
    record(session, actor, "delete", claim, before=before, summary=f"deleted claim {claim.id}")
    session.delete(claim)
    session.flush()


def set_status(
    session: Session, actor: User | None, claim: Claim, status: ClaimStatus | str,
    *, expected_version: int | None = None,
) -> Claim:
    check_version(claim, expected_version)
    before = claim_state(claim)
    claim.status = ClaimStatus(status)
    claim.updated_by_id = actor.id if actor else None
    session.flush()
    record(session, actor, "review", claim, before=before, after=claim_state(claim),
           summary=f"marked {claim.status}")
    return claim


def add_review(
    session: Session, actor: User | None, claim: Claim, verdict: Verdict | str, *,
    note: str | None = None, rating_text: str | None = None,
    evidence_urls: Iterable[str] = (),
) -> Review:
    urls = [u.strip() for u in evidence_urls if u and u.strip()]
    for url in urls:
        if not url.lower().startswith(("http://", "https://")):
            raise InvalidInput(f"Evidence must be web links (http or https): {url!r}",
                               field="evidence_urls")
    review = Review(claim=claim, reviewer_id=actor.id if actor else None,
                    verdict=Verdict(verdict), note=_clean(note, 20000),
                    rating_text=_clean(rating_text, 200), evidence_urls=urls)
    session.add(review)
    if claim.status is ClaimStatus.UNREVIEWED:
        claim.status = ClaimStatus.CONFIRMED
    session.flush()
    record(session, actor, "review", claim, after=snapshot(review),
           summary=f"verdict {review.verdict}")
    return review


def add_link(
    session: Session, actor: User | None, source: Claim, target: Claim,
    link_type: LinkType | str, *, note: str | None = None,
) -> ClaimLink:
    if source.id == target.id:
        raise InvalidInput("A claim cannot be linked to itself.", field="target_id")
    kind = LinkType(link_type)
    existing = session.scalar(select(ClaimLink).where(
        ClaimLink.source_claim_id == source.id, ClaimLink.target_claim_id == target.id,
        ClaimLink.link_type == kind))
    if existing is not None:
        raise InvalidInput("These claims already have that link.", field="link_type")
    link = ClaimLink(source_claim_id=source.id, target_claim_id=target.id, link_type=kind,
                     note=_clean(note, 5000), created_by_id=actor.id if actor else None)
    session.add(link)
    session.flush()
    record(session, actor, "link", link, after=snapshot(link),
           summary=f"claim {source.id} {kind} claim {target.id}")
    return link


def remove_link(session: Session, actor: User | None, link: ClaimLink) -> None:
    record(session, actor, "unlink", link, before=snapshot(link),
           summary=f"removed link {link.source_claim_id} {link.link_type} {link.target_claim_id}")
    session.delete(link)
    session.flush()


def tags_named(session: Session, names: Iterable[str]) -> list[Tag]:
    """The tags with these names, created as needed; names are trimmed and deduplicated."""
    wanted: dict[str, str] = {}
    for raw in names:
        name = " ".join(raw.split())[:100]
        if name:
            wanted.setdefault(name.casefold(), name)
    if len(wanted) > MAX_TAGS:
        raise InvalidInput(f"At most {MAX_TAGS} tags per claim.", field="tags")
    if not wanted:
        return []
    names = list(wanted.values())
    existing = {t.name.casefold(): t for t in session.scalars(select(Tag).where(
        Tag.name.in_(names)))}
    missing = [name for key, name in wanted.items() if key not in existing]
    if missing:
        # Race-safe: a tag another request creates this moment is taken, not duplicated.
        insert_missing(session, Tag.__table__, [{"name": name} for name in missing], ["name"])
        existing.update((t.name.casefold(), t) for t in session.scalars(
            select(Tag).where(Tag.name.in_(missing))))
    return sorted((existing[key] for key in wanted), key=lambda t: t.name.casefold())


def _clean(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(f"Keep this under {limit} characters (it has {len(value)}).")
    return value or None


def get_link(session: Session, link_id: int) -> ClaimLink:
    link = session.get(ClaimLink, link_id)
    if link is None:
        raise NotFound(f"There is no link {link_id}.")
    return link


def link_claims(
    session: Session, actor: User | None, source: Claim, target_id: int,
    link_type: LinkType | str, *, note: str | None = None,
    expected_version: int | None = None,
) -> ClaimLink:
    """Link a claim to another one named by its id. The web states the version of the claim
    it showed (``expected_version``): a link made on a claim changed meanwhile is refused,
    as any other write on a stale page."""
    check_version(source, expected_version)
    target = session.get(Claim, target_id)
    if target is None:
        raise InvalidInput(f"There is no claim {target_id}.", field="target_id")
    return add_link(session, actor, source, target, link_type, note=note)
