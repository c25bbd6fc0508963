"""Merging two speakers into one, and undoing a merge from its audit event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.audit.models import AuditEvent
from claims_app.audit.services import record, to_json
from claims_app.claims.models import Claim
from claims_app.crossref import sync
from claims_app.db import utcnow
from claims_app.errors import InvalidInput
from claims_app.speakers.models import Speaker, SpeakerRole
from claims_app.speakers.names import name_key
from claims_app.speakers.services import (
    add_alias,
    check_speaker_version,
    get_speaker,
    live_named,
    note_role,
    speaker_state,
)

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class MergePlan:
    """What a merge will do, shown on the confirmation page before anything changes."""

    source: Speaker
    target: Speaker
    claim_count: int
    new_aliases: list[str]
    new_roles: list[str]


def plan_merge(session: Session, source: Speaker, target: Speaker) -> MergePlan:
    _check_mergeable(source, target)
    claim_count = session.scalar(
        select(func.count(Claim.id)).where(Claim.speaker_id == source.id)
    ) or 0
    target_keys = {target.name_key, *(a.alias_key for a in target.aliases)}
    new_aliases: list[str] = []
    for form in (source.name, *(a.alias for a in source.aliases)):
        key = name_key(form)
        if key and key not in target_keys:
            target_keys.add(key)
            new_aliases.append(form)
    titles = {r.title.casefold() for r in target.roles}
    new_roles = [r.title for r in source.roles if r.title.casefold() not in titles]
    return MergePlan(source, target, claim_count, new_aliases, new_roles)


def _check_mergeable(source: Speaker, target: Speaker) -> None:
    if source.id == target.id:
        raise InvalidInput("A speaker cannot be merged into itself.", field="target_id")
    if source.merged_into_id is not None:
        raise InvalidInput(f"{source.name} was already merged into another speaker.",
                           field="target_id")
    if target.merged_into_id is not None:
        raise InvalidInput(f"{target.name} was merged into another speaker; merge into that "
                           "one instead.", field="target_id")


def merge_speakers(
    session: Session, actor: User | None, source: Speaker, target: Speaker, *,
    expected_source_version: int | None = None, expected_target_version: int | None = None,
) -> AuditEvent:
    """Fold ``source`` into ``target``: every claim moves, the source's name and aliases become
    target aliases, its roles are copied over. The source row stays (with ``merged_into_id``)
    and the audit event lists exactly what moved, so ``unmerge_speakers`` can undo it."""
    # Lock both rows (PostgreSQL; SQLite writers already hold the database lock) so two
    # merges, or a merge and an edit, of the same speakers run one after the other.
    session.execute(
        select(Speaker.id).where(Speaker.id.in_([source.id, target.id])).with_for_update()
    )
    check_speaker_version(source, expected_source_version)
    check_speaker_version(target, expected_target_version)
    plan = plan_merge(session, source, target)
    before = {"source": speaker_state(source), "target": speaker_state(target)}
    claim_ids = list(session.scalars(
        select(Claim.id).where(Claim.speaker_id == source.id).order_by(Claim.id)
    ))
    if claim_ids:
        session.execute(
            update(Claim)
            .where(Claim.id.in_(claim_ids))
            .values(speaker_id=target.id, version=Claim.version + 1, updated_at=utcnow(),
                    updated_by_id=actor.id if actor else None)
            .execution_options(synchronize_session="fetch")
        )
        sync.note_statements(session, claim_ids)  # their statement groups follow the speaker
    for alias in plan.new_aliases:
        add_alias(session, target, alias)
    widened: dict[str, list[str | None]] = {}
    added_roles: list[str] = []
    for role in source.roles:
        existing = next((r for r in target.roles if r.title.casefold() == role.title.casefold()),
                        None)
        if existing is None:
            target.roles.append(SpeakerRole(
                title=role.title, organization=role.organization,
                first_seen=role.first_seen, last_seen=role.last_seen,
            ))
            added_roles.append(role.title)
            continue
        widened[existing.title] = [to_json(existing.first_seen), to_json(existing.last_seen)]
        for seen in (role.first_seen, role.last_seen):
            if seen is not None:
                note_role(session, target, existing.title, seen)
    source.merged_into_id = target.id
    source.updated_at = target.updated_at = utcnow()
    session.flush()
    after = {
        "source": speaker_state(source), "target": speaker_state(target),
        "claim_ids": claim_ids, "added_aliases": plan.new_aliases, "added_roles": added_roles,
        "widened_roles": widened,
    }
    record(session, actor, "merge_in", target, after={"merged_speaker_id": source.id},
           summary=f"absorbed speaker {source.name} ({len(claim_ids)} claims)")
    return record(session, actor, "merge", source, before=before, after=after,
                  summary=f"merged into {target.name} ({len(claim_ids)} claims moved)")


def unmerge_speakers(
    session: Session, actor: User | None, merge_event: AuditEvent,
) -> AuditEvent:
    """Undo a merge from its audit event: the moved claims that still sit with the target go
    back, the aliases and roles the merge added are removed, widened role dates restored."""
    if merge_event.action != "merge" or merge_event.entity_type != "speaker":
        raise InvalidInput("That event is not a speaker merge.")
    after = merge_event.after or {}
    source = get_speaker(session, merge_event.entity_id)
    target = get_speaker(session, after["target"]["id"])
    if source.merged_into_id != target.id:
        raise InvalidInput(f"{source.name} is no longer merged into {target.name}.")
    taken = live_named(session, source.name_key)
    if taken is not None:
        raise InvalidInput(
            f"Speaker {taken.id} is called {taken.name}, as {source.name} was: two live "
            "speakers cannot share a name, so rename one of them before undoing the merge.")
    before = {"source": speaker_state(source), "target": speaker_state(target)}
    claim_ids = [int(i) for i in after.get("claim_ids", [])]
    if claim_ids:
        session.execute(
            update(Claim)
            .where(Claim.id.in_(claim_ids), Claim.speaker_id == target.id)
            .values(speaker_id=source.id, version=Claim.version + 1, updated_at=utcnow(),
                    updated_by_id=actor.id if actor else None)
            .execution_options(synchronize_session="fetch")
        )
        sync.note_statements(session, claim_ids)  # their statement groups follow the speaker
    added = {name_key(a) for a in after.get("added_aliases", [])}
    for alias in [a for a in target.aliases if a.alias_key in added]:
        target.aliases.remove(alias)
    added_roles = {t.casefold() for t in after.get("added_roles", [])}
    for role in [r for r in target.roles if r.title.casefold() in added_roles]:
        target.roles.remove(role)
    for title, (first, last) in after.get("widened_roles", {}).items():
        for role in target.roles:
            if role.title == title:
                role.first_seen = dt.date.fromisoformat(first) if first else None
                role.last_seen = dt.date.fromisoformat(last) if last else None
    source.merged_into_id = None
    source.updated_at = target.updated_at = utcnow()
    session.flush()
    event = record(
        session, actor, "revert", source, before=before,
        after={"source": speaker_state(source), "target": speaker_state(target)},
        summary=f"undid merge into {target.name}",
    )
    event.reverts_event_id = merge_event.id
    return event
