"""Repeated wording: sentences that recur across articles, whether or not a claim covers them.

Each article's sentences are stored as LSH band signatures (:class:`PassageSignature`, see
:mod:`claims_app.crossref.passages`); a lookup hashes the query sentences the same way, fetches
the stored sentences sharing any (band, bucket) pair through the ``(band, bucket)`` index, and
keeps those whose exact shingle Jaccard similarity reaches the threshold. The cost of a lookup
depends on how many sentences share a bucket, not on the number of articles.

Size: one lookup: signing sentences, fetching the bucket candidates, verifying by exact
Jaccard and the per-process caches of signatures and bucket unions are steps of
``passage_repeats`` sharing the private ``_Signed`` type and those caches; how signatures
are stored is ``passages.py``.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import TextClause, and_, delete, func, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from claims_app.articles.models import Article
from claims_app.crossref.models import PassageSignature
from claims_app.crossref.passages import (
    MIN_TOKENS,
    Passage,
    band_buckets,
    jaccard,
    minhash,
    passage_spans,
    shingles,
    shingles_of,
    tokens,
)
from claims_app.db import copy_rows
from claims_app.errors import NotFound

__all__ = [
    "DEFAULT_THRESHOLD",
    "PassageMatch",
    "PassageRepeat",
    "forget_signatures",
    "index_passages",
    "passage_repeats",
    "similar_passages",
]

#: Least shingle Jaccard similarity for two sentences to count as the same wording.
DEFAULT_THRESHOLD = 0.5
_CHUNK = 300  # (band, bucket) pairs per query: well under every engine's parameter limit
_CAPPED_CHUNK = 128  # sub-selects per capped lookup statement (SQLite allows 500)
_SIZES_CHUNK = 16  # bucket counts per statement
_DENSE = 16  # sentences of one article above which its body is read once (_sentence_texts)
#: A capped lookup counts a crowded bucket's other sentences up to this many, no further.
MORE_COUNT_CAP = 1000


@dataclass(frozen=True, slots=True)
class PassageMatch:
    """Where a near-identical sentence occurs: ``article.body[start:end] == text``.

    ``query_start``/``query_end`` locate the sentence it matched in the searched text (the
    article body for :func:`passage_repeats`, the given text for :func:`similar_passages`).
    """

    article_id: int
    start: int
    end: int
    text: str
    similarity: float
    query_start: int
    query_end: int


@dataclass(frozen=True, slots=True)
class PassageRepeat:
    """One sentence of an article and the other articles' sentences that repeat it."""

    start: int
    end: int
    text: str
    matches: list[PassageMatch] = field(default_factory=list)
    #: With a ``limit`` (see :func:`passage_repeats`): about how many more stored sentences
    #: repeat this one beyond ``matches``, and whether counting stopped (``more`` is then a
    #: lower bound).
    more: int = 0
    more_capped: bool = False

    @property
    def article_ids(self) -> list[int]:
        return sorted({m.article_id for m in self.matches})


@dataclass(frozen=True, slots=True)
class _Signed:
    passage: Passage
    shingles: frozenset[str]
    buckets: list[tuple[int, int]]


def signed_passages(text: str) -> tuple[_Signed, ...]:
    """Sentence signatures of a text, remembered for recently seen texts.

    An article page asks for its body's signatures on every view; they depend on the text
    alone, so a bounded per-process cache turns the MinHash work into a dictionary lookup.
    """
    return _signed_cached(text)


def forget_signatures() -> None:
    """Forget the remembered signatures: a benchmark timing several engines in one process
    must not let one reuse the work another run did."""
    _signed_cached.cache_clear()


@functools.lru_cache(maxsize=512)
def _signed_cached(text: str) -> tuple[_Signed, ...]:
    out = []
    for passage in passage_spans(text):
        toks = tokens(passage.text)
        if len(toks) < MIN_TOKENS:
            continue
        sh = shingles_of(toks)
        out.append(_Signed(passage, sh, band_buckets(minhash(sh))))
    return tuple(out)


def index_passages(session: Session, article: Article) -> int:
    """(Re)compute an article's passage signatures; returns how many sentences were indexed.

    Idempotent: the article's previous signatures are replaced. Flushes, never commits.
    """
    if article.id is None:
        session.flush()
    session.execute(delete(PassageSignature).where(PassageSignature.article_id == article.id))
    signed = signed_passages(article.body or "")
    # A few hundred rows per article: the bulk path (COPY on PostgreSQL, executemany on
    # SQLite), as the importer writes them.
    copy_rows(session, PassageSignature.__table__,
              ["article_id", "start_offset", "end_offset", "band", "bucket"],
              [(article.id, s.passage.start, s.passage.end, band, bucket)
               for s in signed for band, bucket in s.buckets])
    return len(signed)


