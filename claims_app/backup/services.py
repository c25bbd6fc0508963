"""Backups that can be taken while the app is in use, and restored into an empty database.

A backup is a folder:

``manifest.json``
    format version, the schema revision, the engine, when, and each table's row count.
``tables.jsonl``
    every row of every table, one JSON object a line, parents before children and each table
    in primary-key order. It is engine-neutral (a SQLite backup restores into PostgreSQL and
    back) and holds *everything*, audit trail and accounts included, so ``restore`` gives the
    same rows back, ids included. It holds password hashes, so the folder is made 0700 and
    every file in it 0600 (readable by the account that ran the backup only).
``database.sqlite3`` (SQLite only)
    a page-level snapshot made with SQLite's online backup API; it can simply be copied into
    place as the instance's database.
``export.json`` (when the JSON exporter is installed)
    the lossless, human-oriented export of articles, claims and reviews; restorable with
    ``claims-app restore`` into a database that may already hold records.

Why rows and not only the export: the export is the app's published format and leaves out
what a reviewer never sees (audit events, login sessions, API tokens, derived search rows);
a backup must give back every record. Why a snapshot and not plain SELECTs on SQLite: the
backup API copies one consistent point in time while reviewers keep writing, and the row
dump is then read from that snapshot, so both files agree. On PostgreSQL one REPEATABLE READ
transaction gives the same guarantee.

Like the other services this module never decides what the user sees; the click commands
in :mod:`claims_app.backup.commands` print its summaries.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from sqlalchemy import Connection, Engine, Table, TypeDecorator, delete, func, select, text
from sqlalchemy.orm import Session

import claims_app.models  # noqa: F401  (every table registered on the metadata)
from claims_app import migrate as migrations
from claims_app.db import Base, get_db, make_engine
from claims_app.export import ExportFilters, write_export

FORMAT = "claims_app-backup"
FORMAT_VERSION = 1
MANIFEST, TABLES, SNAPSHOT, EXPORT = (
    "manifest.json", "tables.jsonl", "database.sqlite3", "export.json")
BATCH = 500
PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600
# Columns the database derives itself (a trigger fills them); restoring them would fight it.
DERIVED_COLUMNS = {("search_documents", "tsv")}


class BackupError(Exception):
    """A backup or restore that cannot be done as asked; the message is for the person."""


@dataclass
class BackupSummary:
    path: Path
    revision: str | None
    rows: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        total = sum(self.rows.values())
        return [f"backed up {total} rows from {len(self.rows)} tables to {self.path} "
                f"(revision {self.revision}; files: {', '.join(self.files)})"]


@dataclass
class LoadExportSummary:
    path: Path
    rows: dict[str, int] = field(default_factory=dict)
    replaced: bool = False

    def lines(self) -> list[str]:
        total = sum(self.rows.values())
        verb = "replaced the database with" if self.replaced else "restored"
        return [f"{verb} {total} rows in {len(self.rows)} tables from {self.path}"]


def tables() -> list[Table]:
    """Every table the models define, parents first (the order rows must be inserted)."""
    return list(Base.metadata.sorted_tables)


def _engine(target: Flask | Engine) -> Engine:
    return target if isinstance(target, Engine) else get_db(target).engine


def row_counts(conn: Connection) -> dict[str, int]:
    return {t.name: conn.scalar(select(func.count()).select_from(t)) or 0 for t in tables()}


# --- backup -----------------------------------------------------------------------------

def backup(source: Flask | Engine, dest: str | Path) -> BackupSummary:
    """Write a consistent backup of a live database into the new or empty folder ``dest``."""
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} already exists and is not an empty folder")
    engine = _engine(source)
    # A backup holds password hashes and token digests: only the owner may enter the folder
    # (set before anything is written into it) or read its files.
    dest.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    dest.chmod(PRIVATE_FOLDER)
    if engine.dialect.name == "sqlite":
        _sqlite_snapshot(engine, dest / SNAPSHOT)
        snapshot_engine = make_engine(f"sqlite:///{dest / SNAPSHOT}")
        try:
            summary = _dump(snapshot_engine, dest, extra_files=[SNAPSHOT])
        finally:
            snapshot_engine.dispose()
    else:
        summary = _dump(engine, dest, extra_files=[])
    for path in dest.iterdir():
        path.chmod(PRIVATE_FILE)
    return summary


def _sqlite_snapshot(engine: Engine, target: Path) -> None:
    """Copy the live database page by page in one step, so it is one point in time."""
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    src = sqlite3.connect(database, timeout=15)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
        # The copy keeps WAL mode; a single self-contained file is easier to move around.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


@contextmanager
def _snapshot_connection(engine: Engine) -> Iterator[Connection]:
    """A connection whose reads all see one moment (a snapshot file needs nothing more)."""
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" \
        else {}
    with engine.connect().execution_options(**options) as conn, conn.begin():
        yield conn


def _dump(engine: Engine, dest: Path, extra_files: list[str]) -> BackupSummary:
    with _snapshot_connection(engine) as conn:
        revision = conn.scalar(text("SELECT version_num FROM alembic_version"))
        rows: dict[str, int] = {}
        with (dest / TABLES).open("w", encoding="utf-8", newline="\n") as fh:
            for table in tables():
                columns = _stored_columns(table)
                stmt = select(*columns).order_by(*table.primary_key.columns)
                n = 0
                for row in conn.execution_options(yield_per=BATCH).execute(stmt):
                    record = {c.name: _encode(v) for c, v in zip(columns, row, strict=True)}
                    fh.write(json.dumps({"table": table.name, "row": record},
                                        ensure_ascii=False, sort_keys=True) + "\n")
                    n += 1
                rows[table.name] = n
        files = [MANIFEST, TABLES, *extra_files]
        _write_json_export(conn, dest / EXPORT)
        files.append(EXPORT)
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "revision": revision,
        "dialect": engine.dialect.name, "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "rows": rows, "files": files,
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return BackupSummary(dest, revision, rows, files)


def _write_json_export(conn: Connection, path: Path) -> None:
    """The published lossless export too, from the same snapshot."""
    with Session(bind=conn) as session, path.open("w", encoding="utf-8", newline="") as fh:
        write_export(session, "json", ExportFilters(), fh)


def _stored_columns(table: Table) -> list[Any]:
    return [c for c in table.columns if (table.name, c.name) not in DERIVED_COLUMNS]


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _decode(column: Any, value: Any) -> Any:
    """Back to the Python value the column's type expects (asked of the type itself, so
    decorated types such as the aware-UTC timestamp are handled like plain ones)."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if isinstance(kind, sa.DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, sa.Date):
        return dt.date.fromisoformat(value)
    if isinstance(kind, sa.Enum) and kind.enum_class is not None:
        return kind.enum_class(value)
    return value


