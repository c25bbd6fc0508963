"""Per-process caches of figures computed from many rows, behind one invalidation rule.

**Why.** A few pages aggregate far more rows than they show: the speaker timeline counts
(every claim of a speaker), the article page's repeated-passages panel (every stored
sentence sharing a bucket), the dashboard and speaker-list summaries (every claim). Each is
remembered per process, and each used to keep its own dictionary, lock, size bound and
notion of "changed"; tests reached into their private attributes to empty them.

**The rule.** An entry is served only while :func:`fingerprint` is what it was when the
entry was computed. The fingerprint is one statement of three index lookups: the newest
claim change (``max(claims.updated_at)``: a new, edited or moved claim), the newest audit
event (``max(audit_events.id)``: every service that creates, changes, deletes, merges or
imports records writes one) and the newest passage signature (``max(passage_signatures.id)``:
an import or a re-index writes new ones). Equal fingerprints mean nothing these figures read
has changed through the app. Nothing else invalidates an entry; the least recently used ones
are dropped beyond each cache's size.

Every cache registers here, so :func:`clear_all` empties them all: tests call it between
cases (a rolled-back SQLite transaction hands the same maxima out again). Memoised pure
functions of a text (sentence signatures, shingles: ``functools.lru_cache``) are not caches
of the data in this sense: their answer never goes stale, so no rule applies to them.

Keys include the database URL: one process may serve two databases (tests, benchmarks).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from types import MethodType
from typing import Any, Generic, TypeVar, cast
from weakref import WeakMethod

from flask import has_request_context
from sqlalchemy import event, func, select
from sqlalchemy.orm import ORMExecuteState, Session

from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim
from claims_app.crossref.models import PassageSignature

__all__ = ["Entry", "ProcessCache", "clear_all", "fingerprint", "register"]

V = TypeVar("V")
Fingerprint = tuple[Any, ...]

_clearers: list[Callable[[], Callable[[], None] | None]] = []


def register(clear: Callable[[], None]) -> None:
    """Have :func:`clear_all` call ``clear`` (a cache's way to forget everything). A bound
    method is held weakly: registering does not keep a short-lived cache alive."""
    if isinstance(clear, MethodType):
        _clearers.append(WeakMethod(clear))
    else:
        _clearers.append(lambda: clear)


def clear_all() -> None:
    """Forget every remembered value in this process."""
    alive = []
    for ref in _clearers:
        clear = ref()
        if clear is not None:
            clear()
            alive.append(ref)
    _clearers[:] = alive


def fingerprint(session: Session) -> Fingerprint:
    """The state of the data the remembered figures are computed from (see the rule above).

    Within a web request it is read once, until the request's session flushes, commits or
    rolls back: a claim page asks two caches (0.5 ms a read at a million claims), a request
    lasts milliseconds, and what other sessions commit meanwhile is for the next request.
    Any write of its own forgets it, so a value computed after a write is never filed under
    the state before. Outside a request (commands, jobs, tests holding one session for
    long) every call reads it: there another session's commit must be seen at once."""
    memo = has_request_context()
    if memo and (known := session.info.get(_FINGERPRINT)) is not None:
        return cast(Fingerprint, known)
    value = tuple(session.execute(select(
        select(func.max(Claim.updated_at)).scalar_subquery(),
        select(func.max(AuditEvent.id)).scalar_subquery(),
        select(func.max(PassageSignature.id)).scalar_subquery(),
    )).one())
    if memo:
        session.info[_FINGERPRINT] = value
    return value


_FINGERPRINT = "claims_app.cache.fingerprint"


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_fingerprint(session: Session, *_args: Any) -> None:
    session.info.pop(_FINGERPRINT, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_bulk_write(state: ORMExecuteState) -> None:
    """An UPDATE, DELETE or INSERT statement run through the session is a write no flush
    reports."""
    if not state.is_select:
        state.session.info.pop(_FINGERPRINT, None)


@dataclass(frozen=True, slots=True)
class Entry(Generic[V]):
    """A remembered value and the fingerprint it was computed under."""

    value: V
    fingerprint: Fingerprint


class ProcessCache(Generic[V]):
    """Values by (database, key), at most ``size`` of them, least recently used dropped
    first. Thread-safe: a page computed twice at once is stored twice, harmlessly."""

    def __init__(self, name: str, size: int) -> None:
        self.name, self.size = name, size
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, Hashable], Entry[V]] = OrderedDict()
        register(self.clear)

    def get(self, session: Session, key: Hashable, compute: Callable[[], V]) -> V:
        """The value remembered for ``key`` if the data has not changed since it was
        computed; otherwise ``compute()``, remembered under the current fingerprint."""
        now = fingerprint(session)
        entry = self.lookup(session, key)
        if entry is not None and entry.fingerprint == now:
            return entry.value
        value = compute()
        self.store(session, key, Entry(value, now))
        return value

    def lookup(self, session: Session, key: Hashable) -> Entry[V] | None:
        """The entry for ``key`` whatever its fingerprint (for callers that serve a stale
        value while they compute a new one, like :mod:`claims_app.summaries`)."""
        which = (_database(session), key)
        with self._lock:
            entry = self._entries.get(which)
            if entry is not None:
                self._entries.move_to_end(which)
            return entry

    def store(self, session: Session, key: Hashable, entry: Entry[V]) -> None:
        which = (_database(session), key)
        with self._lock:
            self._entries[which] = entry
            self._entries.move_to_end(which)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def _database(session: Session) -> str:
    return str(session.get_bind().engine.url)
