"""The one call that keeps an article's cross-referencing data current.

The importer calls :func:`index_article` after storing an article (and its extracted claims);
anything that rewrites an article's claims or speakers may call it again: it is idempotent.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.crossref.repeats import index_passages
from claims_app.crossref.search import reindex_article, reindex_claim, reindex_speaker
from claims_app.speakers.models import Speaker

__all__ = ["index_article"]


def index_article(session: Session, article: Article) -> None:
    """(Re)compute an article's passage signatures and the search documents of the article,
    its claims and their speakers. Flushes, never commits."""
    session.flush()
    index_passages(session, article)
    reindex_article(session, article)
    claims = session.scalars(select(Claim).where(Claim.article_id == article.id)).all()
    for claim in claims:
        reindex_claim(session, claim)
    speaker_ids = {c.speaker_id for c in claims if c.speaker_id is not None}
    if speaker_ids:
        speakers = session.scalars(
            select(Speaker).where(Speaker.id.in_(speaker_ids))
            .options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
        )
        for speaker in speakers:
            reindex_speaker(session, speaker)
