"""Web security in one place: CSRF, login sessions, role checks and response headers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Flask, abort, request
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from claims_app.accounts.models import User
from claims_app.accounts.permissions import Permission, can

csrf = CSRFProtect()
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


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    app.after_request(_security_headers)


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    from claims_app import db

    user = db.session().get(User, int(user_id))
    return user if user is not None and user.active else None


def _security_headers(response: Any) -> Any:
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
    from claims_app.inputs import MAX_ID

    try:
        number = int(str(value).strip()) if value is not None and len(str(value)) <= 12 \
            else None
    except ValueError:
        return None
    return number if number is not None and -MAX_ID <= number <= MAX_ID else None


def user_can(permission: Permission) -> bool:
    return bool(current_user.is_authenticated and can(current_user.role, permission))


def requires(permission: Permission) -> Callable[[F], F]:
    """Refuse a view unless the logged-in user's role grants ``permission`` (403 otherwise)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not can(current_user.role, permission):
                abort(403)
            return view(*args, **kwargs)

        # The permission is kept on the view so a test can walk every endpoint against the
        # permission table (and find any state-changing view that asks for none).
        wrapped.required_permission = permission  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator
