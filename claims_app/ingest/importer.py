"""Storing article drafts: idempotent, a few articles per transaction, a summary at the end.

Reading (and checking) a whole file happens before anything is written, so a bad file is
refused whole. Articles are then stored a few per transaction (one commit instead of one per
article); when a transaction fails, it is rolled back and its articles are stored again one
per transaction, so a bad article loses nothing but itself, nothing is ever stored
partially, and a re-run stores only what is missing.

Each draft is analysed first (its claims extracted, its index rows prepared), outside any
transaction and in worker processes for a large file: ``planning.py``.

How many articles one transaction stores, and how the write lock is taken and left free
for others, is ``pacing.py``.

Size: one import: the bulk writer (``_store_planned`` and its inserts) and the driver with
its retry one article at a time share the private cache and outcome types and the order of
``import_paths``; planning a draft is ``planning.py``, pacing the transactions
``pacing.py``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, inspect, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from claims_app.accounts.models import User
from claims_app.articles.limits import check_body_length
from claims_app.articles.models import Article, Outlet
from claims_app.articles.services import get_or_create_outlet, outlet_name
from claims_app.audit.models import AuditEvent
from claims_app.audit.services import event_values, to_json
from claims_app.claims.models import Claim, ClaimOrigin, ClaimStatus
from claims_app.claims.services import ClaimInput, claim_values, runner_up_values
from claims_app.crossref import sync
from claims_app.crossref.indexing import index_new_articles
from claims_app.db import (
    copy_rows,
    reserve_ids,
    utcnow,
)
from claims_app.extract import ExtractedClaim
from claims_app.factchecks.reader import holds_claim_reviews, read_fact_checks
from claims_app.factchecks.services import store_fact_checks
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.errors import ReadError
from claims_app.ingest.pacing import BATCH_ARTICLES, PHASES, Clock, Pacer, writing
from claims_app.ingest.planning import PlannedArticle, Planner, plan_draft
from claims_app.ingest.readers import expand, read_file
from claims_app.provenance.groups import refresh_claims
from claims_app.speakers.models import Speaker
from claims_app.speakers.resolve import SpeakerCache, prime_speaker_cache, resolve_speaker

IMPORTED, PRESENT, FAILED = "imported", "already present", "failed"
#: How long one import transaction aims to hold the write lock, in seconds.
TRANSACTION_SECONDS = 0.5
#: On SQLite, how long the lock is left free between two import transactions: one poll
#: interval of SQLite's busy handler (100 ms, once a waiter has waited a while), so a
#: waiting writer finds it free at least once.
SQLITE_YIELD_SECONDS = 0.1


@dataclass
class ImportCache:
    """Lookups one transaction repeats for every article: outlets by name and the speaker
    each name resolved to. Valid for one session and transaction only."""

    outlets: dict[str, Outlet] = field(default_factory=dict)
    speakers: SpeakerCache = field(default_factory=SpeakerCache)


@dataclass(frozen=True)
class ImportOutcome:
    source: str  # file, or file:line for multi-article files
    status: str
    message: str = ""
    article_id: int | None = None
    claims: int = 0
    fact_check_id: int | None = None  # a fact-check (ClaimReview) rather than an article


@dataclass
class ImportSummary:
    outcomes: list[ImportOutcome] = field(default_factory=list)
    # seconds per phase: read (files), extract (claims), index (signatures and search text,
    # computed before writing), write (the transactions)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PHASES, 0.0))
    #: How many write transactions were committed, and the longest time one of them held
    #: the write lock (seconds, from taking it to the end of its commit).
    transactions: int = 0
    longest_transaction: float = 0.0

    def _count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def imported(self) -> int:
        return self._count(IMPORTED)

    @property
    def present(self) -> int:
        return self._count(PRESENT)

    @property
    def failed(self) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.status == FAILED]

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def fact_checks(self) -> int:
        """Of the imported, how many were fact-checks."""
        return sum(1 for o in self.outcomes
                   if o.status == IMPORTED and o.fact_check_id is not None)

    def lines(self) -> list[str]:
        out = [f"imported: {self.imported}, already present: {self.present}, "
               f"failed: {len(self.failed)}"]
        if self.fact_checks:
            out[0] += f" ({self.fact_checks} of the imported are fact-checks)"
        out += [f"  failed: {o.source}: {o.message}" for o in self.failed]
        return out


def store_draft(
    session: Session, draft: ArticleDraft, actor: User | None, *, extract: bool = True,
    language: str = "en",
) -> tuple[Article, bool]:
    """Store one draft with its extracted claims; (existing article, False) if already there.
    A body over the article size limit is ``InvalidInput`` (files are checked as they are
    read, by ``read_file``; this is the way in for the API)."""
    check_body_length(draft.body)
    article_id, created, _claims = _store_planned(
        session, [plan_draft(draft, "", extract=extract, language=language)], actor,
        ImportCache())[0]
    article = session.get(Article, article_id)
    assert article is not None  # just stored or found by its content hash
    return article, created


def _store_planned(
    session: Session, planned: list[PlannedArticle], actor: User | None, cache: ImportCache,
) -> list[tuple[int, bool, int]]:
    """Store analysed drafts in the session's transaction: (article id, created, claims
    stored) for each, in order. A draft whose text is already stored (or appears earlier in
    the list) is not stored again.

    Rows go in a few statements for the whole list (articles, claims, passage signatures,
    search documents and audit events each one multi-row INSERT); only speakers, whose
    identity needs the lookups of ``resolve_speaker``, go through the ORM one by one."""
    hashes = sorted({p.values["content_hash"] for p in planned})
    known: dict[str, int] = dict(session.execute(
        select(Article.content_hash, Article.id).where(Article.content_hash.in_(hashes))
    ).all()) if hashes else {}
    fresh: dict[str, PlannedArticle] = {}
    for p in planned:
        if p.values["content_hash"] not in known:
            fresh.setdefault(p.values["content_hash"], p)
    new = list(fresh.values())
    prime_speaker_cache(session, [(name, c.speaker_kind) for p in new for c in p.found
                                  for name in (c.speaker_name, *c.speaker_aliases) if name],
                        cache.speakers)
    now = utcnow()
    _prime_outlets(session, {p.draft.outlet for p in new if p.draft.outlet}, cache)
    rows = []
    for p in new:
        outlet = get_or_create_outlet(session, p.draft.outlet, cache=cache.outlets)[0]
        rows.append({**p.values, "outlet_id": outlet.id if outlet else None,
                     "imported_at": now, "imported_by_id": actor.id if actor else None,
                     "version": 1, "created_at": now, "updated_at": now})
    claim_rows: list[dict[str, Any]] = []
    speakers: set[int] = set()
    # Every name of the batch is now either cached or known to match nobody, so the
    # lookups left (surnames of new names) need not see the aliases, roles and audit events
    # resolving adds: they are written in one flush below instead of one per lookup. (New
    # speakers are still flushed as they are created, so later lookups find them.)
    with session.no_autoflush:
        resolved = [_resolve_speakers(session, p, actor, cache) for p in new]
    for p, row, found_speakers in zip(new, rows, resolved, strict=True):
        for found, speaker in found_speakers:
            values = claim_values(p.draft.body, claim_input(found, speaker))
            claim_rows.append({**values, **runner_up_values(found.runner_up),
                               "_hash": row["content_hash"],
                               "origin": ClaimOrigin.EXTRACTED, "status": ClaimStatus.UNREVIEWED,
                               "confidence": found.confidence,
                               "created_by_id": actor.id if actor else None,
                               "updated_by_id": actor.id if actor else None,
                               "version": 1, "created_at": now, "updated_at": now})
            if speaker is not None:
                speakers.add(speaker.id)
    session.flush()  # speakers created or changed above, before rows that point at them
    stored = _insert_articles(session, rows)
    claims = _insert_claims(session, stored, claim_rows)
    index_new_articles(session, [(stored[p.values["content_hash"]], p.index,
                                  claims.get(p.values["content_hash"], {})) for p in new],
                       speakers)
    sync.mark_written(session, speakers=speakers)  # the commit need not write them again
    # Claims inserted with Core are not in the session's note: their statement groups are
    # written here, one batch for the whole import batch.
    refresh_claims(session, [cid for ids in claims.values() for cid in ids.values()])
    # The new claims' fact-check matches are written at commit, like those of any claim (one
    # query while no fact-check has been imported).
    sync.note_claims_to_match(session, [i for ids in claims.values() for i in ids.values()])
    events = []
    for p, row in zip(new, rows, strict=True):
        article_id = stored[row["content_hash"]]
        values = {**row, "id": article_id}
        after = {attr.key: to_json(values[attr.key]) for attr in inspect(Article).column_attrs
                 if attr.key not in {"body", "raw"}}
        after["claim_ids"] = sorted(claims.get(row["content_hash"], {}).values())
        events.append(event_values(
            actor, "import", "article", article_id, after=after,
            summary=f"imported {p.values['source_name']} with {len(after['claim_ids'])} "
                    f"proposed claims"))
    if events:
        session.execute(insert(AuditEvent), events)
    out = []
    for p in planned:
        h = p.values["content_hash"]
        if h in known:
            out.append((known[h], False, 0))
        elif fresh[h] is p:
            out.append((stored[h], True, len(claims.get(h, {}))))
        else:  # the same text twice in one batch: the second is "already present"
            out.append((stored[h], False, 0))
    return out


def _prime_outlets(session: Session, names: set[str], cache: ImportCache) -> None:
    """The batch's outlets that exist, in one query (``get_or_create_outlet`` adds the rest)."""
    wanted = {outlet_name(n) for n in names} - cache.outlets.keys()
    if wanted:
        for outlet in session.scalars(select(Outlet).where(Outlet.name.in_(sorted(wanted)))):
            cache.outlets[outlet.name] = outlet


