"""Writing audit events: every service that changes a record calls ``record`` in the same
transaction, so a change and its trail are committed or rolled back together."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.audit.models import AuditEvent

SYSTEM_ACTOR = "system"


def _unproxied(obj: Any) -> Any:
    """The record behind a proxy such as Flask-Login's ``current_user``, whose type would
    otherwise be recorded as the entity type (and which SQLAlchemy cannot inspect)."""
    getter = getattr(obj, "_get_current_object", None)
    return getter() if callable(getter) else obj


def snapshot(obj: Any, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A JSON-safe dict of a record's column attributes (not relationships)."""
    obj = _unproxied(obj)
    mapper = inspect(type(obj))
    out: dict[str, Any] = {}
    for attr in mapper.column_attrs:
        if attr.key in exclude:
            continue
        out[attr.key] = to_json(getattr(obj, attr.key))
    return out


def to_json(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value


def entity_type(obj: Any) -> str:
    return type(_unproxied(obj)).__name__.lower()


def record(
    session: Session,
    actor: User | None,
    action: str,
    entity: Any,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    summary: str = "",
) -> AuditEvent:
    """Add one audit event; the entity must already have its id (flush first)."""
    if entity.id is None:
        session.flush()
    event = AuditEvent(**event_values(actor, action, entity_type(entity), entity.id,
                                      before=before, after=after, summary=summary))
    session.add(event)
    return event


def event_values(
    actor: User | None, action: str, kind: str, entity_id: int, *,
    before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
    summary: str = "",
) -> dict[str, Any]:
    """An audit event's columns. ``record`` adds one event through the session; bulk
    writers (the importer) insert many of these rows in one statement."""
    return {
        "actor_id": actor.id if actor is not None else None,
        "actor_name": actor.username if actor is not None else SYSTEM_ACTOR,
        "action": action,
        "entity_type": kind,
        "entity_id": entity_id,
        "summary": summary[:300],
        "before": before,
        "after": after,
    }


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Only the fields whose values differ, so history shows what a person changed."""
    return {k: after.get(k) for k in after if before.get(k) != after.get(k)}
