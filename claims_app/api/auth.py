"""Bearer-token authentication for the API, checked against the one permission table.

The API reads only the ``Authorization`` header, never the session cookie: a browser
holding a login session cannot be tricked into making API writes (the API is exempt from
CSRF because nothing ambient authenticates it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, request
from flask_login import current_user

from claims_app import db
from claims_app.accounts.models import User
from claims_app.accounts.permissions import Permission, can
from claims_app.api.errors import json_error
from claims_app.api.schemas import ApiError
from claims_app.api.tokens import user_for_token

F = TypeVar("F", bound=Callable[..., Any])


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def api_user() -> User:
    """The user the current API request authenticated as."""
    return g.api_user


def token_required(permission: Permission) -> Callable[[F], F]:
    """401 without a live token, 403 when the role lacks ``permission``; both change nothing.

    On success the token's ``last_used_at`` is committed before the view runs, so a use is
    recorded even when the view then refuses the input.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            token = bearer_token()
            if token is None:
                raise ApiError(401, "Send an API token: 'Authorization: Bearer <token>'.")
            session = db.session()
            user = user_for_token(session, token)
            if user is None:
                session.rollback()
                raise ApiError(401, "The API token is unknown, revoked or its user is "
                                    "deactivated.")
            if not can(user.role, permission):
                session.rollback()
                raise ApiError(403, f"Your role ({user.role.value}) does not allow "
                                    f"{permission.value.replace('_', ' ')}.")
            if session.dirty:
                session.commit()
            g.api_user = user
            return view(*args, **kwargs)

        # The permission is kept on the view so a test can walk every API endpoint against the
        # permission table (and find any state-changing view that asks for none).
        wrapped.required_permission = permission  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def token_or_session(permission: Permission) -> Callable[[F], F]:
    """For read-only resources that both scripts and the logged-in browser fetch (article
    texts, the annotation container): a bearer token as the API checks it, else the login
    session as the pages check it. Refusals are JSON with the API's shape, 401 carrying
    ``WWW-Authenticate`` (a client library, not a person, is asking: no login redirect).

    Only safe methods use this, so the session cookie cannot be abused across sites (CSRF
    concerns writes only).
    """
    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            try:
                if bearer_token() is not None:
                    # The API's own check, word for word (it records the token's use).
                    return token_required(permission)(view)(*args, **kwargs)
                if not current_user.is_authenticated:
                    raise ApiError(401, "Log in, or send an API token: "
                                        "'Authorization: Bearer <token>'.")
                if not can(current_user.role, permission):
                    raise ApiError(403, f"Your role ({current_user.role.value}) does not "
                                        f"allow {permission.value.replace('_', ' ')}.")
            except ApiError as error:
                headers = ({"WWW-Authenticate": 'Bearer realm="claims_app"'}
                           if error.status == 401 else None)
                return json_error(error.status, error.message, headers=headers)
            return view(*args, **kwargs)

        wrapped.required_permission = permission  # type: ignore[attr-defined]
        # Marks the view for the permission walk, which checks it with tokens and logins.
        wrapped.accepts_token = True  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator
