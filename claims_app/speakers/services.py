"""Finding, creating and changing speakers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, false, func, null, select, union_all, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, contains_eager, load_only, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from claims_app.accounts.models import User
from claims_app.articles.models import OPENING_CHARS, Article
from claims_app.audit.models import AuditEvent
from claims_app.audit.services import changed_fields, record, snapshot, to_json
from claims_app.cache import ProcessCache
from claims_app.claims.models import Claim, ClaimKind
from claims_app.db import require_version, utcnow
from claims_app.errors import InvalidInput, NotFound
from claims_app.speakers.models import Speaker, SpeakerAlias, SpeakerKind, SpeakerRole
from claims_app.speakers.names import compatible_person_names, name_key, surname_key
from claims_app.sqlfuncs import contains_text, month_key
from claims_app.summaries import summaries
from claims_app.web.pagination import Page, page_bounds

if TYPE_CHECKING:
    from flask import Flask


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


def _live_named(session: Session, key: str, *, other_than: int | None = None
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
    taken = _live_named(session, key)
    if taken is not None:
        raise _name_taken(taken)
    speaker = Speaker(name=name.strip(), name_key=key, kind=SpeakerKind(kind),
                      description=description, external_id=external_id)
    try:
        with session.begin_nested():  # a concurrent create of the same name loses here
            session.add(speaker)
            session.flush()
    except IntegrityError:
        taken = _live_named(session, key)
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
            taken = _live_named(session, name_key(new_name), other_than=speaker.id)
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


# --- Listing, profiles and timelines -------------------------------------------------------

SPEAKER_SORTS = ("name", "-name", "claims", "-claims", "last_seen", "-last_seen")


@dataclass(frozen=True)
class SpeakerRow:
    """A speaker with the figures the list shows, fetched in the same grouped query."""

    speaker: Speaker
    claim_count: int
    last_seen: dt.date | None


def _claim_stats(speaker_ids: list[int] | None = None) -> Any:
    """Claims per speaker and the latest date one was said (or published), as a subquery;
    limited to ``speaker_ids`` when given, so a page aggregates its own speakers only."""
    said = func.coalesce(Claim.said_on, Article.published)
    stmt = (
        select(
            Claim.speaker_id.label("speaker_id"),
            func.count(Claim.id).label("claim_count"),
            func.max(said).label("last_seen"),
        )
        .join(Article, Article.id == Claim.article_id)
        .group_by(Claim.speaker_id)
    )
    if speaker_ids is None:
        return stmt.where(Claim.speaker_id.is_not(None)).subquery()
    return stmt.where(Claim.speaker_id.in_(speaker_ids))


def speaker_figures(session: Session) -> dict[int, tuple[int, dt.date | None]]:
    """Every speaker's number of claims and latest date one was said (or published), for
    the speakers who have claims; one grouped query over all claims."""
    return {int(r.speaker_id): (int(r.claim_count), r.last_seen)
            for r in session.execute(select(_claim_stats()))}


@dataclass(frozen=True)
class SpeakerList(Page[SpeakerRow]):
    """A page of the speaker list. Sorted by claims or last seen, the figures come from a
    summary counted at ``counted_at`` (``updating``: a newer count is on its way)."""

    counted_at: dt.datetime | None = None
    updating: bool = False


def listed_speakers(query: str | None = None,
                    kind: SpeakerKind | None = None) -> list[ColumnElement[bool]]:
    """Which speakers a list shows, the web's and the API's alike: live ones only (a merged
    speaker answers through the one it became), whose normalised name contains the typed
    text's normalised form (case, accents and spacing aside), of ``kind`` when asked."""
    where: list[ColumnElement[bool]] = [Speaker.merged_into_id.is_(None)]
    key = name_key(query or "")
    if key:
        where.append(contains_text(Speaker.name_key, key, ignore_case=False))
    if kind is not None:
        where.append(Speaker.kind == kind)
    return where


