"""Claim operations: annotate, change, review, link. Each flushes and audits; callers commit.

Optimistic locking: every change states the version the person saw; if the stored version
moved on, ``Conflict`` carries the stored values so the person can compare and merge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims_app.accounts.models import User
from claims_app.articles.models import Article
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
from claims_app.errors import Conflict, InvalidInput, NotFound
from claims_app.speakers.models import Speaker

ANCHOR_CONTEXT = 32
MAX_TAGS = 30


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


def get_claim(session: Session, claim_id: int) -> Claim:
    claim = session.scalar(
        select(Claim)
        .where(Claim.id == claim_id)
        .options(
            selectinload(Claim.article).selectinload(Article.outlet),
            selectinload(Claim.speaker),
            selectinload(Claim.tags),
            selectinload(Claim.reviews).selectinload(Review.reviewer),
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
    """Text, prefix and suffix for a span, after checking it lies inside the body."""
    if not (0 <= start < end <= len(body)):
        raise InvalidInput(
            f"The span {start}–{end} is outside the article (0–{len(body)}).", field="start"
        )
    return (
        body[start:end],
        body[max(0, start - ANCHOR_CONTEXT) : start],
        body[end : end + ANCHOR_CONTEXT],
    )


def _apply(session: Session, claim: Claim, article: Article, data: ClaimInput) -> None:
    text, prefix, suffix = anchor(article.body, data.start, data.end)
    if data.text is not None and data.text != text:
        raise InvalidInput(
            "The selected text does not match the article at those offsets; select it again.",
            field="text",
        )
    if data.speaker_id is not None and session.get(Speaker, data.speaker_id) is None:
        raise InvalidInput(f"There is no speaker {data.speaker_id}.", field="speaker_id")
    claim.start, claim.end, claim.text = data.start, data.end, text
    claim.prefix, claim.suffix = prefix, suffix
    claim.kind = ClaimKind(data.kind)
    claim.speaker_id = data.speaker_id
    claim.speaker_role = _clean(data.speaker_role, 300)
    claim.cue = _clean(data.cue, 100)
    claim.said_on = data.said_on
    if data.said_on_basis is not None:
        claim.said_on_basis = SaidOnBasis(data.said_on_basis)
    else:
        claim.said_on_basis = SaidOnBasis.STATED if data.said_on else SaidOnBasis.UNKNOWN
    claim.said_where = _clean(data.said_where, 200)
    claim.note = _clean(data.note, 20000)
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
    claim = Claim(article=article, origin=origin, status=ClaimStatus.UNREVIEWED,
                  confidence=data.confidence, created_by_id=actor.id if actor else None,
                  updated_by_id=actor.id if actor else None)
    _apply(session, claim, article, data)
    session.add(claim)
    session.flush()
    if audit:
        record(session, actor, "create", claim, after=claim_state(claim),
               summary=f"{claim.kind} claim in article {article.id}")
    return claim


def check_version(claim: Claim, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != claim.version:
        raise Conflict(
            "Someone else saved this claim after you opened it. Compare and merge the changes.",
            current=claim_state(claim),
        )


def update_claim(
    session: Session, actor: User | None, claim: Claim, data: ClaimInput,
    *, expected_version: int | None,
) -> Claim:
    check_version(claim, expected_version)
    before = claim_state(claim)
    _apply(session, claim, claim.article, data)
    claim.updated_by_id = actor.id if actor else None
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
    existing = {t.name.casefold(): t for t in session.scalars(select(Tag).where(
        Tag.name.in_(list(wanted.values()))))}
    tags = []
    for key, name in wanted.items():
        tag = existing.get(key)
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
        tags.append(tag)
    return sorted(tags, key=lambda t: t.name.casefold())


def _clean(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(f"Keep this under {limit} characters (it has {len(value)}).")
    return value or None
