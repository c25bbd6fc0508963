"""The review queue, read so that it costs the same at a million claims as at a hundred.

Unreviewed claims come least certain first (a hand-entered claim, with no confidence, counts
as certain: 1.0) or grouped by article in reading order. Three things keep a page cheap:

* **Index order, no sort of every unreviewed claim.** ``coalesce(confidence, 1.0)`` cannot
  use ``ix_claims_status_confidence (status, confidence, id)``, so the page is the merge of
  two index-ordered ranges of it: claims with a confidence, by ``(confidence, id)``, and
  claims without one, by ``id`` (their key is ``(1.0, id)``); each range is read only as
  far as the page needs.
* **Keyset pages.** Each page carries a cursor (the last claim's sort key); the next page
  starts after it instead of skipping an ever larger offset. ``?page=N`` without a cursor
  still works (by offset).
* **A capped count** ("more than 10,000 unreviewed") and narrow rows: the page's claims
  with their article's title, date and outlet and the opening of its body (for untitled
  articles), never a whole body; speakers and tags in one query each.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, false, func, literal, or_, select, true, tuple_
from sqlalchemy.orm import Session, contains_eager, load_only, selectinload

from claims_app.articles.models import OPENING_CHARS, Article, Outlet
from claims_app.claims.models import Claim, ClaimStatus
from claims_app.factchecks.models import FactCheckMatch
from claims_app.speakers.models import Speaker
from claims_app.web.pagination import Page, count_rows, page_bounds

__all__ = ["QUEUE_COUNT_LIMIT", "QUEUE_SORTS", "review_page"]

#: The queue counts at most this many claims; beyond, it says "more than 10,000".
QUEUE_COUNT_LIMIT = 10_000
#: The queue's orders, by name, with the label the page shows.
QUEUE_SORTS: dict[str, str] = {
    "confidence": "Lowest confidence first",
    "article": "By article",
}
#: What a claim without a confidence (entered by hand) sorts as.
CERTAIN = 1.0


def review_page(
    session: Session, *, sort: str = "confidence", page: int = 1, per_page: int = 20,
    article_id: int | None = None, after: str | None = None, factchecked: bool = False,
) -> Page[Claim]:
    """One page of the queue (see the module docstring); ``after`` is the previous page's
    ``cursor``. A malformed cursor is ignored (the page falls back to its offset).
    ``factchecked``: only claims with a known fact-check (a semi-join on the matches, a
    table far smaller than the claims)."""
    page, per_page = page_bounds(page, per_page)
    unreviewed = Claim.status == ClaimStatus.UNREVIEWED
    mine = [] if article_id is None else [Claim.article_id == article_id]
    if factchecked:
        mine.append(Claim.id.in_(select(FactCheckMatch.claim_id)))
    total, capped = count_rows(session, select(Claim.id).where(unreviewed, *mine), page=page,
                               per_page=per_page, count_limit=QUEUE_COUNT_LIMIT)
    if sort == "article" and session.get_bind().dialect.name == "sqlite":
        # Most claims await review: told so, SQLite walks the article index in page order
        # instead of reading every unreviewed claim off the status index to sort them.
        unreviewed = func.likely(unreviewed)
    base = select(Claim.id).where(unreviewed, *mine)
    start = _parse_cursor(sort, after) if after else None
    offset = 0 if start is not None else (page - 1) * per_page
    if sort == "article":
        chosen, order = _by_article(base, start, offset, per_page)
    else:
        chosen, order = _by_confidence(base, start, offset, per_page)
    rows = session.execute(
        select(Claim, func.substr(Article.body, 1, OPENING_CHARS))
        .join(chosen, chosen.c.id == Claim.id)
        .join(Claim.article)
        .outerjoin(Article.outlet)
        .options(
            load_only(Claim.id, Claim.article_id, Claim.speaker_id, Claim.speaker_role,
                      Claim.kind, Claim.text, Claim.start, Claim.segments, Claim.confidence,
                      Claim.status, Claim.version),
            contains_eager(Claim.article).load_only(
                Article.id, Article.title, Article.published, Article.outlet_id,
                Article.version),
            contains_eager(Claim.article, Article.outlet).load_only(Outlet.id, Outlet.name),
            selectinload(Claim.speaker).load_only(Speaker.id, Speaker.name),
            selectinload(Claim.tags),
        )
        .order_by(*order(chosen))
    ).all()
    items = []
    for claim, opening in rows:
        claim.article.list_opening = opening
        items.append(claim)
    cursor = _cursor(sort, items[-1]) if len(items) == per_page else None
    return Page(items=items, page=page, per_page=per_page, total=total, capped=capped,
                cursor=cursor)


def _by_confidence(base: Select[Any], start: tuple[Any, ...] | None, offset: int,
                   limit: int) -> tuple[Any, Any]:
    """The page's ids in ``(coalesce(confidence, 1.0), id)`` order: the first ``offset +
    limit`` of each index-ordered range, merged."""
    n = offset + limit
    scored = base.add_columns(Claim.confidence.label("k")).where(Claim.confidence.is_not(None))
    unscored = base.add_columns(literal(CERTAIN).label("k")).where(Claim.confidence.is_(None))
    if start is not None:
        key, last_id = start
        scored = scored.where(tuple_(Claim.confidence, Claim.id) > tuple_(key, last_id))
        unscored = unscored.where(
            true() if key < CERTAIN else Claim.id > last_id if key == CERTAIN else false())
    # SQLite takes ORDER BY/LIMIT in a compound's members only inside sub-selects.
    a = scored.order_by(Claim.confidence, Claim.id).limit(n).subquery()
    b = unscored.order_by(Claim.id).limit(n).subquery()
    merged = select(a.c.id, a.c.k).union_all(select(b.c.id, b.c.k)).subquery()
    chosen = (select(merged.c.id, merged.c.k).order_by(merged.c.k, merged.c.id)
              .limit(limit).offset(offset).subquery())
    return chosen, lambda c: (c.c.k, Claim.id)


def _by_article(base: Select[Any], start: tuple[Any, ...] | None, offset: int,
                limit: int) -> tuple[Any, Any]:
    """The page's ids by article (newest article id first), then reading order."""
    stmt = base
    if start is not None:
        last_article, last_start, last_id = start
        stmt = stmt.where(or_(
            Claim.article_id < last_article,
            and_(Claim.article_id == last_article,
                 tuple_(Claim.start, Claim.id) > tuple_(last_start, last_id))))
    chosen = (stmt.order_by(Claim.article_id.desc(), Claim.start, Claim.id)
              .limit(limit).offset(offset).subquery())
    return chosen, lambda _c: (Claim.article_id.desc(), Claim.start, Claim.id)


def _cursor(sort: str, last: Claim) -> str:
    if sort == "article":
        return f"{last.article_id}_{last.start}_{last.id}"
    key = CERTAIN if last.confidence is None else last.confidence
    return f"{key!r}_{last.id}"


def _parse_cursor(sort: str, cursor: str) -> tuple[Any, ...] | None:
    parts = cursor.split("_")
    try:
        if sort == "article":
            if len(parts) != 3:
                return None
            return int(parts[0]), int(parts[1]), int(parts[2])
        if len(parts) != 2:
            return None
        key = float(parts[0])
        if key != key or key in (float("inf"), float("-inf")):  # NaN, infinities
            return None
        return key, int(parts[1])
    except ValueError:
        return None
