"""Settings: defaults, then the instance folder's ``config.py``, then ``CLAIMS_*`` variables.

One function owns the order so the web app, the CLI and Alembic always agree on which
database they talk to.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from claims_app.articles.limits import DEFAULT_MAX_ARTICLE_CHARS

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # filled in from the instance folder when still unset
    "SQLITE_BUSY_TIMEOUT_MS": 15000,
    "LANGUAGE": "en",
    "ORGANIZATION_NAME": "claims_app fact-check desk",
    "ORGANIZATION_URL": "http://127.0.0.1:5000/",
    "MAX_CONTENT_LENGTH": 60 * 1024 * 1024,
    "MAX_IMPORT_FILE_BYTES": 60 * 1024 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,
    "PAGE_SIZE": 50,
    # Every web request's work stops after this many seconds (0: no limit); see deadline.py.
    "REQUEST_TIME_LIMIT_SECONDS": 10,
    # The longest article body accepted, in characters, by every way in: import files, the
    # article form, the import upload, the API (see articles/limits.py).
    "MAX_ARTICLE_CHARS": DEFAULT_MAX_ARTICLE_CHARS,
    # "Re-run extraction" on an article longer than this runs as a background job (its page
    # shows the progress) instead of inside the request; see jobs/services.py.
    "RERUN_IN_REQUEST_CHARS": 50_000,
}


def default_sqlite_url(instance_path: str) -> str:
    """The embedded database lives in the instance folder, next to the secret key."""
    return "sqlite:///" + str(Path(instance_path) / "claims.sqlite3")


def load_config(app: Flask, overrides: dict[str, Any] | None = None) -> None:
    """Apply the settings layers in their one fixed order, then derive what is missing."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("CLAIMS")
    if overrides:
        app.config.from_mapping(overrides)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = default_sqlite_url(app.instance_path)
    # The "remember me" cookie is as sensitive as the session; it follows its Secure flag.
    app.config.setdefault("SESSION_COOKIE_SECURE", False)
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))


def _instance_secret_key(instance: Path) -> str:
    """Read the instance's secret key, creating it on first run.

    A hard-coded fallback would let anyone forge sessions, so failure to read or write
    the key stops start-up instead.
    """
    key_file = instance / "secret_key"
    if key_file.exists():
        key = key_file.read_text(encoding="ascii").strip()
        if len(key) < 32:
            raise RuntimeError(f"{key_file} holds a secret key shorter than 32 characters")
        return key
    try:
        instance.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key + "\n")
    except OSError as exc:
        raise RuntimeError(
            f"no SECRET_KEY configured and none could be created in {instance}: {exc}"
        ) from exc
    return key
