"""The one call that keeps an article's cross-referencing data current.

The importer calls :func:`index_article` after storing an article (and its extracted claims);
anything that rewrites an article's claims or speakers may call it again: it is idempotent.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, or_, select, text, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.util import identity_key

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.crossref.models import PassageSignature, SearchDocument, SearchEntity
from claims_app.crossref.repeats import _signed, index_passages
from claims_app.crossref.search import (
    NORMALIZER_VERSION,
    _article_text,
    _speaker_text,
    document_text,
)
from claims_app.speakers.models import Speaker

__all__ = ["index_article"]

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
    _index_passages(session, article)
    claims = session.execute(
        select(Claim.id, Claim.text, Claim.speaker_id).where(Claim.article_id == article.id)
    ).all()
    wanted: dict[tuple[SearchEntity, int], str] = {
        (SearchEntity.ARTICLE, article.id): document_text(_article_text(article)),
    }
    for claim_id, claim_text, _speaker_id in claims:
        wanted[(SearchEntity.CLAIM, claim_id)] = document_text(claim_text)
    speaker_ids = {c.speaker_id for c in claims if c.speaker_id is not None}
    for speaker in _speakers_with_names(session, speaker_ids):
        wanted[(SearchEntity.SPEAKER, speaker.id)] = document_text(_speaker_text(speaker))
    _write_documents(session, wanted, article.id, [c.id for c in claims], speaker_ids)


# One INSERT for all of an article's signature rows (a few hundred): psycopg's executemany
# sends them one statement each, which made passage indexing half of a PostgreSQL import.
_PG_SIGNATURES = text(
    "INSERT INTO passage_signatures (article_id, start_offset, end_offset, band, bucket) "
    "SELECT :article_id, s, e, b, k FROM unnest(CAST(:starts AS integer[]), "
    "CAST(:ends AS integer[]), CAST(:bands AS smallint[]), CAST(:buckets AS bigint[])) "
    "AS t(s, e, b, k)"
)


def _index_passages(session: Session, article: Article) -> None:
    """``repeats.index_passages``: the same rows, written as arrays on PostgreSQL."""
    if session.get_bind().dialect.name != "postgresql":
        index_passages(session, article)
        return
    session.execute(delete(PassageSignature).where(PassageSignature.article_id == article.id))
    starts: list[int] = []
    ends: list[int] = []
    bands: list[int] = []
    buckets: list[int] = []
    for signed in _signed(article.body or ""):
        for band, bucket in signed.buckets:
            starts.append(signed.passage.start)
            ends.append(signed.passage.end)
            bands.append(band)
            buckets.append(bucket)
    if starts:
        session.execute(_PG_SIGNATURES, {"article_id": article.id, "starts": starts,
                                         "ends": ends, "bands": bands, "buckets": buckets})


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
    session: Session, wanted: dict[tuple[SearchEntity, int], str], article_id: int,
    claim_ids: list[int], speaker_ids: set[int],
) -> None:
    doc = SearchDocument
    conditions: list[Any] = [doc.article_id == article_id]
    if claim_ids:
        conditions.append(doc.claim_id.in_(claim_ids))
    if speaker_ids:
        conditions.append(doc.speaker_id.in_(sorted(speaker_ids)))
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
