"""Quote-pair rules: which quotation marks open, which close, and which belong together.

The rules look at the original glyphs (a curly mark says which way it faces) and at the
characters around each mark (a mark after a space and before a letter opens, whatever its
glyph), because real copy mixes styles: the seeds open with a straight ``"`` and close with a
curly ``”``.  Pairing is done per paragraph with a stack, so quotes nested inside quotes stay
inside, and the news convention for long quotes is honoured: a paragraph that leaves a quote open
continues into the next paragraph when that paragraph reopens it.  Single marks are paired only
in paragraphs without double marks, and an apostrophe between two letters is never a mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims_app.extract.segments import Segment

__all__ = ["QuoteSpan", "find_quotes", "DOUBLE_MARKS", "SINGLE_MARKS"]

_DOUBLE_OPEN = "\u201c\u201e\u201f\u00ab\u301d"
_DOUBLE_CLOSE = "\u201d\u00bb\u301e\u301f"
_DOUBLE_AMBIG = '"\uff02\u2033'
_SINGLE_OPEN = "\u2018\u201a\u201b\u2039"
_SINGLE_CLOSE = "\u2019\u203a"
_SINGLE_AMBIG = "'\uff07\u2032"

DOUBLE_MARKS = frozenset(_DOUBLE_OPEN + _DOUBLE_CLOSE + _DOUBLE_AMBIG)
SINGLE_MARKS = frozenset(_SINGLE_OPEN + _SINGLE_CLOSE + _SINGLE_AMBIG)
_ALL_MARKS = DOUBLE_MARKS | SINGLE_MARKS

_DOUBLE_RE = re.compile("[" + re.escape("".join(sorted(DOUBLE_MARKS))) + "]")
_SINGLE_RE = re.compile("[" + re.escape("".join(sorted(SINGLE_MARKS))) + "]")

_OPEN, _CLOSE, _EITHER = 1, 2, 3
# Invisible format characters (direction marks, zero-width space, byte-order mark) that copy
# pasted from social media leaves before a mark: they separate like a space (seventh pass).
_INVISIBLE = frozenset(
    "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
_BEFORE_OPENING = frozenset("([{-\u2013\u2014/:;") | _ALL_MARKS
_AFTER_CLOSING = frozenset(".,;:!?)]}-\u2013\u2014\u2026") | _ALL_MARKS


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A top-level quotation inside one paragraph.

    ``open`` is the offset of the opening mark; ``close`` that of the closing mark, or None when
    the quote runs on into the next paragraph.  ``start``/``end`` bound the quoted words (trimmed,
    trailing comma dropped).  Pieces of one quotation continued over paragraphs share ``group``.
    """

    open: int
    close: int | None
    start: int
    end: int
    para: int
    group: int
    single: bool


def _glyph_direction(ch: str) -> int:
    if ch in _DOUBLE_OPEN or ch in _SINGLE_OPEN:
        return _OPEN
    if ch in _DOUBLE_CLOSE or ch in _SINGLE_CLOSE:
        return _CLOSE
    return _EITHER


def _direction(text: str, i: int, para: Segment, depth: int) -> int:
    """Decide whether the mark at ``i`` opens or closes, context first, then glyph, then depth."""
    prev = text[i - 1] if i > para.start else " "
    nxt = text[i + 1] if i + 1 < para.end else " "
    if prev in _INVISIBLE:
        prev = " "  # a direction mark pasted before a quotation ('\u202a"This is ...')
    can_open = (prev.isspace() or prev in _BEFORE_OPENING) and not nxt.isspace()
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSING)
    if can_open and not can_close:
        return _OPEN
    if can_close and not can_open:
        return _CLOSE
    glyph = _glyph_direction(text[i])
    if glyph != _EITHER:
        return glyph
    return _CLOSE if depth else _OPEN


def _is_apostrophe(text: str, i: int, para: Segment) -> bool:
    prev = text[i - 1] if i > para.start else " "
    nxt = text[i + 1] if i + 1 < para.end else " "
    return prev.isalnum() and nxt.isalnum()


def _pair(
    text: str, para: Segment, single: bool
) -> tuple[list[tuple[int, int]], list[int]]:
    """Pair the marks of one kind in a paragraph.

    Returns the top-level pairs (open, close) and the opening marks left unclosed.  A pair that
    sits inside an unclosed opening counts as top level, because that opening was a stray.
    """
    finder = _SINGLE_RE if single else _DOUBLE_RE
    stack: list[int] = []
    pairs: list[tuple[int, int, int]] = []
    for m in finder.finditer(text, para.start, para.end):
        i = m.start()
        if single and _is_apostrophe(text, i, para):
            continue
        if _direction(text, i, para, len(stack)) == _OPEN:
            stack.append(i)
        elif stack:
            opening = stack.pop()
            pairs.append((opening, i, len(stack)))
    top = [
        (o, c)
        for o, c, depth in pairs
        if depth - sum(1 for u in stack if u < o) == 0
    ]
    top.sort()
    return top, stack


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace and a trailing comma (news style for a full stop before the cue)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] == ",":
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _opens_with_quote(text: str, para: Segment) -> bool:
    ch = text[para.start]
    return ch in DOUBLE_MARKS and _direction(text, para.start, para, 0) == _OPEN


def find_quotes(text: str, paras: list[Segment]) -> list[QuoteSpan]:
    """All top-level quotations of the body, in order, with continued quotes grouped."""
    result: list[QuoteSpan] = []
    group = -1
    carry = False  # the previous paragraph left a quote open that this paragraph reopens
    for p_index, para in enumerate(paras):
        has_double = _DOUBLE_RE.search(text, para.start, para.end) is not None
        single = not has_double
        pairs, unclosed = _pair(text, para, single=single)
        continues = (
            bool(unclosed)
            and not single
            and p_index + 1 < len(paras)
            and _opens_with_quote(text, paras[p_index + 1])
        )
        # the last paragraph of a quotation continued over paragraphs may leave its mark
        # unclosed (a transcript ending the story: '"LORNE: That is why we will win.'):
        # its words still run to the paragraph's end
        last_open = (not continues and carry and not single and bool(unclosed)
                     and unclosed[0] == para.start)
        first = True
        if continues or last_open:
            opening = unclosed[0]
            pairs = [(o, c) for o, c in pairs if o < opening]
        for o, c in pairs:
            s, e = _content(text, o + 1, c)
            if s >= e:
                continue
            joins = carry and first and o == para.start
            if not joins:
                group += 1
            first = False
            result.append(QuoteSpan(o, c, s, e, p_index, group, single))
        if continues or last_open:
            opening = unclosed[0]
            s, e = _content(text, opening + 1, para.end)
            if s < e:
                joins = carry and first and opening == para.start
                if not joins:
                    group += 1
                result.append(QuoteSpan(opening, None, s, e, p_index, group, False))
        carry = continues
    return result
