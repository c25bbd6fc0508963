"""The API's list queries: filters and allow-listed sorting over each resource.

Kept out of the views (which only parse arguments and serialise) and out of the domain
services' existing list functions (whose signatures the web pages rely on). Sorting is by a
fixed map from public names to columns, so a client can never choose an arbitrary column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from claims_app.articles.models import Article, Outlet
from claims_app.claims.models import (
    Claim,
    ClaimKind,
    ClaimLink,
    ClaimStatus,
    LinkType,
    Review,
    Tag,
    Verdict,
    claim_tags,
)
from claims_app.errors import NotFound
from claims_app.speakers.models import Speaker, SpeakerKind
from claims_app.speakers.services import listed_speakers
from claims_app.sqlfuncs import contains_text
from claims_app.web.pagination import Page, page_bounds, paginate

ARTICLE_SORTS: dict[str, Any] = {
    "id": Article.id, "published": Article.published, "title": Article.title,
    "imported_at": Article.imported_at, "updated_at": Article.updated_at,
}
CLAIM_SORTS: dict[str, Any] = {
    "id": Claim.id, "start": Claim.start, "said_on": Claim.said_on,
    "created_at": Claim.created_at, "updated_at": Claim.updated_at,
    "confidence": Claim.confidence, "status": Claim.status,
}
SPEAKER_SORTS: dict[str, Any] = {"id": Speaker.id, "name": Speaker.name,
                                  "updated_at": Speaker.updated_at}
REVIEW_SORTS: dict[str, Any] = {"id": Review.id, "created_at": Review.created_at,
                                 "verdict": Review.verdict}
LINK_SORTS: dict[str, Any] = {"id": ClaimLink.id, "created_at": ClaimLink.created_at,
                               "link_type": ClaimLink.link_type}
TAG_SORTS = ("name", "claims", "id")


def _ordered(stmt: Select[Any], sorts: dict[str, Any], sort: str, tiebreak: Any) -> Select[Any]:
    column = sorts[sort.lstrip("-")]
    if sort.startswith("-"):
        return stmt.order_by(column.desc().nulls_last(), tiebreak.desc())
    return stmt.order_by(column.asc().nulls_last(), tiebreak.asc())


@dataclass(frozen=True)
class ArticleFilter:
    q: str | None = None
    outlet: str | None = None
    language: str | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None


def list_articles(session: Session, flt: ArticleFilter, *, sort: str, page: int,
                  per_page: int) -> Page[Article]:
    stmt = select(Article).options(selectinload(Article.outlet))
    if flt.q:
        stmt = stmt.where(contains_text(Article.title, flt.q))
    if flt.outlet:
        stmt = stmt.join(Outlet, Article.outlet_id == Outlet.id).where(Outlet.name == flt.outlet)
    if flt.language:
        stmt = stmt.where(Article.language == flt.language)
    if flt.published_from:
        stmt = stmt.where(Article.published >= flt.published_from)
    if flt.published_to:
        stmt = stmt.where(Article.published <= flt.published_to)
    return paginate(session, _ordered(stmt, ARTICLE_SORTS, sort, Article.id), page, per_page)


@dataclass(frozen=True)
class ClaimFilter:
    article_id: int | None = None
    speaker_id: int | None = None
    status: ClaimStatus | None = None
    kind: ClaimKind | None = None
    tag: str | None = None
    q: str | None = None
    said_from: dt.date | None = None
    said_to: dt.date | None = None


def list_claims(session: Session, flt: ClaimFilter, *, sort: str, page: int,
                per_page: int) -> Page[Claim]:
    stmt = select(Claim).options(selectinload(Claim.speaker), selectinload(Claim.tags))
    if flt.article_id is not None:
        stmt = stmt.where(Claim.article_id == flt.article_id)
    if flt.speaker_id is not None:
        stmt = stmt.where(Claim.speaker_id == flt.speaker_id)
    if flt.status is not None:
        stmt = stmt.where(Claim.status == flt.status)
    if flt.kind is not None:
        stmt = stmt.where(Claim.kind == flt.kind)
    if flt.tag:
        stmt = stmt.where(Claim.id.in_(
            select(claim_tags.c.claim_id).join(Tag, Tag.id == claim_tags.c.tag_id)
            .where(func.lower(Tag.name) == flt.tag.lower())
        ))
    if flt.q:
        stmt = stmt.where(contains_text(Claim.text, flt.q))
    if flt.said_from:
        stmt = stmt.where(Claim.said_on >= flt.said_from)
    if flt.said_to:
        stmt = stmt.where(Claim.said_on <= flt.said_to)
    return paginate(session, _ordered(stmt, CLAIM_SORTS, sort, Claim.id), page, per_page)


def list_speakers(session: Session, *, q: str | None, kind: SpeakerKind | None, sort: str,
                  page: int, per_page: int) -> Page[Speaker]:
    """The speakers the web's list shows (``speakers.services.listed_speakers``), with the
    API's sorts."""
    stmt = (select(Speaker).options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
            .where(*listed_speakers(q, kind)))
    return paginate(session, _ordered(stmt, SPEAKER_SORTS, sort, Speaker.id), page, per_page)


