"""History of a record from its audit trail: readable diffs, revert, and undelete.

Reverts and undeletes never write rows behind the services' backs where a service exists:
a reverted claim edit goes through ``update_claim`` (with its optimistic locking and
validation) and the event that service writes is re-labelled ``revert`` with
``reverts_event_id``, so the trail says what happened and why. Undeletes rebuild a record
from the ``before`` snapshot its delete event kept, under its old id, so links to it from
the trail keep working.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
from dataclasses import dataclass
from typing import Any, TypeGuard

from sqlalchemy import Date, DateTime, Enum, func, inspect, select
from sqlalchemy.orm import Session, aliased

from claims_app.accounts.models import User
from claims_app.articles.models import Article, Outlet
from claims_app.audit.models import AuditEvent
from claims_app.audit.services import record, snapshot
from claims_app.claims import services as claims
from claims_app.claims.models import Claim, ClaimStatus, Review
from claims_app.claims.services import tags_named
from claims_app.desk.undelete import undelete_thread
from claims_app.errors import InvalidInput, NotFound
from claims_app.speakers import merge as speaker_merge
from claims_app.speakers import services as speakers
from claims_app.speakers.models import Speaker
from claims_app.speakers.services import speaker_state
from claims_app.speakers.undelete import restore_speaker
from claims_app.web.pagination import Page, page_bounds

ENTITY_TYPES = ("claim", "article", "speaker")
_MODELS: dict[str, type[Any]] = {"claim": Claim, "article": Article, "speaker": Speaker}
# Bookkeeping columns every edit changes; showing them would bury what a person changed.
_NOISE = frozenset({"updated_at", "version", "name_key", "alias_key", "prefix", "suffix",
                    "updated_by_id", "content_hash"})
LONG_TEXT = 60
REVERTIBLE = {"claim": {"update", "review"}, "speaker": {"update", "merge", "merge_in"}}


@dataclass(frozen=True)
class WordPiece:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any
    words: list[WordPiece] | None  # a word diff when either side is long text


@dataclass(frozen=True)
class HistoryEntry:
    event: AuditEvent
    changes: list[FieldChange]
    revertible: bool
    reverted_by: int | None


def _check_type(entity_type: str) -> type[Any]:
    if entity_type not in _MODELS:
        raise NotFound(f"There is no history for {entity_type!r} records.")
    return _MODELS[entity_type]


def word_diff(before: str, after: str) -> list[WordPiece]:
    """Words deleted and inserted between two texts, whitespace kept so it reads as prose."""
    a, b = re.findall(r"\s+|[^\s]+", before), re.findall(r"\s+|[^\s]+", after)
    pieces: list[WordPiece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(WordPiece("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(WordPiece("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(WordPiece("insert", "".join(b[j1:j2])))
    return pieces


def _flatten(state: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(state, dict):
        return {}
    out: dict[str, Any] = {}
    for key, value in state.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
            out.update(_flatten(value, f"{name}."))
        else:
            out[name] = value
    return out


def _shown(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(_shown(v)) for v in value) if value else ""
    return "" if value is None else value


def field_changes(before: Any, after: Any) -> list[FieldChange]:
    """Field-by-field differences of an event, nested merge states flattened to dotted names."""
    b, a = _flatten(before), _flatten(after)
    changes = []
    for key in [*b, *(k for k in a if k not in b)]:
        if key.rsplit(".", 1)[-1] in _NOISE:
            continue
        old, new = _shown(b.get(key)), _shown(a.get(key))
        if old == new:
            continue
        words = None
        if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT:
            words = word_diff(old, new)
        changes.append(FieldChange(key, old, new, words))
    return changes


def history(session: Session, entity_type: str, entity_id: int) -> list[HistoryEntry]:
    """A record's audit events, newest first, each with its readable diff."""
    _check_type(entity_type)
    reverter = aliased(AuditEvent)
    rows = session.execute(
        select(AuditEvent, func.max(reverter.id))
        .outerjoin(reverter, reverter.reverts_event_id == AuditEvent.id)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
        .group_by(AuditEvent.id)
        .order_by(AuditEvent.id.desc())
    ).all()
    allowed = REVERTIBLE.get(entity_type, set())
    return [
        HistoryEntry(
            event=event,
            changes=field_changes(event.before, event.after),
            revertible=(event.action in allowed and undone is None
                        and (event.before is not None or event.action == "merge_in")),
            reverted_by=undone,
        )
        for event, undone in rows
    ]


def current_version(session: Session, entity_type: str, entity_id: int) -> int | None:
    """The stored version, for the revert form's optimistic lock; None when the row is gone."""
    model = _check_type(entity_type)
    return session.scalar(select(model.version).where(model.id == entity_id))


def get_event(session: Session, event_id: int) -> AuditEvent:
    event = session.get(AuditEvent, event_id)
    if event is None:
        raise NotFound(f"There is no audit event {event_id}.")
    return event


