"""The article lists: the newest-first list, the filtered and sorted one with its claim
counts, and the outlet choices the filters offer. A list page never reads bodies (only an
untitled article's opening) and counts at most ``LIST_COUNT_LIMIT`` rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, defer, selectinload

from claims_app.articles.models import NEWEST_FIRST, OPENING_CHARS, Article, Outlet
from claims_app.claims.models import Claim, ClaimStatus
from claims_app.sqlfuncs import contains_text
from claims_app.web.pagination import Page, count_rows, page_bounds


def list_articles(session: Session, *, page: int = 1, per_page: int = 50) -> Page[Article]:
    return _article_page(session, select(Article).options(selectinload(Article.outlet)),
                         NEWEST_FIRST,
                         page, per_page, keyset=True)


# Lists count at most this many matching articles ("more than 10,000"): an exact count
# would read every row of a large table on each page view.
LIST_COUNT_LIMIT = 10_000


def _article_page(session: Session, stmt: Any, order: tuple[Any, ...], page: int,
                  per_page: int, *, after: str | None = None,
                  keyset: bool = False) -> Page[Article]:
    """A page of articles for a list: no ``body`` or ``raw`` (only the body's opening, for
    untitled articles' ``display_title``) and a capped count.

    With ``keyset`` (the newest-first order), the page carries a cursor for the next one,
    and ``after`` (such a cursor) starts the page there instead of at an offset, which
    costs the same however deep the page is.

    The page's ids are chosen first, on narrow rows; only those articles are then read
    (with the opening of their body), so no engine cuts every matching body to sort them."""
    page, per_page = page_bounds(page, per_page)
    total, capped = count_rows(session, stmt, page=page, per_page=per_page,
                               count_limit=LIST_COUNT_LIMIT)
    ids = stmt.with_only_columns(Article.id, maintain_column_froms=True).order_by(
        *order).limit(per_page)
    start = _newest_after(after) if keyset and after else None
    ids = ids.where(start) if start is not None else ids.offset((page - 1) * per_page)
    chosen = ids.subquery()
    rows = session.execute(
        select(Article, func.substr(Article.body, 1, OPENING_CHARS))
        .join(chosen, chosen.c.id == Article.id)
        .options(selectinload(Article.outlet), defer(Article.body), defer(Article.raw))
        .order_by(*order)
    ).all()
    items = []
    for article, opening in rows:
        article.list_opening = opening
        items.append(article)
    cursor = None
    if keyset and len(items) == per_page:
        last = items[-1]
        cursor = f"{last.published.isoformat() if last.published else 'none'}_{last.id}"
    return Page(items=items, page=page, per_page=per_page, total=total, capped=capped,
                cursor=cursor)


def _newest_after(cursor: str) -> Any:
    """Articles after ``cursor`` ("<published or none>_<id>", the last one shown) in the
    newest-first order (published descending, undated last, then id descending); None
    when the cursor is malformed (the page then falls back to its offset)."""
    published_text, _, id_text = cursor.partition("_")
    try:
        last_id = int(id_text)
        published = None if published_text == "none" else dt.date.fromisoformat(
            published_text)
    except ValueError:
        return None
    if published is None:
        return and_(Article.published.is_(None), Article.id < last_id)
    return or_(Article.published < published,
               and_(Article.published == published, Article.id < last_id),
               Article.published.is_(None))


ARTICLE_SORTS: dict[str, str] = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "title": "Title A–Z",
    "unreviewed": "Most unreviewed claims",
}


@dataclass(frozen=True)
class ArticleFilters:
    """What the article list is narrowed to; every field optional."""

    q: str | None = None
    outlet_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    unreviewed_only: bool = False
    sort: str = "newest"


@dataclass(frozen=True)
class ClaimCounts:
    total: int = 0
    unreviewed: int = 0


def filter_articles(
    session: Session, filters: ArticleFilters, *, page: int = 1, per_page: int = 25,
    after: str | None = None,
) -> tuple[Page[Article], dict[int, ClaimCounts]]:
    """One page of articles matching ``filters`` and their claim counts (two queries more,
    however many articles the page holds)."""
    unreviewed = (
        select(func.count(Claim.id))
        .where(Claim.article_id == Article.id, Claim.status == ClaimStatus.UNREVIEWED)
        .correlate(Article)
        .scalar_subquery()
    )
    stmt = select(Article).options(selectinload(Article.outlet))
    if filters.q:
        q = filters.q.strip()
        stmt = stmt.where(or_(contains_text(Article.title, q), contains_text(Article.body, q)))
    if filters.outlet_id is not None:
        stmt = stmt.where(Article.outlet_id == filters.outlet_id)
    if filters.date_from is not None:
        stmt = stmt.where(Article.published >= filters.date_from)
    if filters.date_to is not None:
        stmt = stmt.where(Article.published <= filters.date_to)
    if filters.unreviewed_only:
        stmt = stmt.where(unreviewed > 0)
    orders = {
        "oldest": (Article.published.asc().nulls_last(), Article.id.asc()),
        "title": (func.lower(func.coalesce(Article.title, "")), Article.id),
        "unreviewed": (unreviewed.desc(), Article.id.desc()),
    }
    order = orders.get(filters.sort, NEWEST_FIRST)
    result = _article_page(session, stmt, order, page, per_page, after=after,
                           keyset=filters.sort not in orders)
    return result, claim_counts(session, [a.id for a in result.items])


def claim_counts(session: Session, article_ids: list[int]) -> dict[int, ClaimCounts]:
    """Claims and unreviewed claims per article, in one grouped query."""
    if not article_ids:
        return {}
    rows = session.execute(
        select(Claim.article_id, func.count(Claim.id),
               func.sum(case((Claim.status == ClaimStatus.UNREVIEWED, 1), else_=0)))
        .where(Claim.article_id.in_(article_ids))
        .group_by(Claim.article_id)
    ).all()
    return {aid: ClaimCounts(int(total), int(unrev or 0)) for aid, total, unrev in rows}


def outlet_choices(session: Session) -> list[tuple[int, str]]:
    """Every outlet as (id, name) by name, for the article, search and export filters."""
    return [(i, n) for i, n in session.execute(select(Outlet.id, Outlet.name).order_by(
        Outlet.name))]