def list_reviews(session: Session, *, claim_id: int | None, verdict: Verdict | None,
                 sort: str, page: int, per_page: int) -> Page[Review]:
    stmt = select(Review).options(selectinload(Review.reviewer))
    if claim_id is not None:
        stmt = stmt.where(Review.claim_id == claim_id)
    if verdict is not None:
        stmt = stmt.where(Review.verdict == verdict)
    return paginate(session, _ordered(stmt, REVIEW_SORTS, sort, Review.id), page, per_page)


def get_review(session: Session, review_id: int) -> Review:
    review = session.get(Review, review_id)
    if review is None:
        raise NotFound(f"There is no review {review_id}.")
    return review


def list_links(session: Session, *, claim_id: int | None, link_type: LinkType | None,
               sort: str, page: int, per_page: int) -> Page[ClaimLink]:
    stmt = select(ClaimLink).options(selectinload(ClaimLink.created_by))
    if claim_id is not None:
        stmt = stmt.where(or_(ClaimLink.source_claim_id == claim_id,
                              ClaimLink.target_claim_id == claim_id))
    if link_type is not None:
        stmt = stmt.where(ClaimLink.link_type == link_type)
    return paginate(session, _ordered(stmt, LINK_SORTS, sort, ClaimLink.id), page, per_page)


def get_link(session: Session, link_id: int) -> ClaimLink:
    link = session.get(ClaimLink, link_id)
    if link is None:
        raise NotFound(f"There is no link {link_id}.")
    return link


def list_tags(session: Session, *, q: str | None, sort: str, page: int,
              per_page: int) -> Page[tuple[Tag, int]]:
    """Tags with how many claims carry each (unused tags count 0)."""
    count = func.count(claim_tags.c.claim_id).label("claims")
    stmt = (select(Tag, count).outerjoin(claim_tags, claim_tags.c.tag_id == Tag.id)
            .group_by(Tag.id, Tag.name))
    if q:
        stmt = stmt.where(contains_text(Tag.name, q))
    key = sort.lstrip("-")
    column = {"name": Tag.name, "claims": count, "id": Tag.id}[key]
    ordered = column.desc() if sort.startswith("-") else column.asc()
    stmt = stmt.order_by(ordered, Tag.id)
    page, per_page = page_bounds(page, per_page)
    counted = select(func.count(Tag.id))
    if q:
        counted = counted.where(contains_text(Tag.name, q))
    total = session.scalar(counted) or 0
    rows = [(tag, n) for tag, n in session.execute(
        stmt.limit(per_page).offset((page - 1) * per_page))]
    return Page(items=rows, page=page, per_page=per_page, total=total)
