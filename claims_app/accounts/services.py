"""Account operations: create users, change roles and passwords, authenticate, and the
server-side login sessions those changes end.

Failed logins are throttled in front of :func:`authenticate`, by (account, address), in
``claims_app.accounts.security`` (Flask-Limiter); nothing here ever refuses the right password.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from claims_app.accounts.models import ApiToken, LoginSession, Role, User
from claims_app.accounts.passwords import (
    dummy_hash,
    hash_password,
    needs_rehash,
    policy_problem,
    verify_password,
)
from claims_app.accounts.permissions import Permission, can
from claims_app.audit.services import record, snapshot
from claims_app.db import utcnow
from claims_app.errors import Forbidden, InvalidInput, NotFound
from claims_app.name_rules import normalize_username, username_problem

_SECRET_FIELDS = frozenset({"password_hash"})
_TOKEN_SECRET_FIELDS = frozenset({"token_hash"})


def find_user(session: Session, username: str) -> User | None:
    """The account a typed username names, in its one normalised form (``Admin`` is
    ``admin``)."""
    return session.scalar(select(User).where(User.username == normalize_username(username)))


def get_user_by_id(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user {user_id}.")
    return user


def get_user(session: Session, username: str) -> User:
    user = find_user(session, username)
    if user is None:
        raise NotFound(f"No user named {username!r}.")
    return user


def acting_user(session: Session, username: str, permission: Permission) -> User:
    """The account a command acts for, refused (Forbidden) unless it is active and its role
    grants ``permission`` in the one permission table, exactly as a web request would be."""
    user = get_user(session, username)
    if not user.active:
        raise Forbidden(f"The account {username!r} is deactivated.")
    if not can(user.role, permission):
        raise Forbidden(f"{username} is a {user.role.value}; that role may not "
                        f"{permission.value.replace('_', ' ')}.")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def create_user(
    session: Session,
    actor: User | None,
    username: str,
    password: str,
    role: Role | str = Role.VIEWER,
    *,
    display_name: str | None = None,
) -> User:
    username = normalize_username(username)
    problem = username_problem(username)
    if problem:
        raise InvalidInput(problem, field="username")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise InvalidInput(f"The username {username!r} is taken.", field="username")
    problem = policy_problem(password, username=username)
    if problem:
        raise InvalidInput(problem, field="password")
    user = User(
        username=username,
        display_name=display_name,
        password_hash=hash_password(password),
        role=Role(role),
        active=True,
    )
    session.add(user)
    session.flush()
    record(session, actor, "create", user, after=snapshot(user, exclude=_SECRET_FIELDS),
           summary=f"created user {username} ({user.role})")
    return user


def set_role(session: Session, actor: User | None, user: User, role: Role | str) -> User:
    """Change what ``user`` may do; their sessions end, so they log in again under it."""
    before = snapshot(user, exclude=_SECRET_FIELDS)
    changed = user.role != Role(role)
    user.role = Role(role)
    if changed:
        end_all_login_sessions(session, user)
    session.flush()
    record(session, actor, "update", user, before=before,
           after=snapshot(user, exclude=_SECRET_FIELDS), summary=f"role set to {user.role}")
    return user


def set_active(session: Session, actor: User | None, user: User, active: bool) -> User:
    """(De)activate an account. Deactivation ends its sessions and revokes its API tokens
    for good: reactivating the account later gives back neither (it logs in afresh and
    makes new tokens), so whatever leaked before the deactivation stays useless."""
    before = snapshot(user, exclude=_SECRET_FIELDS)
    user.active = active
    if not active:
        end_all_login_sessions(session, user)
        _revoke_all_tokens(session, actor, user)
    session.flush()
    record(session, actor, "update", user, before=before,
           after=snapshot(user, exclude=_SECRET_FIELDS),
           summary="reactivated" if active else "deactivated")
    return user


def change_password(
    session: Session, user: User, current_password: str, new_password: str
) -> None:
    if not verify_password(user.password_hash, current_password):
        raise InvalidInput("The current password is not right.", field="current_password")
    _store_password(session, user, user, new_password, "changed own password")


def password_matches(user: User, password: str) -> bool:
    """Whether ``password`` logs this account in (the command line's demo account check)."""
    return verify_password(user.password_hash, password)


def set_password(session: Session, actor: User | None, user: User, new_password: str) -> None:
    """Give an account a new password without its current one: the command line's reset
    (``users create --if-missing --set-password``), held to the same policy."""
    _store_password(session, actor, user, new_password, "password set from the command line")


def _store_password(
    session: Session, actor: User | None, user: User, new_password: str, summary: str
) -> None:
    problem = policy_problem(new_password, username=user.username)
    if problem:
        raise InvalidInput(problem, field="new_password")
    before = {**snapshot(user, exclude=_SECRET_FIELDS), "password": "(previous, not kept)"}
    user.password_hash = hash_password(new_password)
    # Whoever knew the old password may hold a session made with it: every session ends,
    # and the browser that made the change is given a new one by the caller.
    end_all_login_sessions(session, user)
    session.flush()
    # The hashes are never copied into the trail; it says that the password changed.
    record(session, actor, "update", user, before=before,
           after={**snapshot(user, exclude=_SECRET_FIELDS), "password": "(changed, not kept)"},
           summary=summary)


def _revoke_all_tokens(session: Session, actor: User | None, user: User) -> None:
    now = utcnow()
    for token in session.scalars(select(ApiToken).where(
            ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))):
        before = snapshot(token, exclude=_TOKEN_SECRET_FIELDS)
        token.revoked_at = now
        session.flush()
        record(session, actor, "revoke", token, before=before,
               after=snapshot(token, exclude=_TOKEN_SECRET_FIELDS),
               summary=f"API token {token.name!r} revoked (account deactivated)")


