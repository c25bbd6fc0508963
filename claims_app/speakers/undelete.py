"""Restoring a deleted speaker from its audited state (History's undelete)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.claims.models import Claim
from claims_app.crossref import sync
from claims_app.db import utcnow
from claims_app.errors import InvalidInput
from claims_app.speakers.models import Speaker, SpeakerKind, SpeakerRole
from claims_app.speakers.names import name_key
from claims_app.speakers.services import add_alias, live_named

if TYPE_CHECKING:
    pass


def restore_speaker(session: Session, actor: User | None, state: dict[str, Any]) -> Speaker:
    """Rebuild a deleted speaker from its audited state, under its old id, with its aliases,
    roles and the claims the delete left unattributed; the caller audits the restore."""
    if session.get(Speaker, state["id"]) is not None:
        raise InvalidInput("That speaker exists; there is nothing to restore.")
    speaker = Speaker(
        id=state["id"], name=state["name"], name_key=state.get("name_key") or name_key(
            state["name"]),
        kind=SpeakerKind(state.get("kind") or SpeakerKind.PERSON),
        description=state.get("description"), external_id=state.get("external_id"),
    )
    merged_into = state.get("merged_into_id")
    if merged_into is not None and session.get(Speaker, merged_into) is not None:
        speaker.merged_into_id = merged_into
    else:
        taken = live_named(session, speaker.name_key)
        if taken is not None:
            raise InvalidInput(
                f"Speaker {taken.id} is called {taken.name} now: two live speakers cannot "
                "share a name, so rename it before restoring this one.")
    for alias in state.get("aliases", []):
        add_alias(session, speaker, alias)
    for role in state.get("roles", []):
        speaker.roles.append(SpeakerRole(
            title=role["title"], organization=role.get("organization"),
            first_seen=_date(role.get("first_seen")), last_seen=_date(role.get("last_seen")),
        ))
    session.add(speaker)
    session.flush()
    claim_ids = [int(i) for i in state.get("claim_ids", [])]
    if claim_ids:
        # Claims the delete left unattributed come back, unless someone attributed them since.
        session.execute(
            update(Claim)
            .where(Claim.id.in_(claim_ids), Claim.speaker_id.is_(None))
            .values(speaker_id=speaker.id, version=Claim.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session="fetch")
        )
        sync.note_statements(session, claim_ids)  # their statement groups follow the speaker
    return speaker


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
