"""Repeated wording: sentences that recur across articles, whether or not a claim covers them.

Each article's sentences are stored as LSH band signatures (:class:`PassageSignature`, see
:mod:`claims_app.crossref.passages`); a lookup hashes the query sentences the same way, fetches
the stored sentences sharing any (band, bucket) pair through the ``(band, bucket)`` index, and
keeps those whose exact shingle Jaccard similarity reaches the threshold. The cost of a lookup
depends on how many sentences share a bucket, not on the number of articles.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import and_, delete, func, or_, select
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
    "index_passages",
    "passage_repeats",
    "similar_passages",
]

#: Least shingle Jaccard similarity for two sentences to count as the same wording.
DEFAULT_THRESHOLD = 0.5
_CHUNK = 300  # (band, bucket) pairs per query: well under every engine's parameter limit


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

    @property
    def article_ids(self) -> list[int]:
        return sorted({m.article_id for m in self.matches})


@dataclass(frozen=True, slots=True)
class _Signed:
    passage: Passage
    shingles: frozenset[str]
    buckets: list[tuple[int, int]]


def _signed(text: str) -> tuple[_Signed, ...]:
    """Sentence signatures of a text, remembered for recently seen texts.

    An article page asks for its body's signatures on every view; they depend on the text
    alone, so a bounded per-process cache turns the MinHash work into a dictionary lookup.
    """
    return _signed_cached(text)


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
    signed = _signed(article.body or "")
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


def _match(
    session: Session, signed: Sequence[_Signed], exclude_article_id: int | None, threshold: float
) -> list[list[PassageMatch]]:
    """For each query sentence, its matches (best first)."""
    candidates, texts = _candidates(session, signed, exclude_article_id)
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
    for matches in result:
        matches.sort(key=lambda m: (-m.similarity, m.article_id, m.start))
    return result


def passage_repeats(
    session: Session,
    article_id: int,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    include_unique: bool = False,
) -> list[PassageRepeat]:
    """The sentences of an article that other articles repeat, with where and how closely.

    Sentences are listed in body order; with ``include_unique`` every indexable sentence is
    listed, matched or not. Matches within the article itself are not reported.
    """
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"There is no article {article_id}.")
    signed = _signed(article.body or "")
    matched = _match(session, signed, article_id, threshold)
    return [
        PassageRepeat(s.passage.start, s.passage.end, s.passage.text, matches)
        for s, matches in zip(signed, matched, strict=True)
        if matches or include_unique
    ]


def similar_passages(
    session: Session,
    text: str,
    exclude_article_id: int | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[PassageMatch]:
    """Stored sentences near-identical to any sentence of ``text``, best first.

    ``text`` may be one sentence (a claim) or several; each stored sentence is reported once,
    for the query sentence it resembles most.
    """
    signed = _signed(text)
    best: dict[tuple[int, int, int], PassageMatch] = {}
    for matches in _match(session, signed, exclude_article_id, threshold):
        for m in matches:
            key = (m.article_id, m.start, m.end)
            if key not in best or m.similarity > best[key].similarity:
                best[key] = m
    return sorted(best.values(), key=lambda m: (-m.similarity, m.article_id, m.start))
