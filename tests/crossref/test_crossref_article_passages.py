"""The article page's "Passages elsewhere" panel and the subtle marks in the body."""

from __future__ import annotations

from tests.worlds.crossref import SHARED


def _page(client, article_id: int, query: str = "") -> str:
    response = client.get(f"/articles/{article_id}{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_panel_lists_a_sentence_repeated_in_another_article(client, auth, world) -> None:
    auth.login("viewer")
    page = _page(client, world.first.id)
    start = world.second.body.index(SHARED)
    assert 'id="passages-elsewhere"' in page
    assert (f'/articles/{world.second.id}?passage={start}-{start + len(SHARED)}'
            f'#offset-{start}') in page
    assert "Envoy in Doha" in page and "APA" in page


def test_panel_says_so_when_nothing_recurs(client, auth, world) -> None:
    auth.login("viewer")
    page = _page(client, world.third.id)
    assert "No sentence of this article appears in another one." in page


def test_repeated_sentence_is_marked_and_anchored_in_the_body(client, auth, world) -> None:
    auth.login("viewer")
    page = _page(client, world.first.id)
    start = world.first.body.index(SHARED)
    assert f'<span class="repeated" id="offset-{start}">{SHARED}</span>' in page


def test_claim_highlighting_is_unchanged_beside_the_marks(client, auth, world) -> None:
    auth.login("viewer")
    page = _page(client, world.first.id)
    assert f'id="claim-{world.useful.id}"' in page
    assert ">the talks were useful</mark>" in page


def test_a_passage_inside_a_claim_gets_an_anchor_before_the_claim(client, auth, world) -> None:
    auth.login("viewer")
    page = _page(client, world.second.id)
    start = world.second.body.index(SHARED)
    assert f'<span class="" id="offset-{start}"></span><mark' in page
    assert f'id="claim-{world.shared_claim.id}"' in page


def test_passage_argument_points_out_the_linked_passage(client, auth, world) -> None:
    auth.login("viewer")
    start = world.first.body.index(SHARED)
    page = _page(client, world.first.id, f"?passage={start}-{start + len(SHARED)}")
    assert 'class="repeated passage-target"' in page


def test_a_nonsense_passage_argument_is_ignored(client, auth, world) -> None:
    auth.login("viewer")
    page = _page(client, world.first.id, "?passage=9-99999999")
    assert "passage-target" not in page
