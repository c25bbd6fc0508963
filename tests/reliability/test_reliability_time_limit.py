"""The per-request time limit stops the work itself, on both engines (issue 15, item 1).

A runaway statement inside a web request is cancelled by the database (PostgreSQL's
``statement_timeout``, SQLite's progress handler) once it has run past
``REQUEST_TIME_LIMIT_SECONDS``; the person gets a 503 that says so, the connection goes back
to the pool healthy, and work outside requests (the CLI) runs without the limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text

from claims_app import create_app, db
from claims_app.db import get_db

LIMIT = 0.3
RUNAWAY = {
    # Far longer than the limit (and finite, so that without the limit the test fails).
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
              "LIMIT 200000000) SELECT count(*) FROM c",
    "postgresql": "SELECT pg_sleep(20)",
}
LONGER_THAN_THE_LIMIT = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 3000000) "
              "SELECT count(*) FROM c",
    "postgresql": "SELECT pg_sleep(1)",
}


@pytest.fixture
def limited(database_url: str, database_kind: str) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "DATABASE_URL": database_url,
                      "SECRET_KEY": "test-secret-key-" + "x" * 32,
                      "REQUEST_TIME_LIMIT_SECONDS": LIMIT})

    def runaway() -> Any:
        return str(db.session().scalar(text(RUNAWAY[database_kind])))

    app.add_url_rule("/test-runaway", "test_runaway", runaway)
    yield app
    get_db(app).engine.dispose()


def test_a_runaway_statement_in_a_request_is_cancelled_and_answered_503(
        limited: Flask) -> None:
    client = limited.test_client()
    response = client.get("/test-runaway")
    assert response.status_code == 503
    assert f"longer than the {LIMIT:g}-second limit and was stopped" in response.get_data(
        as_text=True)
    assert client.get("/login").status_code == 200  # the pooled connection still serves


def test_work_outside_a_request_has_no_limit(limited: Flask, database_kind: str) -> None:
    with limited.app_context():
        session = db.session()
        session.execute(text(LONGER_THAN_THE_LIMIT[database_kind]))
        if database_kind == "postgresql":
            assert session.scalar(text("SHOW statement_timeout")) == "0"
        session.rollback()


def test_zero_turns_the_limit_off(database_url: str, database_kind: str) -> None:
    app = create_app({"TESTING": True, "DATABASE_URL": database_url,
                      "SECRET_KEY": "test-secret-key-" + "x" * 32,
                      "REQUEST_TIME_LIMIT_SECONDS": 0})
    try:
        with app.test_request_context("/"):
            session = db.session()
            session.execute(text(LONGER_THAN_THE_LIMIT[database_kind]))
            session.rollback()
    finally:
        get_db(app).engine.dispose()
