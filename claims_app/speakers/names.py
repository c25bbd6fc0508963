"""How speaker names are compared: the one place that decides when two names match."""

from __future__ import annotations

import functools
import re
import unicodedata

from claims_app.textnorm import fold

# Titles and honorifics that precede a name without being part of it.
_HONORIFICS = re.compile(
    r"^(?:(?:mr|mrs|ms|dr|prof|sir|dame|fm|pm|gen|col|amb|sen|rep|gov|president|minister|"
    r"ambassador|secretary|general|foreign|prime|the)\.?\s+)+",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """A case-, accent-, quote- and look-alike-free form of a name for equality tests.

    Remembered (a pure function of the text): the review queue compares each fact-check's
    claimant with each queued claim's speaker names, some 200 keys a page, which was a
    sixth of the queue's time."""
    folded = fold(name)
    decomposed = unicodedata.normalize("NFKD", folded)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"[^\w\s-]", " ", plain.casefold())
    plain = re.sub(r"\s+", " ", plain).strip()
    stripped = _HONORIFICS.sub("", plain).strip()
    return stripped or plain


def surname_key(name: str) -> str:
    parts = name_key(name).split()
    return parts[-1] if parts else ""


def compatible_person_names(a: str, b: str) -> bool:
    """True when one name is a shortened form of the other ("Mammadyarov" and
    "Elmar Mammadyarov", "E. Mammadyarov"), never when the given names disagree."""
    ka, kb = name_key(a).split(), name_key(b).split()
    if not ka or not kb or ka[-1] != kb[-1]:
        return False
    fa, fb = ka[:-1], kb[:-1]
    if not fa or not fb:
        return True
    return all(
        x == y or x[0] == y[0] and (len(x) == 1 or len(y) == 1)
        for x, y in zip(fa, fb, strict=False)
    )
