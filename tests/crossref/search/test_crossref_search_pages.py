"""The search page: the box, filters, highlighted snippets, paging and the export link."""

from __future__ import annotations

import datetime as dt

from tests.worlds.builders import make_article, make_claim


def test_search_highlights_the_matching_words(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get("/search/?q=useful").get_data(as_text=True)
    assert "<mark>useful</mark>" in page


def test_search_escapes_text_in_snippets(client, auth, session, world) -> None:
    article = make_article(session, 'He said "<b>bold</b> useful words" here.', title="X",
                           outlet=world.outlet, published=dt.date(2020, 1, 1))
    make_claim(session, article, "<b>bold</b> useful words", world.elmar)
    session.commit()
    auth.login("viewer")
    page = client.get("/search/?q=bold").get_data(as_text=True)
    assert "<b>bold" not in page and "&lt;b&gt;" in page


def test_search_filters_by_kind(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get("/search/?q=slow&kind=direct").get_data(as_text=True)
    assert "0 results" in page


def test_search_filters_by_speaker_name(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get("/search/?q=talks&type=claim&speaker=E.+Mammadyarov")
    assert "0 results" in page.get_data(as_text=True)


def test_unknown_speaker_filter_is_an_error_beside_the_field(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get("/search/?q=talks&speaker=Nobody+Atall")
    assert response.status_code == 400
    assert 'id="speaker-error"' in response.get_data(as_text=True)


def test_reversed_dates_are_an_error_keeping_the_input(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get("/search/?q=talks&said_from=2020-01-02&said_to=2020-01-01")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "before the start date" in page and 'value="2020-01-02"' in page


def test_results_offer_an_export_link_with_the_filters(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get("/search/?q=talks&kind=direct").get_data(as_text=True)
    assert "/search/export?format=csv&amp;kind=direct" in page


def test_export_downloads_the_filtered_claims_as_csv(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get("/search/export?format=csv&kind=indirect")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert "progress was slow" in body and "the talks were useful" not in body


def test_export_refuses_an_unknown_format(client, auth, world) -> None:
    auth.login("viewer")
    assert client.get("/search/export?format=exe").status_code == 400


def test_search_needs_login(client, world) -> None:
    assert client.get("/search/?q=talks").status_code == 302


def test_empty_search_shows_only_the_form(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get("/search/")
    assert response.status_code == 200 and "result" not in response.get_data(as_text=True)
