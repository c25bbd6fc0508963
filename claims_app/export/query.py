"""The one query every export format streams from.

Exports must keep memory flat however many claims there are, so records are read in
batches by keyset pagination (``WHERE id > :last ORDER BY id LIMIT n``: each batch costs
the same however deep into the table it is, unlike OFFSET), each batch with its related
rows eager-loaded in a few queries and held in a fresh session whose identity map is
dropped when the batch is done. The batch sessions share the caller's connection, so an
export sees exactly what the caller's transaction sees (including flushed, uncommitted
rows) and never touches the caller's own identity map.

Size: the filters (``ExportFilters``), the claim stream and the reader that builds claims
from plain rows share the batch session and the claim-loading options; the records streamed
beside the claims are ``related.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    bindparam,
    exists,
    func,
    inspect,
    select,
)
from sqlalchemy.orm import Session, aliased, defer, joinedload, selectinload

from claims_app.accounts.models import User
from claims_app.articles.models import Article, Outlet
from claims_app.claims.conditions import reviewed_condition
from claims_app.claims.models import (
    Claim,
    ClaimKind,
    ClaimLink,
    ClaimStatus,
    Review,
    Tag,
    claim_tags,
)
from claims_app.speakers.models import Speaker, SpeakerAlias, SpeakerRole

CLAIM_BATCH = 500


@dataclass(frozen=True)
class ExportFilters:
    """Which claims to export; every field narrows, ``None``/``False`` means "any".

    Dates are inclusive. ``tag`` matches a tag name regardless of case. ``claim_ids``, when
    given, keeps only those claims (a search's result set: the download equals what was shown;
    an empty collection exports no claims).
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
    reviewed_only: bool = False  # the one definition: claims.conditions.reviewed_condition
    unreviewed_only: bool = False  # its complement (a search's "not yet reviewed")
    with_verdict: bool = False  # at least one review row (ClaimReview publishes its rating)
    claim_ids: tuple[int, ...] | None = None

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
            conds.append(reviewed_condition())
        if self.unreviewed_only:
            conds.append(~reviewed_condition())
        if self.with_verdict:
            conds.append(exists().where(Review.claim_id == Claim.id))
        if self.claim_ids is not None:
            # Integers rendered inline: no bound-parameter limit however many ids there are.
            ids: BindParameter[list[int]] = bindparam(
                "export_claim_ids", sorted({int(i) for i in self.claim_ids}),
                expanding=True, literal_execute=True, unique=True)
            conds.append(Claim.id.in_(ids))
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


@dataclass(frozen=True)
class ClaimEntry:
    """One exported claim of the article yielded before it, with its outgoing links."""

    claim: Claim
    links: list[ClaimLink] | None
    #: its statement group, named by the group's earliest claim (see ``group_names``)
    statement_group: int | None = None


@contextmanager
def batch_session(session: Session) -> Iterator[Session]:
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


def claim_options(*, with_article: bool, speaker_details: bool) -> list[Any]:
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
    the following batch: keep what you need, not the object.

    Built from plain rows, not loaded through the ORM (which spent most of an export's time
    on identity maps and eager-loading bookkeeping): per batch one query picks the ids, one
    joined query reads the claims with speaker and user names, one their articles with
    outlet and importer (once per article, not once per claim), one the tags and one the
    reviews (plus aliases and roles with ``speaker_details``); the last four select by an
    id range when the batch is dense (see ``_id_window``). The
    objects are detached instances of the mapped classes with exactly the attributes the
    formats read, so every format writes the same bytes as from ORM-loaded claims."""
    conn = session.connection()
    last = 0
    while True:
        ids = list(conn.execute(
            filters.claims_select(Claim.id).where(Claim.id > last).order_by(Claim.id)
            .limit(batch_size)
        ).scalars())
        if not ids:
            return
        yield from _claims_from_rows(conn, ids, speaker_details=speaker_details)
        last = ids[-1]
        if len(ids) < batch_size:
            return


def _columns(model: Any, *, skip: frozenset[str] = frozenset()) -> tuple[list[str], list[Any]]:
    """The attribute keys and columns of every column attribute of a mapped class."""
    keys = [attr.key for attr in inspect(model).column_attrs if attr.key not in skip]
    return keys, [getattr(model, key) for key in keys]


class _Loaded:
    """A record read from plain rows: its attributes are the mapped class's attribute names
    (``claim.start``, ``claim.article.outlet.name``), so the formats read it like an
    ORM-loaded instance, without the ORM's per-instance bookkeeping."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__ = values


