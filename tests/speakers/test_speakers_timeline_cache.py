"""Speaker timelines at a million claims: the per-month counts are remembered until the
data changes, and a page reads only the months it shows, in the same order as before."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event

from claims_app.articles.services import update_article
from claims_app.claims.models import ClaimKind
from claims_app.claims.services import delete_claim
from claims_app.speakers import listing as speaker_listing
from claims_app.web.charts import timeline_chart_from_counts
from tests.worlds.builders import make_article, make_claim


def _spread(session, world, n: int) -> list:
    """``n`` claims by Elmar over about two years: some with a said date in another month
    than their article's, some in undated articles, several per month (ties by id)."""
    claims = []
    for i in range(n):
        published = None if i % 11 == 0 else dt.date(2020 + i % 2, 1 + i % 12, 1 + i % 27)
        said_on = dt.date(2019, 1 + i % 12, 15) if i % 5 == 0 else None
        article = make_article(session, f'Item {i}: "statement number {i}" was made.',
                               title=f"Item {i}", outlet=world.outlet, published=published)
        claims.append(make_claim(session, article, f"statement number {i}", world.elmar,
                                 kind=ClaimKind.DIRECT if i % 3 else ClaimKind.INDIRECT,
                                 said_on=said_on))
    session.commit()
    return claims


def _statements(connection: Any, action: Any) -> list[str]:
    seen: list[str] = []

    def listener(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(connection, "before_cursor_execute", listener)
    try:
        action()
    finally:
        event.remove(connection, "before_cursor_execute", listener)
    return seen


def test_pages_read_by_month_keep_the_timeline_order(session, world) -> None:
    _spread(session, world, 80)
    whole = [(e.claim.id, e.basis) for e in speaker_listing.timeline(session, world.elmar.id)]
    counts = speaker_listing.timeline_counts(session, world.elmar.id)
    paged: list[tuple[int, str]] = []
    for page in range(1, 14):
        result = speaker_listing.timeline_page(session, world.elmar.id, page=page, per_page=7,
                                               total=counts.total)
        paged += [(e.claim.id, e.basis) for e in result.items]
    assert paged == whole
    assert {basis for _, basis in paged} == {"said", "published", "unknown"}


def test_a_page_past_the_end_is_empty(session, world) -> None:
    _spread(session, world, 12)
    counts = speaker_listing.timeline_counts(session, world.elmar.id)
    page = speaker_listing.timeline_page(session, world.elmar.id, page=9, total=counts.total)
    assert page.items == []


def test_counts_are_remembered_while_nothing_changes(session, world, connection) -> None:
    _spread(session, world, 20)
    first = speaker_listing.timeline_counts(session, world.elmar.id)
    again: list[Any] = []
    sql = _statements(connection, lambda: again.append(
        speaker_listing.timeline_counts(session, world.elmar.id)))
    assert again == [first]
    assert len(sql) == 1  # the fingerprint only
    assert "GROUP BY" not in sql[0]


def test_counts_follow_an_edited_article_date(session, world) -> None:
    claims = _spread(session, world, 20)
    article = next(c.article for c in claims if c.said_on is None and c.article.published)
    speaker_listing.timeline_counts(session, world.elmar.id)
    update_article(session, None, article, {"published": dt.date(1999, 6, 1)},
                   expected_version=None)
    session.commit()
    months = {m for m, _, _ in speaker_listing.timeline_counts(session, world.elmar.id).months}
    assert dt.date(1999, 6, 1) in months


def test_counts_follow_a_deleted_claim(session, world) -> None:
    claims = _spread(session, world, 20)
    before = speaker_listing.timeline_counts(session, world.elmar.id).total
    delete_claim(session, None, claims[3])
    session.commit()
    assert speaker_listing.timeline_counts(session, world.elmar.id).total == before - 1


def test_counts_follow_a_new_claim(session, world) -> None:
    _spread(session, world, 5)
    before = speaker_listing.timeline_counts(session, world.elmar.id).total
    _spread_one = make_article(session, 'Later: "one more statement" was made.',
                               title="Later", outlet=world.outlet, published=dt.date(2024, 2, 2))
    make_claim(session, _spread_one, "one more statement", world.elmar)
    session.commit()
    counts = speaker_listing.timeline_counts(session, world.elmar.id)
    assert counts.total == before + 1
    assert (dt.date(2024, 2, 1), "direct", 1) in counts.months


def test_a_chart_drawn_again_from_the_same_counts_is_not_redrawn() -> None:
    counts = [(dt.date(2020, 1, 1), "direct", 3), (dt.date(2020, 3, 1), "indirect", 1)]
    first = timeline_chart_from_counts("What X said", counts)
    assert timeline_chart_from_counts("What X said", list(counts)) is first
    assert timeline_chart_from_counts("What Y said", counts) is not first
