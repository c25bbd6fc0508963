"""Account operations: create users, change roles and passwords, authenticate with limits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims_app.accounts.models import LoginAttempt, Role, User
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

# Failed logins allowed in the window before further tries are refused.
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = dt.timedelta(minutes=15)
_SECRET_FIELDS = frozenset({"password_hash"})


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


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
    username = username.strip()
    if not username or len(username) > 80:
        raise InvalidInput("A username needs 1 to 80 characters.", field="username")
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
    before = snapshot(user, exclude=_SECRET_FIELDS)
    user.role = Role(role)
    session.flush()
    record(session, actor, "update", user, before=before,
           after=snapshot(user, exclude=_SECRET_FIELDS), summary=f"role set to {user.role}")
    return user


def set_active(session: Session, actor: User | None, user: User, active: bool) -> User:
    before = snapshot(user, exclude=_SECRET_FIELDS)
    user.active = active
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
    problem = policy_problem(new_password, username=user.username)
    if problem:
        raise InvalidInput(problem, field="new_password")
    before = {**snapshot(user, exclude=_SECRET_FIELDS), "password": "(previous, not kept)"}
    user.password_hash = hash_password(new_password)
    session.flush()
    # The hashes are never copied into the trail; it says that the password changed.
    record(session, user, "update", user, before=before,
           after={**snapshot(user, exclude=_SECRET_FIELDS), "password": "(changed, not kept)"},
           summary="changed own password")


class LoginRefused(Exception):
    """Raised for any failed login; the message never says which part was wrong."""

    GENERIC = "Unknown username or wrong password."
    LIMITED = "Too many failed attempts. Wait a few minutes and try again."


def authenticate(session: Session, username: str, password: str, address: str) -> User:
    """Check a login, recording the attempt; refuse when recent failures exceed the limits."""
    since = utcnow() - FAILURE_WINDOW
    failures = select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.succeeded.is_(False), LoginAttempt.at >= since
    )
    by_account = session.scalar(failures.where(LoginAttempt.username == username)) or 0
    by_address = session.scalar(failures.where(LoginAttempt.address == address)) or 0
    if by_account >= MAX_FAILURES_PER_ACCOUNT or by_address >= MAX_FAILURES_PER_ADDRESS:
        session.add(LoginAttempt(username=username[:80], address=address[:64], succeeded=False))
        raise LoginRefused(LoginRefused.LIMITED)
    user = session.scalar(select(User).where(User.username == username))
    ok = verify_password(user.password_hash if user else dummy_hash(), password)
    ok = ok and user is not None and user.active
    session.add(LoginAttempt(username=username[:80], address=address[:64], succeeded=ok))
    if not ok or user is None:
        raise LoginRefused(LoginRefused.GENERIC)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user
