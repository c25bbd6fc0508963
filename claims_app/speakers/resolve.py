"""Name resolution: which speaker a name refers to, creating one when it is new.

Imports and annotation resolve names one at a time (``resolve_speaker``) or many per batch
(``prime_speaker_cache`` then ``resolve_speaker`` with a ``SpeakerCache``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from claims_app.accounts.models import User
from claims_app.audit.services import changed_fields, record, snapshot
from claims_app.speakers.models import Speaker, SpeakerAlias, SpeakerKind
from claims_app.speakers.names import compatible_person_names, name_key, surname_key
from claims_app.speakers.services import add_alias, note_role, speaker_state

if TYPE_CHECKING:
    pass


def find_speaker(
    session: Session, name: str, kind: SpeakerKind | str | None = None
) -> Speaker | None:
    """The speaker a name refers to: by name or alias, then (people only) by a compatible
    shorter or fuller form of the name when exactly one speaker fits."""
    key = name_key(name)
    if not key:
        return None
    return _exact_speaker(session, key) or _speaker_by_surname(session, name, kind)


def _exact_speaker(session: Session, key: str) -> Speaker | None:
    """The lowest-id live speaker with this name key, else with this alias key."""
    live = Speaker.merged_into_id.is_(None)
    # Two lookups, each on its own index: an OR across the alias join makes both engines
    # walk every live speaker instead.
    by_name = select(Speaker).where(live, Speaker.name_key == key)
    by_alias = select(Speaker).join(SpeakerAlias).where(live, SpeakerAlias.alias_key == key)
    for stmt in (by_name, by_alias):
        exact = session.scalars(
            stmt.order_by(Speaker.id).limit(1)
            .options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
        ).first()
        if exact is not None:
            return exact
    return None


def _speaker_by_surname(
    session: Session, name: str, kind: SpeakerKind | str | None,
    cache: SpeakerCache | None = None,
) -> Speaker | None:
    """The one live person whose name is a compatible shorter or fuller form of ``name``."""
    if kind is not None and SpeakerKind(kind) is SpeakerKind.ORGANIZATION:
        return None
    last = surname_key(name)
    candidates = cache.by_surname.get(last) if cache is not None else None
    if candidates is None:
        candidates = list(session.scalars(
            select(Speaker).where(
                Speaker.merged_into_id.is_(None),
                Speaker.kind == SpeakerKind.PERSON,
                Speaker.surname_key == last,  # indexed (migration 0004)
            )
        ))
    fitting = [s for s in candidates if compatible_person_names(s.name, name)]
    return fitting[0] if len(fitting) == 1 else None


@dataclass
class SpeakerCache:
    """What one transaction (an import batch) has learnt about names: the speaker each
    resolved to, and the name keys known to be no live speaker's name or alias.

    Both stay true within the transaction because only ``resolve_speaker`` (which keeps
    them) adds names and aliases there; the second lets a name seen for the first time go
    straight to the surname lookup instead of two exact lookups that cannot match, and
    ``by_surname`` answers that lookup from memory."""

    found: dict[tuple[str, SpeakerKind], Speaker] = field(default_factory=dict)
    unmatched: set[str] = field(default_factory=set)
    # live people by surname key, for the surnames of unmatched names (the candidates of
    # the surname lookup; people created in the transaction are added as they are made)
    by_surname: dict[str, list[Speaker]] = field(default_factory=dict)
    # Whether each speaker's writes get a savepoint, so a race lost to another transaction
    # is retried in place. Import transactions retry whole instead (and a savepoint per
    # changed speaker cost them a quarter of their PostgreSQL writing time), so they say no.
    savepoints: bool = True


def resolve_speaker(
    session: Session,
    actor: User | None,
    name: str,
    *,
    kind: SpeakerKind | str = SpeakerKind.PERSON,
    aliases: tuple[str, ...] = (),
    role: str | None = None,
    seen_on: dt.date | None = None,
    cache: SpeakerCache | None = None,
) -> Speaker:
    """The speaker behind a name, created if new; records the name forms and the role seen.

    ``cache`` (one dict per transaction, e.g. an import batch) remembers which speaker each
    name resolved to. That answer cannot change within the transaction: the name is stored
    as the speaker's name or alias, so ``find_speaker`` would return the same speaker."""
    speaker = _lookup(session, name, kind, aliases, cache)
    if speaker is not None and not _would_change(speaker, name, aliases, role, seen_on):
        # The usual case in a large import: a known name in a known role on a date already
        # inside the role's range. Nothing to write, nothing to audit.
        if cache is not None:
            _remember(cache, speaker, name, kind, aliases)
        return speaker
    if cache is not None and not cache.savepoints:
        resolved, created = _write_resolved(session, actor, speaker, name, kind, aliases,
                                            role, seen_on, flush=False)
        _cache_resolved(cache, resolved, created, name, kind, aliases)
        return resolved
    attempt = 1
    while True:
        try:
            # A savepoint, so that losing a race undoes only this speaker's writes.
            with session.begin_nested():
                resolved, created = _write_resolved(session, actor, speaker, name, kind,
                                                    aliases, role, seen_on)
            break
        except IntegrityError:
            # Another transaction (PostgreSQL runs writers side by side) committed the
            # same new speaker, alias or role first; our insert waited for it and failed.
            # Its rows are visible now: look the name up again and build on them.
            if attempt == _RESOLVE_ATTEMPTS:
                raise
            attempt += 1
            speaker = _lookup(session, name, kind, aliases, None)
    if cache is not None:
        _cache_resolved(cache, resolved, created, name, kind, aliases)
    return resolved