def _candidates(
    session: Session, signed: Sequence[_Signed], exclude_article_id: int | None
) -> tuple[dict[tuple[int, int, int], set[int]], dict[tuple[int, int, int], str]]:
    """Stored sentences sharing a bucket with the query sentences.

    Returns (article_id, start, end) -> indexes of the query sentences it shares buckets with,
    and the stored sentences' text, cut from the bodies by the database (never whole bodies).
    """
    wanted: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, s in enumerate(signed):
        for pair in s.buckets:
            wanted[pair].append(i)
    found: dict[tuple[int, int, int], set[int]] = defaultdict(set)
    texts: dict[tuple[int, int, int], str] = {}
    sig = PassageSignature
    pairs = sorted(wanted)
    for k in range(0, len(pairs), _CHUNK):
        # One "band = ? AND bucket IN (...)" per band: both engines answer it from the
        # (band, bucket) index (SQLite scans the table for a row-value IN list).
        by_band: dict[int, list[int]] = defaultdict(list)
        for band, bucket in pairs[k : k + _CHUNK]:
            by_band[band].append(bucket)
        stmt = (
            select(sig.article_id, sig.start, sig.end, sig.band, sig.bucket,
                   func.substr(Article.body, sig.start + 1, sig.end - sig.start))
            .join(Article, Article.id == sig.article_id)
            .where(or_(*(and_(sig.band == band, sig.bucket.in_(buckets))
                         for band, buckets in by_band.items())))
        )
        if exclude_article_id is not None:
            stmt = stmt.where(sig.article_id != exclude_article_id)
        for article_id, start, end, band, bucket, text in session.execute(stmt):
            key = (article_id, start, end)
            found[key].update(wanted[(band, bucket)])
            texts[key] = text
    return found, texts


def _verified(
    signed: Sequence[_Signed], candidates: dict[tuple[int, int, int], set[int]],
    texts: dict[tuple[int, int, int], str], threshold: float,
) -> list[list[PassageMatch]]:
    """For each query sentence, the candidates (article, start, end) whose exact shingle
    similarity reaches ``threshold``: LSH only proposes, this decides."""
    result: list[list[PassageMatch]] = [[] for _ in signed]
    for key, query_indexes in candidates.items():
        text = texts.get(key)
        if text is None:
            continue
        other = shingles(text)
        for i in query_indexes:
            sim = jaccard(signed[i].shingles, other)
            if sim >= threshold:
                q = signed[i].passage
                result[i].append(PassageMatch(key[0], key[1], key[2], text, round(sim, 4),
                                              q.start, q.end))
    return result


def _match(
    session: Session, signed: Sequence[_Signed], exclude_article_id: int | None, threshold: float
) -> list[list[PassageMatch]]:
    """For each query sentence, its matches (best first)."""
    candidates, texts = _candidates(session, signed, exclude_article_id)
    result = _verified(signed, candidates, texts, threshold)
    for matches in result:
        matches.sort(key=lambda m: (-m.similarity, m.article_id, m.start))
    return result


def _union_of(member: str, n: int, tail: str = "") -> TextClause:
    """``n`` copies of a sub-select joined by UNION ALL, parameters numbered ``{i}``.

    Chunks always have the same ``n`` members (padded with rows that match nothing), so the
    statement text repeats: both drivers and SQLAlchemy reuse its compiled/prepared form,
    and building a page's statements is string formatting, not a thousand ORM sub-selects.
    """
    return _union_cached(member, n, tail)


@functools.lru_cache(maxsize=32)
def _union_cached(member: str, n: int, tail: str) -> TextClause:
    return sql_text(" UNION ALL ".join(member.format(i=i) for i in range(n)) + tail)


