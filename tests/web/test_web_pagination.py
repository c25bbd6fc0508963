"""One per-page clamp: every list serves pages of 1 to 200 rows (search: 1 to 100)."""

from __future__ import annotations

import ast
from pathlib import Path

from claims_app.articles import listing as article_listing
from claims_app.audit import history
from claims_app.crossref.search import MAX_PER_PAGE as SEARCH_MAX_PER_PAGE
from claims_app.crossref.search import search
from claims_app.speakers import listing as speaker_listing
from claims_app.web import pagination
from claims_app.web.pagination import MAX_PER_PAGE, page_bounds

PACKAGE = Path(pagination.__file__).parent


def test_page_bounds_keeps_page_and_size_within_limits() -> None:
    assert page_bounds(0, 0) == (1, 1)
    assert page_bounds(-3, 10_000) == (1, MAX_PER_PAGE)
    assert page_bounds(4, 25) == (4, 25)
    assert page_bounds(2, 500, 100) == (2, 100)


def test_lists_serve_at_most_the_largest_page_however_many_rows_are_asked_for(
    session,
) -> None:
    assert speaker_listing.list_speakers(session, per_page=10_000).per_page == MAX_PER_PAGE
    assert article_listing.list_articles(session, per_page=10_000).per_page == MAX_PER_PAGE
    assert article_listing.list_articles(session, page=0, per_page=0).page == 1
    assert history.deleted_records(session, per_page=10_000).per_page == MAX_PER_PAGE
    found = search(session, "anything", per_page=10_000)
    assert found.per_page == SEARCH_MAX_PER_PAGE


def _is_clamp(node: ast.AST) -> bool:
    """``max(1, ...per_page...)``: the floor of a page-size clamp."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "max" and any(
                isinstance(a, ast.Constant) and a.value == 1 for a in node.args)
            and "per_page" in ast.unparse(node))


def test_no_module_clamps_pages_by_hand() -> None:
    # ``min(..., max(1, per_page))`` and its spellings belong to page_bounds alone.
    by_hand = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _is_clamp(node) and path.name != "pagination.py":
                by_hand.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not by_hand, by_hand