def _cache_resolved(cache: SpeakerCache, speaker: Speaker, created: bool, name: str,
                    kind: SpeakerKind | str, aliases: tuple[str, ...]) -> None:
    if created and speaker.kind is SpeakerKind.PERSON:
        cache.by_surname.get(speaker.surname_key or "", []).append(speaker)
    _remember(cache, speaker, name, kind, aliases)


_RESOLVE_ATTEMPTS = 3


def _lookup(session: Session, name: str, kind: SpeakerKind | str, aliases: tuple[str, ...],
            cache: SpeakerCache | None) -> Speaker | None:
    """The speaker a name (else one of its aliases) resolves to, if any."""
    speaker = _find_cached(session, name, kind, cache)
    for alias in aliases:
        if speaker is None:
            speaker = _find_cached(session, alias, kind, cache)
    return speaker


def _write_resolved(
    session: Session, actor: User | None, speaker: Speaker | None, name: str,
    kind: SpeakerKind | str, aliases: tuple[str, ...], role: str | None,
    seen_on: dt.date | None, *, flush: bool = True,
) -> tuple[Speaker, bool]:
    """``resolve_speaker``'s writes: create the speaker or add the name forms and role seen,
    audited. (speaker, created). With ``flush``, flushed, so that a unique-key violation is
    raised inside the caller's savepoint; without, aliases and roles wait for the caller's
    next flush, which writes those of many speakers in one statement (an import batch)."""
    before: dict[str, Any] | None = None
    created = speaker is None
    if speaker is None:
        speaker = Speaker(name=name.strip(), name_key=name_key(name), kind=SpeakerKind(kind))
        session.add(speaker)
        session.flush()
        # A new speaker has no aliases or roles yet: saying so saves two lazy-load queries.
        set_committed_value(speaker, "aliases", [])
        set_committed_value(speaker, "roles", [])
        record(session, actor, "create", speaker, after=snapshot(speaker),
               summary=f"new speaker {speaker.name}")
    else:
        before = speaker_state(speaker)
        if len(name_key(name)) > len(speaker.name_key) and compatible_person_names(
            speaker.name, name
        ):
            # A fuller form of the name ("Elmar Mammadyarov" after "Mammadyarov") becomes
            # canonical.
            add_alias(session, speaker, speaker.name)
            speaker.name, speaker.name_key = name.strip(), name_key(name)
            session.flush()  # lookups by name see the new canonical name at once
    for form in (name, *aliases):
        add_alias(session, speaker, form)
    if role:
        note_role(session, speaker, role, seen_on)
    if before is not None:
        after = speaker_state(speaker)
        if changed_fields(before, after):
            # A new name form, a fuller canonical name or a role seen: the existing speaker
            # changed, so the trail says so (and a revert can put the aliases back).
            record(session, actor, "update", speaker, before=before, after=after,
                   summary=f"{speaker.name}: name forms or roles seen in a new source")
    if flush:
        session.flush()
    return speaker, created


def _would_change(speaker: Speaker, name: str, aliases: tuple[str, ...], role: str | None,
                  seen_on: dt.date | None) -> bool:
    """Whether ``resolve_speaker`` would change this found speaker (the checks of
    ``add_alias``, ``note_role`` and the fuller-name rule, without their writes)."""
    if len(name_key(name)) > len(speaker.name_key) and compatible_person_names(
            speaker.name, name):
        return True
    known = {speaker.name_key, *(a.alias_key for a in speaker.aliases)}
    if any(name_key(form) not in known and name_key(form) for form in (name, *aliases)):
        return True
    if role:
        title = " ".join(role.split())[:300].casefold()
        held = next((r for r in speaker.roles if r.title.casefold() == title), None)
        if held is None:
            return True
        if seen_on is not None and not (
                held.first_seen is not None and held.first_seen <= seen_on
                and held.last_seen is not None and seen_on <= held.last_seen):
            return True
    return False


