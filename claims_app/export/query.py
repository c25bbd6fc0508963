"""The one query every export format streams from.

Exports must keep memory flat however many claims there are, so records are read in
batches by keyset pagination (``WHERE id > :last ORDER BY id LIMIT n``: each batch costs
the same however deep into the table it is, unlike OFFSET), each batch with its related
rows eager-loaded in a few queries and held in a fresh session whose identity map is
dropped when the batch is done. The batch sessions share the caller's connection, so an
export sees exactly what the caller's transaction sees (including flushed, uncommitted
rows) and never touches the caller's own identity map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, select, union
from sqlalchemy.orm import Session, defer, joinedload, selectinload

from claims_app.accounts.models import User
from claims_app.articles.models import Article, Outlet
from claims_app.claims.models import (
    Claim,
    ClaimKind,
    ClaimLink,
    ClaimStatus,
    Review,
    Tag,
    claim_tags,
)
from claims_app.speakers.models import Speaker

CLAIM_BATCH = 500
ARTICLE_BATCH = 100


@dataclass(frozen=True)
class ExportFilters:
    """Which claims to export; every field narrows, ``None``/``False`` means "any".

    Dates are inclusive. ``tag`` matches a tag name regardless of case.
    """

    status: ClaimStatus | str | None = None
    kind: ClaimKind | str | None = None
    speaker_id: int | None = None
    outlet_id: int | None = None
    tag: str | None = None
    said_from: dt.date | None = None
    said_to: dt.date | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None
    reviewed_only: bool = False

    @property
    def active(self) -> bool:
        """True when any filter is set: the json export then leaves out claim-less articles
        and everything no exported claim refers to."""
        return any(getattr(self, f.name) not in (None, False) for f in fields(self))

    def claim_conditions(self) -> list[ColumnElement[bool]]:
        """Conditions on the claims table alone."""
        conds: list[ColumnElement[bool]] = []
        if self.status is not None:
            conds.append(Claim.status == ClaimStatus(self.status))
        if self.kind is not None:
            conds.append(Claim.kind == ClaimKind(self.kind))
        if self.speaker_id is not None:
            conds.append(Claim.speaker_id == self.speaker_id)
        if self.tag is not None:
            conds.append(
                Claim.id.in_(
                    select(claim_tags.c.claim_id)
                    .join(Tag, Tag.id == claim_tags.c.tag_id)
                    .where(func.lower(Tag.name) == self.tag.strip().lower())
                )
            )
        if self.said_from is not None:
            conds.append(Claim.said_on >= self.said_from)
        if self.said_to is not None:
            conds.append(Claim.said_on <= self.said_to)
        if self.reviewed_only:
            conds.append(exists().where(Review.claim_id == Claim.id))
        return conds

    def article_conditions(self) -> list[ColumnElement[bool]]:
        """Conditions on the articles table alone."""
        conds: list[ColumnElement[bool]] = []
        if self.outlet_id is not None:
            conds.append(Article.outlet_id == self.outlet_id)
        if self.published_from is not None:
            conds.append(Article.published >= self.published_from)
        if self.published_to is not None:
            conds.append(Article.published <= self.published_to)
        return conds

    def claims_select(self, *columns: Any) -> Select[Any]:
        """``SELECT columns FROM claims [JOIN articles] WHERE <filters>``."""
        stmt = select(*columns) if columns else select(Claim)
        article_conds = self.article_conditions()
        if article_conds:
            stmt = stmt.join(Article, Article.id == Claim.article_id).where(*article_conds)
        return stmt.where(*self.claim_conditions())


NO_FILTERS = ExportFilters()


@dataclass
class ArticleRecord:
    """One article with its exported claims and their outgoing links, keyed by claim id."""

    article: Article
    claims: list[Claim]
    links: dict[int, list[ClaimLink]] = field(default_factory=dict)


@contextmanager
def _batch_session(session: Session) -> Iterator[Session]:
    """A throw-away session on the caller's connection: a fresh identity map per batch.

    ``rollback_only`` means closing it leaves the caller's transaction untouched.
    """
    batch = Session(
        bind=session.connection(), join_transaction_mode="rollback_only", autoflush=False
    )
    try:
        yield batch
    finally:
        batch.close()


def _claim_options(*, with_article: bool, speaker_details: bool) -> list[Any]:
    speaker = joinedload(Claim.speaker)
    options: list[Any] = [
        selectinload(Claim.tags),
        selectinload(Claim.reviews).joinedload(Review.reviewer),
        joinedload(Claim.created_by),
        joinedload(Claim.updated_by),
    ]
    if speaker_details:
        options += [
            speaker.selectinload(Speaker.aliases),
            speaker.selectinload(Speaker.roles),
        ]
    else:
        options.append(speaker)
    if with_article:
        options.append(
            joinedload(Claim.article).options(
                defer(Article.body), defer(Article.raw), joinedload(Article.outlet)
            )
        )
    return options


def iter_claims(
    session: Session,
    filters: ExportFilters = NO_FILTERS,
    *,
    batch_size: int = CLAIM_BATCH,
    speaker_details: bool = False,
) -> Iterator[Claim]:
    """Matching claims in id order, each with its article (body deferred), outlet, speaker,
    tags and reviews loaded. A claim is only valid until the next one is requested from
    the following batch: keep what you need, not the object."""
    last = 0
    while True:
        with _batch_session(session) as batch:
            stmt = (
                filters.claims_select()
                .where(Claim.id > last)
                .order_by(Claim.id)
                .limit(batch_size)
                .options(*_claim_options(with_article=True, speaker_details=speaker_details))
            )
            claims = batch.scalars(stmt).unique().all()
            if not claims:
                return
            yield from claims
            last = claims[-1].id
        if len(claims) < batch_size:
            return


def count_claims(session: Session, filters: ExportFilters = NO_FILTERS) -> int:
    return session.scalar(filters.claims_select(func.count(Claim.id))) or 0


def _links_from(batch: Session, claim_ids: Sequence[int]) -> dict[int, list[ClaimLink]]:
    out: dict[int, list[ClaimLink]] = {}
    if not claim_ids:
        return out
    stmt = (
        select(ClaimLink)
        .where(ClaimLink.source_claim_id.in_(claim_ids))
        .options(joinedload(ClaimLink.created_by))
        .order_by(ClaimLink.source_claim_id, ClaimLink.target_claim_id, ClaimLink.link_type)
    )
    for link in batch.scalars(stmt):
        out.setdefault(link.source_claim_id, []).append(link)
    return out


def iter_articles(
    session: Session, filters: ExportFilters = NO_FILTERS, *, batch_size: int = ARTICLE_BATCH
) -> Iterator[ArticleRecord]:
    """Articles in id order with their matching claims (id order) and outgoing links.

    Unfiltered, every article is included, claim-less ones too (the export is lossless);
    filtered, only articles with at least one matching claim.
    """
    claim_conds = filters.claim_conditions()
    last = 0
    while True:
        with _batch_session(session) as batch:
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
            claims = batch.scalars(
                select(Claim)
                .where(Claim.article_id.in_([a.id for a in articles]), *claim_conds)
                .order_by(Claim.article_id, Claim.id)
                .options(*_claim_options(with_article=False, speaker_details=False))
            ).unique().all()
            links = _links_from(batch, [c.id for c in claims])
            by_article: dict[int, list[Claim]] = {}
            for claim in claims:
                by_article.setdefault(claim.article_id, []).append(claim)
            for article in articles:
                own = by_article.get(article.id, [])
                yield ArticleRecord(article, own, {c.id: links[c.id] for c in own if c.id in links})
            last = articles[-1].id
        if len(articles) < batch_size:
            return


def _matching_claim_ids(filters: ExportFilters) -> Select[Any]:
    return filters.claims_select(Claim.id)


def iter_speakers(
    session: Session, filters: ExportFilters = NO_FILTERS, *, batch_size: int = CLAIM_BATCH
) -> Iterator[Speaker]:
    """Speakers in id order with aliases and roles; filtered, only those the exported claims
    name and the speakers those were merged into (so every reference resolves)."""
    last = 0
    referenced: Any = None
    if filters.active:
        named = filters.claims_select(Claim.speaker_id).where(Claim.speaker_id.is_not(None))
        merged_into = select(Speaker.merged_into_id).where(
            Speaker.id.in_(named), Speaker.merged_into_id.is_not(None)
        )
        referenced = Speaker.id.in_(union(named, merged_into).subquery().select())
    while True:
        with _batch_session(session) as batch:
            stmt = (
                select(Speaker)
                .where(Speaker.id > last)
                .order_by(Speaker.id)
                .limit(batch_size)
                .options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
            )
            if referenced is not None:
                stmt = stmt.where(referenced)
            speakers = batch.scalars(stmt).all()
            if not speakers:
                return
            yield from speakers
            last = speakers[-1].id
        if len(speakers) < batch_size:
            return


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
    with _batch_session(session) as batch:
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
    ).subquery()
    stmt = select(User).where(User.id.in_(select(referenced))).order_by(User.username)
    with _batch_session(session) as batch:
        yield from batch.scalars(stmt).all()


def reviewed(filters: ExportFilters) -> ExportFilters:
    """The same filters narrowed to claims with at least one review (ClaimReview's input)."""
    return replace(filters, reviewed_only=True)