# --- Revert ----------------------------------------------------------------------------------


def revert_event(
    session: Session, actor: User | None, event_id: int, *, expected_version: int | None
) -> AuditEvent:
    """Put back the values an update changed, through the record's own service.

    Only the fields that event changed are put back, so later edits to other fields stay.
    The service's own audit event becomes the ``revert`` event pointing at ``event_id``.
    """
    event = get_event(session, event_id)
    if event.action not in REVERTIBLE.get(event.entity_type, set()):
        raise InvalidInput(f"A {event.action} of a {event.entity_type} cannot be reverted here.")
    if session.scalar(select(AuditEvent.id).where(AuditEvent.reverts_event_id == event.id)):
        raise InvalidInput("That change was already reverted.")
    if event.entity_type == "speaker" and event.action in ("merge", "merge_in"):
        return _revert_merge(session, actor, event)
    if event.entity_type == "claim":
        _revert_claim(session, actor, event, expected_version)
    else:
        _revert_speaker(session, actor, event, expected_version)
    return _relabel(session, event)


def _changed_before(event: AuditEvent) -> dict[str, Any]:
    before, after = event.before or {}, event.after or {}
    return {k: before.get(k) for k in set(before) | set(after)
            if k not in _NOISE and before.get(k) != after.get(k) and k in before}


def _revert_claim(
    session: Session, actor: User | None, event: AuditEvent, expected_version: int | None
) -> None:
    claim = claims.get_claim(session, event.entity_id)
    old = _changed_before(event)
    if event.action == "review":
        if "status" not in old:
            raise InvalidInput("That review added a verdict; it did not change the status.")
        claims.set_status(session, actor, claim, old["status"], expected_version=expected_version)
        return
    state = {**claims.claim_state(claim), **old}
    data = claims.ClaimInput(
        start=state["start"], end=state["end"], kind=state["kind"],
        speaker_id=state.get("speaker_id"), speaker_role=state.get("speaker_role"),
        cue=state.get("cue"), said_on=_date(state.get("said_on")),
        said_on_basis=state.get("said_on_basis"), said_where=state.get("said_where"),
        note=state.get("note"), tags=list(state.get("tags") or []),
    )
    claims.update_claim(session, actor, claim, data, expected_version=expected_version)


def _revert_speaker(
    session: Session, actor: User | None, event: AuditEvent, expected_version: int | None
) -> None:
    speaker = speakers.get_speaker(session, event.entity_id)
    old = _changed_before(event)
    changes = {k: v for k, v in old.items() if k in speakers.SPEAKER_EDITABLE}
    if not changes:
        raise InvalidInput("That change has nothing that can be put back.")
    speakers.update_speaker(session, actor, speaker, changes, expected_version=expected_version)


def _revert_merge(session: Session, actor: User | None, event: AuditEvent) -> AuditEvent:
    if event.action == "merge_in":
        source_id = (event.after or {}).get("merged_speaker_id")
        merge = session.scalar(
            select(AuditEvent)
            .where(AuditEvent.action == "merge", AuditEvent.entity_type == "speaker",
                   AuditEvent.entity_id == source_id, AuditEvent.id > event.id)
            .order_by(AuditEvent.id)
            .limit(1)
        )
        if merge is None:
            raise NotFound("The merge this event belongs to is not in the trail.")
        event = merge
    # No version check: unmerge itself refuses unless the source is still merged into the
    # target, and it only moves back the claims the merge moved.
    return speaker_merge.unmerge_speakers(session, actor, event)


def _relabel(session: Session, reverted: AuditEvent) -> AuditEvent:
    pending = [o for o in session.new if isinstance(o, AuditEvent)
               and o.entity_type == reverted.entity_type and o.entity_id == reverted.entity_id]
    if not pending:
        raise InvalidInput("The record already has those values; there is nothing to revert.")
    event = pending[-1]
    event.action = "revert"
    event.reverts_event_id = reverted.id
    event.summary = f"reverted change #{reverted.id} ({reverted.summary})"[:300]
    session.flush()
    return event


# --- Deleted records -------------------------------------------------------------------------


@dataclass(frozen=True)
class DeletedRecord:
    event: AuditEvent
    restored_by: int | None  # the undelete event, once brought back

    @property
    def label(self) -> str:
        before = self.event.before or {}
        text = before.get("text") or before.get("title") or before.get("name") or ""
        return str(text)[:160]