def list_speakers(
    session: Session, *, page: int = 1, per_page: int = 50, sort: str = "name",
    query: str | None = None, app: Flask | None = None,
) -> SpeakerList:
    """Live (unmerged) speakers with claim counts and last-seen dates.

    Sorted by name (the default), the page's speakers come off the name index and only
    their claims are counted (three small queries). Sorting by claims or last seen needs
    every speaker's figures: those come from the ``speakers`` summary
    (:mod:`claims_app.summaries`: counted once per process, recounted behind the page on
    ``app`` when claims change), and only the speakers' ids are read to sort them."""
    where = listed_speakers(query)
    sort = sort if sort in SPEAKER_SORTS else "name"
    page, per_page = page_bounds(page, per_page)
    offset = (page - 1) * per_page
    if sort.lstrip("-") == "name":
        total = session.scalar(select(func.count(Speaker.id)).where(*where)) or 0
        column = Speaker.name_key
        order = column.desc().nulls_last() if sort.startswith("-") else column.asc().nulls_last()
        speakers = list(session.scalars(
            select(Speaker).where(*where).order_by(order, Speaker.id)
            .limit(per_page).offset(offset)
        ))
        stats = {
            r.speaker_id: (int(r.claim_count), r.last_seen)
            for r in session.execute(_claim_stats([s.id for s in speakers]))
        } if speakers else {}
        items = [SpeakerRow(speaker=s, claim_count=stats.get(s.id, (0, None))[0],
                            last_seen=stats.get(s.id, (0, None))[1]) for s in speakers]
        return SpeakerList(items=items, page=page, per_page=per_page, total=total)
    summary = summaries.get(session, "speakers", speaker_figures, app=app)
    figures = summary.value
    ids = list(session.scalars(select(Speaker.id).where(*where)))
    chosen = _sorted_by_figures(ids, figures, sort)[offset:offset + per_page]
    loaded = {s.id: s for s in session.scalars(select(Speaker).where(Speaker.id.in_(chosen)))}
    items = [SpeakerRow(speaker=loaded[i], claim_count=figures.get(i, (0, None))[0],
                        last_seen=figures.get(i, (0, None))[1])
             for i in chosen if i in loaded]
    return SpeakerList(items=items, page=page, per_page=per_page, total=len(ids),
                       counted_at=summary.as_of, updating=summary.updating)


def _sorted_by_figures(ids: list[int], figures: dict[int, tuple[int, dt.date | None]],
                       sort: str) -> list[int]:
    """Speaker ids by claims or last seen, ascending or (``-``) descending, ties by id;
    speakers never seen come last either way."""
    descending = sort.startswith("-")
    if sort.lstrip("-") == "claims":
        def claims_key(i: int) -> tuple[int, int]:
            n = figures.get(i, (0, None))[0]
            return (-n if descending else n, i)
        return sorted(ids, key=claims_key)
    seen = sorted((i for i in ids if figures.get(i, (0, None))[1] is not None),
                  key=lambda i: (figures[i][1], -i if descending else i), reverse=descending)
    return seen + sorted(i for i in ids if figures.get(i, (0, None))[1] is None)


def get_speaker_profile(session: Session, speaker_id: int) -> Speaker:
    """A speaker with aliases and roles loaded up front, so the page runs a fixed number of
    queries however many names and titles it has."""
    speaker = session.scalar(
        select(Speaker)
        .where(Speaker.id == speaker_id)
        .options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
    )
    if speaker is None:
        raise NotFound(f"There is no speaker {speaker_id}.")
    return speaker


@dataclass(frozen=True)
class TimelineEntry:
    """One claim placed in time: said_on when the text states it, else publication."""

    claim: Claim
    date: dt.date | None
    basis: str  # "said", "published" or "unknown"


