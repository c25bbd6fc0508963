"""Annotating from the article page: the panel's JSON answers from the annotate view, the
overlap check, the edit page's window of text for re-spanning, and contradictory input shown
beside its field."""

from __future__ import annotations

from sqlalchemy import func, select

from claims_app.claims.models import Claim, ClaimKind
from claims_app.speakers.models import SpeakerKind
from tests.worlds.annotate import BODY
from tests.worlds.builders import make_article, make_claim

JSON = {"Accept": "application/json"}
CALM = "the border was calm"


def _span(text: str) -> dict[str, object]:
    start = BODY.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def test_the_panel_posts_to_the_annotate_view_and_gets_the_claim_back(
    client, auth, session, article
):
    auth.login("reviewer")
    response = client.post(f"/claims/new/{article.id}", headers=JSON, data={
        **_span(CALM), "kind": "paraphrase", "speaker": "The ministry", "create_speaker": "y",
        "new_speaker_kind": "organization", "tags": "border"})
    assert response.status_code == 201, response.get_data(as_text=True)
    data = response.json
    claim = session.get(Claim, data["id"])
    assert claim is not None and claim.text == CALM and claim.kind is ClaimKind.PARAPHRASE
    assert data["start"] == claim.start and data["kind"] == "paraphrase"
    assert data["status"] == "unreviewed" and data["url"] == f"/claims/{claim.id}"
    assert claim.speaker is not None and claim.speaker.kind is SpeakerKind.ORGANIZATION


def test_the_panel_gets_errors_by_field_and_nothing_is_stored(client, auth, session, article):
    auth.login("reviewer")
    before = session.scalar(select(func.count(Claim.id)))
    response = client.post(f"/claims/new/{article.id}", headers=JSON, data={
        **_span(CALM), "kind": "assertion", "speaker": "Nobody Known"})
    assert response.status_code == 400
    assert "speaker" in response.json["errors"]
    response = client.post(f"/claims/new/{article.id}", headers=JSON, data={
        **_span(CALM), "kind": "paraphrase", "said_on": "not a date"})
    assert response.status_code == 400 and "said_on" in response.json["errors"]
    assert session.scalar(select(func.count(Claim.id))) == before


def test_an_assertion_with_a_speaker_is_refused_beside_the_kind(
    client, auth, session, article, elmar
):
    auth.login("reviewer")
    response = client.post(f"/claims/new/{article.id}", data={
        **_span(CALM), "kind": "assertion", "speaker": "Elmar Mammadyarov"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="kind-error"' in page and "no named speaker" in page
    assert 'value="Elmar Mammadyarov"' in page  # what was typed is kept


def test_a_late_said_on_is_refused_beside_the_date_in_the_panel(client, auth, article):
    auth.login("reviewer")
    response = client.post(f"/claims/new/{article.id}", headers=JSON, data={
        **_span(CALM), "kind": "paraphrase", "said_on": "2019-03-20"})
    assert response.status_code == 400
    assert "after the article came out" in response.json["errors"]["said_on"][0]


def test_add_claim_with_nothing_selected_explains_what_to_do(client, auth, article):
    auth.login("reviewer")
    page = client.get(f"/claims/new/{article.id}?start=&end=").get_data(as_text=True)
    assert 'id="no-selection"' in page and "select the words of the claim" in page
    start = BODY.index(CALM)
    chosen = client.get(f"/claims/new/{article.id}?start={start}&end={start + 5}")
    assert 'id="no-selection"' not in chosen.get_data(as_text=True)


def test_the_article_page_holds_the_panel_for_annotators_only(client, auth, article):
    auth.login("reviewer")
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert 'id="annotate-panel"' in page and f'action="/claims/new/{article.id}"' in page
    assert 'name="new_speaker_kind"' in page and 'rel="icon"' in page
    auth.logout()
    auth.login("viewer")
    assert 'id="annotate-panel"' not in client.get(f"/articles/{article.id}").get_data(
        as_text=True)


def test_overlapping_names_the_claims_under_a_selection(client, auth, session, article, claims):
    auth.login("reviewer")
    start = BODY.index(CALM)
    found = client.get(f"/claims/overlapping/{article.id}?start={start + 2}&end={start + 8}")
    assert [c["id"] for c in found.json] == [claims["calm"].id]
    assert found.json[0]["edit_url"] == f"/claims/{claims['calm'].id}/edit"
    assert client.get(f"/claims/overlapping/{article.id}?start=0&end=5").json == []
    assert client.get(f"/claims/overlapping/{article.id}?start=5&end=5").status_code == 400


def test_the_edit_page_shows_a_window_of_text_with_the_claim_marked(
    client, auth, session, outlet
):
    body = "Filler words go here. " * 2000 + 'The mayor said "we will rebuild". ' + "More. " * 2000
    article = make_article(session, body, outlet=outlet, title="Long")
    claim = make_claim(session, article, "we will rebuild")
    session.commit()
    auth.login("reviewer")
    page = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    assert '<mark class="respan-mark" id="respan-mark">we will rebuild</mark>' in page
    assert "<details class=\"advanced\">" in page  # offsets kept, collapsed
    window = page.split('id="respan-text"', 1)[1].split("</span>", 1)[0]
    assert len(window) < 3500 < len(body)


def test_a_refused_span_opens_the_offsets_beside_the_error(client, auth, article, claims):
    auth.login("reviewer")
    claim = claims["calm"]
    response = client.post(f"/claims/{claim.id}/edit", data={
        "start": 3, "end": 9, "text": "not the text", "kind": "paraphrase",
        "version": str(claim.version)})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="span-error"' in page and "<details class=\"advanced\" open>" in page


def test_speaker_suggestions_cut_what_is_typed(client, auth, elmar):
    auth.login("reviewer")
    found = client.get("/claims/speaker-suggestions?q=" + "Mammadyarov" + "x" * 5000)
    assert found.status_code == 200 and found.json == []
    assert [s["name"] for s in client.get("/claims/speaker-suggestions?q=mammad").json] == [
        "Elmar Mammadyarov"]
