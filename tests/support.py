"""Helpers shared by the fixtures and by tests that need a database of their own."""

from __future__ import annotations

import os
import uuid
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
    name = make_url(url).database
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def new_database_url(kind: str, tmp_dir: Any) -> str:
    """A fresh, empty database of the given kind (for tests that need their own)."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_dir}/claims-{uuid.uuid4().hex[:8]}.sqlite3"
    return fresh_postgres_database()
