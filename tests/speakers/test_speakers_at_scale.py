"""Speaker pages at scale: the chart from grouped counts, the claims a page at a time, and
the list counting only the speakers it shows (issue 8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event

from claims_app.claims.models import ClaimKind
from claims_app.speakers import listing as speaker_listing
from claims_app.speakers import services
from tests.worlds.builders import make_article, make_claim


def _many_claims(session, world, n: int) -> None:
    """``n`` more claims by Elmar: one article a month, the last few with no date at all."""
    for i in range(n):
        published = None if i >= n - 3 else dt.date(2020 + i // 12, 1 + i % 12, 5)
        article = make_article(session, f'Item {i}: "statement number {i}" was made.',
                               title=f"Item {i}", outlet=world.outlet, published=published)
        make_claim(session, article, f"statement number {i}", world.elmar,
                   kind=ClaimKind.DIRECT if i % 2 else ClaimKind.INDIRECT)
    session.commit()


class Statements:
    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.sql.append(statement)


def test_timeline_counts_group_claims_by_month_and_kind(session, world) -> None:
    counts = speaker_listing.timeline_counts(session, world.elmar.id)
    assert counts.months == [(dt.date(2019, 3, 1), "direct", 1),
                             (dt.date(2019, 3, 1), "indirect", 1)]
    assert (counts.undated, counts.total) == (0, 2)
    assert speaker_listing.timeline_counts(session, world.short.id).undated == 1


def test_timeline_page_keeps_the_timeline_order_across_pages(session, world) -> None:
    _many_claims(session, world, 60)
    whole = [(e.claim.id, e.basis) for e in speaker_listing.timeline(session, world.elmar.id)]
    paged = []
    for page in (1, 2):
        result = speaker_listing.timeline_page(session, world.elmar.id, page=page, per_page=50)
        assert result.total == 62
        paged += [(e.claim.id, e.basis) for e in result.items]
    assert paged == whole
    assert [basis for _, basis in paged[-3:]] == ["unknown"] * 3


def test_speaker_page_lists_fifty_claims_and_links_the_next_page(client, auth, session,
                                                                  world) -> None:
    _many_claims(session, world, 60)
    auth.login("viewer")
    first = client.get(f"/speakers/{world.elmar.id}").get_data(as_text=True)
    assert "(62 claims)" in first and first.count('<span class="when">') == 50
    assert f"/speakers/{world.elmar.id}?page=2" in first and "<svg" in first
    last = client.get(f"/speakers/{world.elmar.id}?page=2").get_data(as_text=True)
    assert last.count('<span class="when">') == 12 and "statement number 59" in last
    assert "unknown" in last


def test_speaker_page_reads_no_article_bodies_and_a_fixed_number_of_queries(
        client, auth, session, world, connection) -> None:
    _many_claims(session, world, 120)
    auth.login("viewer")
    seen = Statements()
    event.listen(connection, "before_cursor_execute", seen)
    try:
        assert client.get(f"/speakers/{world.elmar.id}?page=2").status_code == 200
    finally:
        event.remove(connection, "before_cursor_execute", seen)
    assert len(seen.sql) <= 12, len(seen.sql)  # 9, and 3 for the changes of position
    assert not any("articles.body" in s and "substr" not in s for s in seen.sql)
    assert not any("articles.raw" in s for s in seen.sql)


def test_speaker_list_counts_only_the_page_speakers(session, world) -> None:
    for i in range(5):
        speaker = services.create_speaker(session, None, f"Zed Speaker {i}")
        make_claim(session, world.dated, "progress was slow", speaker)
    page = speaker_listing.list_speakers(session, per_page=3, page=2)
    assert page.total == 7 and len(page.items) == 3
    by_name = {r.speaker.name: r.claim_count for r in speaker_listing.list_speakers(session).items}
    assert by_name["Elmar Mammadyarov"] == 2 and by_name["Zed Speaker 4"] == 1
    by_claims = speaker_listing.list_speakers(session, sort="-claims", per_page=2)
    assert [r.speaker.name for r in by_claims.items][0] == "Elmar Mammadyarov"


def test_speaker_list_second_page_runs_a_fixed_number_of_queries(
        client, auth, session, world, count_queries) -> None:
    for i in range(60):
        speaker = services.create_speaker(session, None, f"Extra Speaker {i:02}")
        make_claim(session, world.dated, "progress was slow", speaker)
    session.commit()
    auth.login("viewer")
    count_queries.count = 0
    page = client.get("/speakers/?page=2")
    assert page.status_code == 200 and "Extra Speaker" in page.get_data(as_text=True)
    assert count_queries.count <= 6, count_queries.count
