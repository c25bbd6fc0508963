"""Helpers shared by the fixtures and by tests that need a database of their own."""

from __future__ import annotations

import os
import queue
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ADMIN_URL = os.environ.get(
    "CLAIMS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
TEST_PASSWORD = "correct-horse-battery"


def postgres_problem() -> str | None:
    """None when the server answers; otherwise why not."""
    try:
        eng = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
        eng.dispose()
    except Exception as exc:  # any failure to connect means "not available"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    return None


def fresh_postgres_database() -> str:
    name = f"claims_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str) -> None:
    """Drop a test's database in the background: PostgreSQL takes a checkpoint for each
    DROP DATABASE (2-6 s apiece on a busy disk, a tenth of the PostgreSQL half's time when
    done in line), and nothing waits for the database to be gone but the end of the run
    (``finish_dropping_databases``)."""
    _dropper().put(make_url(url).database or "")


_drops: list[queue.Queue[str | None]] = []
_drop_threads: list[threading.Thread] = []
_drop_errors: list[BaseException] = []


def _dropper() -> queue.Queue[str | None]:
    if not _drops:
        _drops.append(queue.Queue())
        thread = threading.Thread(target=_drop_queued, args=(_drops[0],), daemon=True,
                                  name="drop-test-databases")
        thread.start()
        _drop_threads.append(thread)
    return _drops[0]


def _drop_queued(names: queue.Queue[str | None]) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        while (name := names.get()) is not None:
            try:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            except Exception as exc:  # noqa: BLE001 - reported by finish_dropping_databases
                _drop_errors.append(exc)
    finally:
        admin.dispose()


def finish_dropping_databases() -> None:
    """Wait until every database handed to ``drop_postgres_database`` is dropped (the end of
    the run calls it, so no test database outlives the run)."""
    if _drops:
        _drops[0].put(None)
        _drop_threads[0].join()
        _drops.clear()
        _drop_threads.clear()
    if _drop_errors:
        raise RuntimeError(f"a test database could not be dropped: {_drop_errors[0]!r}")


def new_database_url(kind: str, tmp_dir: Any) -> str:
    """A fresh, empty database of the given kind (for tests that need their own)."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_dir}/claims-{uuid.uuid4().hex[:8]}.sqlite3"
    return fresh_postgres_database()


# --- real-browser tests -----------------------------------------------------------------

CHROMIUM = os.environ.get("CLAIMS_CHROMIUM", "/usr/bin/chromium")


def chromium_missing() -> str | None:
    """Why browser tests cannot run here, or None. Under CI a missing browser is a failure,
    so the reason is only given outside CI."""
    import shutil

    if os.path.exists(CHROMIUM) or shutil.which("chromium") or IN_CI:
        return None
    return f"Chromium not found at {CHROMIUM}; set CLAIMS_CHROMIUM to run browser tests"


def live_app(tmp_dir: Any, secret: str) -> Any:
    """An app with CSRF on over a fresh, migrated SQLite database, for a live server."""
    from claims_app import create_app
    from claims_app import migrate as migrations
    from claims_app.db import make_engine

    url = new_database_url("sqlite", tmp_dir)
    engine = make_engine(url)
    migrations.upgrade(engine, "head")
    engine.dispose()
    return create_app({"DATABASE_URL": url, "SECRET_KEY": secret + "-" + "k" * 32,
                       "WTF_CSRF_ENABLED": True})


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread; yields its base URL."""
    import threading

    from werkzeug.serving import make_server

    from claims_app.db import get_db

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        get_db(app).engine.dispose()


def browser_login(page: Any, base_url: str, username: str) -> None:
    """Log in through the real form, as a person would."""
    import re

    page.goto(f"{base_url}/login")
    page.fill("#username", username)
    page.fill("#password", TEST_PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(re.compile(r".*/(?!login).*"))


# --- an app over a database of its own (real, concurrent transactions) ---------------------

@contextmanager
def isolated_app(kind: str, tmp_dir: Any) -> Iterator[Any]:
    """An app over a fresh, migrated database of ``kind`` whose sessions commit for real
    (not the test's rolled-back transaction), for tests of concurrent transactions; the
    database is dropped afterwards."""
    from claims_app import create_app
    from claims_app import migrate as migrations
    from claims_app.db import get_db, make_engine

    url = new_database_url(kind, tmp_dir)
    engine = make_engine(url)
    migrations.upgrade(engine, "head")
    engine.dispose()
    app = create_app({"TESTING": True, "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "isolated-app-" + "x" * 32, "SERVER_NAME": "claims.test"})
    try:
        yield app
    finally:
        get_db(app).engine.dispose()
        if kind == "postgresql":
            drop_postgres_database(url)


def in_threads(*jobs: Any, timeout: float = 300) -> list[Any]:
    """Run the callables in threads released together; their results, in order. Any
    exception raised in a thread fails the calling test."""
    import threading

    results: list[Any] = [None] * len(jobs)
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(jobs))

    def run(i: int, job: Any) -> None:
        try:
            barrier.wait()
            results[i] = job()
        except BaseException as exc:  # noqa: BLE001 - handed to the calling test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    if errors:
        raise errors[0]
    return results


# --- axe-core in a page ---------------------------------------------------------------------

AXE_JS = Path(__file__).resolve().parent / "web" / "axe" / "node_modules" / "axe-core" / \
    "axe.min.js"


def axe_blocking(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now (a panel opened,
    a list shown), one line each. The page's context must bypass the CSP (axe is injected
    as a script tag), as tests/web/test_web_look.py's contexts do."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['impact']} {v['id']}: {v['help']} at "
            + ", ".join(" ".join(n["target"]) for n in v["nodes"][:4])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]
