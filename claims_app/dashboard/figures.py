"""The dashboard's whole-archive figures, remembered per process and refreshed behind the page.

**Why.** The totals, the weekly review progress and the most-quoted list each aggregate every
claim: 0.5 s on PostgreSQL and 0.7 s on SQLite at a million claims, on the page everyone
opens first. They are a summary, and one a few seconds old serves as well as one computed
now. So the page shows the figures last computed, with the time they were computed, and
when the data has changed since (``claims_fingerprint``) a background thread computes them
again while the page is answered at once; the next view shows the new figures. Only the first
view in a process computes in the request. Refreshes run one at a time per database and at
most every :data:`MIN_REFRESH_SECONDS`, so a stream of edits costs one aggregation every few
seconds, not one per view. The list of recently changed claims is not part of this: it
reads ten rows off an index and is always current.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

from claims_app import db
from claims_app.claims.services import claims_fingerprint
from claims_app.dashboard.services import (
    QuotedSpeaker,
    Totals,
    WeekProgress,
    most_quoted,
    review_progress,
    totals,
)

log = logging.getLogger(__name__)

#: After a refresh, the next one waits at least this long, however many changes arrive.
MIN_REFRESH_SECONDS = 5.0


@dataclass(frozen=True)
class Figures:
    """The figures computed at ``as_of`` from the data whose fingerprint is ``fingerprint``;
    ``updating`` says newer data exists and a refresh is on its way."""

    totals: Totals
    progress: list[WeekProgress]
    quoted: list[QuotedSpeaker]
    as_of: dt.datetime
    fingerprint: tuple[Any, ...] = field(repr=False)
    updating: bool = False


def compute(session: Session) -> Figures:
    """Every figure, read after the fingerprint they are filed under, so they are never
    older than it (a change made meanwhile may be counted already, and is counted again
    at the next refresh its newer fingerprint starts)."""
    key = claims_fingerprint(session)
    return Figures(totals(session), review_progress(session), most_quoted(session),
                   dt.datetime.now(dt.UTC), key)


class FiguresCache:
    """Figures per database (one process may serve several), with at most one refresh of
    each running. Thread-safe; ``clock`` is injectable for tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._figures: dict[str, tuple[Figures, float]] = {}
        self._running: dict[str, threading.Thread] = {}
        self._started: dict[str, float] = {}  # when each database's last refresh started
        self._clock = clock

    def clear(self) -> None:
        with self._lock:
            self._figures.clear()
            self._started.clear()

    def view(self, session: Session, *, app: Flask | None = None) -> Figures:
        """The figures for the page. Computes them in the request only when this process has
        none yet; otherwise returns the last ones, and, when the data changed since, marks
        them ``updating`` and starts a refresh on ``app``'s engine (none without ``app``)."""
        which = str(session.get_bind().engine.url)
        key = claims_fingerprint(session)
        with self._lock:
            kept = self._figures.get(which)
        if kept is None:
            return self._count_now(session, which)
        figures, computed_at = kept
        if figures.fingerprint == key:
            return figures
        if app is None:
            return replace(figures, updating=True)
        if db.get_db(app).one_connection:  # no other thread may use it
            return self._count_now(session, which)
        self._refresh_later(app, which, computed_at)
        return replace(figures, updating=True)

    def wait(self, timeout: float = 30.0) -> None:
        """Until the refreshes running now have finished (for tests)."""
        with self._lock:
            threads = list(self._running.values())
        for thread in threads:
            thread.join(timeout)

    def _count_now(self, session: Session, which: str) -> Figures:
        figures = compute(session)
        self._store(which, figures)
        return figures

    def _store(self, which: str, figures: Figures) -> None:
        with self._lock:
            self._figures[which] = (figures, self._clock())

    def _refresh_later(self, app: Flask, which: str, computed_at: float) -> None:
        with self._lock:
            last = max(computed_at, self._started.get(which, computed_at))
            if which in self._running or self._clock() - last < MIN_REFRESH_SECONDS:
                return
            thread = threading.Thread(target=self._refresh, args=(app, which),
                                      name="dashboard-figures", daemon=True)
            self._running[which] = thread
            self._started[which] = self._clock()
        thread.start()

    def _refresh(self, app: Flask, which: str) -> None:
        try:
            with app.app_context(), db.get_db(app).sessionmaker() as session:
                figures = compute(session)
            self._store(which, figures)
        except Exception:  # the page keeps its last figures and tries again on a later view
            log.exception("refreshing the dashboard figures failed")
        finally:
            with self._lock:
                self._running.pop(which, None)


#: The process's figures (the page's; tests clear it between cases).
figures_cache = FiguresCache()
