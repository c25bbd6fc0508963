"""Web security in one place: CSRF, login sessions, login throttling, role checks and
response headers.

**Sessions end on the server.** Flask's session is a signed cookie: on its own, logging out
only asks the browser to forget it, and a copy replayed later still logs in. So every login
is also a row (``accounts.models.LoginSession``) whose random key travels in the signed
cookie beside Flask-Login's user id; the user loader accepts a cookie only while that row
exists. Logging out deletes the browser's row; "log out everywhere", a password change, a
role change and deactivation delete all of the user's rows. A per-user generation counter
was the alternative, but it cannot end one browser's session without ending all of them.

**Failed logins are throttled, never locked out.** Limits apply per (account, address) and
count only failures (the 401 answers), with growing windows (``LOGIN_RATE_LIMITS``, e.g. 5
a minute, 20 an hour, 100 a day): a stranger guessing at someone's account slows down only
their own address, and the account's owner logs in from theirs with the right password.
Counting is Flask-Limiter's, in memory by default (``RATELIMIT_STORAGE_URI`` names a shared
store, e.g. ``redis://``, for several server processes). The address is the connection's
unless ``PROXY_COUNT`` says how many reverse proxies in front append to
``X-Forwarded-For``; only that many entries are trusted (werkzeug's ``ProxyFix``), so a
client cannot choose its own address by sending the header.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, g, request, session
from flask_limiter import Limiter, RequestLimit
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from claims_app import db
from claims_app.accounts.models import User
from claims_app.accounts.permissions import Permission, can, refusal
from claims_app.accounts.services import (
    end_login_session,
    start_login_session,
    user_for_login_session,
)
from claims_app.config import ConfigError
from claims_app.inputs import MAX_ID
from claims_app.name_rules import normalize_username

csrf = CSRFProtect()
# The key function is given per limit (only the login form is limited); this default is
# never used for counting.
limiter = Limiter(key_func=lambda: request.remote_addr or "unknown")
login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = "Please log in to see this page."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"

F = TypeVar("F", bound=Callable[..., Any])

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


#: Where the signed session cookie keeps the login's server-side key.
LOGIN_KEY = "_login_key"


def init_app(app: Flask) -> None:
    proxies = app.config.get("PROXY_COUNT", 0)
    if isinstance(proxies, bool) or not isinstance(proxies, int) or proxies < 0:
        raise ConfigError(f"PROXY_COUNT must be a whole number of proxies, 0 or more "
                           f"(got {proxies!r}).")
    if proxies:
        # Trust exactly as many X-Forwarded-For (and -Proto) entries as there are proxies.
        proxied = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
        app.wsgi_app = proxied  # type: ignore[method-assign]
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    app.after_request(_security_headers)


def _max_age() -> dt.timedelta:
    """How long a login lasts at most: Flask's ``PERMANENT_SESSION_LIFETIME``."""
    return current_app.permanent_session_lifetime


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    key = session.get(LOGIN_KEY)
    uid = int_or_none(user_id)
    if not isinstance(key, str) or uid is None:
        return None
    return user_for_login_session(db.session(), uid, key, _max_age())


def log_in(user: User) -> None:
    """Start a server-side login for ``user`` in this browser (the caller commits); a login
    this browser still held (another account, or before a password change) ends first."""
    previous = session.get(LOGIN_KEY)
    if isinstance(previous, str):
        end_login_session(db.session(), previous)
    key = start_login_session(db.session(), user, _max_age())
    login_user(user)
    session[LOGIN_KEY] = key


def log_out() -> None:
    """End this browser's login on the server and in the cookie (the caller commits)."""
    key = session.pop(LOGIN_KEY, None)
    if isinstance(key, str):
        end_login_session(db.session(), key)
    logout_user()


def login_throttle_key() -> str:
    """Failed logins count per (account, address): the account in its one normalised form,
    so ``Admin`` and ``ADMIN`` share a count."""
    account = normalize_username(request.form.get("username", ""))[:80]
    return f"{account}|{request.remote_addr or 'unknown'}"


def login_rate_limits() -> str:
    return str(current_app.config["LOGIN_RATE_LIMITS"])


def failed_login(response: Response) -> bool:
    """Only a refused login (401) counts towards the throttle."""
    return response.status_code == 401


def retry_after_seconds(limit: RequestLimit) -> int:
    return max(1, math.ceil(limit.reset_at - time.time()))


def _security_headers(response: Any) -> Any:
    # Pages show records, and the token page a token's plaintext once: no browser or proxy
    # may keep a copy. Only the static files (the same for everyone) may be cached.
    if request.endpoint != "static" and (g.get("api_user") is not None
                                         or current_user.is_authenticated):
        response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def safe_next(target: str | None, fallback: str) -> str:
    """Follow a ``next`` address only when it stays on this site (no open redirects)."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return fallback


def int_or_none(value: Any) -> int | None:
    """A form or query value as an id-sized int, None when it is not one (never a 500):
    numbers beyond what an id column holds are no id (``claims_app.inputs.MAX_ID``)."""
    try:
        number = int(str(value).strip()) if value is not None and len(str(value)) <= 12 \
            else None
    except ValueError:
        return None
    return number if number is not None and -MAX_ID <= number <= MAX_ID else None


def user_can(permission: Permission) -> bool:
    return bool(current_user.is_authenticated and can(current_user.role, permission))


def requires(permission: Permission) -> Callable[[F], F]:
    """Refuse a view unless the logged-in user's role grants ``permission`` (403 otherwise,
    saying which permission is missing and who can grant it)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not can(current_user.role, permission):
                abort(403, refusal(current_user.role, permission))
            return view(*args, **kwargs)

        # The permission is kept on the view so a test can walk every endpoint against the
        # permission table (and find any state-changing view that asks for none).
        wrapped.required_permission = permission  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def is_web_link(value: Any) -> bool:
    """Only http(s) addresses may become links: a stored ``javascript:`` or ``data:`` URL
    (imported, restored or typed) is shown as text, never made clickable."""
    if not isinstance(value, str):
        return False
    scheme, sep, rest = value.strip().partition(":")
    return bool(sep) and scheme.lower() in ("http", "https") and rest.startswith("//")
