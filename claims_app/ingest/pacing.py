"""Pacing the importer's write transactions: how long each holds the write lock, how many
articles it stores, and how the lock is taken so waiting reviewers get it first.

**How many per transaction.** At most ``BATCH_ARTICLES``, and on SQLite no more than fit
in the importer's ``TRANSACTION_SECONDS`` of holding the write lock: there every other writer (a
reviewer's save, a login, another import) waits while an import transaction is open, and a
batch of 100 articles once held the lock about 5 s under load, so reviewers' saves waited
past the 15 s busy timeout and failed with "database is locked" (issue 15). A ``Pacer``
learns how long the lock is held, a fixed part per transaction plus a part per unit of work
(an article, its claims and its length), from the transactions already committed, and
sizes the next one to the budget. On SQLite the
importer then leaves the lock free for its ``SQLITE_YIELD_SECONDS`` before taking it again:
SQLite has no queue of waiters (each polls, the longest waiters every 100 ms), so an
importer that took the lock straight back would win it nearly every time.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from claims_app.db import NO_BUSY_WAIT, WRITE_INTENT, is_lock_wait

if TYPE_CHECKING:  # types only: the importer and the planning import this module
    from claims_app.ingest.importer import ImportSummary
    from claims_app.ingest.planning import PlannedArticle

#: The most articles one transaction stores (and the size of a planning batch).
BATCH_ARTICLES = 100
#: Articles in the first transaction, before the pacer has measured anything.
FIRST_TRANSACTION_ARTICLES = 5
#: On SQLite, how long an import sleeps between two tries for a lock another writer holds
#: (a random time in this range: longer than the busy handler's 100 ms polls, so a waiting
#: save gets in first), and how long it keeps trying before giving up.
IMPORT_RETRY_SECONDS = (0.15, 0.25)
IMPORT_LOCK_WAIT_SECONDS = 600.0
#: The phases an import's time is counted in (``Clock``, ``ImportSummary.seconds``).
PHASES = ("read", "extract", "index", "write")


@dataclass
class Clock:
    """Adds the seconds each import phase takes to a summary's ``seconds``, and times each
    write transaction's hold of the lock."""

    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PHASES, 0.0))
    summary: ImportSummary | None = None
    held: float = 0.0  # seconds of lock held, all transactions

    def add(self, phase: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[phase] += now - started
        return now

    def hold(self, seconds: float) -> None:
        self.held += seconds
        if self.summary is not None:
            self.summary.transactions += 1
            self.summary.longest_transaction = max(self.summary.longest_transaction, seconds)


@dataclass
class Pacer:
    """Sizes import transactions so each holds the write lock about ``budget`` seconds.

    A transaction's hold is a fixed part (finding what is stored, loading speakers and
    statement groups, the commit) plus a part that grows with its work, counted in units
    (``_units``: the article, its claims, its length). The pacer fits both to the last
    transactions it was told of (``learn``: least squares over ``WINDOW`` of them) and sizes
    the next one to the budget, at least one article and at most ``BATCH_ARTICLES``. When
    the fixed part alone eats most of the budget (a loaded machine, a large archive), the
    transaction still takes enough work to match its fixed part (at most a budget's worth):
    cutting further would hold the lock about as long per transaction and multiply the
    transactions."""

    budget: float | None  # None: no budget, every transaction takes BATCH_ARTICLES
    seen: deque[tuple[int, float]] = field(default_factory=deque)  # (units, seconds held)

    WINDOW = 8

    def parts(self, batch: list[PlannedArticle]) -> Iterator[list[PlannedArticle]]:
        """``batch`` cut into transactions; the cuts follow what ``learn`` was told of the
        parts already given."""
        rest = batch
        while rest:
            size = self._fit(rest)
            yield rest[:size]
            rest = rest[size:]

    def cost(self) -> tuple[float, float] | None:
        """(fixed seconds, seconds per unit) as learnt so far; None before any."""
        if not self.seen:
            return None
        n = len(self.seen)
        mean_x = sum(x for x, _ in self.seen) / n
        mean_y = sum(y for _, y in self.seen) / n
        var = sum((x - mean_x) ** 2 for x, _ in self.seen)
        per_unit = (sum((x - mean_x) * (y - mean_y) for x, y in self.seen) / var
                    if var > 0 else 0.0)
        if per_unit <= 0:  # one size seen so far, or noise: all of it counts as variable
            return 0.0, mean_y / mean_x
        # The fixed part cannot be more than the shortest hold seen (noise on a loaded
        # machine can make the fit say so).
        fixed = min(max(0.0, mean_y - per_unit * mean_x), min(y for _, y in self.seen))
        return fixed, per_unit

    def _fit(self, rest: list[PlannedArticle]) -> int:
        if self.budget is None:
            return min(len(rest), BATCH_ARTICLES)
        cost = self.cost()
        if cost is None:
            return min(len(rest), FIRST_TRANSACTION_ARTICLES, BATCH_ARTICLES)
        fixed, per_unit = cost
        if per_unit <= 0:
            return min(len(rest), BATCH_ARTICLES)
        # Work for what the budget leaves after the fixed part, but at least as much as
        # the fixed part (up to a whole budget's worth): so a transaction holds the lock at
        # most the fixed part plus the budget.
        allowance = max(self.budget - fixed, min(fixed, self.budget)) / per_unit
        size = units = 0
        for planned in rest[:BATCH_ARTICLES]:
            units += _units(planned)
            if size and units > allowance:
                break
            size += 1
        return size

    def learn(self, part: list[PlannedArticle], held: float) -> None:
        """Note one committed transaction's work and lock time."""
        self.seen.append((sum(_units(p) for p in part), held))
        while len(self.seen) > self.WINDOW:
            self.seen.popleft()


def _units(planned: PlannedArticle) -> int:
    """The work of storing one article, in units: the article, each claim (its row, speaker,
    statement group and search document) and each 2,000 characters of body (signatures and
    search text)."""
    return 1 + len(planned.found) + len(planned.draft.body) // 2000


@contextmanager
def writing(factory: sessionmaker[Session], clock: Clock | None = None
             ) -> Iterator[Session]:
    """One import transaction that takes the write lock when it begins.

    Each transaction reads (which articles are present, which speakers exist) before it
    writes. On SQLite a deferred transaction that does so fails at its first write with
    "database is locked" whenever another writer committed meanwhile (the busy timeout does
    not cover that upgrade), so two imports side by side, or an import beside a reviewer,
    lost articles. ``BEGIN IMMEDIATE`` waits (up to the busy timeout) for the lock instead,
    whatever session factory the caller passed. With a ``clock``, a committed transaction's
    hold of the lock (from taking it to the end of the commit) is timed."""
    with factory() as session:
        _take_write_lock(session)  # begins the session's transaction
        locked = time.perf_counter()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        if clock is not None:
            clock.hold(time.perf_counter() - locked)


def _take_write_lock(session: Session) -> None:
    """Begin the session's transaction holding the write lock (``BEGIN IMMEDIATE``).

    On SQLite the importer does not wait in SQLite's busy handler: that one polls every few
    milliseconds at first, so a newly waiting importer won the lock over reviewers' saves
    that had waited longer (and poll every 100 ms by then), and two imports took turns
    while a save waited seconds. Instead it tries once and, while another writer holds
    the lock, sleeps ``IMPORT_RETRY_SECONDS`` (more than a long waiter's poll interval)
    before trying again, up to ``IMPORT_LOCK_WAIT_SECONDS``: a waiting save gets the lock
    first. PostgreSQL ignores the option (it has no database-wide write lock)."""
    deadline = time.monotonic() + IMPORT_LOCK_WAIT_SECONDS
    while True:
        try:
            session.connection(execution_options={WRITE_INTENT: True, NO_BUSY_WAIT: True})
            return
        except OperationalError as exc:
            if not is_lock_wait(exc) or time.monotonic() > deadline:
                raise
            session.rollback()
            time.sleep(random.uniform(*IMPORT_RETRY_SECONDS))