def _shared(loaded: dict[int, Any], record_id: int | None, keys: Sequence[str],
            values: Sequence[Any]) -> Any:
    """The related record (a claim's speaker, an article's outlet) a batch's rows share:
    built from the row's columns the first time its id is seen, then reused."""
    if record_id is None:
        return None
    found = loaded.get(record_id)
    if found is None:
        found = loaded[record_id] = _Loaded(dict(zip(keys, values, strict=True)))
    return found


def _user(user_id: int | None, name: str | None) -> Any:
    return None if user_id is None or name is None else _Loaded({"id": user_id,
                                                                 "username": name})


def _id_window(column: Any, ids: list[int]) -> ColumnElement[bool]:
    """A condition covering the ascending ``ids``: ``BETWEEN first AND last`` when they are
    dense (an unfiltered export: one short, cacheable statement and an index range scan,
    where ``IN`` with 500 bound values cost the driver more than the query itself on
    PostgreSQL), ``IN (...)`` when sparse. The window may hold rows whose id is not in
    ``ids``; callers skip those."""
    if ids[-1] - ids[0] < 2 * len(ids):
        return column.between(ids[0], ids[-1])
    return column.in_(ids)


def _claims_from_rows(conn: Any, ids: list[int], *, speaker_details: bool) -> list[Claim]:
    creator, updater = aliased(User), aliased(User)
    claim_keys, claim_cols = _columns(Claim)
    speaker_keys, speaker_cols = _columns(Speaker)
    stmt = (
        select(*claim_cols, *speaker_cols, creator.username, updater.username)
        .outerjoin(Speaker, Speaker.id == Claim.speaker_id)
        .outerjoin(creator, creator.id == Claim.created_by_id)
        .outerjoin(updater, updater.id == Claim.updated_by_id)
        .where(_id_window(Claim.id, ids))
        .order_by(Claim.id)
    )
    wanted = set(ids)
    s0 = len(claim_keys)
    u0 = s0 + len(speaker_keys)
    claims: list[Any] = []
    speakers: dict[int, Any] = {}
    for row in conn.execute(stmt).all():
        if row[0] not in wanted:  # a claim inside the id window the filters leave out
            continue
        speaker = _shared(speakers, row[s0], speaker_keys, row[s0:u0])
        values = dict(zip(claim_keys, row[:s0], strict=True))
        values.update(speaker=speaker, tags=[], reviews=[],
                      created_by=_user(values["created_by_id"], row[u0]),
                      updated_by=_user(values["updated_by_id"], row[u0 + 1]))
        claims.append(_Loaded(values))
    articles = _articles_from_rows(conn, sorted({c.article_id for c in claims}))
    for claim in claims:
        claim.article = articles[claim.article_id]
    by_id = {c.id: c for c in claims}
    tag_rows = conn.execute(
        select(claim_tags.c.claim_id, Tag.id, Tag.name)
        .join(Tag, Tag.id == claim_tags.c.tag_id)
        .where(_id_window(claim_tags.c.claim_id, ids))
        .order_by(claim_tags.c.claim_id, Tag.name)
    ).all()
    for claim_id, tag_id, name in tag_rows:
        if claim_id in by_id:
            by_id[claim_id].tags.append(_Loaded({"id": tag_id, "name": name}))
    reviewer = aliased(User)
    review_keys, review_cols = _columns(Review)
    review_rows = conn.execute(
        select(*review_cols, reviewer.username)
        .outerjoin(reviewer, reviewer.id == Review.reviewer_id)
        .where(_id_window(Review.claim_id, ids))
        .order_by(Review.claim_id, Review.id)
    ).all()
    for row in review_rows:
        values = dict(zip(review_keys, row[:-1], strict=True))
        claim = by_id.get(values["claim_id"])
        if claim is not None:
            values["reviewer"] = _user(values["reviewer_id"], row[-1])
            claim.reviews.append(_Loaded(values))
    if speaker_details:
        _add_speaker_details(conn, speakers)
    return claims


