"""Storing article drafts: idempotent, a few articles per transaction, a summary at the end.

Reading (and checking) a whole file happens before anything is written, so a bad file is
refused whole. Articles are then stored in batches of ``BATCH_ARTICLES``, each batch one
transaction (one commit instead of one per article); when a batch fails, it is rolled back
and its articles are stored again one per transaction, so a bad article loses nothing but
itself, nothing is ever stored partially, and a re-run stores only what is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, inspect, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from claims_app.accounts.models import User
from claims_app.articles.models import Article, DatePrecision, Outlet
from claims_app.audit.services import record, snapshot
from claims_app.claims.models import Claim, ClaimOrigin
from claims_app.claims.services import ClaimInput, create_claim
from claims_app.crossref import index_article
from claims_app.extract import ExtractedClaim, extract_claims
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.errors import ReadError
from claims_app.ingest.readers import MAX_ARTICLE_CHARS, expand, read_file
from claims_app.speakers.models import Speaker, SpeakerKind
from claims_app.speakers.services import resolve_speaker

IMPORTED, PRESENT, FAILED = "imported", "already present", "failed"
BATCH_ARTICLES = 100


@dataclass
class ImportCache:
    """Lookups one transaction repeats for every article: outlets by name and the speaker
    each name resolved to. Valid for one session and transaction only."""

    outlets: dict[str, Outlet] = field(default_factory=dict)
    speakers: dict[tuple[str, SpeakerKind], Speaker] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportOutcome:
    source: str  # file, or file:line for multi-article files
    status: str
    message: str = ""
    article_id: int | None = None
    claims: int = 0


@dataclass
class ImportSummary:
    outcomes: list[ImportOutcome] = field(default_factory=list)

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

    def lines(self) -> list[str]:
        out = [f"imported: {self.imported}, already present: {self.present}, "
               f"failed: {len(self.failed)}"]
        out += [f"  failed: {o.source}: {o.message}" for o in self.failed]
        return out


def get_or_create_outlet(
    session: Session, name: str | None, cache: ImportCache | None = None
) -> Outlet | None:
    if not name:
        return None
    name = " ".join(name.split())[:200]
    if cache is not None and name in cache.outlets:
        return cache.outlets[name]
    outlet = session.scalar(select(Outlet).where(Outlet.name == name))
    if outlet is None:
        outlet = Outlet(name=name)
        session.add(outlet)
        session.flush()
    if cache is not None:
        cache.outlets[name] = outlet
    return outlet


def store_draft(
    session: Session, draft: ArticleDraft, actor: User | None, *, extract: bool = True,
    language: str = "en",
) -> tuple[Article, bool]:
    """Store one draft with its extracted claims; (existing article, False) if already there."""
    article, created, _claims = _store_draft(session, draft, actor, extract=extract,
                                             language=language)
    return article, created


def _store_draft(
    session: Session, draft: ArticleDraft, actor: User | None, *, extract: bool = True,
    language: str = "en", cache: ImportCache | None = None,
) -> tuple[Article, bool, int]:
    """``store_draft``, also giving the number of claims stored."""
    existing = session.scalar(select(Article).where(Article.content_hash == draft.content_hash))
    if existing is not None:
        return existing, False, 0
    article = Article(
        outlet=get_or_create_outlet(session, draft.outlet, cache),
        title=_cut(draft.title, 500), author=_cut(draft.author, 200),
        published=draft.published,
        published_precision=DatePrecision(draft.published_precision),
        published_text=_cut(draft.published_text, 100),
        dateline=_cut(draft.dateline, 200), place=_cut(draft.place, 200),
        section=_cut(draft.section, 100), url=_cut(draft.url, 2000),
        language=draft.language or language, source_name=_cut(draft.source_name, 500),
        body=draft.body, raw=draft.raw, content_hash=draft.content_hash,
        extra=dict(draft.extra), imported_by_id=actor.id if actor else None,
    )
    session.add(article)
    session.flush()
    set_committed_value(article, "claims", [])  # a new article: nothing to load
    claim_ids = _insert_claims(session, article, store_extracted(
        session, article, actor, cache=cache)) if extract else []
    index_article(session, article)
    after = snapshot(article, exclude=frozenset({"body", "raw"}))
    after["claim_ids"] = claim_ids
    record(session, actor, "import", article, after=after,
           summary=f"imported {draft.source_name} with {len(claim_ids)} proposed claims")
    return article, True, len(claim_ids)


def _insert_claims(session: Session, article: Article, claims: list[Claim]) -> list[int]:
    """Write a new article's freshly built (unflushed) claims in one multi-row INSERT and
    return their ids in the same order.

    The ORM's own flush inserts claims one row per statement on SQLite (it must match each
    returned id to its object, which SQLite's RETURNING cannot promise for a multi-row
    insert); here the ids are matched by their (start, end) span, unique within an article.
    The claim objects are taken out of the session afterwards: they were only the
    (validated) values, built by ``create_claim`` like every other claim."""
    if not claims:
        return []
    columns = [a for a in inspect(Claim).column_attrs if a.key != "id"]
    rows = []
    for claim in claims:
        row: dict[str, object] = {"article_id": article.id}
        for attr in columns:
            value = getattr(claim, attr.key)
            if attr.key != "article_id" and (value is not None
                                             or attr.columns[0].default is None):
                row[attr.key] = value  # None where a default applies: leave it to the default
        rows.append(row)
        session.expunge(claim)
    set_committed_value(article, "claims", [])
    returned = session.execute(
        insert(Claim).returning(Claim.id, Claim.start, Claim.end), rows,
        # NULLs written as NULLs, so every row has the same columns: one statement
        execution_options={"render_nulls": True},
    ).all()
    ids = {(start, end): claim_id for claim_id, start, end in returned}
    return [ids[(c.start, c.end)] for c in claims]


def store_extracted(
    session: Session, article: Article, actor: User | None, *, cache: ImportCache | None = None
) -> list[Claim]:
    """Propose the extractor's claims for an article, skipping spans a claim already covers.

    Re-running extraction therefore never duplicates a claim nor touches one a reviewer
    has edited.
    """
    taken = {(c.start, c.end) for c in article.claims}
    # A claim a reviewer re-anchored (narrowed, widened) still covers the extractor's span:
    # anything overlapping a claim that was there before this run is not proposed again.
    before = sorted(taken)
    # An article quotes the same few people many times: resolving the same name, role and
    # date again would only repeat the same queries with the same result (benchmarks showed
    # speaker lookups were a third of import time), so each is resolved once per article
    # (and each name once per import batch, through ``cache``).
    speakers: dict[tuple[object, ...], Speaker] = {}
    names = cache.speakers if cache is not None else {}
    todo: list[tuple[ExtractedClaim, Speaker | None]] = []
    for found in extract_claims(article.body, published=article.published,
                                dateline=article.dateline):
        if (found.start, found.end) in taken or any(
                s < found.end and found.start < e for s, e in before):
            continue
        todo.append((found, _speaker_for(session, article, actor, found, speakers, names)))
        taken.add((found.start, found.end))
    # Speakers first, claims after: no speaker lookup autoflushes a half-written list of
    # claims, so the article's claims go to the database in one flush (one batched INSERT).
    with session.no_autoflush:
        return [_claim_for(session, article, actor, found, speaker) for found, speaker in todo]


def _speaker_for(session: Session, article: Article, actor: User | None,
                 found: ExtractedClaim, speakers: dict[tuple[object, ...], Speaker],
                 names: dict[tuple[str, SpeakerKind], Speaker]) -> Speaker | None:
    if not found.speaker_name:
        return None
    seen_on = found.said_on or article.published
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


def _claim_for(session: Session, article: Article, actor: User | None,
               found: ExtractedClaim, speaker: Speaker | None) -> Claim:
    return create_claim(
        session, actor, article,
        ClaimInput(start=found.start, end=found.end, kind=found.kind, text=found.text,
                   speaker_id=speaker.id if speaker else None, speaker_role=found.speaker_role,
                   cue=found.cue, said_on=found.said_on, said_on_basis=found.said_on_basis,
                   said_where=found.said_where, confidence=found.confidence),
        origin=ClaimOrigin.EXTRACTED, audit=False,
    )


def import_paths(
    factory: sessionmaker[Session],
    paths: Iterable[str | Path],
    *,
    actor_id: int | None = None,
    extract: bool = True,
    max_bytes: int = 60 * 1024 * 1024,
    max_article_chars: int = MAX_ARTICLE_CHARS,
    on_outcome: Callable[[ImportOutcome], None] | None = None,
) -> ImportSummary:
    """Import files and folders; a bad file is reported and the rest still import."""
    summary = ImportSummary()

    def report(outcome: ImportOutcome) -> None:
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    for path in expand(paths):
        try:
            drafts = read_file(path, max_bytes=max_bytes, max_article_chars=max_article_chars)
        except ReadError as exc:
            report(ImportOutcome(str(path), FAILED, exc.message if exc.line is None
                                 else f"line {exc.line}: {exc.message}"))
            continue
        batch: list[tuple[ArticleDraft, str]] = []
        for draft in drafts:
            source = f"{path}:{draft.line}" if draft.line is not None else str(path)
            batch.append((draft, source))
            if len(batch) >= BATCH_ARTICLES:
                for outcome in _import_batch(factory, batch, actor_id, extract):
                    report(outcome)
                batch = []
        for outcome in _import_batch(factory, batch, actor_id, extract):
            report(outcome)
    return summary


def _import_batch(factory: sessionmaker[Session], batch: list[tuple[ArticleDraft, str]],
                  actor_id: int | None, extract: bool) -> list[ImportOutcome]:
    """Store a batch of drafts in one transaction; if anything in it fails, roll it back and
    store the drafts one per transaction instead (so each succeeds or fails on its own)."""
    if len(batch) <= 1:
        return [_import_draft(factory, draft, source, actor_id, extract)
                for draft, source in batch]
    try:
        with factory() as session, session.begin():
            actor = session.get(User, actor_id) if actor_id is not None else None
            cache = ImportCache()
            outcomes = []
            for draft, source in batch:
                article, created, claims = _store_draft(session, draft, actor,
                                                        extract=extract, cache=cache)
                outcomes.append(ImportOutcome(source, IMPORTED if created else PRESENT,
                                              article_id=article.id, claims=claims))
    except Exception:  # noqa: BLE001 - any failure: retry article by article, which reports it
        return [_import_draft(factory, draft, source, actor_id, extract)
                for draft, source in batch]
    return outcomes


def _import_draft(factory: sessionmaker[Session], draft: ArticleDraft, source: str,
                  actor_id: int | None, extract: bool) -> ImportOutcome:
    try:
        with factory() as session, session.begin():
            actor = session.get(User, actor_id) if actor_id is not None else None
            article, created, claims = _store_draft(session, draft, actor, extract=extract)
            outcome = ImportOutcome(source, IMPORTED if created else PRESENT,
                                    article_id=article.id, claims=claims)
    except IntegrityError:
        # Another importer stored the same article between our check and our insert.
        return ImportOutcome(source, PRESENT)
    except SQLAlchemyError as exc:
        return ImportOutcome(source, FAILED, f"database error: {str(exc).splitlines()[0]}")
    return outcome


def _cut(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else value