def timeline(session: Session, speaker_id: int) -> list[TimelineEntry]:
    """Everything a speaker said, oldest first; claims with no date at all come last.

    Loads every claim: for pages use ``timeline_counts`` (the chart) and ``timeline_page``."""
    claims = session.scalars(
        select(Claim)
        .where(Claim.speaker_id == speaker_id)
        .options(selectinload(Claim.article).selectinload(Article.outlet))
    ).all()
    entries = [_entry(claim) for claim in claims]
    entries.sort(key=lambda e: (e.date is None, e.date or dt.date.min, e.claim.id))
    return entries


def _entry(claim: Claim) -> TimelineEntry:
    if claim.said_on is not None:
        return TimelineEntry(claim, claim.said_on, "said")
    if claim.article.published is not None:
        return TimelineEntry(claim, claim.article.published, "published")
    return TimelineEntry(claim, None, "unknown")


TIMELINE_PER_PAGE = 50


@dataclass(frozen=True)
class TimelineCounts:
    """A speaker's claims counted per month and kind (the chart), and in all."""

    months: list[tuple[dt.date, str, int]]  # (first day of the month, kind, claims)
    undated: int
    total: int


#: Speakers whose timeline counts are remembered (per process; :mod:`claims_app.cache`).
TIMELINE_CACHE_SIZE = 512
timeline_cache: ProcessCache[TimelineCounts] = ProcessCache("speaker timeline",
                                                            TIMELINE_CACHE_SIZE)


def timeline_counts(session: Session, speaker_id: int) -> TimelineCounts:
    """Claims per month (said, else published) and kind, from one grouped query, remembered
    per speaker until the data they were counted from changes (the rule of
    :mod:`claims_app.cache`): a speaker with 100,000 claims then costs one cheap statement
    instead of grouping all of them on every view."""
    counts = timeline_cache.get(session, speaker_id,
                                lambda: _count_timeline(session, speaker_id))
    session.info[("timeline_counts", speaker_id)] = counts  # for timeline_page
    return counts


def _count_timeline(session: Session, speaker_id: int) -> TimelineCounts:
    month = month_key(func.coalesce(Claim.said_on, Article.published))
    rows = session.execute(
        select(month.label("month"), Claim.kind, func.count(Claim.id))
        .join(Article, Article.id == Claim.article_id)
        .where(Claim.speaker_id == speaker_id)
        .group_by(month, Claim.kind)
    ).all()
    months: list[tuple[dt.date, str, int]] = []
    undated = 0
    for key, kind, n in rows:
        if key is None:
            undated += int(n)
        else:
            year, mon = str(key).split("-")
            months.append((dt.date(int(year), int(mon), 1), ClaimKind(kind).value, int(n)))
    months.sort()
    return TimelineCounts(months, undated, sum(n for _, _, n in months) + undated)


def timeline_page(
    session: Session, speaker_id: int, *, page: int = 1, per_page: int = TIMELINE_PER_PAGE,
    total: int | None = None,
) -> Page[TimelineEntry]:
    """One page of a speaker's claims in ``timeline`` order (dated oldest first, unknown
    dates last), loading only what the list shows: never an article's body or raw text."""
    page, per_page = page_bounds(page, per_page)
    if total is None:
        total = session.scalar(
            select(func.count(Claim.id)).where(Claim.speaker_id == speaker_id)) or 0
    said = func.coalesce(Claim.said_on, Article.published)
    order = (said.asc().nulls_last(), Claim.id)
    # The page's claim ids first, sorting narrow rows; then only those 50 claims are read
    # with their articles (cutting a body's opening for every claim before the sort made
    # this query most of the page's time on PostgreSQL).
    counts = session.info.get(("timeline_counts", speaker_id))
    if isinstance(counts, TimelineCounts) and counts.total == total:
        chosen = _page_ids_by_month(speaker_id, counts, (page - 1) * per_page, per_page)
    else:
        chosen = (
            select(Claim.id)
            .join(Article, Article.id == Claim.article_id)
            .where(Claim.speaker_id == speaker_id)
            .order_by(*order)
            .limit(per_page)
            .offset((page - 1) * per_page)
            .subquery()
        )
    rows = session.execute(
        select(Claim, func.substr(Article.body, 1, OPENING_CHARS))
        .join(chosen, chosen.c.id == Claim.id)
        .join(Claim.article)
        .outerjoin(Article.outlet)
        .options(
            load_only(Claim.id, Claim.kind, Claim.text, Claim.status, Claim.said_on,
                      Claim.article_id, Claim.version),
            contains_eager(Claim.article).load_only(
                Article.id, Article.title, Article.published, Article.outlet_id,
                Article.version),
            contains_eager(Claim.article, Article.outlet),
        )
        .order_by(*order)
    ).all()
    items = []
    for claim, opening in rows:
        claim.article.list_opening = opening
        items.append(_entry(claim))
    return Page(items=items, page=page, per_page=per_page, total=total)


