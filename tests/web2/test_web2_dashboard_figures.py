"""The dashboard's whole-archive figures: counted once, reused while nothing changes,
refreshed behind the page when something does (``claims_app.dashboard.figures``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from claims_app import create_app
from claims_app import migrate as migrations
from claims_app.claims.models import Claim, ClaimStatus
from claims_app.claims.services import set_status
from claims_app.dashboard import figures as figures_module
from claims_app.dashboard.figures import FiguresCache
from claims_app.dashboard.services import totals
from claims_app.db import get_db, make_engine
from claims_app.ingest.importer import import_paths
from tests.support import drop_postgres_database, new_database_url

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_the_first_view_counts_the_figures_in_the_request(session, world) -> None:
    figures = FiguresCache().view(session)
    assert figures.totals == totals(session)
    assert not figures.updating


def test_figures_are_reused_while_nothing_changes(session, world) -> None:
    cache = FiguresCache()
    first = cache.view(session)
    assert cache.view(session) is first


def test_a_change_marks_the_figures_as_updating_and_keeps_them(session, world) -> None:
    cache = FiguresCache()
    before = cache.view(session)
    set_status(session, None, world.useful, ClaimStatus.CONFIRMED)
    session.flush()
    after = cache.view(session)  # no app: nothing to refresh on
    assert after.updating and after.totals == before.totals


def test_on_a_test_connection_a_change_is_counted_in_the_request(app, session, world) -> None:
    cache = FiguresCache()
    before = cache.view(session, app=app)
    set_status(session, None, world.useful, ClaimStatus.CONFIRMED)
    session.flush()
    after = cache.view(session, app=app)
    assert not after.updating and after.totals.reviewed == before.totals.reviewed + 1


@pytest.fixture
def served_app(database_kind: str, tmp_path: Path):
    """An app on a database of its own, holding the seed articles, with sessions on real
    connections (as served), so refreshes run in their own thread."""
    url = new_database_url(database_kind, tmp_path)
    engine = make_engine(url)
    migrations.upgrade(engine, "head")
    engine.dispose()
    app = create_app({"DATABASE_URL": url, "TESTING": True})
    import_paths(get_db(app).sessionmaker, [SEEDS])
    yield app
    get_db(app).engine.dispose()
    if database_kind == "postgresql":
        drop_postgres_database(url)


def _confirm_one_claim(app) -> None:
    with get_db(app).sessionmaker() as s, s.begin():
        claim = s.scalars(select(Claim).where(Claim.status == ClaimStatus.UNREVIEWED)
                          .order_by(Claim.id).limit(1)).one()
        set_status(s, None, claim, ClaimStatus.CONFIRMED)


def _view(cache: FiguresCache, app):
    with app.app_context(), get_db(app).sessionmaker() as s:
        return cache.view(s, app=app)


def test_a_change_is_counted_behind_the_page_and_shown_on_a_later_view(served_app) -> None:
    clock = Clock()
    cache = FiguresCache(clock)
    before = _view(cache, served_app)
    _confirm_one_claim(served_app)
    clock.now += figures_module.MIN_REFRESH_SECONDS
    stale = _view(cache, served_app)
    cache.wait()
    fresh = _view(cache, served_app)
    assert stale.updating and stale.totals == before.totals
    assert not fresh.updating and fresh.totals.reviewed == before.totals.reviewed + 1
    assert fresh.as_of >= before.as_of


def test_refreshes_wait_their_turn_after_the_last_one(served_app) -> None:
    clock = Clock()
    cache = FiguresCache(clock)
    before = _view(cache, served_app)
    _confirm_one_claim(served_app)
    clock.now += figures_module.MIN_REFRESH_SECONDS / 2
    _view(cache, served_app)
    cache.wait()
    still = _view(cache, served_app)  # too soon after the last count: nothing was started
    assert still.updating and still.totals == before.totals
