"""Search documents: the indexed text of each claim, article and speaker, and rebuilding them.

**Design.** Search is insensitive to accents, quote styles, case and look-alike letters
(a Cyrillic "Р" inside "Рe"), and that normalisation is Python (:mod:`claims_app.textnorm`), so
it cannot run in SQL triggers. The service layer therefore writes one row per record into
``search_documents`` (see :mod:`claims_app.crossref.models`) whose ``body`` is the record's text
normalised and tokenised: lower-case alphanumeric words separated by single spaces. The
migration indexes that column natively: an external-content FTS5 table kept current by
triggers on SQLite, a trigger-filled ``tsvector`` column with a GIN index on PostgreSQL.
Because the indexed text is already a plain token stream, both engines tokenise it identically
and the same query returns the same records on both. Queries go through the same normaliser.

Keeping the index current is no service's job: :mod:`claims_app.crossref.sync` writes the
documents of every record a session changed before it commits (deletes cascade on their own),
and :func:`rebuild_search_index` rebuilds everything (after a normaliser change, or after
upgrading a database that already held records).

Querying the index is :mod:`claims_app.crossref.search`; query syntax is
:mod:`claims_app.crossref.query`.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, selectinload

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.crossref.models import SearchDocument, SearchEntity
from claims_app.crossref.passages import tokens
from claims_app.speakers.models import Speaker

__all__ = [
    "NORMALIZER_VERSION",
    "article_text",
    "document_text",
    "rebuild_search_index",
    "speaker_text",
]

NORMALIZER_VERSION = "1"


def document_text(text: str) -> str:
    """The indexed form of a text: its normalised tokens joined by single spaces."""
    return " ".join(tokens(text))


def _claim_text(claim: Claim) -> str:
    return claim.text


class ArticleText(Protocol):
    """What an article's search document is made of: an ``Article`` or a row of its columns."""

    @property
    def title(self) -> str | None: ...
    @property
    def author(self) -> str | None: ...
    @property
    def dateline(self) -> str | None: ...
    @property
    def body(self) -> str: ...


def article_text(article: ArticleText) -> str:
    return "\n".join(p for p in (article.title, article.author, article.dateline, article.body)
                     if p)


def speaker_text(speaker: Speaker) -> str:
    parts: list[str | None] = [speaker.name, speaker.description]
    parts += [a.alias for a in speaker.aliases]
    for role in speaker.roles:
        parts += [role.title, role.organization]
    return "\n".join(p for p in parts if p)


def rebuild_search_index(session: Session, *, batch: int = 500) -> dict[str, int]:
    """Drop every search document and index every claim, article and speaker again.

    Returns the number of documents written per entity. Flushes, never commits. Each
    kind is written in id order: the claim window of ``crossref.search`` relies on the
    newest claim having the highest claim document.
    """
    session.flush()
    session.execute(delete(SearchDocument))
    counts = {e.value: 0 for e in SearchEntity}

    def write(rows: list[dict[str, object]]) -> None:
        if rows:
            session.execute(insert(SearchDocument), rows)
            rows.clear()

    sources = (
        (SearchEntity.CLAIM, select(Claim).order_by(Claim.id), _claim_text),
        (SearchEntity.ARTICLE, select(Article).order_by(Article.id), article_text),
        (SearchEntity.SPEAKER,
         select(Speaker).order_by(Speaker.id)
         .options(selectinload(Speaker.aliases), selectinload(Speaker.roles)),
         speaker_text),
    )
    for entity, stmt, text_of in sources:
        rows: list[dict[str, object]] = []
        for record in session.scalars(stmt.execution_options(yield_per=batch)):
            rows.append({"entity": entity, _FK[entity].key: record.id,
                         "body": document_text(text_of(record)),
                         "normalizer": NORMALIZER_VERSION})
            counts[entity.value] += 1
            if len(rows) >= batch:
                write(rows)
        write(rows)
    return counts


_FK = {
    SearchEntity.CLAIM: SearchDocument.claim_id,
    SearchEntity.ARTICLE: SearchDocument.article_id,
    SearchEntity.SPEAKER: SearchDocument.speaker_id,
}
