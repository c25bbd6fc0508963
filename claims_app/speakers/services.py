"""Creating, changing and deleting speakers, one at a time: the speaker CRUD every front end
calls. Resolving names is `resolve.py`, lists and timelines `listing.py`, merges `merge.py`,
restoring a deleted speaker `undelete.py`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.audit.services import changed_fields, record, snapshot
from claims_app.db import require_version, utcnow
from claims_app.errors import InvalidInput, NotFound
from claims_app.speakers.models import Speaker, SpeakerAlias, SpeakerKind, SpeakerRole
from claims_app.speakers.names import name_key

if TYPE_CHECKING:
    pass


def get_speaker(session: Session, speaker_id: int) -> Speaker:
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        raise NotFound(f"There is no speaker {speaker_id}.")
    return speaker


def live_named(session: Session, key: str, *, other_than: int | None = None
                ) -> Speaker | None:
    """The live speaker whose name key is ``key`` (at most one: the unique index of
    migration 0009), other than ``other_than``."""
    stmt = select(Speaker).where(Speaker.merged_into_id.is_(None), Speaker.name_key == key)
    if other_than is not None:
        stmt = stmt.where(Speaker.id != other_than)
    return session.scalars(stmt.limit(1)).first()


def _name_taken(other: Speaker) -> InvalidInput:
    return InvalidInput(
        f"Speaker {other.id} is already called {other.name}: choose that speaker, merge the "
        "two, or give this one a name that tells them apart.", field="name")


def add_alias(session: Session, speaker: Speaker, alias: str) -> None:
    key = name_key(alias)
    if not key or key == speaker.name_key or any(a.alias_key == key for a in speaker.aliases):
        return
    speaker.aliases.append(SpeakerAlias(alias=alias.strip(), alias_key=key))


def note_role(
    session: Session, speaker: Speaker, title: str, seen_on: dt.date | None
) -> SpeakerRole:
    """Record that the speaker held ``title`` on ``seen_on``, widening its first/last seen."""
    title = " ".join(title.split())[:300]
    role = next((r for r in speaker.roles if r.title.casefold() == title.casefold()), None)
    if role is None:
        role = SpeakerRole(title=title, first_seen=seen_on, last_seen=seen_on)
        speaker.roles.append(role)
        return role
    if seen_on is not None:
        if role.first_seen is None or seen_on < role.first_seen:
            role.first_seen = seen_on
        if role.last_seen is None or seen_on > role.last_seen:
            role.last_seen = seen_on
    return role


def create_speaker(
    session: Session, actor: User | None, name: str, *,
    kind: SpeakerKind | str = SpeakerKind.PERSON, description: str | None = None,
    external_id: str | None = None,
) -> Speaker:
    """A new speaker exactly as asked (unlike ``resolve_speaker``, which may reuse one)."""
    key = name_key(name)
    if not key:
        raise InvalidInput("A speaker needs a name.", field="name")
    taken = live_named(session, key)
    if taken is not None:
        raise _name_taken(taken)
    speaker = Speaker(name=name.strip(), name_key=key, kind=SpeakerKind(kind),
                      description=description, external_id=external_id)
    try:
        with session.begin_nested():  # a concurrent create of the same name loses here
            session.add(speaker)
            session.flush()
    except IntegrityError:
        taken = live_named(session, key)
        if taken is None:
            raise
        raise _name_taken(taken) from None
    record(session, actor, "create", speaker, after=snapshot(speaker),
           summary=f"new speaker {speaker.name}")
    return speaker


SPEAKER_EDITABLE = frozenset({"name", "kind", "description", "external_id", "aliases"})
# A Wikidata item id; the only external id scheme the app knows so far.
QID = re.compile(r"Q[1-9]\d*")


def update_speaker(
    session: Session, actor: User | None, speaker: Speaker, changes: Mapping[str, Any],
    *, expected_version: int | None,
) -> Speaker:
    """Change a speaker's fields; a renamed speaker keeps the old name as an alias.

    ``changes["aliases"]``, when given, is the whole alias list wanted afterwards (so an
    edit form can add and remove, and a revert can put the old list back). Alias-only edits
    bump the version too, so two editors cannot silently overwrite each other's names.
    """
    unknown = set(changes) - SPEAKER_EDITABLE
    if unknown:
        raise InvalidInput(f"{sorted(unknown)[0]} cannot be changed.", field=sorted(unknown)[0])
    check_speaker_version(speaker, expected_version)
    before = speaker_state(speaker)
    if "external_id" in changes:
        external_id = (changes["external_id"] or "").strip() or None
        if external_id is not None and not QID.fullmatch(external_id):
            raise InvalidInput("Use a Wikidata item id: Q followed by digits, e.g. Q42.",
                               field="external_id")
        speaker.external_id = external_id
    if "kind" in changes:
        try:
            speaker.kind = SpeakerKind(changes["kind"])
        except ValueError:
            raise InvalidInput("Choose person or organization.", field="kind") from None
    if "description" in changes:
        description = (changes["description"] or "").strip() or None
        if description is not None and len(description) > 5000:
            raise InvalidInput("Keep the description under 5000 characters.",
                               field="description")
        speaker.description = description
    if "aliases" in changes:
        _set_aliases(speaker, list(changes["aliases"] or []))
    if "name" in changes:
        new_name = " ".join((changes["name"] or "").split())
        if not name_key(new_name) or len(new_name) > 300:
            raise InvalidInput("A speaker needs a name of 1 to 300 characters.", field="name")
        if new_name != speaker.name:
            taken = live_named(session, name_key(new_name), other_than=speaker.id)
            if taken is not None and speaker.merged_into_id is None:
                raise _name_taken(taken)
            old = speaker.name
            speaker.name, speaker.name_key = new_name, name_key(new_name)
            for alias in [a for a in speaker.aliases if a.alias_key == speaker.name_key]:
                speaker.aliases.remove(alias)
            add_alias(session, speaker, old)
    if changed_fields(before, speaker_state(speaker)):
        speaker.updated_at = utcnow()  # touch the row so alias-only edits bump the version
        try:
            session.flush()
        except IntegrityError:
            # Checked above, so only a rename committed by someone else this very moment
            # gets here; the transaction is spoilt, so say what happened and stop.
            raise InvalidInput("Another speaker was given this name at the same moment; "
                               "reload and choose a different name.", field="name") from None
        record(session, actor, "update", speaker, before=before, after=speaker_state(speaker),
               summary=f"edited speaker {speaker.name}")
    return speaker


def _set_aliases(speaker: Speaker, aliases: list[str]) -> None:
    wanted: dict[str, str] = {}
    for alias in aliases:
        alias = " ".join(alias.split())
        if len(alias) > 300:
            raise InvalidInput("Keep each alias under 300 characters.", field="aliases")
        key = name_key(alias)
        if key and key != speaker.name_key:
            wanted.setdefault(key, alias)
    for existing in list(speaker.aliases):
        if existing.alias_key in wanted:
            wanted.pop(existing.alias_key)
        else:
            speaker.aliases.remove(existing)
    for key, alias in wanted.items():
        speaker.aliases.append(SpeakerAlias(alias=alias, alias_key=key))


def speaker_state(speaker: Speaker) -> dict[str, Any]:
    """The audited view of a speaker: its columns plus its alias names (so edits can be
    reverted) and roles (so a deleted or merged speaker can be rebuilt)."""
    state = snapshot(speaker)
    state["aliases"] = sorted(a.alias for a in speaker.aliases)
    state["roles"] = [
        {k: v for k, v in snapshot(r).items() if k not in {"id", "speaker_id"}}
        for r in speaker.roles
    ]
    return state


def check_speaker_version(speaker: Speaker, expected_version: int | None) -> None:
    require_version(speaker, expected_version, speaker_state, "speaker")


def delete_speaker(
    session: Session, actor: User | None, speaker: Speaker, *,
    expected_version: int | None = None,
) -> None:
    """Delete a speaker; their claims stay, unattributed, and the audit keeps the record."""
    check_speaker_version(speaker, expected_version)
    before = speaker_state(speaker)  # aliases and roles too, so a restore loses nothing
    before["claim_ids"] = [c.id for c in speaker.claims]
    record(session, actor, "delete", speaker, before=before,
           summary=f"deleted speaker {speaker.name}")
    for claim in list(speaker.claims):
        claim.speaker = None
    session.delete(speaker)
    session.flush()

