"""The database, one module per job: ``types`` (the declarative base and column types),
``engine`` (engine and request-scoped session), ``locking`` (the optimistic-lock check),
``bulk`` (COPY, get-or-create, ids taken ahead).

Views and CLI commands get their session here and commit once at their boundary; services
only flush. The names are re-exported so ``from claims_app import db; db.session()`` and
``from claims_app.db import Base`` read as they always have.
"""

from __future__ import annotations

from sqlalchemy.orm import Mapped, mapped_column

from claims_app.db.bulk import copy_rows, insert_missing, reserve_ids
from claims_app.db.engine import (
    NO_BUSY_WAIT,
    WRITE_INTENT,
    Database,
    SessionSetup,
    commit,
    get_db,
    init_app,
    make_engine,
    reading,
    rollback,
    session,
    transaction,
)
from claims_app.db.locking import is_lock_wait, refresh_if_stale, require_version
from claims_app.db.types import (
    NAMING_CONVENTION,
    NEVER_REUSE_IDS,
    Base,
    Timestamped,
    UTCDateTime,
    enum_column,
    intpk,
    json_data,
    longtext,
    name200,
    name300,
    timestamp,
    utcnow,
)

__all__ = [
    "NAMING_CONVENTION",
    "NEVER_REUSE_IDS",
    "NO_BUSY_WAIT",
    "WRITE_INTENT",
    "Base",
    "Database",
    "Mapped",
    "SessionSetup",
    "Timestamped",
    "UTCDateTime",
    "commit",
    "copy_rows",
    "enum_column",
    "get_db",
    "init_app",
    "insert_missing",
    "intpk",
    "is_lock_wait",
    "json_data",
    "longtext",
    "make_engine",
    "mapped_column",
    "name200",
    "name300",
    "refresh_if_stale",
    "require_version",
    "reserve_ids",
    "reading",
    "rollback",
    "session",
    "timestamp",
    "transaction",
    "utcnow",
]
