"""The review queue: unreviewed claims, least certain first or by article, one action each."""

from __future__ import annotations

import re

from claims_app.cache import clear_all
from claims_app.claims.models import Claim, ClaimStatus
from claims_app.speakers.services import create_speaker
from tests.worlds.builders import make_article, make_claim


def _queue_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="queue-item" id="q-(\d+)"', page)]


def test_queue_lists_unreviewed_claims_least_confident_first(client, auth, claims):
    auth.login("reviewer")
    page = client.get("/review/").get_data(as_text=True)
    assert _queue_ids(page) == [claims["slow"].id, claims["calm"].id, claims["useful"].id]


def test_queue_leaves_out_reviewed_claims(client, auth, session, claims):
    claims["slow"].status = ClaimStatus.CONFIRMED
    session.commit()
    auth.login("reviewer")
    assert claims["slow"].id not in _queue_ids(client.get("/review/").get_data(as_text=True))


def test_queue_sorted_by_article_follows_reading_order(client, auth, claims):
    auth.login("reviewer")
    page = client.get("/review/?sort=article").get_data(as_text=True)
    assert _queue_ids(page) == [claims["useful"].id, claims["slow"].id, claims["calm"].id]
    assert '<li class="queue-article">' in page


def test_queue_ignores_an_unknown_sort(client, auth, claims):
    auth.login("reviewer")
    assert client.get("/review/?sort=nonsense").status_code == 200


def test_queue_offers_one_button_per_action_and_shortcut_help(client, auth, claims):
    auth.login("reviewer")
    page = client.get("/review/").get_data(as_text=True)
    item = page[page.index(f'id="q-{claims["slow"].id}"'):]
    item = item[: item.index("</li>")]
    assert 'name="action" value="accept"' in item and 'name="action" value="reject"' in item
    assert f'/claims/{claims["slow"].id}/edit?corrected=1' in item
    assert 'name="verdict"' in item and 'name="evidence_urls"' in item
    assert "<kbd>a</kbd> accept" in page and 'src="/static/queue.js"' in page


def test_accepting_from_the_queue_returns_to_the_queue(client, auth, session, claims):
    auth.login("reviewer")
    response = client.post(f"/claims/{claims['slow'].id}/status", data={
        "action": "accept", "version": claims["slow"].version, "next": "/review/?sort=article"})
    assert response.headers["Location"].endswith("/review/?sort=article")
    session.expire_all()
    assert session.get(Claim, claims["slow"].id).status is ClaimStatus.CONFIRMED


def test_verdict_from_the_queue_confirms_and_returns(client, auth, session, claims):
    auth.login("reviewer")
    response = client.post(f"/claims/{claims['slow'].id}/reviews", data={
        "verdict": "accurate_quote", "next": "/review/"})
    assert response.headers["Location"].endswith("/review/")
    session.expire_all()
    assert session.get(Claim, claims["slow"].id).status is ClaimStatus.CONFIRMED


def test_viewer_cannot_open_the_queue(client, auth, claims):
    auth.login("viewer")
    assert client.get("/review/").status_code == 403


def test_queue_has_no_inline_scripts(client, auth, claims):
    auth.login("reviewer")
    page = client.get("/review/").get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert not re.search(r"\son[a-z]+=", page)


def test_queue_query_count_does_not_grow_with_claims(client, auth, session, claims,
                                                     count_queries):
    auth.login("reviewer")
    client.get("/review/")
    clear_all()  # both views count the queue (its count is remembered)
    base = count_queries()
    client.get("/review/")
    few = count_queries() - base
    for i in range(15):
        body = f"Speaker {i} said something number {i} today."
        article = make_article(session, body, title=f"Article {i}")
        make_claim(session, article, f"something number {i}",
                   create_speaker(session, None, f"Speaker {i}"), confidence=0.1)
    session.commit()
    before = count_queries()
    client.get("/review/")
    many = count_queries() - before
    assert many == few
    assert many <= 10


def test_queue_narrowed_to_one_article(client, auth, session, claims):
    other = make_article(session, "Someone said nothing much.", title="Other")
    elsewhere = make_claim(session, other, "nothing much")
    session.commit()
    auth.login("reviewer")
    page = client.get(f"/review/?article={other.id}").get_data(as_text=True)
    assert _queue_ids(page) == [elsewhere.id]


def test_the_queue_count_is_remembered_until_a_claim_changes(client, auth, session, claims,
                                                             sent_statements):
    # The capped count reads up to 10,001 index entries; a second view reads none, and a
    # review (an audited change) makes the next view count again.
    auth.login("reviewer")
    first = client.get("/review/").get_data(as_text=True)
    sent_statements.clear()
    client.get("/review/")
    assert not [s for s in sent_statements if "count(*)" in s]
    claim = claims["calm"]
    client.post(f"/claims/{claim.id}/status", data={
        "action": "accept", "version": claim.version, "next": "/review/"})
    sent_statements.clear()
    again = client.get("/review/").get_data(as_text=True)
    assert [s for s in sent_statements if "count(*)" in s]
    assert _unreviewed(again) == _unreviewed(first) - 1


def _unreviewed(page: str) -> int:
    found = re.search(r"\((\d+) unreviewed\)", page)
    assert found, page[:2000]
    return int(found.group(1))
