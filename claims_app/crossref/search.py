"""Full-text search over claims, articles and speakers, on each engine's own index.

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

**Query syntax.** Words are ANDed; ``"double quoted"`` words form a phrase; ``word*`` is a
prefix; a hyphenated or apostrophised word ("Nagorno-Karabakh", "they'll") is a phrase of its
parts. Nothing else is syntax: operators, brackets and stray quotes are treated as text, so no
input can make the engine's query parser fail (every token passed down is alphanumeric).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    TableClause,
    and_,
    bindparam,
    column,
    delete,
    exists,
    false,
    func,
    insert,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, defer, joinedload, selectinload

from claims_app.articles.models import Article
from claims_app.claims.models import Claim, ClaimKind, ClaimStatus, Tag, claim_tags
from claims_app.crossref.models import FTS_TABLE, SearchDocument, SearchEntity
from claims_app.crossref.passages import tokens
from claims_app.speakers.models import Speaker
from claims_app.textnorm import fold
from claims_app.web.pagination import Page, count_rows, page_bounds

__all__ = [
    "RANK_WINDOW",
    "ParsedQuery",
    "SearchFilters",
    "SearchHit",
    "SearchResults",
    "document_text",
    "highlight",
    "matching_claim_ids",
    "parse_query",
    "rebuild_search_index",
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
MAX_QUERY_TOKENS = 32
NORMALIZER_VERSION = "1"
SNIPPET_WORDS = 40

Piece = tuple[str, bool]


# --- documents -------------------------------------------------------------------------------


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

    Returns the number of documents written per entity. Flushes, never commits.
    """
    session.flush()
    session.execute(delete(SearchDocument))
    counts = {e.value: 0 for e in SearchEntity}

    def write(rows: list[dict[str, object]]) -> None:
        if rows:
            session.execute(insert(SearchDocument), rows)
            rows.clear()

    sources = (
        (SearchEntity.CLAIM, select(Claim), _claim_text),
        (SearchEntity.ARTICLE, select(Article), article_text),
        (SearchEntity.SPEAKER,
         select(Speaker).options(selectinload(Speaker.aliases), selectinload(Speaker.roles)),
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


# --- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query as normalised tokens: every term, phrase and prefix must match."""

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    prefixes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.terms or self.phrases or self.prefixes)

    @property
    def words(self) -> frozenset[str]:
        return frozenset(self.terms) | {w for p in self.phrases for w in p}

    def fts5(self) -> str:
        """An FTS5 MATCH expression; every token is alphanumeric and double-quoted."""
        parts = [f'"{t}"' for t in self.terms]
        parts += ['"' + " ".join(p) + '"' for p in self.phrases]
        parts += [f'"{p}"*' for p in self.prefixes]
        return " AND ".join(parts)

    def tsquery(self) -> str:
        """A PostgreSQL ``to_tsquery`` expression over the same alphanumeric tokens."""
        parts = [f"'{t}'" for t in self.terms]
        parts += ["(" + " <-> ".join(f"'{w}'" for w in p) + ")" for p in self.phrases]
        parts += [f"'{p}':*" for p in self.prefixes]
        return " & ".join(parts)

    def fts5_any(self) -> str:
        """Like :meth:`fts5`, but any one term, phrase or prefix suffices."""
        return self.fts5().replace(" AND ", " OR ")

    def tsquery_any(self) -> str:
        return self.tsquery().replace(" & ", " | ")


_QUERY_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')


def parse_query(query: str) -> ParsedQuery:
    """Split user input into terms, phrases and prefixes; never fails (see module docstring)."""
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []
    budget = MAX_QUERY_TOKENS
    for m in _QUERY_PART.finditer(fold(query or "")):
        quoted, bare = m.group(1), m.group(2)
        prefix = bare is not None and bare.endswith("*")
        toks = tokens(quoted if quoted is not None else bare)[:budget]
        if not toks:
            continue
        budget -= len(toks)
        if prefix and len(toks) == 1:
            prefixes.append(toks[0])
        elif len(toks) == 1:
            terms.append(toks[0])
        else:
            phrases.append(tuple(toks))
        if budget <= 0:
            break
    return ParsedQuery(tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(phrases)),
                       tuple(dict.fromkeys(prefixes)))


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing a search. A filter applies to the records it describes, and records it cannot
    describe are left out: ``status`` keeps claims only, ``outlet_id`` claims and articles,
    ``speaker_id`` the speaker, their claims and the articles quoting them. Said dates are the
    claim's ``said_on``, else its article's publication date."""

    entities: frozenset[SearchEntity] | None = None
    speaker_id: int | None = None
    outlet_id: int | None = None
    kind: ClaimKind | str | None = None
    status: ClaimStatus | str | None = None
    tag: str | None = None
    said_from: dt.date | None = None
    said_to: dt.date | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None

    @property
    def claims_only(self) -> bool:
        return any(v is not None for v in (self.kind, self.status, self.tag, self.said_from,
                                            self.said_to))

    @property
    def needs_article(self) -> bool:
        return any(v is not None for v in (self.outlet_id, self.published_from,
                                            self.published_to))

    @property
    def narrows_records(self) -> bool:
        """Whether a filter looks beyond the search document itself (at its claim, article or
        speaker); without one, the index alone answers the query."""
        return self.claims_only or self.needs_article or self.speaker_id is not None

    def chosen_entities(self) -> set[SearchEntity]:
        """The record types these filters can describe (see the class docstring)."""
        entities = set(self.entities or SearchEntity)
        if self.claims_only:
            entities &= {SearchEntity.CLAIM}
        if self.needs_article:
            entities -= {SearchEntity.SPEAKER}
        return entities


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One found record. ``snippet`` is text pieces flagged as matches, for safe escaping."""

    entity: SearchEntity
    id: int
    title: str
    snippet: list[Piece]
    score: float
    article_id: int | None = None
    speaker_id: int | None = None


