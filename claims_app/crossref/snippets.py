"""Snippets: the passage of a found record with the most query words, matches flagged.

Matching runs on the folded text (:func:`claims_app.textnorm.fold`, same length as the text),
so offsets are the original's and look-alike letters still highlight.
"""

from __future__ import annotations

import functools
import itertools
import re

from claims_app.crossref.passages import tokens
from claims_app.crossref.query import ParsedQuery
from claims_app.textnorm import fold

__all__ = ["SNIPPET_WORDS", "Piece", "highlight"]

SNIPPET_WORDS = 40

Piece = tuple[str, bool]


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