def _page_ids_by_month(speaker_id: int, counts: TimelineCounts, skip: int,
                       limit: int) -> Any:
    """The ids of a timeline page, reading only the months it falls in.

    The per-month counts tell which months hold claims ``skip`` to ``skip + limit`` (in
    ``timeline`` order), so only claims dated in those months are sorted, found through
    indexes: those said in them (``ix_claims_speaker_id_said_on``) and those without a
    said date in articles published in them (``ix_articles_published_id``, then
    ``ix_claims_speaker_id_article_id``); undated claims only when the page reaches them.
    The cost is that of the page's months, not of all the speaker's claims."""
    per_month: dict[dt.date, int] = {}
    for month, _kind, n in counts.months:
        per_month[month] = per_month.get(month, 0) + n
    before = 0
    first: dt.date | None = None
    last: dt.date | None = None
    offset = skip
    for month in sorted(per_month):
        n = per_month[month]
        if first is None:
            if before + n <= skip:
                before += n
                continue
            first, offset = month, skip - before
        before += n
        last = month
        if before >= skip + limit:
            break
    else:
        last = None  # the page runs past the last dated month
    if first is None:  # only undated claims left
        offset = skip - before
    parts = []
    if first is not None:
        said = Claim.said_on >= first
        published = Article.published >= first
        if last is not None:
            end = _next_month(last)
            said, published = said & (Claim.said_on < end), published & (Article.published < end)
        parts.append(select(Claim.id, Claim.said_on.label("day"))
                     .where(Claim.speaker_id == speaker_id, said))
        parts.append(_unsaid_in(speaker_id, published, Article.published))
    if last is None and counts.undated:
        parts.append(_unsaid_in(speaker_id, Article.published.is_(None), null()))
    if not parts:
        return select(Claim.id).where(false()).subquery()
    window = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()
    return (select(window.c.id)
            .order_by(window.c.day.asc().nulls_last(), window.c.id)
            .limit(limit).offset(offset).subquery())


def _unsaid_in(speaker_id: int, articles: Any, day: Any) -> Any:
    """The speaker's claims without a said date in the articles matching ``articles``: the
    articles first (off the publication index), each probed for the speaker's claims
    (``ix_claims_speaker_id_article_id``), rather than every claim of the speaker. The
    condition is given twice: SQLite plans that way from the ``IN`` list, PostgreSQL from
    the joined articles' own condition."""
    return (select(Claim.id, day.label("day"))
            .join(Article, Article.id == Claim.article_id)
            .where(Claim.speaker_id == speaker_id, Claim.said_on.is_(None), articles,
                   Claim.article_id.in_(select(Article.id).where(articles))))


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


# --- Merging ---------------------------------------------------------------------------------


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
    taken = _live_named(session, source.name_key)
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


# --- Restoring a deleted speaker ---------------------------------------------------------


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
        taken = _live_named(session, speaker.name_key)
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
    return speaker


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None