@dataclass(frozen=True)
class SearchResults(Page[SearchHit]):
    """A page of hits (``items``, also ``hits``) with the parsed query. ``total`` is exact
    up to :data:`COUNT_LIMIT`; beyond it ``capped`` is set and ``total_label`` reads
    "more than 1,000" (see :class:`claims_app.web.pagination.Page`). ``windowed`` says the query
    matched more than :data:`RANK_WINDOW` documents and only that many, the most recently
    indexed, were ranked, counted and paged through; ``window`` is then that number."""

    query: ParsedQuery = field(default_factory=ParsedQuery)
    windowed: bool = False
    window: int | None = None

    @property
    def hits(self) -> list[SearchHit]:
        return self.items

    @property
    def ids(self) -> list[tuple[str, int]]:
        return [(h.entity.value, h.id) for h in self.items]


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

    With a :data:`RANK_WINDOW`, one scan reads the newest ``RANK_WINDOW + 1`` matches in id
    order (FTS5 walks its doclist backwards; PostgreSQL scans the primary key backwards, or
    sorts a rare word's few GIN matches), ranking only those; ``seen`` says how many it read,
    so more than the window means the query was windowed and the oldest one read is left
    out. Below the window this ranks every match, exactly as without one."""
    scored = matching.add_columns(m.score.label("score"))
    if not RANK_WINDOW or RANK_WINDOW < 1:
        return (scored.add_columns(literal_column("0").label("seen"))
                .order_by(m.rank_order, m.doc_id).limit(per_page).offset(offset)
                .subquery("top"))
    newest = scored.order_by(m.doc_id.desc()).limit(RANK_WINDOW + 1).subquery("newest")
    read = select(newest.c.id, newest.c.score, func.count().over().label("seen"),
                  func.min(newest.c.id).over().label("oldest")).subquery("read")
    order = read.c.score.desc() if m.postgresql else read.c.score.asc()
    return (select(read.c.id, read.c.score, read.c.seen)
            .where(or_(read.c.seen <= RANK_WINDOW, read.c.id != read.c.oldest))
            .order_by(order, read.c.id).limit(per_page).offset(offset).subquery("top"))


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
    any_word: bool = False, limit: int = 1000,
) -> list[int]:
    """Ids of the claims a query finds, best first; ``any_word`` ORs the words (a topic or a
    similarity probe) instead of requiring all of them."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    if parsed.empty:
        return []
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
    hits: list[SearchHit] = []
    for r in rows:
        score = float(r.score or 0.0)
        if r.claim_id in claims:
            c = claims[r.claim_id]
            who = c.speaker.name if c.speaker else "Unattributed"
            hits.append(SearchHit(SearchEntity.CLAIM, c.id, f"{who}: {c.article.display_title}",
                                  highlight(c.text, parsed), score, c.article_id, c.speaker_id))
        elif r.article_id in articles:
            a = articles[r.article_id]
            hits.append(SearchHit(SearchEntity.ARTICLE, a.id, a.display_title,
                                  highlight(a.body, parsed), score, a.id))
        elif r.speaker_id in speakers:
            s = speakers[r.speaker_id]
            hits.append(SearchHit(SearchEntity.SPEAKER, s.id, s.name,
                                  highlight(speaker_text(s).replace("\n", " · "), parsed),
                                  score, None, s.id))
    return hits


# --- snippets --------------------------------------------------------------------------------

_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_NONSPACE = re.compile(r"\S+")
_BRITISH = re.compile(r"isation(s?)$")


def _word_tokens(word: str) -> list[str]:
    if word.isascii():
        low = word.lower()
        return [_BRITISH.sub(r"ization\1", low) if "isation" in low else low]
    return tokens(word)


@functools.lru_cache(maxsize=256)
def _ascii_pattern(parsed: ParsedQuery) -> re.Pattern[str] | None:
    """A regex finding the query's words in ASCII text (the fast path for snippets)."""
    alts = []
    for w in sorted(parsed.words, key=len, reverse=True):
        if w.isascii():
            alts.append(re.escape(w).replace("ization", "i[sz]ation"))
    alts += [re.escape(p) + r"[A-Za-z0-9]*" for p in parsed.prefixes if p.isascii()]
    if not alts:
        return None
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(alts) + r")(?![A-Za-z0-9])",
                      re.IGNORECASE)


