"""Cross-referencing by search: the claim picker's type-ahead, suggested links in one click
with the version, a speaker's claims in search results and on their timeline, the passages
panel collapsed to a count, and derived titles for untitled articles."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.claims.models import ClaimLink
from claims_app.crossref.search import PICK_LIMIT, pick_claims, search
from claims_app.speakers.services import add_alias
from tests.worlds.builders import make_article, make_claim
from tests.worlds.crossref import SHARED, World


def test_picker_finds_claims_by_their_words(session: Session, world: World) -> None:
    found = pick_claims(session, "talks use")  # prefixes, as typed
    assert [c.id for c in found] == [world.useful.id]
    assert (found[0].speaker, found[0].article_title, found[0].why) == (
        "Elmar Mammadyarov", "Talks in Baku", "text")


def test_picker_finds_claims_by_speaker_alias_and_article(session: Session,
                                                          world: World) -> None:
    add_alias(session, world.envoy, "Sheikh Rizwan")
    session.commit()
    by_alias = {c.id: c.why for c in pick_claims(session, "Sheikh Riz")}
    assert by_alias == {world.shared_claim.id: "speaker", world.ceasefire.id: "speaker"}
    by_article = {c.id: c.why for c in pick_claims(session, "Baku")}
    assert by_article == {world.useful.id: "article"}
    assert [c.id for c in pick_claims(session, str(world.ceasefire.id))][:1] == [
        world.ceasefire.id]
    assert world.useful.id not in {c.id for c in pick_claims(session, "talks",
                                                             exclude=world.useful.id)}


def test_picker_returns_at_most_ten_in_few_queries(session: Session, world: World,
                                                   count_queries: Any) -> None:
    body = " ".join(f"The border number {i} was calm." for i in range(30))
    article = make_article(session, body, title="Many borders", published=None)
    for i in range(30):
        make_claim(session, article, f"The border number {i} was calm")
    session.commit()
    before = count_queries()
    found = pick_claims(session, "border")
    assert len(found) == PICK_LIMIT
    assert count_queries() - before <= 6


def test_pick_json_answers_the_type_ahead(client: Any, auth: Any, world: World) -> None:
    auth.login("viewer")
    rows = client.get("/claims/pick.json?q=ceasefire").get_json()
    assert [r["id"] for r in rows] == [world.ceasefire.id]
    assert rows[0]["speaker"] == "Rizwan Sheikh" and rows[0]["article"] == "Ceasefire"
    assert client.get("/claims/pick.json?q=").get_json() == []


def test_the_link_form_and_question_forms_carry_the_picker(client: Any, auth: Any,
                                                            world: World) -> None:
    auth.login("reviewer")
    page = client.get(f"/claims/{world.useful.id}").get_data(as_text=True)
    assert 'data-claim-picker="on"' in page and "claim-picker.js" in page
    assert f'name="version" type="hidden" value="{world.useful.version}"' in page or \
        f'name="version" value="{world.useful.version}"' in page
    for url in ("/questions/who-else-said", "/questions/first-said"):
        asked = client.get(url).get_data(as_text=True)
        assert 'data-claim-picker="on"' in asked and "claim-picker.js" in asked


def test_a_link_posts_with_the_version_and_a_stale_one_is_refused(
        client: Any, auth: Any, session: Session, world: World) -> None:
    auth.login("reviewer")
    stale = client.post(f"/claims/{world.useful.id}/links", data={
        "link_type": "repeats", "target_id": world.shared_claim.id,
        "version": world.useful.version + 5})
    assert stale.status_code == 400
    assert session.scalar(select(ClaimLink)) is None
    done = client.post(f"/claims/{world.useful.id}/links", data={
        "link_type": "repeats", "target_id": world.shared_claim.id,
        "version": world.useful.version})
    assert done.status_code == 303
    assert session.scalar(select(ClaimLink.target_claim_id)) == world.shared_claim.id


def test_searching_a_speaker_lists_their_claims(client: Any, auth: Any, session: Session,
                                                world: World) -> None:
    add_alias(session, world.envoy, "the envoy from Doha")
    session.commit()
    results = search(session, "Rizwan")
    speaker_hits = [h for h in results.hits if h.entity.value == "speaker"]
    assert speaker_hits and speaker_hits[0].claim_count == 2
    assert {c.id for c in speaker_hits[0].claims} == {world.shared_claim.id,
                                                      world.ceasefire.id}
    auth.login("viewer")
    page = client.get("/search/?q=envoy+from+Doha").get_data(as_text=True)
    assert "Their claims (2)" in page and f"/claims/{world.ceasefire.id}" in page


def test_timeline_entries_link_to_their_claims(client: Any, auth: Any, world: World) -> None:
    auth.login("viewer")
    page = client.get(f"/speakers/{world.envoy.id}").get_data(as_text=True)
    assert f'class="timeline-claim" href="/claims/{world.ceasefire.id}"' in page


def test_passages_panel_is_a_count_with_the_list_on_demand(client: Any, auth: Any,
                                                          world: World) -> None:
    auth.login("viewer")
    page = client.get(f"/articles/{world.first.id}").get_data(as_text=True)
    panel = page[page.index('id="passages-elsewhere"'):]
    assert '<details class="passage-elsewhere">' in panel
    assert "<summary>in 1 other article</summary>" in panel
    assert "Envoy in Doha" in panel[panel.index("<summary>"):]
    legend = page[page.index('class="legend'):]
    assert "a passage found in another article" in legend[:legend.index("</p>")]
    assert SHARED[:30] in panel


def test_untitled_articles_show_a_derived_title_everywhere(
        client: Any, auth: Any, session: Session, world: World) -> None:
    body = ("Residents of the border villages said they had heard no shooting for a week "
            "and that the schools had opened again. Nothing else was said.")
    article = make_article(session, body, title=None, published=None)
    claim = make_claim(session, article, "they had heard no shooting for a week")
    session.commit()
    derived = ("Residents of the border villages said they had heard no shooting for a "
               "week and…")
    assert article.display_title == derived and article.title is None
    auth.login("reviewer")
    for url in ("/articles/", f"/articles/{article.id}", "/review/",
                "/search/?q=shooting", f"/claims/{claim.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "[untitled]" not in page, url
        assert "derived-title" in page and "(derived title)" in page, url
    rows = client.get("/claims/pick.json?q=shooting").get_json()
    assert rows[0]["article"] == derived and rows[0]["derived_title"] is True
    # Exports keep the real, empty title.
    exported = client.get("/export/?format=jsonl").get_data(as_text=True)
    assert claim.text in exported
    assert derived not in exported
