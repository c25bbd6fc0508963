"""Bulk writes for the importer and derived data: COPY on PostgreSQL, executemany on SQLite;
get-or-create without a race; primary keys taken before rows are written."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    JSON,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


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
        statement = f'COPY "{table.name}" ({names}) FROM STDIN'
        try:
            with raw.cursor() as cursor, cursor.copy(statement) as copy:
                for row in processed:
                    copy.write_row(row)
        except dialect.loaded_dbapi.Error as err:
            # The raw cursor bypasses SQLAlchemy's translation: without it a unique-key race
            # (two importers storing one article) surfaced as psycopg's own UniqueViolation,
            # which callers catching IntegrityError (the importer's retry) never saw.
            raise DBAPIError.instance(statement, None, err, dialect.loaded_dbapi.Error,
                                      dialect=dialect) from err
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
