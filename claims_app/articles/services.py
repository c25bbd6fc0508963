"""Reading and changing articles."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.errors import NotFound
from claims_app.pagination import Page, paginate


def list_articles(session: Session, *, page: int = 1, per_page: int = 50) -> Page[Article]:
    stmt = (
        select(Article)
        .options(selectinload(Article.outlet))
        .order_by(Article.published.desc().nulls_last(), Article.id.desc())
    )
    return paginate(session, stmt, page, per_page)


def get_article(session: Session, article_id: int) -> Article:
    article = session.scalar(
        select(Article)
        .where(Article.id == article_id)
        .options(
            selectinload(Article.outlet),
            selectinload(Article.claims).selectinload(Claim.speaker),
        )
    )
    if article is None:
        raise NotFound(f"There is no article {article_id}.")
    return article


@dataclass(frozen=True)
class Segment:
    text: str
    claim: Claim | None


def highlight_segments(body: str, claims: list[Claim]) -> list[Segment]:
    """Cut the body into plain and claimed pieces for highlighting.

    Where claims overlap, the earlier one is highlighted and the later one stays in the side
    list; the text itself is always shown whole and in order.
    """
    segments: list[Segment] = []
    pos = 0
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if claim.start < pos or claim.end > len(body):
            continue
        if claim.start > pos:
            segments.append(Segment(body[pos : claim.start], None))
        segments.append(Segment(body[claim.start : claim.end], claim))
        pos = claim.end
    if pos < len(body):
        segments.append(Segment(body[pos:], None))
    return segments