def _resolve_speakers(
    session: Session, p: PlannedArticle, actor: User | None, cache: ImportCache,
) -> list[tuple[ExtractedClaim, Speaker | None]]:
    """Each proposed claim with its speaker, resolved (or created) once per name, role and
    date within the article and once per name within the batch."""
    seen: dict[tuple[object, ...], Speaker] = {}
    published = p.values["published"]
    return [(found, speaker_for(session, published, actor, found, seen, cache.speakers))
            for found in p.found]


def _insert_articles(session: Session, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Write the articles in one bulk statement; their ids by content hash (unique)."""
    ids = _copy_model_rows(session, Article, rows)
    return {row["content_hash"]: article_id for row, article_id in zip(rows, ids, strict=True)}


def _insert_claims(
    session: Session, articles: dict[str, int], rows: list[dict[str, Any]],
) -> dict[str, dict[tuple[int, int], int]]:
    """Write every claim of the new articles in one bulk statement; ids per article (by
    content hash) and span."""
    contents = [row.pop("_hash") for row in rows]
    for row, content in zip(rows, contents, strict=True):
        row["article_id"] = articles[content]
    ids = _copy_model_rows(session, Claim, rows)
    out: dict[str, dict[tuple[int, int], int]] = {}
    for row, content, claim_id in zip(rows, contents, ids, strict=True):
        out.setdefault(content, {})[(row["start"], row["end"])] = claim_id
    return out


def _copy_model_rows(session: Session, model: type[Any], rows: list[dict[str, Any]]
                     ) -> list[int]:
    """Bulk-write rows given by attribute name (every column but the id must be present),
    with ids reserved first; returns the ids in row order."""
    if not rows:
        return []
    ids = reserve_ids(session, model.__table__, len(rows))
    attrs = [(a.key, a.columns[0].name) for a in inspect(model).column_attrs if a.key != "id"]
    copy_rows(session, model.__table__, ["id", *(name for _key, name in attrs)],
              ([row_id, *(row[key] for key, _name in attrs)]
               for row_id, row in zip(ids, rows, strict=True)))
    return ids


def speaker_for(session: Session, published: dt.date | None, actor: User | None,
                 found: ExtractedClaim, speakers: dict[tuple[object, ...], Speaker],
                 names: SpeakerCache) -> Speaker | None:
    if not found.speaker_name:
        return None
    seen_on = found.said_on or published
    key = (found.speaker_name, found.speaker_kind, found.speaker_aliases,
           found.speaker_role, seen_on)
    speaker = speakers.get(key)
    if speaker is None:
        speaker = speakers[key] = resolve_speaker(
            session, actor, found.speaker_name, kind=found.speaker_kind,
            aliases=found.speaker_aliases, role=found.speaker_role, seen_on=seen_on,
            cache=names,
        )
    return speaker


def claim_input(found: ExtractedClaim, speaker: Speaker | None) -> ClaimInput:
    """What the extractor proposes, as the claim services take it (one place, so the bulk
    import, re-extraction and a single stored draft store the same fields)."""
    return ClaimInput(
        start=found.start, end=found.end, kind=found.kind, text=found.text,
        speaker_id=speaker.id if speaker else None, speaker_role=found.speaker_role,
        cue=found.cue, said_on=found.said_on, said_on_basis=found.said_on_basis,
        said_where=found.said_where, confidence=found.confidence,
        segments=list(found.segments) or None, runner_up=found.runner_up)


def import_paths(
    factory: sessionmaker[Session],
    paths: Iterable[str | Path],
    *,
    actor_id: int | None = None,
    extract: bool = True,
    max_bytes: int = 60 * 1024 * 1024,
    max_article_chars: int | None = None,
    on_outcome: Callable[[ImportOutcome], None] | None = None,
    workers: int = 0,
) -> ImportSummary:
    """Import files and folders; a bad file is reported and the rest still import.

    With ``workers`` > 0, files of more than one batch are planned (extraction, index
    preparation) in that many worker processes, a few batches ahead of the writing, so the
    two run side by side on separate cores; the stored result is the same."""
    summary = ImportSummary()
    clock = Clock(summary.seconds, summary)
    sqlite = _is_sqlite(factory)
    # PostgreSQL locks rows, not the database: a reviewer's save never waits for an import
    # transaction, so there the batches stay whole (fewer commits, faster imports).
    pacer = Pacer(TRANSACTION_SECONDS if sqlite else None)
    pause = SQLITE_YIELD_SECONDS if sqlite else 0.0
    written = False

    def report(outcome: ImportOutcome) -> None:
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    with Planner(workers, extract, clock) as planner:
        for path in expand(paths):
            if holds_claim_reviews(path):
                started = time.perf_counter()
                for outcome in import_fact_check_file(factory, path, actor_id,
                                                      max_bytes=max_bytes):
                    report(outcome)
                clock.add("write", started)
                continue
            started = time.perf_counter()
            try:
                drafts = read_file(path, max_bytes=max_bytes,
                                   max_article_chars=max_article_chars)
            except ReadError as exc:
                report(ImportOutcome(str(path), FAILED, exc.message if exc.line is None
                                     else f"line {exc.line}: {exc.message}"))
                continue
            finally:
                clock.add("read", started)
            items = [(draft, f"{path}:{draft.line}" if draft.line is not None else str(path))
                     for draft in drafts]
            for batch in planner.plan([items[i:i + BATCH_ARTICLES]
                                       for i in range(0, len(items), BATCH_ARTICLES)]):
                for part in pacer.parts(batch):
                    if written and pause:
                        time.sleep(pause)  # let a waiting writer have the lock
                    started, held = time.perf_counter(), clock.held
                    for outcome in _import_batch(factory, part, actor_id, clock):
                        report(outcome)
                    clock.add("write", started)
                    pacer.learn(part, clock.held - held)
                    written = True
    return summary


def _is_sqlite(factory: sessionmaker[Session]) -> bool:
    bind = factory.kw.get("bind")
    return getattr(getattr(bind, "dialect", None), "name", None) == "sqlite"


def import_fact_check_file(factory: sessionmaker[Session], path: Path, actor_id: int | None,
                           *, max_bytes: int) -> list[ImportOutcome]:
    """Store a file of ClaimReview fact-checks in one transaction: the file is read and
    checked whole first (a bad line refuses it, naming the line, and nothing of it is
    stored); a fact-check already stored (same URL and claim) is "already present"."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return [ImportOutcome(str(path), FAILED,
                                  f"the file is {size / 1e6:.1f} MB, over the "
                                  f"{max_bytes / 1e6:.0f} MB import limit")]
        drafts = read_fact_checks(path, path.read_bytes())
    except OSError as exc:
        return [ImportOutcome(str(path), FAILED, f"cannot read the file ({exc.strerror})")]
    except ReadError as exc:
        return [ImportOutcome(str(path), FAILED, exc.message if exc.line is None
                              else f"line {exc.line}: {exc.message}")]
    try:
        with writing(factory) as session:
            actor = session.get(User, actor_id) if actor_id is not None else None
            stored = store_fact_checks(session, actor, drafts, path.name)
    except SQLAlchemyError as exc:
        return [ImportOutcome(str(path), FAILED,
                              f"database error: {str(exc).splitlines()[0]}")]
    return [ImportOutcome(f"{path}:{d.line}" if d.line is not None else str(path),
                          IMPORTED if created else PRESENT, "fact-check",
                          fact_check_id=fc_id)
            for d, (fc_id, created) in zip(drafts, stored, strict=True)]


