"""Writing the cross-referencing rows (search documents, passage signatures) in bulk.

Nothing in the services calls these: :mod:`claims_app.crossref.sync` calls
:func:`write_documents` and :func:`write_passages` before each commit for the records the
session changed, and the importer's bulk path writes its own rows with
:func:`index_new_articles` (then tells ``sync`` so nothing is written twice).
:func:`index_article` rewrites everything of one article at once (benchmarks, repairs).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.util import identity_key

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.crossref.documents import (
    NORMALIZER_VERSION,
    article_text,
    document_text,
    speaker_text,
)
from claims_app.crossref.models import PassageSignature, SearchDocument, SearchEntity
from claims_app.crossref.repeats import index_passages, signed_passages
from claims_app.db import copy_rows
from claims_app.speakers.models import Speaker

__all__ = [
    "ArticleIndex",
    "index_article",
    "index_new_articles",
    "prepare_index",
    "write_documents",
    "write_passages",
]

#: Records per statement when writing derived rows: IN lists stay well inside every engine's
#: bound-parameter limit, and a restore of 100,000 claims holds 500 texts at a time.
CHUNK = 500

_FK_KEY = {
    SearchEntity.CLAIM: "claim_id",
    SearchEntity.ARTICLE: "article_id",
    SearchEntity.SPEAKER: "speaker_id",
}


def index_article(session: Session, article: Article) -> None:
    """(Re)compute an article's passage signatures and the search documents of the article,
    its claims and their speakers. Flushes, never commits.

    The documents are written in bulk: one query reads the ones that exist, one statement
    inserts the missing ones and one updates the changed ones, however many claims the
    article has (the same documents ``reindex_claim`` & co. would write one by one)."""
    session.flush()
    index_passages(session, article)
    claims = session.execute(
        select(Claim.id, Claim.text, Claim.speaker_id).where(Claim.article_id == article.id)
    ).all()
    wanted: dict[tuple[SearchEntity, int], str] = {
        (SearchEntity.ARTICLE, article.id): document_text(article_text(article)),
    }
    for claim_id, claim_text, _speaker_id in claims:
        wanted[(SearchEntity.CLAIM, claim_id)] = document_text(claim_text)
    speaker_ids = {c.speaker_id for c in claims if c.speaker_id is not None}
    for speaker in _speakers_with_names(session, speaker_ids):
        wanted[(SearchEntity.SPEAKER, speaker.id)] = document_text(speaker_text(speaker))
    _write_documents(session, wanted, [article.id], [c.id for c in claims], speaker_ids)


def write_documents(session: Session, *, articles: Iterable[int] = (),
                    claims: Iterable[int] = (), speakers: Iterable[int] = ()) -> None:
    """Make the search documents of these records what the indexer would write for their
    current text: missing ones inserted, changed ones updated, the rest left alone.

    Ids of records that no longer exist are skipped (a delete cascades to its document),
    so a caller may pass every id it ever saw touched. Reads the texts from the database in
    chunks of :data:`CHUNK`, a few statements per chunk whatever the mix."""
    for chunk in _chunks(sorted(set(articles))):
        rows = session.execute(select(Article.id, Article.title, Article.author,
                                      Article.dateline, Article.body)
                               .where(Article.id.in_(chunk))).all()
        wanted = {(SearchEntity.ARTICLE, row.id): document_text(article_text(row))
                  for row in rows}
        _write_documents(session, wanted, [row.id for row in rows], [], set())
    for chunk in _chunks(sorted(set(claims))):
        claim_rows = session.execute(select(Claim.id, Claim.text)
                                     .where(Claim.id.in_(chunk))).all()
        wanted = {(SearchEntity.CLAIM, row.id): document_text(row.text) for row in claim_rows}
        _write_documents(session, wanted, [], [row.id for row in claim_rows], set())
    for chunk in _chunks(sorted(set(speakers))):
        found = _speakers_with_names(session, set(chunk))
        wanted = {(SearchEntity.SPEAKER, s.id): document_text(speaker_text(s)) for s in found}
        _write_documents(session, wanted, [], [], {s.id for s in found})


def write_passages(session: Session, article_ids: Iterable[int]) -> None:
    """Replace the passage signatures of these articles with those of their current bodies:
    one DELETE and one bulk write per chunk (ids of deleted articles are skipped)."""
    for chunk in _chunks(sorted(set(article_ids))):
        bodies = session.execute(select(Article.id, Article.body)
                                 .where(Article.id.in_(chunk))).all()
        if not bodies:
            continue
        session.execute(delete(PassageSignature)
                        .where(PassageSignature.article_id.in_([row.id for row in bodies])))
        copy_rows(session, PassageSignature.__table__,
                  ["article_id", "start_offset", "end_offset", "band", "bucket"],
                  [(row.id, s.passage.start, s.passage.end, band, bucket)
                   for row in bodies for s in signed_passages(row.body or "")
                   for band, bucket in s.buckets])


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


@dataclass(frozen=True, slots=True)
class ArticleIndex:
    """What a new article adds to the cross-reference tables, computed from its text alone
    (MinHash of every sentence, normalised search text) so that an import can do this pure
    work before its transaction and write the rows in bulk with ``index_new_articles``."""

    # (start, end, band, bucket) of every sentence signature: plain integers, cheap to
    # send from a planning worker process
    signatures: tuple[tuple[int, int, int, int], ...]
    document: str
    claim_documents: dict[tuple[int, int], str]  # by the claim's (start, end)


def prepare_index(title: str | None, author: str | None, dateline: str | None, body: str,
                  claims: Iterable[tuple[int, int, str]]) -> ArticleIndex:
    """``ArticleIndex`` of an article with these stored fields and (start, end, text) claims;
    the same documents ``index_article`` would write for it."""
    article = SimpleNamespace(title=title, author=author, dateline=dateline, body=body)
    return ArticleIndex(
        tuple((s.passage.start, s.passage.end, band, bucket) for s in signed_passages(body or "")
              for band, bucket in s.buckets),
        document_text(article_text(article)),
        {(start, end): document_text(claim_text) for start, end, claim_text in claims},
    )


def index_new_articles(
    session: Session, articles: Sequence[tuple[int, ArticleIndex, dict[tuple[int, int], int]]],
    speaker_ids: set[int],
) -> None:
    """Write the passage signatures and search documents of just-inserted articles (given as
    (article id, its ``ArticleIndex``, claim id by span)), and bring the documents of the
    speakers their claims name up to date: a few statements for a whole import batch.

    New articles and claims have no rows in these tables yet, so nothing is read or deleted
    for them; speakers may have changed (a new alias or role), so theirs are compared."""
    copy_rows(session, PassageSignature.__table__,
              ["article_id", "start_offset", "end_offset", "band", "bucket"],
              ((article_id, *signature) for article_id, index, _ids in articles
               for signature in index.signatures))
    documents = SearchDocument.__table__
    copy_rows(session, documents, _DOCUMENT_COLUMNS, (
        row for article_id, index, claim_ids in articles for row in (
            _document_row(SearchEntity.ARTICLE, article_id, index.document),
            *(_document_row(SearchEntity.CLAIM, claim_ids[span], body)
              for span, body in index.claim_documents.items() if span in claim_ids))))
    wanted = {(SearchEntity.SPEAKER, speaker.id): document_text(speaker_text(speaker))
              for speaker in _speakers_with_names(session, speaker_ids)}
    _write_documents(session, wanted, [], [], speaker_ids)


_DOCUMENT_COLUMNS = ["entity", "claim_id", "article_id", "speaker_id", "body", "normalizer"]


def _document_row(entity: SearchEntity, entity_id: int, body: str) -> tuple[Any, ...]:
    """A new search document's values, in ``_DOCUMENT_COLUMNS`` order."""
    return (entity, entity_id if entity is SearchEntity.CLAIM else None,
            entity_id if entity is SearchEntity.ARTICLE else None,
            entity_id if entity is SearchEntity.SPEAKER else None, body, NORMALIZER_VERSION)


