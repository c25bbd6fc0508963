"""Analysing drafts before they are stored: the claims extraction finds and the index rows,
pure functions of the text computed outside any transaction (so the write lock is not held
for them), in this process or, for a file of several batches, in worker processes a few
batches ahead of the writer."""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from multiprocessing import get_context
from typing import Any

from claims_app.articles.models import DatePrecision
from claims_app.crossref.indexing import ArticleIndex, prepare_index
from claims_app.extract import ExtractedClaim, extract_claims
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.pacing import Clock


@dataclass
class PlannedArticle:
    """A draft analysed before its transaction: the claims extraction found and its
    cross-reference index. Both are pure functions of the text, so they are computed
    outside the transaction (and timed apart from the writing)."""

    draft: ArticleDraft
    source: str
    values: dict[str, Any]  # the article's column values, as stored
    found: list[ExtractedClaim]
    index: ArticleIndex


def plan_draft(draft: ArticleDraft, source: str, *, extract: bool = True,
               language: str = "en", clock: Clock | None = None) -> PlannedArticle:
    """Extract a draft's claims and prepare its index rows (no database needed)."""
    started = time.perf_counter()
    values = _article_values(draft, language)
    found = one_per_span(extract_claims(draft.body, published=draft.published,
                                      dateline=draft.dateline)) if extract else []
    if clock is not None:
        started = clock.add("extract", started)
    index = prepare_index(values["title"], values["author"], values["dateline"], draft.body,
                          [(c.start, c.end, c.text) for c in found])
    if clock is not None:
        clock.add("index", started)
    return PlannedArticle(draft, source, values, found, index)


def one_per_span(found: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """The extractor's proposals, each span once (the first proposal for a span wins)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for claim in found:
        if (claim.start, claim.end) not in seen:
            seen.add((claim.start, claim.end))
            out.append(claim)
    return out


def _article_values(draft: ArticleDraft, language: str) -> dict[str, Any]:
    return {
        "title": _cut(draft.title, 500), "author": _cut(draft.author, 200),
        "published": draft.published,
        "published_precision": DatePrecision(draft.published_precision),
        "published_text": _cut(draft.published_text, 100),
        "dateline": _cut(draft.dateline, 200), "place": _cut(draft.place, 200),
        "section": _cut(draft.section, 100), "url": _cut(draft.url, 2000),
        "language": draft.language or language, "source_name": _cut(draft.source_name, 500),
        "body": draft.body, "raw": draft.raw, "content_hash": draft.content_hash,
        "extra": dict(draft.extra), "notes": None,
    }


class Planner:
    """Plans batches of drafts, in this process or in worker processes ahead of the writer.

    Workers are started (spawned, not forked: the parent holds database connections and
    threads) only for the first file of more than one batch, and at most ``workers + 1``
    batches are planned ahead, so memory stays bounded on a 100,000-article archive."""

    def __init__(self, workers: int, extract: bool, clock: Clock) -> None:
        self.workers, self.extract, self.clock = max(0, workers), extract, clock
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Planner:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def plan(self, chunks: list[list[tuple[ArticleDraft, str]]]
             ) -> Iterator[list[PlannedArticle]]:
        if self.workers == 0 or len(chunks) < 2:
            for chunk in chunks:
                yield [plan_draft(draft, source, extract=self.extract, clock=self.clock)
                       for draft, source in chunk]
            return
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"),
                                            initializer=_exit_with_parent,
                                            initargs=(os.getpid(),))
        waiting = iter(chunks)
        ahead: deque[Future[tuple[list[PlannedArticle], dict[str, float]]]] = deque(
            self.pool.submit(_plan_chunk, chunk, self.extract)
            for chunk in islice(waiting, self.workers + 1))
        while ahead:
            planned, seconds = ahead.popleft().result()
            for phase, spent in seconds.items():
                self.clock.seconds[phase] += spent
            following = next(waiting, None)
            if following is not None:
                ahead.append(self.pool.submit(_plan_chunk, following, self.extract))
            yield planned


def _plan_chunk(chunk: list[tuple[ArticleDraft, str]], extract: bool
                ) -> tuple[list[PlannedArticle], dict[str, float]]:
    """A worker's job: plan one batch, and say how long extraction and indexing took."""
    clock = Clock()
    planned = [plan_draft(draft, source, extract=extract, clock=clock)
               for draft, source in chunk]
    return planned, {phase: clock.seconds[phase] for phase in ("extract", "index")}


def _exit_with_parent(parent: int) -> None:
    """In a worker: leave as soon as the importing process is gone (killed, say), instead
    of waiting forever for work that will not come."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _cut(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else value

