"""The per-request time limit: work a page started stops when the limit passes.

A page whose cost grew with its data (an article of 26,802 claims) once kept a worker busy
for five minutes, long after the person had given up, and eight such views starved every
other request. Bounded pages (linear passes, capped lists) are the first defence; this limit
is the second, for whatever still runs away. It has to stop the work itself, not only the
answer, so it acts at the three places work happens:

* **PostgreSQL** runs each statement of a web request under ``statement_timeout``: the
  server cancels it, whatever the client does.
* **SQLite** has no statement timeout; a progress handler (called every few thousand virtual
  machine steps) interrupts a statement that has run longer than the limit.
* **Python loops that grow with the data** (cutting an article body into highlighted pieces,
  for instance) call :func:`check`, which raises :class:`TimeLimitExceeded` once the request
  is older than the limit.

Each is set from ``REQUEST_TIME_LIMIT_SECONDS`` (default 10; 0 turns the limit off). The
database limits apply to each statement of a web request, so a streamed export, whose many
statements each take milliseconds, is never cut; the Python deadline runs from the start of
the request. Command-line work (imports, exports, backups) has no limit: it was asked for
and is watched by whoever started it.

The answer is a 503 page (JSON under /api/) that says the limit and what to do instead.

The same handler answers a request whose wait for another writer's lock gave up (SQLite's
"database is locked" after the busy timeout; PostgreSQL's lock, deadlock and serialisation
failures): also "too much at once", not a fault, so a 503 with ``Retry-After`` saying that
nothing was saved and to send it again, never a 500.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from flask import Flask, current_app, g, has_request_context, jsonify, render_template, request
from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError

from claims_app import db
from claims_app.errors import ServiceError

#: How often SQLite calls the progress handler, in virtual machine instructions: about a
#: millisecond of work, so an interrupted statement stops within a few milliseconds.
SQLITE_PROGRESS_STEPS = 20_000


class TimeLimitExceeded(ServiceError):
    """The request ran past ``REQUEST_TIME_LIMIT_SECONDS``; its work was stopped."""

    status_code = 503


def limit_seconds(app: Flask | None = None) -> float:
    """The configured limit (0: none)."""
    return float((app or current_app).config.get("REQUEST_TIME_LIMIT_SECONDS") or 0)


def _message() -> str:
    return (f"This request took longer than the {limit_seconds():g}-second limit and was "
            "stopped. Narrow it (a later page, a filter) or run the work from the command "
            "line (claims-app), which has no limit.")


def start() -> None:
    """Open the request's deadline (``before_request``)."""
    seconds = limit_seconds()
    g.deadline = time.monotonic() + seconds if seconds > 0 else None


def check() -> None:
    """Raise ``TimeLimitExceeded`` when the current request is past its deadline; outside a
    request (the CLI, a background thread) it never raises."""
    if not has_request_context():
        return
    deadline = g.get("deadline")
    if deadline is not None and time.monotonic() > deadline:
        raise TimeLimitExceeded(_message())


def is_time_limit(error: BaseException) -> bool:
    """Whether a database error is one of ours: PostgreSQL's cancelled statement or SQLite's
    interrupted one."""
    orig = getattr(error, "orig", None)
    if orig is None:
        return False
    if isinstance(orig, sqlite3.OperationalError):
        return "interrupted" in str(orig)
    # Here, not at the top: psycopg is loaded only where PostgreSQL is used.
    from psycopg import errors as pg_errors

    return isinstance(orig, pg_errors.QueryCanceled)


def attach(engine: Engine, seconds: float) -> None:
    """Give the engine's connections the statement limit while they serve a web request.

    The setting follows each checkout: a connection checked out inside a request gets the
    limit, one checked out by the CLI or a background thread gets none. On PostgreSQL the
    ``SET`` is sent only when the wanted value differs from the connection's current one, so
    a serving process pays for it once per pooled connection."""
    if seconds <= 0:
        return
    millis = int(seconds * 1000)
    if engine.dialect.name == "postgresql":
        @event.listens_for(engine, "checkout")
        def _pg_timeout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
            wanted = millis if has_request_context() else 0
            if record.info.get("statement_timeout") == wanted:
                return
            with dbapi_conn.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {wanted}")
            dbapi_conn.commit()  # a SET inside the pool's rolled-back transaction would undo
            record.info["statement_timeout"] = wanted
        return
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "checkout")
    def _sqlite_progress(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        if not has_request_context():
            dbapi_conn.set_progress_handler(None, 0)
            return
        started = record.info.setdefault("statement_started", [time.monotonic()])
        record.info["statement_started"] = started

        def stop_late_statement() -> int:
            return 1 if time.monotonic() - started[0] > seconds else 0

        dbapi_conn.set_progress_handler(stop_late_statement, SQLITE_PROGRESS_STEPS)

    @event.listens_for(engine, "before_cursor_execute")
    def _sqlite_statement_starts(conn: Any, *_args: Any) -> None:
        started = conn.connection.info.get("statement_started")
        if started is not None:
            started[0] = time.monotonic()


#: Seconds a client is asked to wait before sending again a request that found the
#: database busy.
BUSY_RETRY_SECONDS = 5

BUSY_MESSAGE = ("The database was busy with other saves (an import, perhaps) and this request "
                "could not wait any longer. Nothing of it was saved. Go back and send it "
                "again in a few seconds.")


def _timed_out(error: OperationalError) -> Any:
    """A 503 for the two database errors that mean "too much at once, not a fault": the
    time limit stopping a statement, and a lock wait that gave up (SQLite's "database is
    locked" after the busy timeout; PostgreSQL's lock and serialisation failures). The
    second says ``Retry-After``: nothing was written and the same request may succeed.
    Any other database error stays a 500."""
    busy = db.is_lock_wait(error)
    if not busy and not is_time_limit(error):
        raise error
    db.rollback()
    message = BUSY_MESSAGE if busy else _message()
    if request.path.startswith("/api/"):
        response = jsonify({"error": message, "field": None, "retry": busy})
        response.status_code = 503
    else:
        response = current_app.make_response(
            (render_template("errors/error.html", code=503, description=message), 503))
    if busy:
        response.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
    return response


def init_app(app: Flask) -> None:
    attach(db.get_db(app).engine, limit_seconds(app))
    app.before_request(start)
    app.register_error_handler(OperationalError, _timed_out)
