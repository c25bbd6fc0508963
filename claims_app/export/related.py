"""The records exported beside the claims: articles (each followed by its claims), speakers,
outlets, accounts and comments, each narrowed to what the exported claims refer to, so every
reference in an export resolves. Read like the claims (``query.py``): in batches by key, each
batch in a fresh session on the caller's connection."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    exists,
    or_,
    select,
    union,
)
from sqlalchemy.orm import Session, joinedload, selectinload

from claims_app.accounts.models import User
from claims_app.articles.models import Article, Outlet
from claims_app.claims.models import Claim, ClaimLink, Review
from claims_app.desk.models import Comment
from claims_app.export.query import (
    CLAIM_BATCH,
    NO_FILTERS,
    ClaimEntry,
    ExportFilters,
    batch_session,
    claim_options,
    links_from,
)
from claims_app.provenance.services import group_names
from claims_app.speakers.models import Speaker

ARTICLE_BATCH = 100


def iter_articles(
    session: Session, filters: ExportFilters = NO_FILTERS, *, batch_size: int = ARTICLE_BATCH,
    claim_batch: int = CLAIM_BATCH,
) -> Iterator[Article | ClaimEntry]:
    """Articles in id order, each followed by its matching claims (id order) as
    ``ClaimEntry``s with their outgoing links.

    Claims are read ``claim_batch`` at a time across the batch of articles (keyed on article
    and claim id), each chunk in a fresh session: memory follows the chunk, not the article,
    so one article of 26,000 claims streams like a thousand articles of 26 (issue 15; it
    once held the whole article's claims at once, 516 MB). Unfiltered, every article is
    included, claim-less ones too (the export is lossless); filtered, only articles with at
    least one matching claim.
    """
    claim_conds = filters.claim_conditions()
    last = 0
    while True:
        with batch_session(session) as batch:
            stmt = (
                select(Article)
                .where(Article.id > last, *filters.article_conditions())
                .order_by(Article.id)
                .limit(batch_size)
                .options(joinedload(Article.outlet), joinedload(Article.imported_by))
            )
            if filters.active:
                stmt = stmt.where(
                    exists(select(Claim.id).where(Claim.article_id == Article.id, *claim_conds))
                )
            articles = batch.scalars(stmt).all()
        if not articles:
            return
        ids = [a.id for a in articles]
        shown = 0  # articles yielded so far
        after: tuple[int, int] = (0, 0)  # (article id, claim id) of the last claim read
        while True:
            with batch_session(session) as chunk:
                claims = chunk.scalars(
                    select(Claim)
                    .where(Claim.article_id.in_(ids), *claim_conds,
                           or_(Claim.article_id > after[0],
                               and_(Claim.article_id == after[0], Claim.id > after[1])))
                    .order_by(Claim.article_id, Claim.id)
                    .limit(claim_batch)
                    .options(*claim_options(with_article=False, speaker_details=False))
                ).unique().all()
                links = links_from(chunk, [c.id for c in claims])
                groups = group_names(chunk, [c.id for c in claims])
                for claim in claims:
                    while shown < len(articles) and articles[shown].id <= claim.article_id:
                        yield articles[shown]
                        shown += 1
                    yield ClaimEntry(claim, links.get(claim.id), groups.get(claim.id))
            if len(claims) < claim_batch:
                break
            after = (claims[-1].article_id, claims[-1].id)
        yield from articles[shown:]
        last = ids[-1]
        if len(articles) < batch_size:
            return


def _matching_claim_ids(filters: ExportFilters) -> Select[Any]:
    return filters.claims_select(Claim.id)


def iter_speakers(
    session: Session, filters: ExportFilters = NO_FILTERS, *, batch_size: int = CLAIM_BATCH
) -> Iterator[Speaker]:
    """Speakers in id order with aliases and roles; filtered, only those the exported claims
    name and the speakers those were merged into (so every reference resolves)."""
    referenced: Any = None
    if filters.active:
        named = filters.claims_select(Claim.speaker_id).where(Claim.speaker_id.is_not(None))
        merged_into = select(Speaker.merged_into_id).where(
            Speaker.id.in_(named), Speaker.merged_into_id.is_not(None)
        )
        referenced = Speaker.id.in_(union(named, merged_into).subquery().select())
    stmt = select(Speaker).options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
    if referenced is not None:
        stmt = stmt.where(referenced)
    yield from _by_key(session, stmt, Speaker.id, batch_size)


def iter_outlets(session: Session, filters: ExportFilters = NO_FILTERS) -> Iterator[Outlet]:
    """Outlets by name; filtered, only those of the exported articles. Outlets are few."""
    stmt = select(Outlet).order_by(Outlet.name)
    if filters.active:
        stmt = stmt.where(
            Outlet.id.in_(
                select(Article.outlet_id)
                .join(Claim, Claim.article_id == Article.id)
                .where(Claim.id.in_(_matching_claim_ids(filters)))
            )
        )
    with batch_session(session) as batch:
        yield from batch.scalars(stmt).all()


def iter_users(session: Session, filters: ExportFilters = NO_FILTERS) -> Iterator[User]:
    """The accounts the exported records name (importer, author, reviewer, linker), by
    username; accounts are few, so one query."""
    if filters.active:
        claim_ids = _matching_claim_ids(filters)
        article_ids = select(Claim.article_id).where(Claim.id.in_(claim_ids))
    else:
        claim_ids = select(Claim.id)
        article_ids = select(Article.id)
    referenced = union(
        select(Article.imported_by_id).where(Article.id.in_(article_ids)),
        select(Claim.created_by_id).where(Claim.id.in_(claim_ids)),
        select(Claim.updated_by_id).where(Claim.id.in_(claim_ids)),
        select(Review.reviewer_id).where(Review.claim_id.in_(claim_ids)),
        select(ClaimLink.created_by_id).where(ClaimLink.source_claim_id.in_(claim_ids)),
        select(Comment.author_id).where(_exported_comment(claim_ids, article_ids)),
    ).subquery()
    stmt = select(User).where(User.id.in_(select(referenced))).order_by(User.username)
    with batch_session(session) as batch:
        yield from batch.scalars(stmt).all()


def _exported_comment(claim_ids: Select[Any], article_ids: Select[Any]
                      ) -> ColumnElement[bool]:
    """Comments on the exported claims and articles (a condition on ``Comment``)."""
    return or_(Comment.claim_id.in_(claim_ids), Comment.article_id.in_(article_ids))


def iter_comments(session: Session, filters: ExportFilters = NO_FILTERS, *,
                  batch_size: int = CLAIM_BATCH) -> Iterator[Comment]:
    """Comments in id order (posting order), on exported claims and articles only, read
    ``batch_size`` at a time by key like the other records."""
    condition: ColumnElement[bool] | None = None
    if filters.active:
        claim_ids = _matching_claim_ids(filters)
        condition = _exported_comment(
            claim_ids, select(Claim.article_id).where(Claim.id.in_(claim_ids)))
    stmt = select(Comment)
    if condition is not None:
        stmt = stmt.where(condition)
    yield from _by_key(session, stmt, Comment.id, batch_size)


def _by_key(session: Session, stmt: Select[Any], key: Any, batch_size: int) -> Iterator[Any]:
    """The rows of ``stmt`` in ``key`` order, ``batch_size`` at a time by key (each batch's
    cost is the same however deep into the table), each batch in a fresh session on the
    caller's connection, as the claims are read."""
    last = 0
    while True:
        with batch_session(session) as batch:
            rows = batch.scalars(stmt.where(key > last).order_by(key).limit(batch_size)).all()
            if not rows:
                return
            yield from rows
            last = getattr(rows[-1], key.key)
        if len(rows) < batch_size:
            return
