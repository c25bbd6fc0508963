"""The question pages: one form and one crossref.questions answer each."""

from __future__ import annotations

import datetime as dt

import pytest

from claims_app.claims.models import ClaimLink, LinkType
from tests.worlds.builders import make_article, make_claim, make_outlet, make_speaker

LINE = "the occupation of Azerbaijani territories threatens regional security"


@pytest.fixture
def world(session, users):
    trend = make_outlet(session, "Trend")
    minister = make_speaker(session, "Elmar Mammadyarov")
    envoy = make_speaker(session, "Rizwan Saeed Sheikh")
    early = make_article(session, f"The envoy said {LINE}. Trade grew.", title="Envoy early",
                         outlet=trend, published=dt.date(2018, 2, 1))
    late = make_article(session, f"The minister said {LINE}. He also said the ceasefire holds.",
                        title="Minister late", published=dt.date(2020, 6, 1))
    undated = make_article(session, "The envoy said the ceasefire does not hold.",
                           title="Undated", published=None)
    c_envoy = make_claim(session, early, LINE, envoy)
    c_minister = make_claim(session, late, LINE, minister, said_on=dt.date(2020, 5, 30))
    c_holds = make_claim(session, late, "the ceasefire holds", minister)
    c_not = make_claim(session, undated, "the ceasefire does not hold", envoy)
    session.add(ClaimLink(source_claim_id=c_not.id, target_claim_id=c_holds.id,
                          link_type=LinkType.CONTRADICTS))
    session.commit()
    return {"minister": minister, "envoy": envoy, "c_envoy": c_envoy,
            "c_minister": c_minister, "c_holds": c_holds, "c_not": c_not, "early": early}


def _get(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.get_data(as_text=True)


def test_index_holds_the_five_question_forms(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/")
    for action in ("said-about", "who-else-said", "first-said", "said-between",
                   "contradictions"):
        assert f'action="/questions/{action}"' in page


def test_index_gives_each_field_its_own_id(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/")
    assert 'id="about-speaker"' in page and 'id="between-speaker"' in page


def test_question_pages_need_a_login(client, world) -> None:
    assert client.get("/questions/said-about?speaker=x&topic=y").status_code == 302


def test_an_unasked_question_shows_only_its_form(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/said-about")
    assert 'name="topic"' in page and 'class="answers"' not in page


def test_said_about_lists_the_speakers_claims_on_the_topic(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/said-about?speaker=Elmar+Mammadyarov&topic=ceasefire")
    assert f'href="/claims/{world["c_holds"].id}"' in page
    assert f'href="/claims/{world["c_minister"].id}"' not in page


def test_said_about_takes_a_speaker_number(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, f"/questions/said-about?speaker={world['minister'].id}&topic=ceasefire")
    assert f'href="/claims/{world["c_holds"].id}"' in page


def test_answers_show_speaker_date_and_article(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/said-about?speaker=Elmar+Mammadyarov&topic=occupation")
    assert "Elmar Mammadyarov" in page and "said 30 May 2020" in page
    assert "Minister late" in page


def test_an_unknown_speaker_is_an_error_beside_the_field(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/said-about?speaker=Nobody+Atall&topic=x", 400)
    assert 'id="speaker-error"' in page


def test_a_missing_topic_is_an_error(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/said-about?speaker=Elmar+Mammadyarov&topic=", 400)
    assert 'id="topic-error"' in page


def test_who_else_said_lists_other_speakers(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, f"/questions/who-else-said?claim={world['c_minister'].id}")
    assert f'href="/claims/{world["c_envoy"].id}"' in page and "Rizwan Saeed Sheikh" in page


def test_who_else_said_of_an_unknown_claim_is_an_error(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/who-else-said?claim=999999", 400)
    assert 'id="claim-error"' in page


def test_who_else_said_of_a_non_number_is_an_error(client, auth, world) -> None:
    auth.login("viewer")
    _get(client, "/questions/who-else-said?claim=abc", 400)


def test_claim_page_links_to_who_else_said(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, f"/claims/{world['c_minister'].id}")
    assert f'/questions/who-else-said?claim={world["c_minister"].id}' in page


def test_first_said_of_a_claim_is_the_earliest_claim(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, f"/questions/first-said?claim={world['c_minister'].id}")
    assert "First on record: 1 February 2018" in page
    assert f'href="/claims/{world["c_envoy"].id}"' in page and "Rizwan Saeed Sheikh" in page


def test_first_said_of_text(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/first-said?text=" + LINE.upper().replace(" ", "+"))
    assert "First on record: 1 February 2018" in page and "Trend" in page


def test_first_said_of_unknown_text_says_so(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/first-said?text=Penguins+rule+the+whole+of+Antarctica+now")
    assert "not in any stored article" in page


def test_first_said_needs_text_or_a_claim(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/first-said?text=&claim=", 400)
    assert 'id="text-error"' in page


def test_said_between_lists_the_claims_in_the_period(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/said-between?speaker=Elmar+Mammadyarov"
                        "&start=2020-06-01&end=2020-06-30")
    assert f'href="/claims/{world["c_holds"].id}"' in page
    assert f'href="/claims/{world["c_minister"].id}"' not in page  # said 30 May


def test_said_between_a_bad_date_is_an_error_not_a_crash(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/said-between?speaker=Elmar+Mammadyarov&start=2020-02-31",
                400)
    assert 'id="start-error"' in page


def test_said_between_reversed_dates_are_an_error(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/said-between?speaker=Elmar+Mammadyarov"
                        "&start=2021-01-01&end=2020-01-01", 400)
    assert "before the start date" in page


def test_contradictions_list_both_claims(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/contradictions?topic=ceasefire")
    assert f'href="/claims/{world["c_not"].id}"' in page
    assert f'href="/claims/{world["c_holds"].id}"' in page


def test_an_undated_claim_shows_unknown(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/contradictions?topic=ceasefire")
    assert "said: unknown" in page


def test_no_contradictions_says_so(client, auth, world) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/contradictions?topic=occupation")
    assert '<p class="muted empty">No claims on this topic' in page
    assert "<ol class=\"contradictions\">" not in page


def test_first_said_of_an_unknown_claim_is_an_error_beside_the_claim(client, auth, world
                                                                    ) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/first-said?claim=999999", 400)
    assert 'id="claim-error"' in page and "There is no claim 999999." in page


def test_said_between_an_unknown_speaker_is_an_error_beside_the_speaker(client, auth, world
                                                                       ) -> None:
    auth.login("viewer")
    page = _get(client, "/questions/said-between?speaker=Nobody+Atall"
                        "&start=2020-01-01&end=2020-12-31", 400)
    assert 'id="speaker-error"' in page and "No speaker is called" in page
