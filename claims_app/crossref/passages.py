"""Passages (sentences) and their MinHash/LSH signatures: pure functions on text.

A passage is one sentence of an article body, as an offset range into the verbatim body. Its
*shingles* are the word bigrams of its normalised tokens (:func:`tokens`: NFKC, quote styles,
look-alike letters, accents and case folded by :mod:`claims_app.textnorm`, British "-isation"
spelt "-ization"). The MinHash signature keeps, for each of ``BANDS * ROWS`` independent
32-bit hash functions, the smallest hash over the shingles; the probability that two passages
agree on one value is their shingle Jaccard similarity. The ``BANDS * ROWS`` hash functions are
the 32-bit words of one SHAKE-128 digest per shingle (one C call, then a C-level column ``min``),
about twice as fast in CPython as evaluating ``(a*h + b) mod p`` permutations in Python.
LSH banding cuts the signature into ``BANDS`` bands of ``ROWS`` values and hashes each band to
a bucket: two passages become candidates when they share any (band, bucket) pair,
which for 16 bands of 4 rows happens with probability 1 - (1 - J**4)**16 (0.64 at J = 0.5,
0.99 at J = 0.7). Candidates are then re-ranked by the exact Jaccard of their shingle sets, so
banding only decides what is compared, never what is reported.

Bigrams rather than longer shingles keep a one-word edit ("was"/"were") in a nine-word sentence
above the default similarity threshold of 0.5.
"""

from __future__ import annotations

import functools
import hashlib
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from claims_app.extract.segments import paragraphs, sentences
from claims_app.textnorm import fold, normalize_for_search

__all__ = [
    "BANDS",
    "ROWS",
    "MIN_TOKENS",
    "Passage",
    "band_buckets",
    "jaccard",
    "minhash",
    "passage_spans",
    "shingles",
    "tokens",
]

BANDS = 16
ROWS = 4
SHINGLE_WORDS = 2
#: Sentences with fewer normalised words are not indexed ("he said.").
MIN_TOKENS = 5

_MASK63 = (1 << 63) - 1
_HASHES = BANDS * ROWS
_UNPACK = struct.Struct(f">{_HASHES}I").unpack

_TOKEN = re.compile(r"[^\W_]+")
_BRITISH = re.compile(r"isation(s?)$")


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence: ``text == body[start:end]``."""

    start: int
    end: int
    text: str


def tokens(text: str) -> list[str]:
    """Normalised word tokens of a text, as used for shingles (and for search)."""
    return [_BRITISH.sub(r"ization\1", t) if "isation" in t else t
            for t in _TOKEN.findall(normalize_for_search(text))]


def passage_spans(body: str) -> Iterator[Passage]:
    """The sentences of a body (split on its folded form, so offsets are the body's own)."""
    folded = fold(body)
    for para in paragraphs(folded):
        for seg in sentences(folded, para):
            yield Passage(seg.start, seg.end, body[seg.start : seg.end])


@functools.lru_cache(maxsize=8192)
def shingles(text: str) -> frozenset[str]:
    """The word bigrams of a text's normalised tokens (its single word when it has only one).

    Remembered per text: boilerplate sentences recur in thousands of articles, and each
    article page compares its sentences against all of them.
    """
    return shingles_of(tokens(text))


def shingles_of(toks: list[str]) -> frozenset[str]:
    if len(toks) < SHINGLE_WORDS:
        return frozenset(toks)
    return frozenset(
        " ".join(toks[i : i + SHINGLE_WORDS]) for i in range(len(toks) - SHINGLE_WORDS + 1)
    )


def minhash(shingle_set: frozenset[str]) -> tuple[int, ...]:
    """The MinHash signature (``BANDS * ROWS`` values) of a non-empty shingle set."""
    rows = [
        _UNPACK(hashlib.shake_128(s.encode("utf-8")).digest(4 * _HASHES)) for s in shingle_set
    ]
    return tuple(map(min, zip(*rows, strict=True)))


def band_buckets(signature: tuple[int, ...]) -> list[tuple[int, int]]:
    """(band, bucket) for each LSH band; buckets are 63-bit so both engines store them."""
    out = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(
            b"".join(v.to_bytes(8, "big") for v in rows), digest_size=8,
            person=b"claims-lsh",
        ).digest()
        out.append((band, int.from_bytes(digest, "big") & _MASK63))
    return out


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def indexable(text: str) -> bool:
    return len(tokens(text)) >= MIN_TOKENS