def _hit_spans(text: str, parsed: ParsedQuery) -> list[tuple[int, int]]:
    folded = fold(text)  # same length as text: its offsets are the text's
    if folded.isascii():
        pattern = _ascii_pattern(parsed)
        return [m.span() for m in pattern.finditer(folded)] if pattern else []
    words, prefixes = parsed.words, parsed.prefixes
    return [
        m.span() for m in _WORD.finditer(folded)
        if any(t in words or any(t.startswith(p) for p in prefixes)
               for t in _word_tokens(m.group()))
    ]


def highlight(text: str, parsed: ParsedQuery, *, max_words: int = SNIPPET_WORDS) -> list[Piece]:
    """The passage of ``text`` with the most query words, as (text, is_match) pieces.

    Pieces are verbatim slices of ``text`` (an ellipsis marks a cut); matching runs on the
    folded text, whose offsets are the original's, so look-alike letters still highlight.
    """
    if not text:
        return []
    hits = _hit_spans(text, parsed)
    start, end = 0, len(text)
    if len(text.split()) > max_words:
        anchor = 0
        if hits:  # the hit opening the densest run of hits within about max_words words
            reach, best, j = max_words * 6, -1, 0
            for i, (s, _) in enumerate(hits):
                j = max(j, i)
                while j + 1 < len(hits) and hits[j + 1][0] - s < reach:
                    j += 1
                if j - i > best:
                    best, anchor = j - i, s
        start = _lead_in(text, anchor)
        tail = list(itertools.islice(_NONSPACE.finditer(text, start), max_words))
        end = tail[-1].end() if tail else len(text)
    pieces: list[Piece] = [("…", False)] if start > 0 else []
    pos = start
    for s, e in hits:
        if s < start or e > end:
            continue
        if s > pos:
            pieces.append((text[pos:s], False))
        pieces.append((text[s:e], True))
        pos = e
    if end > pos:
        pieces.append((text[pos:end], False))
    if end < len(text):
        pieces.append(("…", False))
    return _merge(pieces)


def _lead_in(text: str, anchor: int, words: int = 5) -> int:
    """Where a snippet showing ``anchor`` starts: up to five whole words before it."""
    window_from = max(0, anchor - 80)
    lead = [m.start() for m in _NONSPACE.finditer(text, window_from, anchor)]
    if window_from:
        lead = lead[1:]  # the first may be a cut word
    elif len(lead) < words:
        return 0
    return lead[-words] if len(lead) >= words else (lead[0] if lead else anchor)


def _merge(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for text, hit in pieces:
        if out and out[-1][1] == hit and not hit:
            out[-1] = (out[-1][0] + text, False)
        else:
            out.append((text, hit))
    return out
