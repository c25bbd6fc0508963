"""A request that waited for another writer's lock and gave up answers a clear, retryable
503, not a 500 (issue 15, the load test).

Under the 50-reviewer load test with imports beside it, six saves on SQLite waited past
the busy timeout and the reviewer got a bare 500 "database is locked". Nothing of such a
request is written and sending it again succeeds once the other writer is done, so the
answer is a 503 that says so, with ``Retry-After``; on PostgreSQL the same goes for a lock
wait, deadlock or serialisation failure. Other database errors stay 500s.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask import Flask
from sqlalchemy import text
from sqlalchemy.engine import make_url

from claims_app import create_app, db
from claims_app import migrate as migrations
from claims_app.db import get_db
from tests.support import drop_postgres_database, new_database_url


@pytest.fixture
def busy_app(database_kind: str, tmp_path: Path) -> Iterator[Flask]:
    url = new_database_url(database_kind, tmp_path)
    app = create_app({"TESTING": True, "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "busy-database-" + "x" * 32,
                      "SQLITE_BUSY_TIMEOUT_MS": 200})
    migrations.upgrade(get_db(app).engine, "head")

    def write() -> Any:
        session = db.session()  # a POST: on SQLite the write session, BEGIN IMMEDIATE
        if database_kind == "postgresql":
            session.execute(text("SET LOCAL lock_timeout = '200ms'"))
        count = session.scalar(text("SELECT count(*) FROM users"))
        db.commit()
        return f"written after {count} users"

    def broken() -> Any:
        return str(db.session().scalar(text("SELECT * FROM no_such_table")))

    app.add_url_rule("/test-write", "test_write", write, methods=["POST"])
    app.add_url_rule("/api/test-write", "test_api_write", write, methods=["POST"])
    app.add_url_rule("/test-broken", "test_broken", broken)
    yield app
    get_db(app).engine.dispose()
    if database_kind == "postgresql":
        drop_postgres_database(url)


def _hold_the_lock(app: Flask, kind: str) -> Any:
    """Another writer holding what the request needs: SQLite's write lock, or PostgreSQL's
    lock on the users table. The caller closes the connection to let go."""
    url = make_url(app.config["DATABASE_URL"])
    if kind == "sqlite":
        conn = sqlite3.connect(str(url.database), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        return conn
    conn = psycopg.connect(url.set(drivername="postgresql")
                           .render_as_string(hide_password=False))
    conn.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE")
    return conn


def test_a_write_that_cannot_get_the_lock_is_a_retryable_503(busy_app: Flask,
                                                              database_kind: str) -> None:
    client = busy_app.test_client()
    holder = _hold_the_lock(busy_app, database_kind)
    try:
        page = client.post("/test-write")
        api = client.post("/api/test-write")
    finally:
        holder.close()
    assert page.status_code == 503
    assert page.headers["Retry-After"] == "5"
    assert "Nothing of it was saved" in page.get_data(as_text=True)
    assert api.status_code == 503 and api.headers["Retry-After"] == "5"
    assert api.get_json()["retry"] is True
    # Once the other writer is done, the same request succeeds: the connection is healthy.
    again = client.post("/test-write")
    assert again.status_code == 200 and "written after 0 users" in again.get_data(as_text=True)


def test_other_database_errors_stay_500s(busy_app: Flask) -> None:
    busy_app.config["TESTING"] = False  # answer as a server would, not re-raise
    busy_app.config["PROPAGATE_EXCEPTIONS"] = False
    response = busy_app.test_client().get("/test-broken")
    assert response.status_code == 500
    assert "Retry-After" not in response.headers
