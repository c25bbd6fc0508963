"""Whole-archive summaries, remembered per process and recounted behind the page.

**Why.** Some figures aggregate every claim: the dashboard's totals, weekly progress and
most-quoted list (0.3–0.5 s at a million claims), every speaker's claim count and last date
for the speaker list sorted by them (0.14–0.3 s). Counting them on each view would make
those pages as slow as the archive is large; remembering them until any claim changes
(the rule of :mod:`claims_app.cache`) helps little in a newsroom where reviewers change
claims all day.
A summary a few seconds old serves as well, so :meth:`Summaries.get` answers with the last
one counted, says when it was counted and whether a newer one is on its way, and, when the
data changed since, counts again in a background thread; the next view shows the new
figures. Only the first view in a process counts in the request. Recounts of one summary run
one at a time and at most every :data:`MIN_RECOUNT_SECONDS`, so a stream of edits costs one
aggregation every few seconds, not one per view.

Without an app to count on in the background (a CLI command, a service called directly), or
on a test's single connection, a stale summary is counted again in the call instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import Flask
from sqlalchemy.orm import Session

from claims_app import db
from claims_app.cache import Entry, ProcessCache, fingerprint, register

log = logging.getLogger(__name__)

T = TypeVar("T")

#: After a recount of a summary starts, the next waits at least this long.
MIN_RECOUNT_SECONDS = 5.0


@dataclass(frozen=True)
class Summary(Generic[T]):
    """A summary's ``value`` as counted at ``as_of``; ``updating`` says the data changed
    since and a recount is on its way."""

    value: T
    as_of: dt.datetime
    updating: bool = False


@dataclass(frozen=True)
class _Kept:
    value: Any
    as_of: dt.datetime
    counted_at: float  # on the cache's clock


class Summaries:
    """Summaries by database and name, kept in a :class:`claims_app.cache.ProcessCache`
    (so :func:`claims_app.cache.clear_all` forgets them too). Thread-safe; ``clock`` is
    injectable for tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._kept: ProcessCache[_Kept] = ProcessCache("summaries", 64)
        self._running: dict[tuple[str, str], threading.Thread] = {}
        self._started: dict[tuple[str, str], float] = {}
        self._clock = clock
        register(self._forget_recounts)

    def clear(self) -> None:
        self._kept.clear()
        self._forget_recounts()

    def _forget_recounts(self) -> None:
        with self._lock:
            self._started.clear()

    def get(self, session: Session, name: str, count: Callable[[Session], T], *,
            app: Flask | None = None) -> Summary[T]:
        """The summary ``name``, counted by ``count(session)`` when this process has none
        yet; otherwise the last one, marked ``updating`` and recounted in the background on
        ``app``'s database when the claims changed since it was counted."""
        which = (str(session.get_bind().engine.url), name)  # one process may serve 2 databases
        key = fingerprint(session)
        entry = self._kept.lookup(session, name)
        if entry is None or (entry.fingerprint != key and not _can_count_later(app)):
            kept = self._count(session, which, count)
        elif entry.fingerprint != key:
            assert app is not None
            self._count_later(app, which, count, entry.value.counted_at)
            return Summary(entry.value.value, entry.value.as_of, updating=True)
        else:
            kept = entry.value
        return Summary(kept.value, kept.as_of)

    def wait(self, timeout: float = 30.0) -> None:
        """Until the recounts running now have finished (for tests)."""
        with self._lock:
            threads = list(self._running.values())
        for thread in threads:
            thread.join(timeout)

    def _count(self, session: Session, which: tuple[str, str],
               count: Callable[[Session], Any]) -> _Kept:
        # The fingerprint is read first: the value is never older than the key it is filed
        # under (a change made meanwhile may be counted already, and is counted again).
        key = fingerprint(session)
        value = count(session)
        kept = _Kept(value, dt.datetime.now(dt.UTC), self._clock())
        self._kept.store(session, which[1], Entry(kept, key))
        return kept

    def _count_later(self, app: Flask, which: tuple[str, str],
                     count: Callable[[Session], Any], counted_at: float) -> None:
        with self._lock:
            last = max(counted_at, self._started.get(which, counted_at))
            if which in self._running or self._clock() - last < MIN_RECOUNT_SECONDS:
                return
            thread = threading.Thread(target=self._recount, args=(app, which, count),
                                      name=f"summary-{which[1]}", daemon=True)
            self._running[which] = thread
            self._started[which] = self._clock()
        thread.start()

    def _recount(self, app: Flask, which: tuple[str, str],
                 count: Callable[[Session], Any]) -> None:
        try:
            with app.app_context(), db.get_db(app).sessionmaker() as session:
                self._count(session, which, count)
        except Exception:  # the page keeps the last summary and tries again on a later view
            log.exception("recounting the %s summary failed", which[1])
        finally:
            with self._lock:
                self._running.pop(which, None)


def _can_count_later(app: Flask | None) -> bool:
    """A background thread needs an app whose sessions open their own connections."""
    return app is not None and not db.get_db(app).one_connection


#: The process's summaries (tests clear them between cases).
summaries = Summaries()
