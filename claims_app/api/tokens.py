"""API tokens: created on the profile page, shown once, stored only as a SHA-256 digest.

A database leak then reveals no usable token, and a token can be revoked on its own
without touching the user's password or other tokens.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.accounts.models import ApiToken, User
from claims_app.audit.services import record, snapshot
from claims_app.db import utcnow
from claims_app.errors import InvalidInput, NotFound

TOKEN_PREFIX = "ca_"
MAX_NAME_LENGTH = 100
# Writing last_used_at on every request would turn each read into a write (and a lock on
# SQLite); a minute's precision is enough to tell an idle token from a used one.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
_SECRET_FIELDS = frozenset({"token_hash"})


def hash_token(plaintext: str) -> str:
    """The stored form of a token; SHA-256 suffices because tokens are long and random."""
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def create_token(session: Session, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``; the plaintext is returned once and never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput("Give the token a name, e.g. the script that will use it.",
                           field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(f"Keep the name under {MAX_NAME_LENGTH} characters.", field="name")
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(plaintext))
    session.add(token)
    session.flush()
    record(session, user, "create", token, after=snapshot(token, exclude=_SECRET_FIELDS),
           summary=f"API token {name!r} created")
    return token, plaintext


def list_tokens(session: Session, user: User) -> list[ApiToken]:
    return list(session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
    ))


def revoke_token(session: Session, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; someone else's token is "not found", not 403,
    so ids of other people's tokens are not confirmed."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(f"You have no token {token_id}.")
    if token.revoked_at is None:
        before = snapshot(token, exclude=_SECRET_FIELDS)
        token.revoked_at = utcnow()
        session.flush()
        record(session, user, "revoke", token, before=before,
               after=snapshot(token, exclude=_SECRET_FIELDS),
               summary=f"API token {token.name!r} revoked")
    return token


def user_for_token(session: Session, plaintext: str) -> User | None:
    """The active user a live token belongs to, noting its use; None for any bad token."""
    if not plaintext or len(plaintext) > 200:
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(plaintext)))
    if token is None or token.revoked_at is not None:
        return None
    user = session.get(User, token.user_id)
    if user is None or not user.active:
        return None
    now = utcnow()
    last = token.last_used_at
    if last is not None and last.tzinfo is None:  # SQLite may hand back a naive UTC value
        last = last.replace(tzinfo=dt.UTC)
    if last is None or now - last >= LAST_USED_RESOLUTION:
        token.last_used_at = now
    return user