_HEADS = (
    "SELECT * FROM (SELECT article_id, start_offset, end_offset, band, bucket "
    "FROM passage_signatures WHERE band = :b{i} AND bucket = :k{i} AND article_id != :x "
    "LIMIT :n) AS h{i}"  # SQLite takes a LIMIT only inside a sub-select
)
_TEXTS = (
    "SELECT id, CAST(:s{i} AS INTEGER), CAST(:e{i} AS INTEGER), "
    "substr(body, CAST(:s{i} AS INTEGER) + 1, CAST(:e{i} AS INTEGER) - CAST(:s{i} AS INTEGER)) "
    "FROM articles WHERE id = :a{i}"
)
_SIZES = (
    "SELECT {i}, count(*) FROM (SELECT 1 FROM passage_signatures "
    "WHERE band = :b{i} AND bucket = :k{i} LIMIT :n) AS c{i}"
)
_NOTHING = (-1, -1)  # a (band, bucket) no sentence has: pads a chunk
# PostgreSQL takes every pair in one statement, as arrays, each pair's LIMITed index range
# read by a LATERAL sub-select: one short statement to plan (a UNION ALL of 128 sub-selects
# cost PostgreSQL 15 ms of planning each).
_PG_HEADS = sql_text(
    "SELECT h.* FROM unnest(CAST(:bands AS smallint[]), CAST(:buckets AS bigint[])) "
    "AS q(band, bucket) CROSS JOIN LATERAL (SELECT s.article_id, s.start_offset, "
    "s.end_offset, s.band, s.bucket FROM passage_signatures s WHERE s.band = q.band AND "
    "s.bucket = q.bucket AND s.article_id != :x LIMIT :n) AS h"
)
_PG_TEXTS = sql_text(
    "SELECT q.a, q.s, q.e, substr(a.body, q.s + 1, q.e - q.s) FROM unnest("
    "CAST(:a AS integer[]), CAST(:s AS integer[]), CAST(:e AS integer[])) AS q(a, s, e) "
    "JOIN articles a ON a.id = q.a"
)
_PG_SIZES = sql_text(
    "SELECT q.i, c.n FROM unnest(CAST(:bands AS smallint[]), CAST(:buckets AS bigint[])) "
    "WITH ORDINALITY AS q(band, bucket, i) CROSS JOIN LATERAL (SELECT count(*) AS n FROM "
    "(SELECT 1 FROM passage_signatures s WHERE s.band = q.band AND s.bucket = q.bucket "
    "LIMIT :n) AS t) AS c"
)


def _on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _bucket_heads(
    session: Session, pairs: Sequence[tuple[int, int]], exclude_article_id: int,
    per_bucket: int,
) -> list[tuple[int, int, int, int, int]]:
    """At most ``per_bucket`` stored sentences of each (band, bucket) pair, other articles'
    only: (article_id, start, end, band, bucket) rows, no text. One ``LIMIT``ed index range
    per pair (a ``UNION ALL`` of them), so a bucket shared by thousands of articles costs no
    more than a quiet one."""
    if _on_postgresql(session):
        return [tuple(r) for r in session.execute(_PG_HEADS, {
            "bands": [b for b, _ in pairs], "buckets": [k for _, k in pairs],
            "x": exclude_article_id, "n": per_bucket})]
    out: list[tuple[int, int, int, int, int]] = []
    for k in range(0, len(pairs), _CAPPED_CHUNK):
        chunk = list(pairs[k : k + _CAPPED_CHUNK])
        chunk += [_NOTHING] * (_CAPPED_CHUNK - len(chunk))
        params: dict[str, int] = {"x": exclude_article_id, "n": per_bucket}
        for i, (band, bucket) in enumerate(chunk):
            params[f"b{i}"] = band
            params[f"k{i}"] = bucket
        out.extend(tuple(r) for r in session.execute(
            _union_of(_HEADS, _CAPPED_CHUNK), params))
    return out


def _sentence_texts(
    session: Session, keys: Sequence[tuple[int, int, int]]
) -> dict[tuple[int, int, int], str]:
    """The stored sentences' text, cut from their bodies by the database (one row each).

    An article holding many of the sentences (``_DENSE`` or more) is read once, the span
    from its first sentence to its last, and cut here: cutting each of 5,000 sentences from
    one 2,000,000-character body made the database read that body 5,000 times (40 s)."""
    texts: dict[tuple[int, int, int], str] = {}
    per_article: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for key in keys:
        per_article[key[0]].append(key)
    dense = {a for a, ks in per_article.items() if len(ks) >= _DENSE}
    for article_id in sorted(dense):
        ks = per_article[article_id]
        low, high = min(k[1] for k in ks), max(k[2] for k in ks)
        span = session.scalar(select(func.substr(Article.body, low + 1, high - low))
                              .where(Article.id == article_id))
        if span is None:
            continue
        for key in ks:
            texts[key] = span[key[1] - low:key[2] - low]
    keys = [k for k in keys if k[0] not in dense]
    if not keys:
        return texts
    if _on_postgresql(session):
        rows = session.execute(_PG_TEXTS, {"a": [k[0] for k in keys],
                                           "s": [k[1] for k in keys],
                                           "e": [k[2] for k in keys]})
        texts.update({(int(a), int(s), int(e)): t for a, s, e, t in rows})
        return texts
    for k in range(0, len(keys), _CAPPED_CHUNK):
        chunk = list(keys[k : k + _CAPPED_CHUNK])
        chunk += [(-1, 0, 0)] * (_CAPPED_CHUNK - len(chunk))
        params: dict[str, int] = {}
        for i, (a, s, e) in enumerate(chunk):
            params[f"a{i}"], params[f"s{i}"], params[f"e{i}"] = a, s, e
        for a, s, e, body_text in session.execute(_union_of(_TEXTS, _CAPPED_CHUNK), params):
            texts[(int(a), int(s), int(e))] = body_text
    return texts


