"""The review queue at scale: pages by key, a count that stops, hand-entered claims among
the certain ones, and a fixed number of queries however long the queue."""

from __future__ import annotations

import re

from claims_app.cache import clear_all
from claims_app.claims.models import ClaimStatus
from claims_app.review import services
from claims_app.speakers.services import create_speaker
from tests.worlds.builders import make_article, make_claim


def _queue_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="queue-item" id="q-(\d+)"', page)]


def _next_link(page: str) -> str:
    found = re.search(r'<a href="([^"]+)">Next →</a>', page)
    assert found, "no Next link"
    return found.group(1).replace("&amp;", "&")


def _many_claims(session, n: int, *, every_third_by_hand: bool = True, tag: str = "") -> list:
    """n unreviewed claims, confidences cycling through a few values (ties included); with
    ``every_third_by_hand`` every third has no confidence (entered by hand)."""
    body = " ".join(f"Sentence number {i} was said." for i in range(n)) + tag
    article = make_article(session, body)
    out = []
    for i in range(n):
        confidence = None if every_third_by_hand and i % 3 == 0 else [0.2, 0.5, 1.0, 0.7][i % 4]
        out.append(make_claim(session, article, f"Sentence number {i} was said.",
                              confidence=confidence))
    session.commit()
    return out


def _expected_order(claims) -> list[int]:
    return [c.id for c in sorted(claims, key=lambda c: (
        1.0 if c.confidence is None else c.confidence, c.id))]


def test_hand_entered_claims_sort_as_certain_among_the_confidence_one_claims(
        session, users) -> None:
    claims = _many_claims(session, 12)
    page = services.review_page(session, per_page=50)
    assert [c.id for c in page.items] == _expected_order(claims)


def _walk_next_links(client, url: str, pages: int = 5) -> tuple[list[int], list[str]]:
    """The claim ids of the queue pages reached by following Next from ``url``, and the
    Next links followed."""
    seen: list[int] = []
    links: list[str] = []
    for _ in range(pages):
        page = client.get(url).get_data(as_text=True)
        seen += _queue_ids(page)
        if "Next →" not in page:
            break
        url = _next_link(page)
        links.append(url)
    return seen, links


def test_following_next_links_walks_the_whole_queue_once_in_order(
        client, auth, session, users) -> None:
    claims = _many_claims(session, 47)
    auth.login("reviewer")
    seen, links = _walk_next_links(client, "/review/")
    assert all("after=" in url for url in links)
    assert seen == _expected_order(claims)


def test_following_next_links_by_article_walks_the_queue_in_reading_order(
        client, auth, session, users) -> None:
    first = _many_claims(session, 25, every_third_by_hand=False)
    second = _many_claims(session, 25, every_third_by_hand=False, tag=" Again.")
    auth.login("reviewer")
    seen, _links = _walk_next_links(client, "/review/?sort=article")
    assert seen == [c.id for c in second] + [c.id for c in first]


def test_a_page_number_without_a_cursor_still_pages_by_offset(session, users) -> None:
    claims = _many_claims(session, 30)
    page = services.review_page(session, page=2, per_page=10)
    assert [c.id for c in page.items] == _expected_order(claims)[10:20]


def test_a_malformed_cursor_is_ignored(client, auth, session, users) -> None:
    _many_claims(session, 5)
    auth.login("reviewer")
    for cursor in ("nonsense", "nan_3", "1.0_x", "1_2_3_4"):
        assert client.get(f"/review/?after={cursor}").status_code == 200
        assert client.get(f"/review/?sort=article&after={cursor}").status_code == 200


def test_queue_count_stops_at_the_limit(client, auth, session, users, monkeypatch) -> None:
    _many_claims(session, 25)
    monkeypatch.setattr(services, "QUEUE_COUNT_LIMIT", 5)  # but never less than one page
    auth.login("reviewer")
    page = client.get("/review/").get_data(as_text=True)
    assert "(more than 20 unreviewed)" in page
    assert "Next →" in page


def test_reviewed_claims_leave_the_count(session, users) -> None:
    claims = _many_claims(session, 6)
    claims[0].status = ClaimStatus.REJECTED
    session.commit()
    page = services.review_page(session)
    assert (page.total, page.capped) == (5, False)


def test_queue_query_count_does_not_grow_with_claims_or_speakers(
        client, auth, session, users, count_queries) -> None:
    auth.login("reviewer")
    claims = _many_claims(session, 3)
    claims[0].speaker = create_speaker(session, None, "Speaker number one")
    session.commit()
    client.get("/review/")  # warm up: login, first load
    clear_all()  # every view below counts the queue (its count is remembered)
    before = count_queries()
    client.get("/review/")
    few = count_queries() - before
    more = _many_claims(session, 40, tag=" More.")
    for i, claim in enumerate(more):
        claim.speaker = create_speaker(session, None, f"Speaker {i} of many")
    session.commit()
    before = count_queries()
    client.get("/review/")
    clear_all()
    client.get("/review/?sort=article")
    many = (count_queries() - before) / 2
    assert many == few
    assert many <= 9  # 8, and one for the page's known fact-checks
    assert claims  # the first claims are still in the queue