def _remember(cache: SpeakerCache, speaker: Speaker, name: str, kind: SpeakerKind | str,
              aliases: tuple[str, ...]) -> None:
    """Note in the transaction's cache what ``name`` (and its aliases) now resolve to."""
    # A speaker created or renamed now answers to its name first (``find_speaker`` looks
    # names up before aliases), whatever kind of lookup cached that name before.
    for key in [k for k in cache.found if k[0] == speaker.name_key]:
        del cache.found[key]
    cache.found[(name_key(name), SpeakerKind(kind))] = speaker
    # A name form nobody had is now this speaker's name or alias, and only this one's: any
    # later lookup of it, whatever the kind asked, answers this speaker (as find_speaker
    # would once the pending alias is written).
    new_forms = {name_key(form) for form in (name, *aliases, speaker.name)} & cache.unmatched
    cache.unmatched -= new_forms
    for form_key in new_forms:
        for any_kind in SpeakerKind:
            cache.found.setdefault((form_key, any_kind), speaker)


def _find_cached(
    session: Session, name: str, kind: SpeakerKind | str, cache: SpeakerCache | None,
) -> Speaker | None:
    if cache is None:
        return find_speaker(session, name, kind)
    key = name_key(name)
    cached = cache.found.get((key, SpeakerKind(kind)))
    if cached is not None or not key:
        return cached
    found = (None if key in cache.unmatched else _exact_speaker(session, key)) \
        or _speaker_by_surname(session, name, kind, cache)
    if found is not None:
        cache.found[(key, SpeakerKind(kind))] = found
    return found


def prime_speaker_cache(
    session: Session, names: Iterable[tuple[str, SpeakerKind | str]], cache: SpeakerCache,
) -> None:
    """Fill ``resolve_speaker``'s cache for many names with two queries (by name, then by
    alias; aliases and roles loaded), instead of two or three queries per name.

    The answers are exactly ``find_speaker``'s exact matches: the lowest-id live speaker
    with that name key, else the lowest-id one with that alias key. Names matching neither
    are noted as unmatched, so ``resolve_speaker`` tries only the surname lookup for them."""
    wanted: dict[str, list[SpeakerKind]] = {}
    for name, kind in names:
        key = name_key(name)
        if key and (key, SpeakerKind(kind)) not in cache.found:
            wanted.setdefault(key, []).append(SpeakerKind(kind))
    if not wanted:
        return
    live = Speaker.merged_into_id.is_(None)
    loaded = (selectinload(Speaker.aliases), selectinload(Speaker.roles))
    found: dict[str, Speaker] = {}
    keys = sorted(wanted)
    for i in range(0, len(keys), _IN_CHUNK):
        chunk = keys[i:i + _IN_CHUNK]
        for speaker in session.scalars(select(Speaker).where(live, Speaker.name_key.in_(chunk))
                                       .order_by(Speaker.id).options(*loaded)):
            found.setdefault(speaker.name_key, speaker)
        rest = [k for k in chunk if k not in found]
        if rest:
            by_alias: dict[str, Speaker] = {}
            for key, speaker in session.execute(
                select(SpeakerAlias.alias_key, Speaker).join(Speaker.aliases)
                .where(live, SpeakerAlias.alias_key.in_(rest))
                .order_by(Speaker.id).options(*loaded)
            ):
                by_alias.setdefault(key, speaker)
            found.update(by_alias)
    surnames: set[str] = set()
    for key, kinds in wanted.items():
        if key in found:
            for kind in kinds:
                cache.found[(key, kind)] = found[key]
        else:
            cache.unmatched.add(key)
            if SpeakerKind.PERSON in kinds:
                surnames.add(key.split()[-1])
    _prime_surnames(session, surnames - cache.by_surname.keys(), cache)


def _prime_surnames(session: Session, surnames: set[str], cache: SpeakerCache) -> None:
    """The surname lookup's candidates for many surnames in one query per 500."""
    keys = sorted(surnames)
    for i in range(0, len(keys), _IN_CHUNK):
        chunk = keys[i:i + _IN_CHUNK]
        for key in chunk:
            cache.by_surname[key] = []
        for speaker in session.scalars(
            select(Speaker).where(Speaker.merged_into_id.is_(None),
                                  Speaker.kind == SpeakerKind.PERSON,
                                  Speaker.surname_key.in_(chunk))
            .order_by(Speaker.id)
            .options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
        ):
            cache.by_surname[speaker.surname_key or ""].append(speaker)


_IN_CHUNK = 500  # keys per IN list: well inside every engine's bound-parameter limit
