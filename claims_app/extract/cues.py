"""Compiled cue patterns: the verbs and phrases that mark speech, and the subject before them.

Kept apart from the rules that use them so that direct-quote attribution and reported speech
agree on what counts as a cue and on how a subject phrase is cut out of its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims_app.extract.lexicon import (
    ADVERBS,
    FEELING_CUE,
    HEARER,
    SPEECH_VERBS,
    STANCE_CUES,
    VERBS_WITH_HEARER,
    alternation,
)

__all__ = ["CueMatch", "find_cues", "INVERTIBLE", "subject_span", "HEARER_RE", "ADVERB_RUN"]

_SPEECH = alternation(SPEECH_VERBS)
_STANCE = alternation(STANCE_CUES)
_AUX = r"(?:has|have|had)(?:\s+(?:also|repeatedly|already))?\s+"
_CUE = re.compile(
    rf"\b(?P<cue>(?:{_AUX})?(?:(?P<feeling>{FEELING_CUE})|(?P<stance>{_STANCE})|"
    rf"(?P<verb>{_SPEECH})(?:\s+(?P<hearer>{HEARER}))?))(?![\w-])"
)
HEARER_RE = re.compile(HEARER)
ADVERB_RUN = re.compile(rf"(?:\s+(?:{alternation(ADVERBS)}))+\s*$", re.IGNORECASE)

#: Verbs that may come before their subject after a quotation ("added the representative").
INVERTIBLE = re.compile(
    r"(?:said|says|added|adds|noted|notes|stated|stressed|emphasized|emphasised|concluded|"
    r"explained|remarked|declared|announced|insisted|argued|warned|asserted|recalled|"
    r"acknowledged|admitted|confirmed|continued|wrote|replied|answered|responded|commented|"
    r"reiterated|went\s+on|asked|cautioned|observed|underlined|pointed\s+out)\b"
)


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue found in folded text: its span, its text, and which family it belongs to."""

    start: int
    end: int
    text: str
    family: str  # "speech" | "stance" | "feeling"
    needs_hearer: bool


def find_cues(text: str, start: int, end: int) -> list[CueMatch]:
    """All cues in ``text[start:end]``; a "told" without a hearer is not a cue."""
    found: list[CueMatch] = []
    for m in _CUE.finditer(text, start, end):
        if m.group("feeling"):
            family = "feeling"
        elif m.group("stance"):
            family = "stance"
        else:
            family = "speech"
            verb = m.group("verb").lower()
            if verb in VERBS_WITH_HEARER and not m.group("hearer"):
                continue
            if verb not in VERBS_WITH_HEARER and m.group("hearer"):
                # "said Ahmed" is an inversion, not a hearer: keep only the verb
                cue_end = m.start("verb") + len(m.group("verb"))
                found.append(CueMatch(m.start("cue"), cue_end, text[m.start("cue"):cue_end],
                                      family, False))
                continue
        found.append(CueMatch(m.start("cue"), m.end("cue"), m.group("cue"), family, False))
    return found


_APPOSITIVE = re.compile(
    r"(?P<subj>[^,]+),\s+(?P<appos>(?:the|a|an|his|her|its)\s[^,]+),\s*$", re.IGNORECASE
)


def subject_span(text: str, lo: int, cue_start: int) -> tuple[int, int, str | None] | None:
    """Cut the subject of a cue out of ``text[lo:cue_start]``.

    The subject is what follows the last comma (an introductory phrase ends with one:
    "In his letter, Soleimanpour expressed"), minus adverbs ("further calls for"); a subject
    followed by an appositive ("Ali, the minister, said") returns the appositive as well.
    Returns (start, end, appositive) or None when nothing is there.
    """
    segment = text[lo:cue_start]
    adverbs = ADVERB_RUN.search(segment)
    if adverbs:
        segment = segment[: adverbs.start()]
    stripped = segment.rstrip()
    appos: str | None = None
    if stripped.endswith(","):
        m = _APPOSITIVE.search(stripped)
        if not m:
            return None
        appos = m.group("appos").strip()
        head_end = m.end("subj")
        comma = stripped.rfind(",", 0, m.start("subj"))
        s = lo + comma + 1 if comma >= 0 else lo
        e = lo + head_end
    else:
        comma = stripped.rfind(",")
        s = lo + comma + 1 if comma >= 0 else lo
        e = lo + len(stripped)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s >= e:
        return None
    return s, e, appos
