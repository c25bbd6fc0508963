"""Full-text search over claims, articles and speakers, on each engine's own index: the
ranked, filtered, paginated search, the claim ids a query finds, and the claim picker.

The indexed documents are :mod:`claims_app.crossref.documents` (which explains why the
normalisation is Python, not SQL); query syntax and filters are :mod:`claims_app.crossref.query`;
what a search returns is :mod:`claims_app.crossref.results`, its snippets
:mod:`claims_app.crossref.snippets`.

Size: one job left, running a query on each engine's own index: the ranked page, the
matching claim ids and the claim picker share the filter clause (``_filter_clause``), the
per-engine match (``_Matches``) and the merged-speaker rule, all private here; documents,
query parsing, results and snippets are their own modules.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    TableClause,
    and_,
    bindparam,
    column,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, defer, joinedload, selectinload

from claims_app.articles.models import OPENING_CHARS, Article
from claims_app.claims.conditions import reviewed_condition
from claims_app.claims.models import Claim, ClaimKind, ClaimStatus, Tag, claim_tags
from claims_app.crossref.documents import speaker_text
from claims_app.crossref.models import FTS_TABLE, SearchDocument, SearchEntity
from claims_app.crossref.passages import tokens
from claims_app.crossref.query import MAX_QUERY_TOKENS, ParsedQuery, SearchFilters, parse_query
from claims_app.crossref.results import PickedClaim, SearchHit, SearchResults, SpeakerClaim
from claims_app.crossref.snippets import highlight
from claims_app.speakers.models import Speaker
from claims_app.textnorm import fold
from claims_app.web.pagination import count_rows, page_bounds

__all__ = [
    "COUNT_LIMIT",
    "MAX_PER_PAGE",
    "PICK_LIMIT",
    "RANK_WINDOW",
    "matching_claim_ids",
    "pick_claims",
    "search",
]

MAX_PER_PAGE = 100
#: ``search`` counts at most this many hits (or through the page asked for, if further) and
#: then says "more than ..." (``SearchResults.capped``): counting every one of a common
#: word's hundreds of thousands of hits would cost more than finding the page shown.
COUNT_LIMIT = 1_000
#: A filter-free search matching more documents than this ranks only this many, the most
#: recently indexed (highest ``search_documents.id``), and says so (``SearchResults.windowed``):
#: ranking every one of a common word's hundred thousand matches (FTS5 ``bm25``, PostgreSQL
#: ``ts_rank``) costs hundreds of milliseconds, finding the newest few thousand does not.
#: ``None`` ranks every match.
RANK_WINDOW: int | None = 2_000

#: A found speaker's latest claims listed under them in the results.
SPEAKER_CLAIMS = 3


def _filter_clause(filters: SearchFilters) -> ColumnElement[bool]:
    """The filters as a condition on a search document and, where a filter needs them, its
    claim (``Claim``) and article (``Article``, the claim's or the document's own)."""
    sd = SearchDocument
    entities = filters.chosen_entities()
    claim: list[ColumnElement[bool]] = [sd.entity == SearchEntity.CLAIM]
    article: list[ColumnElement[bool]] = [sd.entity == SearchEntity.ARTICLE]
    speaker: list[ColumnElement[bool]] = [sd.entity == SearchEntity.SPEAKER]
    if filters.speaker_id is not None:
        claim.append(Claim.speaker_id == filters.speaker_id)
        quoting = select(Claim.id).where(Claim.article_id == sd.article_id,
                                         Claim.speaker_id == filters.speaker_id)
        article.append(exists(quoting.correlate(sd)))
        speaker.append(sd.speaker_id == filters.speaker_id)
    if filters.outlet_id is not None:
        claim.append(Article.outlet_id == filters.outlet_id)
        article.append(Article.outlet_id == filters.outlet_id)
    if filters.published_from is not None:
        claim.append(Article.published >= filters.published_from)
        article.append(Article.published >= filters.published_from)
    if filters.published_to is not None:
        claim.append(Article.published <= filters.published_to)
        article.append(Article.published <= filters.published_to)
    if filters.kind is not None:
        claim.append(Claim.kind == ClaimKind(filters.kind))
    if filters.status is not None:
        claim.append(Claim.status == ClaimStatus(filters.status))
    if filters.reviewed is not None:
        claim.append(reviewed_condition() if filters.reviewed else ~reviewed_condition())
    if filters.tag is not None:
        tagged = (select(claim_tags.c.claim_id)
                  .join(Tag, Tag.id == claim_tags.c.tag_id)
                  .where(claim_tags.c.claim_id == Claim.id, Tag.name == filters.tag.strip()))
        claim.append(exists(tagged.correlate(Claim)))
    said = func.coalesce(Claim.said_on, Article.published)
    if filters.said_from is not None:
        claim.append(said >= filters.said_from)
    if filters.said_to is not None:
        claim.append(said <= filters.said_to)
    by_entity = {SearchEntity.CLAIM: claim, SearchEntity.ARTICLE: article,
                 SearchEntity.SPEAKER: speaker}
    chosen = [and_(*by_entity[e]) for e in SearchEntity if e in entities]
    return or_(*chosen) if chosen else false()


def search(
    session: Session,
    query: str,
    *,
    filters: SearchFilters | None = None,
    page: int = 1,
    per_page: int = 20,
    count_limit: int | None = COUNT_LIMIT,
) -> SearchResults:
    """Ranked, filtered, paginated full-text search; a query with no words finds nothing.

    Ranking is the engine's own (FTS5 ``bm25``, PostgreSQL ``ts_rank``), ties broken by the
    search document's id, so the order is stable from page to page. The total is counted up
    to ``count_limit`` hits (``None``: all of them; see :data:`COUNT_LIMIT`).

    **Cost.** Without filters that look at claims, articles or speakers, the index alone
    answers: the page is the best-ranked ``per_page`` document ids straight from the index,
    joined to ``search_documents`` only for those, and the count reads at most
    ``count_limit`` + 1 matches from it, unranked (no count at all when the page is the last
    one). Filters join the claim and article tables a filter needs and nothing else. Only the
    page's records are read, and snippets are built for them only.

    **Ranking window.** Without filters, a query matching more than :data:`RANK_WINDOW`
    documents ranks, counts and pages through only the :data:`RANK_WINDOW` most recently
    indexed ones (``windowed`` is set): one scan reads the newest matches in id order and
    ranks just those (see ``_ranked_page``). Below the window nothing changes. Filtered
    searches (type filters included) rank every match, as :func:`matching_claim_ids` always
    does: a filter may keep few of the newest matches, and the page's advice to narrow the
    search with filters would then be wrong. A windowed search is not counted: exactly
    :data:`RANK_WINDOW` documents are in the window.
    """
    filters = filters or SearchFilters()
    page, per_page = page_bounds(page, per_page, MAX_PER_PAGE)
    parsed = parse_query(query)
    if parsed.empty:
        return SearchResults(items=[], page=page, per_page=per_page, total=0, query=parsed)
    m = _Matches(session, parsed)
    sd = SearchDocument
    offset = (page - 1) * per_page
    windowed = False
    if filters.narrows_records or not filters.chosen_entities() >= set(SearchEntity):
        matching = _filtered(m, filters)
        rows = session.execute(
            matching.add_columns(m.score.label("score"))
            .order_by(m.rank_order, sd.id).limit(per_page).offset(offset)
        ).all()
    else:
        # The index alone ranks document ids; only the page's documents are then read.
        matching = m.documents()
        top = _ranked_page(m, matching, per_page, offset)
        order = top.c.score.desc() if m.postgresql else top.c.score.asc()
        rows = session.execute(
            select(sd.id, sd.entity, sd.claim_id, sd.article_id, sd.speaker_id, top.c.score,
                   top.c.seen)
            .join(top, top.c.id == sd.id).order_by(order, sd.id)
        ).all()
        windowed = bool(RANK_WINDOW) and bool(rows) and rows[0].seen > (RANK_WINDOW or 0)
    if 0 < len(rows) < per_page:  # the last page: the total is known without counting
        total, capped = offset + len(rows), False
    elif windowed:  # exactly RANK_WINDOW documents are in the window
        total, capped = _window_count(page, per_page, count_limit)
    else:
        total, capped = count_rows(session, matching, page=page, per_page=per_page,
                                   count_limit=count_limit)
    hits = _hits(session, rows, parsed)
    return SearchResults(items=hits, page=page, per_page=per_page, total=total, capped=capped,
                         query=parsed, windowed=windowed,
                         window=RANK_WINDOW if windowed else None)


def _ranked_page(m: _Matches, matching: Select, per_page: int, offset: int) -> Subquery:
    """The page of a filter-free search: document ids with their rank, best first.

    With a :data:`RANK_WINDOW`, the window (:func:`_newest_window`) reads the newest
    ``RANK_WINDOW + 1`` matches, ranking only those; ``seen`` says how many it read, so more
    than the window means the query was windowed and the oldest one read is left out. Below
    the window this ranks every match, exactly as without one."""
    if not RANK_WINDOW or RANK_WINDOW < 1:
        return (matching.add_columns(m.score.label("score"))
                .add_columns(literal_column("0").label("seen"))
                .order_by(m.rank_order, m.doc_id).limit(per_page).offset(offset)
                .subquery("top"))
    newest = _newest_window(m, RANK_WINDOW + 1)
    read = select(newest.c.id, newest.c.score, func.count().over().label("seen"),
                  func.min(newest.c.id).over().label("oldest")).subquery("read")
    order = read.c.score.desc() if m.postgresql else read.c.score.asc()
    return (select(read.c.id, read.c.score, read.c.seen)
            .where(or_(read.c.seen <= RANK_WINDOW, read.c.id != read.c.oldest))
            .order_by(order, read.c.id).limit(per_page).offset(offset).subquery("top"))


def _newest_window(m: _Matches, size: int, *, claims: bool = False) -> Subquery:
    """The ranking window, the one builder of both: the ``size`` most recently indexed
    matching documents (highest id first, ``id`` and ``score``), read in id order off the
    index (FTS5 walks its doclist backwards; PostgreSQL scans the primary key backwards, or
    sorts a rare word's few GIN matches) and ranked only among themselves; with ``claims``,
    claims' documents only (``claim_id`` too), for :func:`matching_claim_ids`.

    **Claims' window.** The scan starts at the newest claim's document
    (:func:`_newest_claim_document`), not at the index's newest document: a rebuilt index
    holds every claim before every article, so the newest matches of any kind are articles,
    and at 1,000,000 claims the window first read the 88,767 article documents sharing a
    word with the claim (160 ms of a cold claim page, 180 ms with the claims it then
    ranked). Below that document the kinds interleave as they were written, so the scan
    reads few others. The search page's window has no such bound (it ranks every kind)."""
    sd = SearchDocument
    if not claims:
        stmt = m.documents().add_columns(m.score.label("score"))
    else:
        stmt = select(m.doc_id.label("id"), sd.claim_id, m.score.label("score"))
        if not m.postgresql:
            stmt = stmt.select_from(m.source).join(sd, sd.id == m.doc_id)
        # Claims' documents only: the merged speakers' documents are no concern here.
        stmt = stmt.where(m.match, sd.entity == SearchEntity.CLAIM,
                          m.doc_id <= _newest_claim_document())
    return stmt.order_by(m.doc_id.desc()).limit(size).subquery("newest")


def _newest_claim_document() -> ColumnElement[int]:
    """The id of the newest claim's search document, from the unique ``claim_id`` index
    alone (two index probes). Claims' documents are written in claim id order (new claims
    get new documents; an edited claim's is updated in place; a rebuild writes them in id
    order), so no claim's document lies above it."""
    sd = SearchDocument.__table__.alias("newest_claim_doc")
    newest_claim = select(func.max(sd.c.claim_id)).scalar_subquery()
    return select(sd.c.id).where(sd.c.claim_id == newest_claim).scalar_subquery()


def _window_count(page: int, per_page: int, count_limit: int | None) -> tuple[int, bool]:
    """What :func:`~claims_app.web.pagination.count_rows` would say of a windowed search's
    :data:`RANK_WINDOW` matches, without asking the engine."""
    window = RANK_WINDOW or 0
    if count_limit is None:
        return window, False
    limit = max(count_limit, page * per_page)
    return (limit, True) if window > limit else (window, False)


class _Matches:
    """One query on this engine's index: the match condition, the document id it yields,
    the rank, and the best-first order of that rank."""

    def __init__(self, session: Session, parsed: ParsedQuery, *, any_word: bool = False):
        sd = SearchDocument
        self.postgresql = session.get_bind().dialect.name == "postgresql"
        if self.postgresql:
            expr = parsed.tsquery_any() if any_word else parsed.tsquery()
            tsq = func.to_tsquery(literal_column("'simple'::regconfig"), bindparam("tsq", expr))
            self.source: type[SearchDocument] | TableClause = sd
            self.doc_id: ColumnElement[int] | InstrumentedAttribute[int] = sd.id
            self.match: ColumnElement[bool] = sd.tsv.op("@@")(tsq)
            self.score: ColumnElement[float] = func.ts_rank(sd.tsv, tsq)
            self.rank_order = self.score.desc()
        else:
            expr = parsed.fts5_any() if any_word else parsed.fts5()
            fts = table(FTS_TABLE, column("rowid"))
            self.source = fts
            self.doc_id = fts.c.rowid
            self.match = literal_column(FTS_TABLE).op("MATCH")(bindparam("fts", expr))
            self.score = func.bm25(literal_column(FTS_TABLE))
            self.rank_order = self.score.asc()
        self.not_merged = self.doc_id.not_in(_merged_speaker_documents())

    def documents(self) -> Select:
        """The matching documents' ids, from the index alone (unordered)."""
        return (select(self.doc_id.label("id")).select_from(self.source)
                .where(self.match, self.not_merged))


@functools.cache
def _merged_speaker_documents() -> Select:
    """The ids of merged speakers' documents, which are never found. Merged speakers are few,
    so the engine reads these ids once per query (a hashed set) instead of looking up each
    hit's speaker. Built once: constructing it is a good part of a small search's cost."""
    merged = SearchDocument.__table__.alias("merged_doc")
    speakers = Speaker.__table__
    return (select(merged.c.id).join(speakers, speakers.c.id == merged.c.speaker_id)
            .where(speakers.c.merged_into_id.is_not(None)))


def _filtered(m: _Matches, filters: SearchFilters) -> Select:
    """The matching documents the filters keep, with each document's ids; joins only the
    claim and article tables the filters look at."""
    sd = SearchDocument
    entities = filters.chosen_entities()
    stmt = select(sd.id, sd.entity, sd.claim_id, sd.article_id, sd.speaker_id)
    if m.postgresql:
        stmt = stmt.where(m.match)
    else:
        stmt = stmt.select_from(sd).join(m.source, m.doc_id == sd.id).where(m.match)
    stmt = stmt.where(m.not_merged)
    claim_filters = SearchEntity.CLAIM in entities and (
        filters.claims_only or filters.needs_article or filters.speaker_id is not None)
    article_filters = filters.needs_article or filters.said_from is not None \
        or filters.said_to is not None
    if claim_filters:
        stmt = stmt.outerjoin(Claim, Claim.id == sd.claim_id)
    if article_filters and claim_filters:
        stmt = stmt.outerjoin(Article, Article.id == func.coalesce(sd.article_id,
                                                                   Claim.article_id))
    elif article_filters:
        stmt = stmt.outerjoin(Article, Article.id == sd.article_id)
    return stmt.where(_filter_clause(filters))


def matching_claim_ids(
    session: Session, query: str | ParsedQuery, filters: SearchFilters | None = None, *,
    any_word: bool = False, limit: int = 1000, newest: int | None = None,
) -> list[int]:
    """Ids of the claims a query finds, best first; ``any_word`` ORs the words (a topic or a
    similarity probe) instead of requiring all of them.

    ``newest`` (without filters) ranks only the ``newest`` most recently indexed matching
    documents, read in id order off the index, like the search page's ranking window: an
    any-word probe of common words matches a quarter of a large archive, and ranking all of
    it was most of a claim page's cost (a similar-claims probe at 1,000,000 claims: 0.3-0.45 s
    on SQLite, ranking every match; 15-27 ms ranking the newest 2,000)."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    if parsed.empty:
        return []
    if newest is not None and filters is None:
        m = _Matches(session, parsed, any_word=any_word)
        window = _newest_window(m, newest, claims=True)
        order = window.c.score.desc() if m.postgresql else window.c.score.asc()
        return list(session.scalars(
            select(window.c.claim_id).order_by(order, window.c.claim_id).limit(limit)))
    base = filters or SearchFilters()
    claims_only = replace(base, entities=frozenset({SearchEntity.CLAIM}))
    m = _Matches(session, parsed, any_word=any_word)
    stmt = _filtered(m, claims_only).add_columns(m.score.label("score"))
    rows = session.execute(stmt.order_by(m.rank_order, SearchDocument.id).limit(limit))
    return [r.claim_id for r in rows]


def _hits(session: Session, rows: Iterable, parsed: ParsedQuery) -> list[SearchHit]:
    rows = list(rows)
    claim_ids = [r.claim_id for r in rows if r.claim_id is not None]
    article_ids = [r.article_id for r in rows if r.article_id is not None]
    speaker_ids = [r.speaker_id for r in rows if r.speaker_id is not None]
    # Only the page's records are read; an article's ``raw`` source text is never needed.
    claims = {c.id: c for c in session.scalars(
        select(Claim).where(Claim.id.in_(claim_ids))
        .options(joinedload(Claim.speaker),
                 joinedload(Claim.article, innerjoin=True).defer(Article.raw))
    )} if claim_ids else {}
    articles = {a.id: a for a in session.scalars(
        select(Article).where(Article.id.in_(article_ids)).options(defer(Article.raw)))
    } if article_ids else {}
    speakers = {s.id: s for s in session.scalars(
        select(Speaker).where(Speaker.id.in_(speaker_ids))
        .options(selectinload(Speaker.aliases), selectinload(Speaker.roles)))
    } if speaker_ids else {}
    said = _speaker_claims(session, list(speakers))
    hits: list[SearchHit] = []
    for r in rows:
        score = float(r.score or 0.0)
        if r.claim_id in claims:
            c = claims[r.claim_id]
            who = c.speaker.name if c.speaker else "Unattributed"
            hits.append(SearchHit(SearchEntity.CLAIM, c.id, f"{who}: {c.article.display_title}",
                                  highlight(c.text, parsed), score, c.article_id, c.speaker_id,
                                  c.article.display_title, c.article.title_is_derived, who))
        elif r.article_id in articles:
            a = articles[r.article_id]
            hits.append(SearchHit(SearchEntity.ARTICLE, a.id, a.display_title,
                                  highlight(a.body, parsed), score, a.id, None,
                                  a.display_title, a.title_is_derived))
        elif r.speaker_id in speakers:
            s = speakers[r.speaker_id]
            latest, count = said.get(s.id, ((), 0))
            hits.append(SearchHit(SearchEntity.SPEAKER, s.id, s.name,
                                  highlight(speaker_text(s).replace("\n", " · "), parsed),
                                  score, None, s.id, claims=latest, claim_count=count))
    return hits


def _speaker_claims(session: Session, speaker_ids: list[int]
                    ) -> dict[int, tuple[tuple[SpeakerClaim, ...], int]]:
    """The page's speakers' latest :data:`SPEAKER_CLAIMS` claims and claim counts, in two
    queries whatever the number of speakers (a window function keeps the few per speaker)."""
    if not speaker_ids:
        return {}
    counts = {int(i or 0): int(n) for i, n in session.execute(
        select(Claim.speaker_id, func.count(Claim.id)).where(Claim.speaker_id.in_(speaker_ids))
        .group_by(Claim.speaker_id))}
    numbered = (select(Claim.id, Claim.speaker_id, Claim.article_id,
                       func.substr(Claim.text, 1, 300).label("text"),
                       func.row_number().over(partition_by=Claim.speaker_id,
                                              order_by=Claim.id.desc()).label("n"))
                .where(Claim.speaker_id.in_(speaker_ids)).subquery())
    latest: dict[int, list[SpeakerClaim]] = {}
    for row in session.execute(select(numbered).where(numbered.c.n <= SPEAKER_CLAIMS)
                               .order_by(numbered.c.speaker_id, numbered.c.n)):
        latest.setdefault(row.speaker_id, []).append(
            SpeakerClaim(row.id, row.text, row.article_id))
    return {i: (tuple(latest.get(i, ())), int(counts.get(i, 0))) for i in speaker_ids}

# --- the claim picker ------------------------------------------------------------------------

#: Claims the picker offers at most.
PICK_LIMIT = 10


def pick_claims(session: Session, typed: str, *, exclude: int | None = None,
                limit: int = PICK_LIMIT) -> list[PickedClaim]:
    """Claims for a type-ahead: a claim number as typed, then claims whose text matches,
    then the claims of matching speakers (name or alias) and of matching articles (title or
    text). Words are prefixes as they are typed ("mamm tal" finds "Mammadyarov ... talks").
    Every step reads the search index and at most ``limit`` rows: five queries in all."""
    typed = (typed or "")[:200]
    chosen: dict[int, str] = {}
    if typed.strip().isdigit() and len(typed.strip()) < 10:
        number = int(typed.strip())
        if session.get(Claim, number) is not None:
            chosen[number] = "number"
    words = tokens(fold(typed))[:MAX_QUERY_TOKENS]
    if words:
        parsed = ParsedQuery(prefixes=tuple(dict.fromkeys(words)))
        for cid in matching_claim_ids(session, parsed, limit=limit + 1):
            chosen.setdefault(cid, "text")
        if len(chosen) < limit + 1:
            m = _Matches(session, parsed)
            sd = SearchDocument
            docs = _filtered(m, SearchFilters(entities=frozenset(
                {SearchEntity.SPEAKER, SearchEntity.ARTICLE})))
            found = session.execute(docs.add_columns(m.score.label("score"))
                                    .order_by(m.rank_order, sd.id).limit(limit)).all()
            speakers = [r.speaker_id for r in found if r.speaker_id is not None]
            articles = [r.article_id for r in found if r.article_id is not None]
            if speakers or articles:
                rows = session.execute(
                    select(Claim.id, Claim.speaker_id).where(or_(
                        Claim.speaker_id.in_(speakers), Claim.article_id.in_(articles)))
                    .order_by(Claim.id.desc()).limit(limit + 1)).all()
                for cid, speaker_id in rows:
                    chosen.setdefault(cid, "speaker" if speaker_id in speakers else "article")
    chosen.pop(exclude or 0, None)
    ids = list(chosen)[:limit]
    if not ids:
        return []
    claims = {c.id: c for c in session.scalars(
        select(Claim).where(Claim.id.in_(ids)).options(
            joinedload(Claim.speaker),
            joinedload(Claim.article, innerjoin=True).load_only(Article.id, Article.title),
            defer(Claim.prefix), defer(Claim.suffix)))}
    openings: dict[int, str] = dict(session.execute(
        select(Article.id, func.substr(Article.body, 1, OPENING_CHARS))
        .where(Article.id.in_({c.article_id for c in claims.values()}),
               Article.title.is_(None))).all())
    out = []
    for cid in ids:
        c = claims.get(cid)
        if c is None:
            continue
        if c.article.id in openings:
            c.article.list_opening = openings[c.article.id]
        out.append(PickedClaim(c.id, c.text if len(c.text) <= 200 else c.text[:199] + "…",
                               c.speaker.name if c.speaker else None, c.article.display_title,
                               c.article.title_is_derived, chosen[cid]))
    return out