def _bucket_sizes(
    session: Session, pairs: Sequence[tuple[int, int]], cap: int
) -> list[int]:
    """How many stored sentences each (band, bucket) pair has, counting each up to ``cap +
    1`` (an index-only range count that stops there)."""
    if _on_postgresql(session):
        found: dict[int, int] = dict(session.execute(_PG_SIZES, {
            "bands": [b for b, _ in pairs], "buckets": [k for _, k in pairs],
            "n": cap + 1}).all())
        return [int(found.get(i + 1, 0)) for i in range(len(pairs))]
    counts: list[int] = []
    for k in range(0, len(pairs), _SIZES_CHUNK):
        chunk = list(pairs[k : k + _SIZES_CHUNK])
        real = len(chunk)
        chunk += [_NOTHING] * (_SIZES_CHUNK - len(chunk))
        params: dict[str, int] = {"n": cap + 1}
        for i, (band, bucket) in enumerate(chunk):
            params[f"b{i}"] = band
            params[f"k{i}"] = bucket
        found = dict(session.execute(_union_of(_SIZES, _SIZES_CHUNK), params).all())
        counts += [int(found.get(i, 0)) for i in range(real)]
    return counts


def _match_capped(
    session: Session, signed: Sequence[_Signed], exclude_article_id: int, threshold: float,
    limit: int,
) -> tuple[list[list[PassageMatch]], list[tuple[int, bool]]]:
    """``_match`` reading at most ``limit + 1`` candidates per (band, bucket) pair and keeping
    the ``limit`` best matches per sentence; also, per sentence, (about how many more, whether
    that count is a lower bound)."""
    per_bucket = limit + 1  # one more than shown: a full bucket says there are more
    wanted: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, s in enumerate(signed):
        for pair in s.buckets:
            wanted[pair].append(i)
    pairs = sorted(wanted)
    rows = _bucket_heads(session, pairs, exclude_article_id, per_bucket)
    # How many LSH bands each candidate shares with each query sentence: the more bands,
    # the closer the wording is likely to be (an identical sentence shares all of them).
    shared: dict[int, dict[tuple[int, int, int], int]] = defaultdict(lambda: defaultdict(int))
    per_pair: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)
    for article_id, start, end, band, bucket in rows:
        per_pair[(band, bucket)].append((article_id, start, end))
        for i in wanted[(band, bucket)]:
            shared[i][(article_id, start, end)] += 1
    # Only the likeliest 2 * limit candidates of each sentence are read and compared
    # exactly: generated and wire text shares template sentences, so a long article's
    # buckets hold thousands of loosely similar sentences.
    found: dict[tuple[int, int, int], set[int]] = defaultdict(set)
    for i, cands in shared.items():
        for key in sorted(cands, key=lambda c: (-cands[c], c))[: 2 * limit]:
            found[key].add(i)
    texts = _sentence_texts(session, sorted(found)) if found else {}
    result = _verified(signed, found, texts, threshold)
    checked: dict[int, set[tuple[int, int, int]]] = defaultdict(set)
    for key, query_indexes in found.items():
        for i in query_indexes:
            checked[i].add(key)
    # A sentence one of whose buckets filled its quota has more candidates than were read.
    # About how many of them repeat it: the size of its full bucket with the most candidates
    # compared exactly (counted up to a cap) times the share of the candidates read from
    # all its full buckets that matched (1 for a verbatim background sentence, less for
    # buckets of loosely similar template sentences).
    estimate: dict[int, tuple[tuple[int, int], float]] = {}
    for i, s in enumerate(signed):
        best: tuple[int, tuple[int, int]] | None = None
        good = {(m.article_id, m.start, m.end) for m in result[i]}
        seen_all = matched_all = 0
        for pair in s.buckets:
            keys = per_pair.get(pair, [])
            if len(keys) < per_bucket:
                continue
            seen = [k for k in keys if k in checked[i]]
            seen_all += len(seen)
            matched_all += sum(k in good for k in seen)
            if seen and (best is None or len(seen) > best[0]):
                best = (len(seen), pair)
        if best is not None and matched_all:
            estimate[i] = best[1], matched_all / seen_all
    sizes = dict(zip(estimate, _bucket_sizes(session, [p for p, _ in estimate.values()],
                                             MORE_COUNT_CAP), strict=True)) if estimate else {}
    more: list[tuple[int, bool]] = []
    for i, matches in enumerate(result):
        matches.sort(key=lambda m: (-m.similarity, m.article_id, m.start))
        extra = max(0, len(matches) - limit)
        capped = False
        if i in sizes:
            pair, share = estimate[i]
            own = len(wanted[pair])  # the article's own sentences in that bucket
            capped = sizes[i] > MORE_COUNT_CAP
            others = round((min(sizes[i], MORE_COUNT_CAP) - own) * share)
            extra = max(extra, others - min(len(matches), limit))
        del matches[limit:]
        more.append((extra, capped))
    return result, more