# --- restore ----------------------------------------------------------------------------

def read_manifest(src: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(f"{src} is not a backup (no {MANIFEST})") from exc
    except (OSError, ValueError) as exc:
        raise BackupError(f"{src / MANIFEST} cannot be read: {exc}") from exc
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{src} is not a claims_app backup of format {FORMAT_VERSION}")
    return manifest


def restore(target: Flask | Engine, src: str | Path, *, force: bool = False) -> LoadExportSummary:
    """Load a backup's rows into a migrated database, all or nothing (one transaction).

    A database that already holds records is refused unless ``force``: restoring over it
    would replace reviewers' work, so that has to be asked for by name.
    """
    src = Path(src)
    manifest = read_manifest(src)
    engine = _engine(target)
    current = migrations.current_revision(engine)
    if current != manifest["revision"]:
        raise BackupError(
            f"the backup is at schema revision {manifest['revision']}, the database at "
            f"{current or 'none (empty)'}; run `claims-app db upgrade {manifest['revision']}` "
            "on an empty database first")
    by_name = {t.name: t for t in tables()}
    summary = LoadExportSummary(src, replaced=force)
    with engine.begin() as conn:
        present = {name: n for name, n in row_counts(conn).items() if n}
        if present and not force:
            listed = ", ".join(f"{n} {name}" for name, n in present.items())
            raise BackupError(f"the database is not empty ({listed}); "
                              "use --force to replace its contents with the backup")
        for table in reversed(tables()):
            conn.execute(delete(table))
        for name, rows in _batches(src / TABLES):
            table = by_name.get(name)
            if table is None:
                raise BackupError(f"the backup has a table {name!r} this version does not know")
            conn.execute(table.insert(), [
                {k: _decode(table.c[k], v) for k, v in row.items()} for row in rows])
            summary.rows[name] = summary.rows.get(name, 0) + len(rows)
        _advance_sequences(conn)
        for name, expected in manifest["rows"].items():
            if summary.rows.get(name, 0) != expected:
                raise BackupError(f"{src / TABLES} is incomplete: {summary.rows.get(name, 0)} "
                                  f"rows of {name}, the manifest says {expected}")
    return summary


def _batches(path: Path) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Rows grouped by table in batches, read line by line so memory stays flat."""
    name = ""
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            try:
                item = json.loads(line)
                table, row = item["table"], item["row"]
            except (ValueError, KeyError, TypeError) as exc:
                raise BackupError(f"{path}:{number}: not a backup row ({exc})") from exc
            if rows and (table != name or len(rows) >= BATCH):
                yield name, rows
                rows = []
            name = table
            rows.append(row)
    if rows:
        yield name, rows


def _advance_sequences(conn: Connection) -> None:
    """PostgreSQL sequences do not move when ids are inserted; move them past the ids."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables():
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].autoincrement in (True, "auto") and pk[0].name == "id":
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"))