def _import_batch(factory: sessionmaker[Session], batch: list[PlannedArticle],
                  actor_id: int | None, clock: Clock | None = None) -> list[ImportOutcome]:
    """Store a batch of drafts in one transaction; if anything in it fails, roll it back and
    store the drafts one per transaction instead (so each succeeds or fails on its own)."""
    if len(batch) <= 1:
        return [_import_one(factory, planned, actor_id, clock) for planned in batch]
    try:
        with writing(factory, clock) as session:
            actor = session.get(User, actor_id) if actor_id is not None else None
            stored = _store_planned(session, batch, actor, _retried_whole())
    except Exception:  # noqa: BLE001 - any failure: retry article by article, which reports it
        return [_import_one(factory, planned, actor_id, clock) for planned in batch]
    return [ImportOutcome(p.source, IMPORTED if created else PRESENT, article_id=article_id,
                          claims=claims)
            for p, (article_id, created, claims) in zip(batch, stored, strict=True)]


def _import_one(factory: sessionmaker[Session], planned: PlannedArticle,
                actor_id: int | None, clock: Clock | None = None) -> ImportOutcome:
    try:
        try:
            return _store_one(factory, planned, actor_id, clock)
        except IntegrityError:
            # Another importer (PostgreSQL lets two write at once) committed the same
            # article, outlet or speaker between our lookup and our insert. Once more: the
            # lookups now see its rows, so the article is found present or stored, never
            # reported present without being stored.
            return _store_one(factory, planned, actor_id, clock)
    except SQLAlchemyError as exc:
        return ImportOutcome(planned.source, FAILED,
                             f"database error: {str(exc).splitlines()[0]}")


def _store_one(factory: sessionmaker[Session], planned: PlannedArticle,
               actor_id: int | None, clock: Clock | None = None) -> ImportOutcome:
    with writing(factory, clock) as session:
        actor = session.get(User, actor_id) if actor_id is not None else None
        [(article_id, created, claims)] = _store_planned(session, [planned], actor,
                                                         _retried_whole())
    return ImportOutcome(planned.source, IMPORTED if created else PRESENT,
                         article_id=article_id, claims=claims)


def _retried_whole() -> ImportCache:
    """The cache of an import transaction, which is retried whole when it loses a race
    (``_import_batch``, ``_import_one``), so its speakers need no savepoint each."""
    return ImportCache(speakers=SpeakerCache(savepoints=False))


