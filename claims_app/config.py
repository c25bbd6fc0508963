"""Settings: defaults, then the instance folder's ``config.py``, then ``CLAIMS_*`` variables.

One function owns the order so the web app, the CLI and Alembic always agree on which
database they talk to.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app

from claims_app.articles.limits import DEFAULT_MAX_ARTICLE_CHARS

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # filled in from the instance folder when still unset
    "SQLITE_BUSY_TIMEOUT_MS": 15000,
    "LANGUAGE": "en",
    "ORGANIZATION_NAME": "claims_app fact-check desk",
    "ORGANIZATION_URL": None,  # the publisher's address in ClaimReview; BASE_URL when unset
    # The site's public address: every absolute URL an export or the API writes starts with
    # it, never with the request's Host header (which any client can set).
    "BASE_URL": "http://127.0.0.1:5000/",
    # Host names besides BASE_URL's that requests may use (Flask's own setting, extended by
    # ``trusted_hosts``): anything else is answered 400.
    "TRUSTED_HOSTS": None,
    "MAX_CONTENT_LENGTH": 60 * 1024 * 1024,
    "MAX_IMPORT_FILE_BYTES": 60 * 1024 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,
    "PAGE_SIZE": 50,
    # How many reverse proxies in front append to X-Forwarded-For; 0 trusts none of it.
    "PROXY_COUNT": 0,
    # Failed logins allowed per (account, address) in each window; growing windows make
    # growing delays (claims_app.accounts.security).
    "LOGIN_RATE_LIMITS": "5 per minute; 20 per hour; 100 per day",
    # Flask-Limiter's counters: this process's memory unless a shared store is named.
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_STRATEGY": "moving-window",
    # Every web request's work stops after this many seconds (0: no limit); see deadline.py.
    "REQUEST_TIME_LIMIT_SECONDS": 10,
    # The longest article body accepted, in characters, by every way in: import files, the
    # article form, the import upload, the API (see articles/limits.py).
    "MAX_ARTICLE_CHARS": DEFAULT_MAX_ARTICLE_CHARS,
    # "Re-run extraction" on an article longer than this runs as a background job (its page
    # shows the progress) instead of inside the request; see jobs/services.py.
    "RERUN_IN_REQUEST_CHARS": 50_000,
}

MIN_SECRET_KEY_LENGTH = 32


class ConfigError(RuntimeError):
    """A setting the app cannot start with; the message says which and how to fix it."""


def default_sqlite_url(instance_path: str) -> str:
    """The embedded database lives in the instance folder, next to the secret key."""
    return "sqlite:///" + str(Path(instance_path) / "claims.sqlite3")


def load_config(app: Flask, overrides: dict[str, Any] | None = None) -> None:
    """Apply the settings layers in their one fixed order, then derive what is missing."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("CLAIMS")
    # from_prefixed_env reads values as JSON, so a key of digits would become a number:
    # the secret key is taken exactly as written.
    if "CLAIMS_SECRET_KEY" in os.environ:
        app.config["SECRET_KEY"] = os.environ["CLAIMS_SECRET_KEY"]
    if overrides:
        app.config.from_mapping(overrides)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = default_sqlite_url(app.instance_path)
    # The "remember me" cookie is as sensitive as the session; it follows its Secure flag.
    app.config.setdefault("SESSION_COOKIE_SECURE", False)
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    if app.config.get("SECRET_KEY") is None:
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))
    check_secret_key(app.config["SECRET_KEY"])
    app.config["BASE_URL"] = public_base_url(app.config["BASE_URL"])
    if not app.config.get("ORGANIZATION_URL"):
        app.config["ORGANIZATION_URL"] = app.config["BASE_URL"]
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)


def check_secret_key(key: Any) -> None:
    """Refuse a secret key that is not text or is short enough to guess; start-up stops
    with the reason rather than serve sessions anyone could forge (or 500 on each request,
    as a number did)."""
    if not isinstance(key, str):
        raise ConfigError(
            f"SECRET_KEY must be text, not {type(key).__name__}; set CLAIMS_SECRET_KEY or "
            "the instance's config.py to a random string of at least "
            f"{MIN_SECRET_KEY_LENGTH} characters (e.g. the output of "
            "'python -c \"import secrets; print(secrets.token_hex(32))\"').")
    if len(key.strip()) < MIN_SECRET_KEY_LENGTH:
        raise ConfigError(
            f"SECRET_KEY has {len(key.strip())} characters; it needs at least "
            f"{MIN_SECRET_KEY_LENGTH} random ones (e.g. the output of "
            "'python -c \"import secrets; print(secrets.token_hex(32))\"').")


def public_base_url(value: Any) -> str:
    """``CLAIMS_BASE_URL`` checked and given its trailing slash.

    Links in exports are published and kept by others, so a malformed address stops start-up
    rather than being written into every file.
    """
    text = str(value).strip() if isinstance(value, str) else ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query \
            or parts.fragment:
        raise ConfigError(
            f"CLAIMS_BASE_URL must be the site's public http(s) address, such as "
            f"https://claims.example.org/ (got {value!r})")
    return text if text.endswith("/") else text + "/"


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def trusted_hosts(config: Any) -> list[str]:
    """The host names requests may name: BASE_URL's, SERVER_NAME's and the configured list.

    ``CLAIMS_TRUSTED_HOSTS`` may be a JSON list or a comma-separated string; a name starting
    with a dot accepts its subdomains (Werkzeug's rule).
    """
    extra = config.get("TRUSTED_HOSTS") or []
    if isinstance(extra, str):
        extra = extra.split(",")
    base_host = urlsplit(config["BASE_URL"]).hostname or ""
    # A site served on the loopback (development, ``make run``) answers to each of its
    # names: no other machine can reach it to spoof one.
    names = list(LOOPBACK) if base_host in LOOPBACK else [base_host]
    if config.get("SERVER_NAME"):
        names.append(str(config["SERVER_NAME"]).partition(":")[0])
    names += [str(name).strip() for name in extra]
    return list(dict.fromkeys(name.lower() for name in names if name))


def _instance_secret_key(instance: Path) -> str:
    """Read the instance's secret key, creating it on first run.

    A hard-coded fallback would let anyone forge sessions, so failure to read or write
    the key stops start-up instead.
    """
    key_file = instance / "secret_key"
    if key_file.exists():
        key = key_file.read_text(encoding="ascii").strip()
        if len(key) < MIN_SECRET_KEY_LENGTH:
            raise ConfigError(f"{key_file} holds a secret key shorter than "
                               f"{MIN_SECRET_KEY_LENGTH} characters")
        return key
    try:
        instance.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key + "\n")
    except OSError as exc:
        raise ConfigError(
            f"no SECRET_KEY configured and none could be created in {instance}: {exc}"
        ) from exc
    return key


def size_limit() -> str:
    """MAX_CONTENT_LENGTH as a person reads it (e.g. "60 MB"), for the web's and the API's
    "too large" answers alike."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit} bytes"
