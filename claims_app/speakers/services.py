"""Finding, creating and changing speakers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from claims_app.accounts.models import User
from claims_app.audit.services import record, snapshot
from claims_app.errors import NotFound
from claims_app.speakers.models import Speaker, SpeakerAlias, SpeakerKind, SpeakerRole
from claims_app.speakers.names import compatible_person_names, name_key, surname_key


def get_speaker(session: Session, speaker_id: int) -> Speaker:
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        raise NotFound(f"There is no speaker {speaker_id}.")
    return speaker


def find_speaker(
    session: Session, name: str, kind: SpeakerKind | str | None = None
) -> Speaker | None:
    """The speaker a name refers to: by name or alias, then (people only) by a compatible
    shorter or fuller form of the name when exactly one speaker fits."""
    key = name_key(name)
    if not key:
        return None
    live = Speaker.merged_into_id.is_(None)
    exact = session.scalars(
        select(Speaker)
        .outerjoin(SpeakerAlias)
        .where(live, or_(Speaker.name_key == key, SpeakerAlias.alias_key == key))
        .order_by(Speaker.id)
        .options(selectinload(Speaker.aliases))
    ).unique().first()
    if exact is not None:
        return exact
    if kind is not None and SpeakerKind(kind) is SpeakerKind.ORGANIZATION:
        return None
    last = surname_key(name)
    candidates = session.scalars(
        select(Speaker).where(
            live,
            Speaker.kind == SpeakerKind.PERSON,
            or_(Speaker.name_key == last, Speaker.name_key.like(f"% {last}")),
        )
    ).all()
    fitting = [s for s in candidates if compatible_person_names(s.name, name)]
    return fitting[0] if len(fitting) == 1 else None


def resolve_speaker(
    session: Session,
    actor: User | None,
    name: str,
    *,
    kind: SpeakerKind | str = SpeakerKind.PERSON,
    aliases: tuple[str, ...] = (),
    role: str | None = None,
    seen_on: dt.date | None = None,
) -> Speaker:
    """The speaker behind a name, created if new; records the name forms and the role seen."""
    speaker = find_speaker(session, name, kind)
    for alias in aliases:
        if speaker is None:
            speaker = find_speaker(session, alias, kind)
    if speaker is None:
        speaker = Speaker(name=name.strip(), name_key=name_key(name), kind=SpeakerKind(kind))
        session.add(speaker)
        session.flush()
        record(session, actor, "create", speaker, after=snapshot(speaker),
               summary=f"new speaker {speaker.name}")
    elif len(name_key(name)) > len(speaker.name_key) and compatible_person_names(
        speaker.name, name
    ):
        # A fuller form of the name ("Elmar Mammadyarov" after "Mammadyarov") becomes canonical.
        add_alias(session, speaker, speaker.name)
        speaker.name, speaker.name_key = name.strip(), name_key(name)
    for form in (name, *aliases):
        add_alias(session, speaker, form)
    if role:
        note_role(session, speaker, role, seen_on)
    return speaker


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
