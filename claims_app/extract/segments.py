"""Paragraphs and sentences as offset ranges into the body.

Quotation pairing is decided per paragraph (news convention continues a quote across paragraph
breaks only by reopening it), and reported speech is decided per sentence, so both need exact
boundaries that never move the offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims_app.extract.lexicon import ABBREVIATIONS

__all__ = ["Segment", "paragraphs", "sentences"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A half-open range ``[start, end)`` of the body with no leading or trailing whitespace."""

    start: int
    end: int


_LINE = re.compile(r"[^\n]+")
_OPEN_ENDING = re.compile(r"[A-Za-z0-9,;\-]$")


def paragraphs(text: str) -> list[Segment]:
    """Split at line breaks, re-joining lines that are hard wraps of one paragraph.

    A line is a wrap of the previous one when that line ends mid-sentence (a letter, digit,
    comma) and the next starts with a lower-case letter; otherwise every line break ends a
    paragraph, which is how the seed bodies and most feeds mark them.
    """
    result: list[Segment] = []
    for m in _LINE.finditer(text):
        start, end = _trim(text, m.start(), m.end())
        if start >= end:
            continue
        if (
            result
            and text[start].islower()
            and _OPEN_ENDING.search(text, result[-1].end - 1, result[-1].end)
            and text.count("\n", result[-1].end, start) == 1
        ):
            result[-1] = Segment(result[-1].start, end)
        else:
            result.append(Segment(start, end))
    return result


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# A full stop, question or exclamation mark, optionally followed by closing quotes/brackets,
# then whitespace and something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[A-Z0-9])")
_LAST_TOKEN = re.compile(r"(\S+)$")


def sentences(text: str, para: Segment) -> list[Segment]:
    """Split one paragraph of (folded) text into sentences, skipping abbreviations and initials."""
    result: list[Segment] = []
    start = para.start
    for m in _BOUNDARY.finditer(text, para.start, para.end):
        if (text[m.start()] == "." and _is_abbreviation(text, start, m.start())
                and not _ACRONYM_THEN_OPENER.match(text, m.start() - 3, m.end() + 8)):
            continue
        end = m.end()
        s, e = _trim(text, start, end)
        if s < e:
            result.append(Segment(s, e))
        start = end
    s, e = _trim(text, start, para.end)
    if s < e:
        result.append(Segment(s, e))
    return result


# A dotted acronym closing a sentence ("in Washington D.C. He recalled", "at 9 p.m. They"):
# a word that only opens sentences follows it.
_ACRONYM_THEN_OPENER = re.compile(
    r"(?:[A-Za-z]\.[A-Za-z]|[A-Za-z]\.[A-Za-z]\.[A-Za-z])\.\s+(?:He|She|They|It|We|I|The|This|"
    r"That|There|But|And|Yet|His|Her|Their|Its)\b")


def _is_abbreviation(text: str, sent_start: int, dot: int) -> bool:
    m = _LAST_TOKEN.search(text, sent_start, dot)
    if m is None:
        return False
    token = m.group(1).lstrip("\"'([").lower()
    if token in ABBREVIATIONS:
        return True
    # single initials ("J. Smith") and dotted acronyms ("U.S.")
    return (len(token) == 1 and token.isalpha()) or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))