def _articles_from_rows(conn: Any, ids: list[int]) -> dict[int, Any]:
    """The claims' articles (body and raw left out) with outlet and importer, by id: read
    once per article rather than repeated on each of its claims' rows."""
    if not ids:
        return {}
    importer = aliased(User)
    article_keys, article_cols = _columns(Article, skip=frozenset({"body", "raw"}))
    outlet_keys, outlet_cols = _columns(Outlet)
    stmt = (
        select(*article_cols, *outlet_cols, importer.username)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .outerjoin(importer, importer.id == Article.imported_by_id)
        .where(_id_window(Article.id, ids))
    )
    wanted = set(ids)
    o0 = len(article_keys)
    u0 = o0 + len(outlet_keys)
    articles: dict[int, Any] = {}
    outlets: dict[int, Any] = {}
    for row in conn.execute(stmt).all():
        if row[0] not in wanted:
            continue
        outlet = _shared(outlets, row[o0], outlet_keys, row[o0:u0])
        values = dict(zip(article_keys, row[:o0], strict=True))
        values["outlet"] = outlet
        values["imported_by"] = _user(values["imported_by_id"], row[u0])
        articles[row[0]] = _Loaded(values)
    return articles


def _add_speaker_details(conn: Any, speakers: dict[int, Any]) -> None:
    """Aliases (by alias) and roles (by first seen, then id), as the relationships order
    them, for the given speakers."""
    for speaker in speakers.values():
        speaker.aliases, speaker.roles = [], []
    if not speakers:
        return
    ids = sorted(speakers)
    for model, attr, order in ((SpeakerAlias, "aliases", (SpeakerAlias.alias,)),
                               (SpeakerRole, "roles", (SpeakerRole.first_seen, SpeakerRole.id))):
        keys, cols = _columns(model)
        for row in conn.execute(
            select(*cols).where(model.speaker_id.in_(ids)).order_by(model.speaker_id, *order)
        ):
            values = dict(zip(keys, row, strict=True))
            getattr(speakers[values["speaker_id"]], attr).append(_Loaded(values))


def count_claims(session: Session, filters: ExportFilters = NO_FILTERS) -> int:
    return session.scalar(filters.claims_select(func.count(Claim.id))) or 0


def claims_page(session: Session, filters: ExportFilters, *, offset: int,
                limit: int) -> list[Claim]:
    """One page of the matching claims in id order (the annotation container's pages),
    loaded like every export's claims. The ids come from the id index alone, so the cost
    is the offset's index entries plus ``limit`` claims."""
    ids = list(session.scalars(
        filters.claims_select(Claim.id).order_by(Claim.id).offset(offset).limit(limit)))
    if not ids:
        return []
    return _claims_from_rows(session.connection(), ids, speaker_details=False)


def links_from(batch: Session, claim_ids: Sequence[int]) -> dict[int, list[ClaimLink]]:
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


def reviewed(filters: ExportFilters) -> ExportFilters:
    """The same filters narrowed to ClaimReview's input: reviewed claims (the one
    definition, :func:`claims_app.claims.conditions.reviewed_condition`) that carry a verdict,
    the rating a ClaimReview publishes (a claim accepted or rejected without one has none)."""
    return replace(filters, reviewed_only=True, with_verdict=True)