def deleted_records(
    session: Session, *, entity_type: str | None = None, page: int = 1, per_page: int = 50
) -> Page[DeletedRecord]:
    """Delete events of claims, articles and speakers, newest first, with undelete status.

    An undelete is stored with the action ``restore`` (the name older databases hold).
    """
    restorer = aliased(AuditEvent)
    stmt = (
        select(AuditEvent, func.max(restorer.id))
        .outerjoin(restorer, (restorer.reverts_event_id == AuditEvent.id)
                   & (restorer.action == "restore"))
        .where(AuditEvent.action == "delete", AuditEvent.entity_type.in_(ENTITY_TYPES))
        .group_by(AuditEvent.id)
        .order_by(AuditEvent.id.desc())
    )
    if entity_type:
        _check_type(entity_type)
        stmt = stmt.where(AuditEvent.entity_type == entity_type)
    page, per_page = page_bounds(page, per_page)
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = session.execute(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    return Page([DeletedRecord(e, r) for e, r in rows], page, per_page, total)


def undelete(session: Session, actor: User | None, event_id: int) -> AuditEvent:
    """Recreate a deleted claim, article or speaker from its delete event, audited as
    ``restore`` (the stored action name, kept for existing trails) pointing back at the
    delete."""
    event = get_event(session, event_id)
    if event.action != "delete" or event.entity_type not in _MODELS:
        raise InvalidInput("Only deleted claims, articles and speakers can be undeleted.")
    if not event.before:
        raise InvalidInput("The delete event kept no copy of the record.")
    model = _MODELS[event.entity_type]
    if session.get(model, event.entity_id) is not None:
        raise InvalidInput(f"That {event.entity_type} exists again; there is nothing to undelete.")
    if event.entity_type == "claim":
        restored: Any = _undelete_claim(session, actor, event.before)
    elif event.entity_type == "article":
        restored = _undelete_article(session, actor, event.before)
    else:
        restored = restore_speaker(session, actor, event.before)
    session.flush()
    comments = 0
    if event.entity_type in ("claim", "article"):
        # The threads went with the record (and an article's with its claims); the trail
        # before this delete has them.
        targets = [restored, *(restored.claims if event.entity_type == "article" else [])]
        comments = sum(len(undelete_thread(session, t, deleted_by=event.id)) for t in targets)
    after = speaker_state(restored) if event.entity_type == "speaker" else snapshot(restored)
    with_comments = f", with {comments} comment{'s' if comments != 1 else ''}" if comments \
        else ""
    restore = record(session, actor, "restore", restored, after=after,
                     summary=f"undeleted {event.entity_type} (change #{event.id}){with_comments}")
    restore.reverts_event_id = event.id
    session.flush()
    return restore


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else value


def _columns(model: type[Any], state: dict[str, Any], skip: frozenset[str]) -> dict[str, Any]:
    """Model constructor arguments from a JSON snapshot, types put back per column."""
    out: dict[str, Any] = {}
    for attr in inspect(model).column_attrs:
        if attr.key in skip or attr.key not in state:
            continue
        value = state[attr.key]
        col_type = attr.columns[0].type
        if value is not None:
            if isinstance(col_type, DateTime):
                value = dt.datetime.fromisoformat(value)
            elif isinstance(col_type, Date):
                value = dt.date.fromisoformat(value)
            elif isinstance(col_type, Enum) and _is_enum(col_type.enum_class):
                value = col_type.enum_class(value)
        out[attr.key] = value
    return out


def _is_enum(cls: Any) -> TypeGuard[type[enum.Enum]]:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


def _existing_user(session: Session, user_id: int | None) -> int | None:
    return user_id if user_id is not None and session.get(User, user_id) is not None else None


def _undelete_claim(session: Session, actor: User | None, state: dict[str, Any]) -> Claim:
    if session.get(Article, state.get("article_id")) is None:
        raise InvalidInput(f"Undelete article {state.get('article_id')} first; this claim "
                           "belongs to it.")
    values = _columns(Claim, state, frozenset({"version", "updated_at"}))
    if values.get("speaker_id") is not None and session.get(Speaker, values["speaker_id"]) is None:
        values["speaker_id"] = None
    values["created_by_id"] = _existing_user(session, values.get("created_by_id"))
    values["updated_by_id"] = actor.id if actor else None
    values.setdefault("status", ClaimStatus.UNREVIEWED)
    claim = Claim(**values)
    claim.tags = tags_named(session, state.get("tags") or [])
    for review in state.get("reviews") or []:
        data = _columns(Review, review, frozenset({"claim_id"}))
        data["reviewer_id"] = _existing_user(session, data.get("reviewer_id"))
        claim.reviews.append(Review(**data))
    session.add(claim)
    return claim


def _undelete_article(session: Session, actor: User | None, state: dict[str, Any]) -> Article:
    values = _columns(Article, state, frozenset({"version", "updated_at"}))
    if values.get("outlet_id") is not None and session.get(Outlet, values["outlet_id"]) is None:
        values["outlet_id"] = None
    values["imported_by_id"] = _existing_user(session, values.get("imported_by_id"))
    article = Article(**values)
    session.add(article)
    session.flush()
    for claim_state in state.get("claims") or []:
        if session.get(Claim, claim_state.get("id")) is None:
            _undelete_claim(session, actor, claim_state)
    return article
