"""Storing article drafts: idempotent, one transaction per article, a summary at the end.

Reading (and checking) a whole file happens before anything is written, so a bad file is
refused whole; each article then commits on its own, so a crash or a bad article loses
nothing already stored and a re-run stores only what is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

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
from claims_app.speakers.models import Speaker
from claims_app.speakers.services import resolve_speaker

IMPORTED, PRESENT, FAILED = "imported", "already present", "failed"


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


def get_or_create_outlet(session: Session, name: str | None) -> Outlet | None:
    if not name:
        return None
    name = " ".join(name.split())[:200]
    outlet = session.scalar(select(Outlet).where(Outlet.name == name))
    if outlet is None:
        outlet = Outlet(name=name)
        session.add(outlet)
        session.flush()
    return outlet


def store_draft(
    session: Session, draft: ArticleDraft, actor: User | None, *, extract: bool = True,
    language: str = "en",
) -> tuple[Article, bool]:
    """Store one draft with its extracted claims; (existing article, False) if already there."""
    existing = session.scalar(select(Article).where(Article.content_hash == draft.content_hash))
    if existing is not None:
        return existing, False
    article = Article(
        outlet=get_or_create_outlet(session, draft.outlet),
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
    claims = store_extracted(session, article, actor) if extract else []
    session.flush()
    index_article(session, article)
    after = snapshot(article, exclude=frozenset({"body", "raw"}))
    after["claim_ids"] = [c.id for c in claims]
    record(session, actor, "import", article, after=after,
           summary=f"imported {draft.source_name} with {len(claims)} proposed claims")
    return article, True


def store_extracted(session: Session, article: Article, actor: User | None) -> list[Claim]:
    """Propose the extractor's claims for an article, skipping spans a claim already covers.

    Re-running extraction therefore never duplicates a claim nor touches one a reviewer
    has edited.
    """
    taken = {(c.start, c.end) for c in article.claims}
    stored = []
    # An article quotes the same few people many times: resolving the same name, role and
    # date again would only repeat the same queries with the same result (benchmarks showed
    # speaker lookups were a third of import time), so each is resolved once per article.
    speakers: dict[tuple[object, ...], Speaker] = {}
    for found in extract_claims(article.body, published=article.published,
                                dateline=article.dateline):
        if (found.start, found.end) in taken:
            continue
        stored.append(_store_one(session, article, actor, found, speakers))
        taken.add((found.start, found.end))
    return stored


def _store_one(session: Session, article: Article, actor: User | None,
               found: ExtractedClaim, speakers: dict[tuple[object, ...], Speaker]) -> Claim:
    speaker = None
    if found.speaker_name:
        seen_on = found.said_on or article.published
        key = (found.speaker_name, found.speaker_kind, found.speaker_aliases,
               found.speaker_role, seen_on)
        speaker = speakers.get(key)
        if speaker is None:
            speaker = speakers[key] = resolve_speaker(
                session, actor, found.speaker_name, kind=found.speaker_kind,
                aliases=found.speaker_aliases, role=found.speaker_role, seen_on=seen_on,
            )
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
        for draft in drafts:
            source = f"{path}:{draft.line}" if draft.line is not None else str(path)
            report(_import_draft(factory, draft, source, actor_id, extract))
    return summary


def _import_draft(factory: sessionmaker[Session], draft: ArticleDraft, source: str,
                  actor_id: int | None, extract: bool) -> ImportOutcome:
    try:
        with factory() as session, session.begin():
            actor = session.get(User, actor_id) if actor_id is not None else None
            article, created = store_draft(session, draft, actor, extract=extract)
            outcome = ImportOutcome(source, IMPORTED if created else PRESENT,
                                    article_id=article.id,
                                    claims=len(article.claims) if created else 0)
    except IntegrityError:
        # Another importer stored the same article between our check and our insert.
        return ImportOutcome(source, PRESENT)
    except SQLAlchemyError as exc:
        return ImportOutcome(source, FAILED, f"database error: {str(exc).splitlines()[0]}")
    return outcome


def _cut(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else value


