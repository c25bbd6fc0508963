"""Losing the database connection: PostgreSQL backends killed between and during requests.

Only this test's own database's backends are terminated (never the server). A request whose
connection dies fails cleanly (a 5xx page, no hang) with nothing half-written, and the next
requests succeed because the pool pings connections before use.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from claims_app import create_app
from claims_app import db as database
from claims_app import migrate as migrations
from claims_app.claims.models import Claim
from claims_app.db import get_db
from tests.reliability.helpers import populate, terminate_other_backends
from tests.support import PG_ADMIN_URL, TEST_PASSWORD, drop_postgres_database, new_database_url


@pytest.fixture
def pg_app(database_kind: str, tmp_path: Path) -> Iterator[tuple[Flask, str]]:
    if database_kind != "postgresql":
        pytest.skip("terminating backends is a PostgreSQL fault")
    url = new_database_url(database_kind, tmp_path)
    app = create_app({"TESTING": True, "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "conn-loss-" + "k" * 32, "PROPAGATE_EXCEPTIONS": False})
    migrations.upgrade(get_db(app).engine, "head")
    populate(get_db(app).engine, tmp_path / "articles", articles=2)

    @app.post("/_test/half-write/<int:claim_id>")
    def half_write(claim_id: int) -> str:
        """Change a claim, lose the connection, then try to commit: must write nothing."""
        s = database.session()
        claim = s.get(Claim, claim_id)
        claim.note = "half-written"  # type: ignore[union-attr]
        s.flush()
        terminate_other_backends(admin, make_url(url).database or "")
        database.commit()
        return "committed?"

    admin = create_engine(PG_ADMIN_URL)
    yield app, url
    admin.dispose()
    get_db(app).engine.dispose()
    drop_postgres_database(url)


def login(client) -> None:
    response = client.post("/login", data={"username": "editor-11", "password": TEST_PASSWORD})
    assert response.status_code in (302, 303)


def test_killed_connections_between_requests_are_replaced_transparently(pg_app) -> None:
    app, url = pg_app
    admin = create_engine(PG_ADMIN_URL)
    try:
        client = app.test_client()
        login(client)
        assert client.get("/articles/").status_code == 200
        for _ in range(3):
            assert terminate_other_backends(admin, make_url(url).database or "") >= 1
            assert client.get("/articles/").status_code == 200
            assert client.get("/articles/1").status_code == 200
    finally:
        admin.dispose()


def test_connection_lost_mid_request_fails_cleanly_and_writes_nothing(pg_app) -> None:
    app, _url = pg_app
    client = app.test_client()
    login(client)
    with get_db(app).sessionmaker() as s:
        claim_id, note = s.execute(select(Claim.id, Claim.note).order_by(Claim.id)).first()
    try:
        status = client.post(f"/_test/half-write/{claim_id}").status_code
    except SQLAlchemyError:
        status = 500  # a server answers 500 when the handler itself fails
    assert status >= 500
    with get_db(app).sessionmaker() as s:
        assert s.scalar(select(Claim.note).where(Claim.id == claim_id)) == note
    assert client.get("/articles/").status_code == 200
    assert client.get(f"/articles/{1}").status_code == 200


def test_connection_lost_mid_request_gets_the_apps_own_error_page(pg_app) -> None:
    app, _url = pg_app
    client = app.test_client()
    login(client)
    response = client.post("/_test/half-write/1")
    assert response.status_code == 500 and b"claims_app" in response.data
