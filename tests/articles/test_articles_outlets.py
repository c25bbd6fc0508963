"""One get-or-create for outlets: the article forms, the API, the importer and restore all
name an outlet the same way, so one name never becomes two outlets."""

from __future__ import annotations

from sqlalchemy import func, select

from claims_app.articles.models import Outlet
from claims_app.articles.services import get_or_create_outlet, update_article
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import store_draft


def _outlet_count(session) -> int:
    return session.scalar(select(func.count()).select_from(Outlet)) or 0


def test_a_new_name_creates_an_outlet_and_says_so(session) -> None:
    outlet, created = get_or_create_outlet(session, "  The   Wire ", homepage="https://w.example")
    assert created and outlet is not None
    assert (outlet.name, outlet.homepage) == ("The Wire", "https://w.example")


def test_the_same_name_spaced_differently_finds_the_same_outlet(session) -> None:
    first, _ = get_or_create_outlet(session, "The Wire")
    again, created = get_or_create_outlet(session, "The\tWire  ")
    assert again is first and not created
    assert _outlet_count(session) == 1


def test_no_name_means_no_outlet(session) -> None:
    assert get_or_create_outlet(session, "   ") == (None, False)
    assert get_or_create_outlet(session, None) == (None, False)
    assert _outlet_count(session) == 0


def test_a_batch_cache_spares_the_lookup_and_is_filled(session) -> None:
    cache: dict[str, Outlet] = {}
    outlet, _ = get_or_create_outlet(session, "Daily Planet", cache=cache)
    assert cache == {"Daily Planet": outlet}
    assert get_or_create_outlet(session, "Daily  Planet", cache=cache) == (outlet, False)


def test_the_importer_and_an_article_edit_share_one_outlet(session, users) -> None:
    imported, _ = store_draft(session, ArticleDraft(
        body="A body long enough to be an article.", source_name="a.txt", title="A",
        outlet="Daily  Planet"), users["editor"], extract=False)
    other, _ = store_draft(session, ArticleDraft(
        body="Another body, a different article.", source_name="b.txt", title="B"),
        users["editor"], extract=False)
    update_article(session, users["editor"], other, {"outlet": " Daily Planet"},
                   expected_version=None)
    assert other.outlet is imported.outlet
    assert _outlet_count(session) == 1
