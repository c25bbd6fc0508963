"""Pages of query results: one shape for every list in the app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, literal_column, select
from sqlalchemy.orm import Session

T = TypeVar("T")

MAX_PER_PAGE = 200  # the largest page any list serves, web or API


def page_bounds(page: int, per_page: int, maximum: int = MAX_PER_PAGE) -> tuple[int, int]:
    """The page number (at least 1) and size (1 to ``maximum``) a list actually serves:
    the one clamp every list applies, so no request can ask for an unbounded page."""
    return max(1, int(page)), min(maximum, max(1, int(per_page)))


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    page: int
    per_page: int
    total: int
    # True when counting stopped at ``total``: there are more rows than that.
    capped: bool = False
    # Where the next page starts, for lists paged by key instead of by offset.
    cursor: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.capped or self.page < self.pages

    @property
    def total_label(self) -> str:
        return f"more than {self.total:,}" if self.capped else str(self.total)

    @property
    def pages_label(self) -> str:
        return f"more than {self.pages:,}" if self.capped else str(self.pages)


def paginate(
    session: Session, stmt: Select[Any], page: int, per_page: int, *,
    count_limit: int | None = None,
) -> Page[Any]:
    """One page of ``stmt``'s results and their total. With ``count_limit`` the count
    stops after that many rows (or after the current page, if further), so it costs the
    same however large the table grows; the page is then marked ``capped``."""
    page, per_page = page_bounds(page, per_page)
    total, capped = count_rows(session, stmt, page=page, per_page=per_page,
                               count_limit=count_limit)
    items = list(session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)))
    return Page(items=items, page=page, per_page=per_page, total=total, capped=capped)


def count_rows(
    session: Session, stmt: Select[Any], *, page: int = 1, per_page: int = 50,
    count_limit: int | None = None,
) -> tuple[int, bool]:
    """How many rows ``stmt`` returns, and whether counting stopped early (see
    ``paginate``): a capped count selects a constant, never the rows' columns."""
    counted = stmt.order_by(None)
    if count_limit is None:
        return session.scalar(select(func.count()).select_from(counted.subquery())) or 0, False
    limit = max(count_limit, page * per_page)
    ones: Select[Any] = counted.with_only_columns(literal_column("1"), maintain_column_froms=True)
    total = session.scalar(
        select(func.count()).select_from(ones.limit(limit + 1).subquery())) or 0
    return (limit, True) if total > limit else (total, False)
