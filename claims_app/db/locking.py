"""Optimistic locking: the one version check every versioned record goes through, and the
reload that makes it compare against what was saved; and telling a database's lock wait
that gave up (:func:`is_lock_wait`) from other database errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    inspect,
    select,
)
from sqlalchemy.orm import Session

from claims_app.errors import Conflict


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


#: PostgreSQL's answers that mean "another transaction held what this one needed; the same
#: request may well succeed if sent again": lock_not_available, deadlock_detected and
#: serialization_failure.
RETRYABLE_PG_STATES = frozenset({"55P03", "40P01", "40001"})


def is_lock_wait(error: BaseException) -> bool:
    """Whether a database error says the request waited for another writer's lock and gave
    up: SQLite's "database is locked" once the busy timeout passed, or PostgreSQL's lock,
    deadlock and serialisation failures. Nothing of the request was written, and sending it
    again is the right answer (a 503 with ``Retry-After``), not a 500."""
    orig = getattr(error, "orig", None)
    if isinstance(orig, sqlite3.OperationalError):
        message = str(orig)
        return "database is locked" in message or "database table is locked" in message
    return getattr(orig, "sqlstate", None) in RETRYABLE_PG_STATES
