"""Fixtures: a real app on a real, migrated database, SQLite and PostgreSQL alike.

Every test that touches the database runs once per engine (``database_url`` is
parametrised). Each engine gets a fresh database for the whole run, migrated with
``alembic upgrade head``; each test runs inside a transaction that is rolled back at its
end, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session

os.environ["CLAIMS_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="claims-test-instance-")

from argon2 import PasswordHasher  # noqa: E402

from claims_app import cache, create_app  # noqa: E402
from claims_app import migrate as migrations  # noqa: E402
from claims_app.accounts import passwords  # noqa: E402
from claims_app.accounts.models import Role, User  # noqa: E402
from claims_app.accounts.services import create_user  # noqa: E402
from claims_app.db import get_db, make_engine  # noqa: E402
from tests.support import (  # noqa: E402
    IN_CI,
    PG_ADMIN_URL,
    TEST_PASSWORD,
    drop_postgres_database,
    finish_dropping_databases,
    new_database_url,
    postgres_problem,
)

_pg_skip_reason: list[str] = []

# Argon2id at its production cost takes ~50 ms a hash; the suite creates thousands of
# accounts, so tests use the same algorithm at its minimum cost. test_passwords checks the
# production parameters themselves.
passwords.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_kind(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        problem = postgres_problem()
        if problem:
            message = f"PostgreSQL unreachable at {PG_ADMIN_URL} ({problem})"
            if IN_CI:
                pytest.fail(f"{message}; CI must run every test on PostgreSQL too")
            if not _pg_skip_reason:
                _pg_skip_reason.append(message)
            pytest.skip(message)
    return request.param


@pytest.fixture(scope="session")
def database_url(
    database_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    url = new_database_url(database_kind, tmp_path_factory.mktemp("db"))
    yield url
    if database_kind == "postgresql":
        drop_postgres_database(url)


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    migrations.upgrade(eng, "head")
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def app(engine: Engine, database_url: str) -> Iterator[Flask]:
    flask_app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key-" + "x" * 32,
            "WTF_CSRF_ENABLED": False,
            "SERVER_NAME": "claims.test",
            # Exports link to the public address; the live-server tests browse 127.0.0.1 and
            # schemathesis calls the app as "localhost".
            "BASE_URL": "http://claims.test/",
            "TRUSTED_HOSTS": ["127.0.0.1", "localhost"],
        }
    )
    yield flask_app
    get_db(flask_app).engine.dispose()


@pytest.fixture(autouse=True)
def _forget_remembered_pages() -> None:
    """Figures remembered per process are keyed by primary-key maxima, which a rolled-back
    SQLite test gives out again: each test starts with nothing remembered."""
    cache.clear_all()


@pytest.fixture(autouse=True)
def _forget_login_throttle() -> None:
    """The login throttle counts failures in the process's memory (Flask-Limiter); each test
    starts with none counted, as the database rows are rolled back."""
    from claims_app.accounts.security import limiter

    if limiter.initialized:  # tests without an app have nothing counted
        limiter.reset()


@pytest.fixture
def connection(engine: Engine, app: Flask) -> Iterator[Connection]:
    """One outer transaction per test; everything inside it is rolled back at the end."""
    conn = engine.connect()
    outer = conn.begin()
    get_db(app).bind(conn, join_transaction_mode="create_savepoint")
    try:
        yield conn
    finally:
        get_db(app).bind(engine)
        outer.rollback()
        conn.close()


@pytest.fixture
def session(connection: Connection, app: Flask) -> Iterator[Session]:
    """A session made like the app's (``connection`` has bound them to the test's
    transaction): its commits keep derived data current as the app's do."""
    with get_db(app).sessionmaker() as sess:
        yield sess


@pytest.fixture
def client(app: Flask, connection: Connection) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask, connection: Connection) -> FlaskCliRunner:
    return app.test_cli_runner()


def make_user(session: Session, username: str, role: Role | str) -> User:
    user = create_user(session, None, username, TEST_PASSWORD, role)
    session.commit()
    return user


@pytest.fixture
def users(session: Session) -> dict[str, User]:
    """One account per role, named after it (password ``TEST_PASSWORD``)."""
    return {role.value: make_user(session, role.value, role) for role in Role}


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, username: str = "reviewer", password: str = TEST_PASSWORD) -> Any:
        return self._client.post("/login", data={"username": username, "password": password})

    def logout(self) -> Any:
        return self._client.post("/logout")


@pytest.fixture
def auth(client: FlaskClient, users: dict[str, User]) -> AuthActions:
    return AuthActions(client)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, headless, with no calls home (the network here is closed)."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CLAIMS_CHROMIUM", "/usr/bin/chromium"),
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def base_url() -> str | None:
    """Replaces pytest-playwright's fallback fixture (an instance-method fixture that this
    pytest deprecates, and warnings are errors here); browser tests pass full URLs."""
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under ``-n 2 --dist loadgroup`` (``make test``), the tests of a module that share a
    module-scoped fixture (a live server, a load run) go to one worker, so it is built once;
    every other test goes to whichever worker is free. Tests that share one per engine are
    grouped per engine. Without xdist the mark does nothing."""
    for item in items:
        fixture_defs = item._fixtureinfo.name2fixturedefs  # type: ignore[attr-defined]
        if not any(d.scope == "module" for defs in fixture_defs.values() for d in defs):
            continue
        group = item.nodeid.split("::")[0]
        engine = getattr(item, "callspec", None)
        if engine is not None and "database_kind" in engine.params:
            group += "-" + engine.params["database_kind"]
        item.add_marker(pytest.mark.xdist_group(group))


def pytest_sessionfinish() -> None:
    finish_dropping_databases()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _pg_skip_reason:
        terminalreporter.write_sep("!", "PostgreSQL tests were SKIPPED", yellow=True)
        terminalreporter.write_line(_pg_skip_reason[0])
        terminalreporter.write_line(
            "Only SQLite was tested. Start PostgreSQL (or set CLAIMS_TEST_POSTGRES_URL) "
            "to run the suite on both engines."
        )


@pytest.fixture
def sent_statements(connection: Any) -> Iterator[list[str]]:
    """The SQL statements sent on the test's connection from now on, in order (a test may
    ``clear()`` the list to look at what one request sends)."""
    seen: list[str] = []

    def listener(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(connection, "before_cursor_execute", listener)
    yield seen
    event.remove(connection, "before_cursor_execute", listener)


@pytest.fixture
def count_queries(sent_statements: list[str]) -> Callable[[], int]:
    """Counts SQL statements sent on the test's connection from now on."""
    return lambda: len(sent_statements)
