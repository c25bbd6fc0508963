"""The engine and the request-scoped session.

Views and CLI commands get their session here and commit once at their boundary;
services only flush."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
)
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, *, busy_timeout_ms: int = 15000, **kwargs: Any) -> Engine:
    """Create an engine with the per-connection settings each backend needs.

    SQLite gets foreign keys (off by default), WAL (readers do not block the writer) and a
    busy timeout, so concurrent reviewers wait for a lock instead of failing.
    """
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {})
        kwargs["connect_args"].setdefault("timeout", busy_timeout_ms / 1000)
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # pysqlite opens transactions lazily and commits on SAVEPOINT release; taking
            # transaction control ourselves makes BEGIN/SAVEPOINT/ROLLBACK mean what they say.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            cur.execute("PRAGMA synchronous=NORMAL")
            # A 64 MiB page cache (taken only as it fills; SQLite's default is 2 MiB): an
            # import batch updates the signature and search indexes at random places, and
            # with the default cache the writing slowed as the archive grew (BENCHMARKS.md).
            cur.execute("PRAGMA cache_size=-65536")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # A deferred transaction that reads and then writes fails at once with "database
            # is locked" when another writer committed in between (the busy timeout does not
            # apply to that upgrade); work that will write takes the write lock up front and
            # waits for it instead.
            options = conn.get_execution_options()
            immediate = options.get(WRITE_INTENT, False)
            if immediate and options.get(NO_BUSY_WAIT, False):
                # One try, no busy handler: the caller (a bulk import) waits its own way,
                # less eagerly than the busy handler of reviewers' saves.
                conn.exec_driver_sql("PRAGMA busy_timeout=0")
                try:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                finally:
                    conn.exec_driver_sql(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
                return
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


WRITE_INTENT = "claims_write_intent"
#: With ``WRITE_INTENT`` on SQLite: try once for the write lock and fail at once with
#: "database is locked" if another writer holds it, instead of waiting in SQLite's busy
#: handler (see ``claims_app.ingest.importer``, which retries at its own pace).
NO_BUSY_WAIT = "claims_no_busy_wait"


SessionSetup = Callable[["sessionmaker[Session]"], None]


class Database:
    """Owns one app's engine and session factories (kept in ``app.extensions``).

    ``session_setup`` callbacks (``create_app`` adds :func:`claims_app.crossref.sync.register`)
    configure every factory, including those ``bind`` makes later, so the web, the CLI and
    the tests' sessions behave alike."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.session_setup: list[SessionSetup] = []
        self.sessionmaker = sessionmaker(bind=engine, expire_on_commit=False)
        # Sessions for requests that change data: on SQLite they BEGIN IMMEDIATE.
        self.write_sessionmaker = sessionmaker(
            bind=engine.execution_options(**{WRITE_INTENT: True}), expire_on_commit=False
        )

    def add_session_setup(self, setup: SessionSetup) -> None:
        """Configure the session factories with ``setup``, now and after every ``bind``."""
        self.session_setup.append(setup)
        setup(self.sessionmaker)
        setup(self.write_sessionmaker)

    def bind(self, bind: Any, **options: Any) -> None:
        """Point sessions at another bind; tests use it to run inside one transaction."""
        self.sessionmaker = sessionmaker(bind=bind, expire_on_commit=False, **options)
        self.write_sessionmaker = self.sessionmaker
        self.one_connection = isinstance(bind, Connection)
        for setup in self.session_setup:
            setup(self.sessionmaker)

    #: Whether every session shares one connection (a test's transaction), which another
    #: thread must not use: work that would run in the background then runs in the request.
    one_connection: bool = False


def init_app(app: Flask) -> None:
    engine = make_engine(
        app.config["DATABASE_URL"], busy_timeout_ms=app.config["SQLITE_BUSY_TIMEOUT_MS"]
    )
    app.extensions["claims_db"] = Database(engine)
    app.teardown_appcontext(_close_session)


def get_db(app: Flask | None = None) -> Database:
    return (app or current_app).extensions["claims_db"]


def session() -> Session:
    """The session of the current request or command, opened on first use."""
    if "db_session" not in g:
        database = get_db()
        writes = has_request_context() and request.method in {"POST", "PUT", "PATCH", "DELETE"}
        g.db_session = (database.write_sessionmaker if writes else database.sessionmaker)()
    return g.db_session


@contextmanager
def reading() -> Iterator[Session]:
    """A short read-only session beside the request's own, for a slow check (a password
    hash) that must not run inside a write request's transaction: on SQLite that one holds
    the write lock from its first statement (``BEGIN IMMEDIATE``)."""
    with get_db().sessionmaker() as read:
        yield read


def rollback() -> None:
    """Abandon the current request's transaction, if it opened one."""
    sess = g.get("db_session")
    if sess is not None:
        sess.rollback()


def commit() -> None:
    session().commit()


def _close_session(_exc: BaseException | None) -> None:
    sess = g.pop("db_session", None)
    if sess is not None:
        sess.close()


@contextmanager
def transaction(app: Flask | None = None) -> Iterator[Session]:
    """A session whose work commits on success and rolls back on error (batch boundaries)."""
    with get_db(app).sessionmaker() as sess, sess.begin():
        yield sess