def passage_repeats(
    session: Session,
    article_id: int,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    include_unique: bool = False,
    limit: int | None = None,
    max_chars: int | None = None,
) -> list[PassageRepeat]:
    """The sentences of an article that other articles repeat, with where and how closely.

    Sentences are listed in body order; with ``include_unique`` every indexable sentence is
    listed, matched or not. Matches within the article itself are not reported.

    With ``limit``, each sentence lists at most that many matches: of the first ``limit +
    1`` stored sentences of each of its LSH buckets, the ``2 * limit`` sharing the most
    buckets with it are compared exactly, and the best shown (so a boilerplate sentence
    repeated in thousands of articles costs the same as a rare one); ``more`` estimates how
    many further stored sentences repeat it (a full bucket's size, counted up to
    ``MORE_COUNT_CAP``, times the share of its candidates that matched; ``more_capped`` when
    counting stopped at the cap).

    With ``max_chars``, only the sentences within the body's first ``max_chars`` characters
    are looked up (a sentence cut by that edge is left out): signing and looking up the
    26,802 sentences of a 2,000,000-character article took a minute.
    """
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"There is no article {article_id}.")
    body = article.body or ""
    if max_chars is not None and len(body) > max_chars:
        cut = body[:max_chars]
        signed = tuple(s for s in signed_passages(cut) if s.passage.end < len(cut))
    else:
        signed = signed_passages(body)
    if limit is None:
        matched = _match(session, signed, article_id, threshold)
        more = [(0, False)] * len(matched)
    else:
        matched, more = _match_capped(session, signed, article_id, threshold, max(1, limit))
    return [
        PassageRepeat(s.passage.start, s.passage.end, s.passage.text, matches, extra, capped)
        for s, matches, (extra, capped) in zip(signed, matched, more, strict=True)
        if matches or include_unique
    ]


def similar_passages(
    session: Session,
    text: str,
    exclude_article_id: int | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = None,
) -> list[PassageMatch]:
    """Stored sentences near-identical to any sentence of ``text``, best first.

    ``text`` may be one sentence (a claim) or several; each stored sentence is reported once,
    for the query sentence it resembles most. With ``limit``, each query sentence compares
    and reports at most that many (as :func:`passage_repeats` does), so a sentence repeated
    in 50,000 articles costs what a rare one does; :func:`similar_passages_counted` also says
    about how many were left out.
    """
    return similar_passages_counted(session, text, exclude_article_id, threshold=threshold,
                                    limit=limit)[0]


def similar_passages_counted(
    session: Session, text: str, exclude_article_id: int | None = None, *,
    threshold: float = DEFAULT_THRESHOLD, limit: int | None = None,
) -> tuple[list[PassageMatch], int]:
    """``similar_passages`` and about how many further repeats ``limit`` left out (the
    largest estimate of any query sentence; 0 without a limit)."""
    signed = signed_passages(text)
    left_out = 0
    if limit is None:
        matched = _match(session, signed, exclude_article_id, threshold)
    else:
        matched, more = _match_capped(
            session, signed, -1 if exclude_article_id is None else exclude_article_id,
            threshold, max(1, limit))
        left_out = max((extra for extra, _capped in more), default=0)
    best: dict[tuple[int, int, int], PassageMatch] = {}
    for matches in matched:
        for m in matches:
            key = (m.article_id, m.start, m.end)
            if key not in best or m.similarity > best[key].similarity:
                best[key] = m
    return sorted(best.values(), key=lambda m: (-m.similarity, m.article_id, m.start)), left_out
