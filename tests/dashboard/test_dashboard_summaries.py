"""Whole-archive summaries: counted once, reused while nothing changes, recounted behind
the page when claims change (``claims_app.summaries``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from claims_app import create_app
from claims_app import migrate as migrations
from claims_app import summaries as summaries_module
from claims_app.claims.models import Claim, ClaimStatus
from claims_app.claims.services import set_status
from claims_app.db import get_db, make_engine
from claims_app.ingest.importer import import_paths
from claims_app.summaries import Summaries
from tests.support import drop_postgres_database, new_database_url

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def reviewed(session) -> int:
    return session.scalar(select(func.count(Claim.id))
                          .where(Claim.status != ClaimStatus.UNREVIEWED)) or 0


class Counter:
    """A summary that counts reviewed claims and remembers how often it was asked to."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, session) -> int:
        self.calls += 1
        return reviewed(session)


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_the_first_request_counts_in_the_call(session, world) -> None:
    summary = Summaries().get(session, "reviewed", reviewed)
    assert summary.value == reviewed(session) and not summary.updating


def test_a_summary_is_reused_while_no_claim_changes(session, world) -> None:
    cache, count = Summaries(), Counter()
    cache.get(session, "reviewed", count)
    cache.get(session, "reviewed", count)
    assert count.calls == 1


def test_without_an_app_a_change_is_counted_again_in_the_call(session, world) -> None:
    cache = Summaries()
    before = cache.get(session, "reviewed", reviewed).value
    set_status(session, None, world.useful, ClaimStatus.CONFIRMED)
    session.flush()
    after = cache.get(session, "reviewed", reviewed)
    assert after.value == before + 1 and not after.updating


def test_on_a_test_connection_a_change_is_counted_in_the_call(app, session, world) -> None:
    cache = Summaries()
    before = cache.get(session, "reviewed", reviewed, app=app).value
    set_status(session, None, world.useful, ClaimStatus.CONFIRMED)
    session.flush()
    assert cache.get(session, "reviewed", reviewed, app=app).value == before + 1


@pytest.fixture
def served_app(database_kind: str, tmp_path: Path):
    """An app on a database of its own, holding the seed articles, whose sessions open their
    own connections (as when served), so recounts run in a thread of their own."""
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


def _get(cache: Summaries, app, count=reviewed):
    with app.app_context(), get_db(app).sessionmaker() as s:
        return cache.get(s, "reviewed", count, app=app)


def test_a_change_is_counted_behind_the_page_and_shown_on_a_later_view(served_app) -> None:
    clock = Clock()
    cache = Summaries(clock)
    before = _get(cache, served_app)
    _confirm_one_claim(served_app)
    clock.now += summaries_module.MIN_RECOUNT_SECONDS
    stale = _get(cache, served_app)
    cache.wait()
    fresh = _get(cache, served_app)
    assert stale.updating and stale.value == before.value
    assert not fresh.updating and fresh.value == before.value + 1
    assert fresh.as_of >= before.as_of


def test_recounts_wait_their_turn_after_the_last_one(served_app) -> None:
    clock = Clock()
    cache = Summaries(clock)
    before = _get(cache, served_app)
    _confirm_one_claim(served_app)
    clock.now += summaries_module.MIN_RECOUNT_SECONDS / 2
    _get(cache, served_app)
    cache.wait()
    still = _get(cache, served_app)  # too soon after the last count: nothing was started
    assert still.updating and still.value == before.value


def test_a_failed_recount_keeps_the_last_summary(served_app, caplog) -> None:
    clock = Clock()
    cache = Summaries(clock)
    before = _get(cache, served_app)

    def broken(session) -> int:
        raise RuntimeError("the database went away")

    _confirm_one_claim(served_app)
    clock.now += summaries_module.MIN_RECOUNT_SECONDS
    _get(cache, served_app, broken)
    cache.wait()
    kept = _get(cache, served_app, broken)
    assert kept.updating and kept.value == before.value
    assert "recounting the reviewed summary failed" in caplog.text
