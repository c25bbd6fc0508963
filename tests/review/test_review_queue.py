"""The review queue with context: the sentences around each claim, its cue, speaker, role and
runner-up, its article; filters that narrow it and stay in the paging links; a cost that
does not grow with the page size; corrections of the speaker and the span made in place."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from claims_app.cache import clear_all
from claims_app.claims.models import Claim, ClaimKind, ClaimStatus
from claims_app.desk import services as desk
from claims_app.review.forms import QueueFilterForm
from claims_app.review.services import (
    CONTEXT_CHARS,
    QUEUE_FLAGS,
    QueueFilters,
    queue_context,
    review_page,
)
from claims_app.speakers.models import Speaker
from claims_app.speakers.services import create_speaker
from tests.worlds.builders import make_article, make_claim, make_outlet, make_speaker

BODY = ("The summit opened on Monday. Foreign Minister Elmar Mammadyarov said \"the talks "
        "were useful\" after the first session. He added that progress was slow. The ministry "
        "said the border was calm. Observers were not told more.")


def _ids(page: Any) -> list[int]:
    return [c.id for c in page.items]


def test_context_is_the_sentence_before_and_after() -> None:
    start = BODY.index("the talks")
    end = start + len("the talks were useful")
    ctx = queue_context(BODY[:start], BODY[end:end + CONTEXT_CHARS], 0, True,
                        BODY[start:end])
    assert ctx.before == 'The summit opened on Monday. Foreign Minister Elmar Mammadyarov said "'
    assert ctx.after == '" after the first session. He added that progress was slow.'
    assert (ctx.start, ctx.cut_before, ctx.cut_after) == (0, False, False)


def test_context_of_a_claim_ending_its_sentence_is_the_next_sentence() -> None:
    text = "He added that progress was slow."
    start = BODY.index(text)
    end = start + len(text)
    ctx = queue_context(BODY[:start], BODY[end:end + CONTEXT_CHARS], 0, True, text)
    assert ctx.before == 'Mammadyarov said "the talks were useful" after the first session. ' \
        or ctx.before.endswith("after the first session. ")
    assert ctx.after == " The ministry said the border was calm."


def test_context_is_cut_at_a_word_in_a_long_run_without_stops() -> None:
    long = "word " * 200
    ctx = queue_context(long[:CONTEXT_CHARS], long[:CONTEXT_CHARS], 500, False, "x")
    assert ctx.cut_before and ctx.cut_after
    assert len(ctx.before) <= CONTEXT_CHARS and len(ctx.after) <= CONTEXT_CHARS
    assert ctx.before.startswith("word") and ctx.after.endswith("word")
    assert ctx.start > 500


def _world(session: Session) -> dict[str, Any]:
    trend, apa = make_outlet(session, "Trend"), make_outlet(session, "APA")
    elmar = make_speaker(session, "Elmar Mammadyarov", aliases=("Mammadyarov",))
    one = make_article(session, BODY, outlet=trend)
    two = make_article(session, BODY + " Later.", outlet=apa, title=None)
    claims = {
        "useful": make_claim(session, one, "the talks were useful", elmar, confidence=0.9),
        "slow": make_claim(session, one, "progress was slow", elmar, kind=ClaimKind.INDIRECT,
                           confidence=0.3),
        "calm": make_claim(session, two, "the border was calm", None,
                           kind=ClaimKind.PARAPHRASE, confidence=0.6),
        "hand": make_claim(session, two, "Observers were not told more"),
    }
    claims["useful"].runner_up_name, claims["useful"].runner_up_score = "Rizwan Sheikh", 0.41
    claims["useful"].cue = "said"
    session.commit()
    return {"trend": trend, "apa": apa, "elmar": elmar, "one": one, "two": two, **claims}


def test_filters_narrow_the_queue(session: Session, users: dict[str, Any]) -> None:
    w = _world(session)
    every = {w[k].id for k in ("useful", "slow", "calm", "hand")}
    assert set(_ids(review_page(session))) == every
    assert set(_ids(review_page(session, filters=QueueFilters(article_id=w["one"].id)))) == {
        w["useful"].id, w["slow"].id}
    assert set(_ids(review_page(session, filters=QueueFilters(
        speaker_id=w["elmar"].id)))) == {w["useful"].id, w["slow"].id}
    assert set(_ids(review_page(session, filters=QueueFilters(outlet_id=w["apa"].id)))) == {
        w["calm"].id, w["hand"].id}
    assert _ids(review_page(session, filters=QueueFilters(kind=ClaimKind.INDIRECT))) == [
        w["slow"].id]
    # Hand-entered claims count as certain (1.0) for the confidence range.
    assert set(_ids(review_page(session, filters=QueueFilters(
        min_confidence=0.5, max_confidence=0.95)))) == {w["useful"].id, w["calm"].id}
    assert set(_ids(review_page(session, filters=QueueFilters(min_confidence=0.95)))) == {
        w["hand"].id}
    w["slow"].status = ClaimStatus.REJECTED
    session.commit()
    assert w["slow"].id not in _ids(review_page(session))
    assert _ids(review_page(session, filters=QueueFilters(status="reviewed"))) == [w["slow"].id]
    assert _ids(review_page(session, filters=QueueFilters(status="rejected"))) == [w["slow"].id]
    assert set(_ids(review_page(session, filters=QueueFilters(status="any")))) == every


def test_each_item_shows_its_context_cue_runner_up_and_article(
        client: Any, auth: Any, session: Session, users: dict[str, Any]) -> None:
    w = _world(session)
    auth.login("reviewer")
    page = client.get("/review/").get_data(as_text=True)
    item = page[page.index(f'id="q-{w["useful"].id}"'):]
    item = item[:item.index("</li>")]
    assert "The summit opened on Monday. Foreign Minister Elmar Mammadyarov said &#34;" in item
    assert '<mark class="ctx-claim kind-direct">the talks were useful</mark>' in item
    assert "&#34; after the first session. He added that progress was slow." in item
    assert "runner-up: Rizwan Sheikh, 0.41" in item and "cue “said”" in item
    assert "Elmar Mammadyarov" in item and "Talks in Doha" in item and "Trend" in item
    assert "12 March 2019" in item
    untitled = page[page.index(f'id="q-{w["calm"].id}"'):]
    assert '<i class="derived-title"' in untitled[:untitled.index("</li>")]


def test_filters_stay_in_the_paging_links(
        client: Any, auth: Any, session: Session, users: dict[str, Any]) -> None:
    article = make_article(session, " ".join(f"Sentence number {i} is here." for i in range(30)))
    for i in range(25):
        make_claim(session, article, f"Sentence number {i} is here", confidence=0.5)
    session.commit()
    auth.login("reviewer")
    page = client.get(f"/review/?kind=direct&min_confidence=0.2&max_confidence=0.8"
                      f"&article={article.id}").get_data(as_text=True)
    nxt = re.search(r'href="([^"]+)">Next →', page)
    assert nxt is not None
    link = nxt.group(1).replace("&amp;", "&")
    for arg in ("kind=direct", "min_confidence=0.2", "max_confidence=0.8",
                f"article={article.id}", "after="):
        assert arg in link
    second = client.get(link).get_data(as_text=True)
    assert len(re.findall(r'class="queue-item"', second)) == 5


def test_every_queue_flag_is_a_form_field_read_into_the_filters_and_kept_in_links(
        app: Any) -> None:
    """A flag is one entry in QUEUE_FLAGS: the form has its field, turns "1" into the flag
    and writes it back into paging links; nothing else is passed by hand."""
    assert set(QUEUE_FLAGS) >= {"misquote", "paraphrase", "factchecked"}
    for name in QUEUE_FLAGS:
        with app.test_request_context(f"/review/?{name}=1&assigned=me"):
            form = QueueFilterForm(MultiDict({name: "1", "assigned": "me"}))
            assert form.validate()
            filters = form.filters(None, viewer_id=7)
            assert filters.flags == {name} and filters.assignee_id == 7
            assert form.args()[name] == "1" and form.args()["assigned"] == "me"
        with app.test_request_context("/review/"):
            form = QueueFilterForm(MultiDict({name: "yes"}))
            assert form.filters(None).flags == frozenset() and name not in form.args()


def test_flags_and_assigned_to_me_narrow_the_queue_together(
        session: Session, users: dict[str, Any]) -> None:
    w = _world(session)
    reviewer = users["reviewer"]
    desk.assign(session, users["editor"], assignee_id=reviewer.id, claim=w["slow"])
    session.commit()
    mine = review_page(session, filters=QueueFilters(status="any", assignee_id=reviewer.id))
    assert _ids(mine) == [w["slow"].id]
    none = review_page(session, filters=QueueFilters(status="any", assignee_id=reviewer.id,
                                                     flags=frozenset({"factchecked"})))
    assert _ids(none) == []


def test_bad_filters_are_refused_beside_their_field(
        client: Any, auth: Any, session: Session, users: dict[str, Any]) -> None:
    _world(session)
    auth.login("reviewer")
    response = client.get("/review/?min_confidence=0.9&max_confidence=0.1&speaker=Nobody+Here")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The upper bound is below the lower one." in page
    assert "No speaker is called “Nobody Here”." in page
    assert 'class="queue-item"' not in page
    # A speaker by alias works.
    ok = client.get("/review/?speaker=Mammadyarov")
    assert ok.status_code == 200 and ok.get_data(as_text=True).count('class="queue-item"') == 2


def test_page_cost_is_constant_in_page_size(
        session: Session, users: dict[str, Any], count_queries: Any) -> None:
    article = make_article(session, " ".join(f"Line {i} said so." for i in range(60)))
    for i in range(60):
        speaker = create_speaker(session, None, f"Speaker {i}")
        make_claim(session, article, f"Line {i} said so", speaker, confidence=i / 100)
    session.commit()
    session.expire_all()
    review_page(session, per_page=5)  # warm up
    clear_all()  # both reads below count the queue (its count is remembered)
    before = count_queries()
    small = review_page(session, per_page=5)
    few = count_queries() - before
    session.expire_all()
    clear_all()
    before = count_queries()
    large = review_page(session, per_page=50, sort="article")
    many = count_queries() - before
    assert (len(small.items), len(large.items)) == (5, 50)
    assert all(c.id in large.contexts for c in large.items)
    assert few == many <= 5


def test_the_speaker_is_corrected_in_place(
        client: Any, auth: Any, session: Session, users: dict[str, Any]) -> None:
    w = _world(session)
    auth.login("reviewer")
    claim = w["calm"]
    response = client.post(f"/claims/{claim.id}/correct", headers={"Accept": "application/json"},
                           data={"what": "speaker", "speaker": "Mammadyarov",
                                 "speaker_role": "foreign minister",
                                 "version": claim.version})
    assert response.status_code == 200, response.get_data(as_text=True)
    state = response.get_json()
    assert (state["speaker"], state["speaker_role"], state["status"]) == (
        "Elmar Mammadyarov", "foreign minister", "corrected")
    session.expire_all()
    stored = session.get(Claim, claim.id)
    assert stored is not None and stored.speaker_id == w["elmar"].id
    assert stored.text == "the border was calm" and stored.version == state["version"]
    # The same correction on the version the page showed before is a conflict, not a save.
    stale = client.post(f"/claims/{claim.id}/correct", headers={"Accept": "application/json"},
                        data={"what": "speaker", "speaker": "", "version": claim.version - 1
                              if claim.version > 1 else 1})
    assert stale.status_code == 409 and "errors" in stale.get_json()


def test_a_new_speaker_can_be_created_in_place_with_its_kind(
        client: Any, auth: Any, session: Session, users: dict[str, Any]) -> None:
    w = _world(session)
    auth.login("reviewer")
    response = client.post(f"/claims/{w['calm'].id}/correct",
                           headers={"Accept": "application/json"},
                           data={"what": "speaker", "speaker": "Border Guard Service",
                                 "create_speaker": "y", "new_speaker_kind": "organization",
                                 "version": w["calm"].version})
    assert response.status_code == 200, response.get_data(as_text=True)
    made = session.scalar(select(Speaker).where(Speaker.name == "Border Guard Service"))
    assert made is not None and made.kind.value == "organization"


def test_the_span_is_corrected_in_place(
        client: Any, auth: Any, session: Session, users: dict[str, Any]) -> None:
    w = _world(session)
    auth.login("reviewer")
    claim = w["slow"]
    start = w["one"].body.index("He added that progress was slow.")
    end = start + len("He added that progress was slow.")
    response = client.post(f"/claims/{claim.id}/correct", headers={"Accept": "application/json"},
                           data={"what": "span", "start": start, "end": end,
                                 "text": "He added that progress was slow.",
                                 "version": claim.version})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["text"] == "He added that progress was slow."
    session.expire_all()
    stored = session.get(Claim, claim.id)
    assert stored is not None and (stored.start, stored.end) == (start, end)
    assert stored.speaker_id == w["elmar"].id and stored.status is ClaimStatus.CORRECTED
    # Without JavaScript the form posts and returns to the queue.
    plain = client.post(f"/claims/{claim.id}/correct",
                        data={"what": "span", "start": start, "end": end - 1,
                              "version": stored.version, "next": "/review/"})
    assert plain.status_code == 303 and plain.headers["Location"].endswith("/review/")


def test_a_span_correction_without_a_span_is_refused(
        client: Any, auth: Any, session: Session, users: dict[str, Any]) -> None:
    w = _world(session)
    auth.login("reviewer")
    response = client.post(f"/claims/{w['slow'].id}/correct",
                           headers={"Accept": "application/json"},
                           data={"what": "span", "version": w["slow"].version})
    assert response.status_code == 400
    assert response.get_json()["errors"]["end"] == ["Select the claim's words in the text."]


def test_viewers_cannot_correct(client: Any, auth: Any, session: Session,
                                users: dict[str, Any]) -> None:
    w = _world(session)
    auth.login("viewer")
    response = client.post(f"/claims/{w['slow'].id}/correct",
                           data={"what": "speaker", "speaker": "", "version": 1})
    assert response.status_code == 403
