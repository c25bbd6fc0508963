"""A login's password check holds no write lock (issue 15, item 3, found by the load test
with imports beside it): on SQLite a POST's transaction takes the write lock at its first
statement (``BEGIN IMMEDIATE``), and the login checked the deliberately slow password hash
inside it, so ten logins at once, two imports writing beside them, kept the tenth waiting
past the 15 s busy timeout: a 500. The check now reads in a session of its own."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from claims_app.accounts import services as accounts
from claims_app.db import get_db
from tests.support import TEST_PASSWORD, isolated_app


def test_the_password_check_runs_while_another_writer_can_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with isolated_app("sqlite", tmp_path) as app:
        with get_db(app).sessionmaker() as s:
            accounts.create_user(s, None, "rita", TEST_PASSWORD, "reviewer")
            s.commit()
        path = get_db(app).engine.url.database
        assert path
        seen: list[str] = []
        real_verify = accounts.verify_password

        def verify_while_someone_writes(stored: str, password: str) -> Any:
            # Another writer, not willing to wait: it gets the lock only if the login's
            # request does not hold it while the hash is checked.
            other = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                seen.append("free")
            except sqlite3.OperationalError as exc:
                seen.append(str(exc))
            finally:
                other.close()
            return real_verify(stored, password)

        monkeypatch.setattr(accounts, "verify_password", verify_while_someone_writes)
        client = app.test_client()
        response = client.post("/login", data={"username": "rita", "password": TEST_PASSWORD})
        assert response.status_code in (302, 303)
        assert seen == ["free"]
