"""An import never keeps a reviewer's save waiting for long (issue 15, the load test).

On SQLite one writer at a time holds the write lock. The importer once stored 100 articles
per transaction, which held the lock about 5 s under load, and reviewers' saves beside two
imports waited past the 15 s busy timeout and failed with "database is locked". Now each
import transaction is sized to ``TRANSACTION_SECONDS`` of lock, and on SQLite the lock is
left free for a moment between two, so a save that is waiting gets in between them.

These run on a database of their own: the point is real concurrent transactions.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from claims_app.articles.models import Article
from claims_app.db import get_db
from claims_app.ingest import importer
from claims_app.ingest.importer import ImportSummary, import_paths
from tests.reliability.test_reliability_concurrent_imports import write_articles
from tests.support import isolated_app

ARTICLES = 40


@pytest.fixture
def own_app(database_kind: str, tmp_path: Path) -> Iterator[Flask]:
    with isolated_app(database_kind, tmp_path) as app:
        yield app


def _saves_beside_an_import(app: Flask, path: Path
                            ) -> tuple[ImportSummary, list[int], list[float]]:
    """Import ``path`` while another thread saves again and again; the import's summary,
    how many articles each save saw stored, and how long each waited for its lock."""
    seen: list[int] = []
    waits: list[float] = []
    done = threading.Event()

    def reviewer_saves() -> None:
        # Each "save" takes the write lock as a reviewer's save does (BEGIN IMMEDIATE on
        # SQLite) and notes how many articles it sees stored.
        while not done.is_set():
            started = time.perf_counter()
            with get_db(app).write_sessionmaker() as s, s.begin():
                seen.append(s.scalar(select(func.count(Article.id))) or 0)
                waits.append(time.perf_counter() - started)
            time.sleep(0.005)

    saver = threading.Thread(target=reviewer_saves)
    saver.start()
    try:
        summary = import_paths(get_db(app).sessionmaker, [path])
    finally:
        done.set()
        saver.join(30)
    return summary, seen, waits


def test_on_sqlite_saves_get_in_between_an_imports_transactions(
    own_app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_kind: str,
) -> None:
    if database_kind != "sqlite":
        pytest.skip("PostgreSQL's saves do not wait for an import: the test below")
    # A small budget, so these small articles need several transactions, as large ones do
    # under the default budget.
    monkeypatch.setattr(importer, "TRANSACTION_SECONDS", 0.02)
    path = write_articles(tmp_path / "batch.jsonl", ARTICLES, "lock")
    summary, seen, waits = _saves_beside_an_import(own_app, path)
    assert summary.ok and summary.imported == ARTICLES
    assert summary.transactions > 2  # cut by the budget, not stored 100 at a time
    # Some save ran while the import was half done: between two of its transactions.
    assert any(0 < n < ARTICLES for n in seen), sorted(set(seen))
    assert max(waits) < 5.0, max(waits)


def test_on_postgresql_saves_never_wait_for_an_import(own_app: Flask, tmp_path: Path,
                                                       database_kind: str) -> None:
    if database_kind != "postgresql":
        pytest.skip("SQLite has one write lock: the test above")
    path = write_articles(tmp_path / "batch.jsonl", ARTICLES, "lock")
    summary, seen, waits = _saves_beside_an_import(own_app, path)
    assert summary.ok and summary.imported == ARTICLES
    assert summary.transactions == 1  # the whole batch: nothing to gain from cutting it
    assert seen.count(0) > 1  # saves went on while the import's transaction was open
    assert max(waits) < 1.0, max(waits)


def test_the_summary_says_how_long_the_write_lock_was_held(own_app: Flask,
                                                           tmp_path: Path) -> None:
    path = write_articles(tmp_path / "batch.jsonl", 12, "held")
    summary = import_paths(get_db(own_app).sessionmaker, [path])
    assert summary.imported == 12
    assert summary.transactions >= 1
    assert 0 < summary.longest_transaction < summary.seconds["write"] + 1e-9


def test_on_sqlite_an_import_waits_its_turn_for_a_lock_another_writer_holds(
    own_app: Flask, tmp_path: Path, database_kind: str,
) -> None:
    """The importer does not wait in SQLite's busy handler (which favours the newest
    waiter) but retries at its own, slower pace; it still gets the lock once it is free,
    however long another writer held it, and stores everything."""
    if database_kind != "sqlite":
        pytest.skip("PostgreSQL has no database-wide write lock")
    path = write_articles(tmp_path / "batch.jsonl", 5, "turn")
    holder = sqlite3.connect(str(make_url(own_app.config["DATABASE_URL"]).database),
                             isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    released = threading.Timer(1.5, lambda: holder.execute("COMMIT"))
    released.start()
    started = time.perf_counter()
    try:
        summary = import_paths(get_db(own_app).sessionmaker, [path])
    finally:
        released.join()
        holder.close()
    assert summary.ok and summary.imported == 5
    assert time.perf_counter() - started >= 1.5  # it did wait for the holder
