"""The search results' download holds exactly the claims the search shows."""

from __future__ import annotations

import re

from tests.worlds.builders import make_article, make_claim
from tests.worlds.crossref import jsonl_claim_ids


def _shown_claim_ids(client, query: str) -> set[int]:
    """Claim hits on every page of a search."""
    ids: set[int] = set()
    page = 1
    while True:
        html = client.get(f"/search/?{query}&page={page}").get_data(as_text=True)
        found = {int(i) for i in re.findall(r'#claim-(\d+)">', html)}
        if not found or found <= ids:
            return ids
        ids |= found
        page += 1


def test_download_equals_the_claims_the_search_shows(client, auth, world) -> None:
    auth.login("viewer")
    shown = _shown_claim_ids(client, "q=useful+OR+ceasefire&type=claim")
    body = client.get("/search/export?format=jsonl&q=ceasefire").get_data(as_text=True)
    assert jsonl_claim_ids(body) == _shown_claim_ids(client, "q=ceasefire") == {
        world.ceasefire.id}
    assert shown == set()  # words are ANDed: nothing has both


def test_download_covers_every_page_of_results(client, auth, session, world) -> None:
    article = make_article(session, " ".join(f"Claim number {i} about tariffs here."
                                            for i in range(25)), title=None, published=None)
    for i in range(25):
        make_claim(session, article, f"Claim number {i} about tariffs here.", world.envoy)
    session.commit()
    auth.login("viewer")
    shown = _shown_claim_ids(client, "q=tariffs&type=claim")
    body = client.get("/search/export?format=jsonl&q=tariffs&type=claim").get_data(as_text=True)
    assert len(shown) == 25 and jsonl_claim_ids(body) == shown


def test_download_honours_the_search_filters(client, auth, world) -> None:
    auth.login("viewer")
    body = client.get("/search/export?format=jsonl&q=occupation&speaker=Elmar+Mammadyarov"
                      ).get_data(as_text=True)
    assert jsonl_claim_ids(body) == set()


def test_searching_only_articles_downloads_no_claims(client, auth, world) -> None:
    auth.login("viewer")
    body = client.get("/search/export?format=jsonl&q=ceasefire&type=article")
    assert jsonl_claim_ids(body.get_data(as_text=True)) == set()


def test_results_link_their_download_with_the_search_words(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get("/search/?q=ceasefire").get_data(as_text=True)
    assert "/search/export?format=jsonl&amp;q=ceasefire" in page


def test_every_format_honours_the_search(client, auth, world) -> None:
    auth.login("viewer")
    for fmt in ("json", "csv", "webannotation"):
        body = client.get(f"/search/export?format={fmt}&q=ceasefire").get_data(as_text=True)
        assert "does not hold" in body and "talks were useful" not in body