def _speakers_with_names(session: Session, speaker_ids: set[int]) -> list[Speaker]:
    """The speakers with aliases and roles loaded; those already in the session with both
    collections loaded (an import resolving the same speakers again) cost no query."""
    found: list[Speaker] = []
    missing: list[int] = []
    for sid in sorted(speaker_ids):
        speaker = session.identity_map.get(identity_key(Speaker, sid))
        if speaker is not None and {"aliases", "roles"} <= speaker.__dict__.keys():
            found.append(speaker)
        else:
            missing.append(sid)
    if missing:
        found += session.scalars(
            select(Speaker).where(Speaker.id.in_(missing))
            .options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
        ).all()
    return found


def _write_documents(
    session: Session, wanted: dict[tuple[SearchEntity, int], str], article_ids: Sequence[int],
    claim_ids: Sequence[int], speaker_ids: set[int],
) -> None:
    doc = SearchDocument
    conditions: list[Any] = []
    if article_ids:
        conditions.append(doc.article_id.in_(article_ids))
    if claim_ids:
        conditions.append(doc.claim_id.in_(claim_ids))
    if speaker_ids:
        conditions.append(doc.speaker_id.in_(sorted(speaker_ids)))
    if not conditions:
        return
    existing: dict[tuple[SearchEntity, int], tuple[int, str, str]] = {}
    for row in session.execute(
        select(doc.id, doc.entity, doc.claim_id, doc.article_id, doc.speaker_id, doc.body,
               doc.normalizer).where(or_(*conditions)).order_by(doc.id)
    ):
        entity = SearchEntity(row.entity)
        entity_id = getattr(row, _FK_KEY[entity])
        existing.setdefault((entity, entity_id), (row.id, row.body, row.normalizer))
    new_rows: list[dict[str, Any]] = []
    changed_rows: list[dict[str, Any]] = []
    for (entity, entity_id), body in wanted.items():
        old = existing.get((entity, entity_id))
        if old is None:
            new_rows.append({"entity": entity, "claim_id": None, "article_id": None,
                             "speaker_id": None, _FK_KEY[entity]: entity_id, "body": body,
                             "normalizer": NORMALIZER_VERSION})
        elif old[1] != body or old[2] != NORMALIZER_VERSION:
            changed_rows.append({"id": old[0], "body": body, "normalizer": NORMALIZER_VERSION})
    if new_rows:  # NULL foreign keys written as NULLs: every row alike, one statement
        session.execute(insert(SearchDocument), new_rows,
                        execution_options={"render_nulls": True})
    if changed_rows:
        session.execute(update(SearchDocument), changed_rows)
