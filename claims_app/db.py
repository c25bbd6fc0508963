"""The database: typed declarative base, engine and the request-scoped session.

Views and CLI commands get their session here and commit once at their boundary;
services only flush. Constraint names come from one naming convention so Alembic
migrations stay stable across SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import (
    JSON,
    Connection,
    DateTime,
    Engine,
    MetaData,
    String,
    Text,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator

from claims_app.errors import Conflict

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Aware UTC timestamps everywhere, so SQLite and PostgreSQL round-trip the same value."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp on both engines.

    SQLite keeps no zone, so values come back naive; they are put back in UTC on read and
    naive values are taken as UTC on write, so comparisons never mix aware and naive.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: dt.datetime | str | None, dialect: Any
    ) -> dt.datetime | None:
        if isinstance(value, str):  # ISO text from audit snapshots and JSON restores
            value = dt.datetime.fromisoformat(value)
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Any
    ) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


intpk = Annotated[int, mapped_column(primary_key=True)]

#: ``__table_args__`` entry of every table whose rows have a History (migration 0010).
#: SQLite otherwise hands a deleted newest row's id to the next row, so the History of the
#: old record and the new one mixed, and an old ``/claims/N`` link led to another record.
#: With AUTOINCREMENT, SQLite never reuses an id (PostgreSQL's sequences never do).
NEVER_REUSE_IDS: dict[str, Any] = {"sqlite_autoincrement": True}
name200 = Annotated[str, mapped_column(String(200))]
name300 = Annotated[str, mapped_column(String(300))]
longtext = Annotated[str, mapped_column(Text)]
timestamp = Annotated[dt.datetime, mapped_column(UTCDateTime(), default=utcnow)]
json_data = Annotated[Any, mapped_column(JSON)]


def enum_column(enum_cls: type[enum.StrEnum], name: str, **kwargs: Any) -> Any:
    """A string column limited to an enum's values by a named CHECK constraint.

    Not a native PostgreSQL ENUM: adding a value is then a one-line migration on both engines.
    """
    return mapped_column(
        SAEnum(
            enum_cls,
            native_enum=False,
            length=20,
            values_callable=lambda e: [m.value for m in e],
            validate_strings=True,
            create_constraint=True,
            name=name,
        ),
        **kwargs,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime()}


class Timestamped:
    """created/updated timestamps shared by the editable records."""

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow
    )


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
            immediate = conn.get_execution_options().get(WRITE_INTENT, False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


WRITE_INTENT = "claims_write_intent"


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


def refresh_if_stale(record: Any) -> None:
    """Reload a versioned record when another session saved it since this one loaded it, so
    an optimistic-lock check compares against (and a Conflict carries) the values saved."""
    sess = Session.object_session(record)
    if sess is None or record.id is None:
        return
    model = type(record)
    stored = sess.scalar(select(model.version).where(model.id == record.id)
                         .execution_options(populate_existing=False))
    if stored is not None and stored != record.version and not inspect(record).modified:
        sess.refresh(record)


def require_version(
    record: Any, expected_version: int | None, state: Callable[[Any], dict[str, Any]], noun: str
) -> None:
    """The optimistic-lock check every versioned record goes through.

    ``expected_version`` is the version the person saw (None: no check, e.g. the CLI); when
    the stored one moved on, ``Conflict`` carries the stored values so they can compare.
    """
    if expected_version is None:
        return
    refresh_if_stale(record)
    if expected_version != record.version:
        raise Conflict(
            f"Someone else saved this {noun} after you opened it. Compare and merge the changes.",
            current=state(record),
        )


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


__all__ = [
    "Base",
    "Database",
    "Mapped",
    "Timestamped",
    "commit",
    "get_db",
    "init_app",
    "intpk",
    "json_data",
    "make_engine",
    "mapped_column",
    "name200",
    "name300",
    "rollback",
    "session",
    "longtext",
    "enum_column",
    "timestamp",
    "transaction",
    "utcnow",
]


def copy_rows(session: Session, table: Any, columns: Sequence[str],
              rows: Iterable[Sequence[Any]]) -> int:
    """Bulk-write rows (values in ``columns`` order) in the session's transaction: psycopg's
    ``COPY ... FROM STDIN`` on PostgreSQL, the driver's ``executemany`` on SQLite.

    This is the loading path benchmarks compare the importer against, used for derived
    rows written by the hundred thousand (passage signatures, search documents) and for
    claims with ids taken beforehand. Values go through each column type's own bind
    processing first, so they are stored exactly as an ORM or Core insert would store them.
    Returns the number of rows written."""
    connection = session.connection()
    dialect = connection.dialect
    processors = [(i, process) for i, name in enumerate(columns)
                  if (process := table.c[name].type.bind_processor(dialect)) is not None]
    processed = [list(row) for row in rows]
    for row in processed if processors else ():  # integers and text need no processing
        for i, process in processors:
            if row[i] is not None:
                row[i] = process(row[i])
    if not processed:
        return 0
    names = ", ".join(f'"{name}"' for name in columns)
    if dialect.name == "postgresql":
        # Here, not at the top: psycopg takes about half a second to load; SQLite never needs it.
        from psycopg.types.json import Json

        # psycopg adapts JSON values itself (SQLAlchemy leaves them to it): wrap them.
        json_columns = [i for i, name in enumerate(columns)
                        if isinstance(table.c[name].type, JSON)]
        for row in processed:
            for i in json_columns:
                if row[i] is not None:
                    row[i] = Json(row[i])
        raw = connection.connection.driver_connection
        assert raw is not None  # a checked-out connection always holds its driver's
        with raw.cursor() as cursor, cursor.copy(
                f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in processed:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in columns)
        connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})',
                                   [tuple(row) for row in processed])
    return len(processed)


def insert_missing(session: Session, table: Any, rows: Sequence[dict[str, Any]],
                   keys: Sequence[str]) -> None:
    """Insert the rows whose ``keys`` no stored row has yet (``INSERT ... ON CONFLICT DO
    NOTHING``, on both engines): get-or-create of shared names (tags, outlets).

    A look-up then an insert lets two transactions on PostgreSQL both find nothing and both
    insert; the second then fails on the unique key (a 500). Here the second waits for the
    first, skips its row, and the caller's following select sees the first one's."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(pg_insert(table).values(list(rows))
                        .on_conflict_do_nothing(index_elements=list(keys)))
    else:
        session.execute(sqlite_insert(table).values(list(rows))
                        .on_conflict_do_nothing(index_elements=list(keys)))


def reserve_ids(session: Session, table: Any, count: int) -> list[int]:
    """``count`` new primary keys for ``table``, taken before the rows are written (so
    rows and the rows that point at them can be bulk-written without RETURNING).

    PostgreSQL draws them from the column's sequence. SQLite hands out ids above both the
    largest in use and, for an AUTOINCREMENT table, the largest ever given (its
    ``sqlite_sequence`` row; a deleted newest row's id is not given again, see
    ``NEVER_REUSE_IDS``); the caller must hold the write lock (every import transaction
    begins IMMEDIATE), so no other writer can take the same ids."""
    if count <= 0:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return list(connection.scalars(
            text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                 "FROM generate_series(1, :count)"), {"table": table.name, "count": count}))
    top = connection.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0
    if table.dialect_options["sqlite"].get("autoincrement") and connection.scalar(text(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")):  # 0010 applied
        given = connection.scalar(text("SELECT seq FROM sqlite_sequence WHERE name = :name"),
                                  {"name": table.name})
        top = max(top, given or 0)
    return list(range(top + 1, top + 1 + count))