class LoginRefused(Exception):
    """Raised for any failed login; the message never says which part was wrong."""

    GENERIC = "Unknown username or wrong password."


def authenticate(session: Session, username: str, password: str) -> User:
    """Check a login; the caller throttles repeated failures (see the module docstring)."""
    user = find_user(session, username)
    ok = verify_password(user.password_hash if user else dummy_hash(), password)
    if not ok or user is None or not user.active:
        raise LoginRefused(LoginRefused.GENERIC)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


# --- Server-side login sessions -------------------------------------------------------------


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def start_login_session(session: Session, user: User, max_age: dt.timedelta) -> str:
    """Record a new login of ``user`` and return its key (for the signed cookie only).

    Sessions older than ``max_age`` are deleted on the way, so the table holds only the
    logins of the last ``max_age``."""
    session.execute(delete(LoginSession).where(LoginSession.created_at < utcnow() - max_age))
    key = secrets.token_urlsafe(32)
    session.add(LoginSession(user_id=user.id, key_hash=_key_hash(key)))
    session.flush()
    return key


def user_for_login_session(
    session: Session, user_id: int, key: str, max_age: dt.timedelta
) -> User | None:
    """The active user a cookie's (user id, key) pair still logs in, or None when that login
    was ended, has expired, or the account is deactivated."""
    if not key or len(key) > 100:
        return None
    found = session.execute(
        select(User, LoginSession.created_at)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(LoginSession.key_hash == _key_hash(key), User.id == user_id)
    ).first()
    if found is None:
        return None
    user, created = found
    if created.tzinfo is None:  # SQLite may hand back a naive UTC value
        created = created.replace(tzinfo=dt.UTC)
    if utcnow() - created > max_age:
        return None
    return user if user.active else None


def end_login_session(session: Session, key: str) -> None:
    """End one browser's login: its cookie, even replayed, no longer logs anyone in."""
    session.execute(delete(LoginSession).where(LoginSession.key_hash == _key_hash(key)))


def end_all_login_sessions(session: Session, user: User) -> int:
    """End every login of ``user`` on every device; returns how many there were."""
    ended = session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    return int(getattr(ended, "rowcount", 0) or 0)


def count_login_sessions(session: Session, user: User) -> int:
    return session.scalar(select(func.count()).select_from(LoginSession)
                          .where(LoginSession.user_id == user.id)) or 0
