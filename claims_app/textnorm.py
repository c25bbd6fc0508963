"""Text normalisation for matching and search: the one place that owns it.

Article text is stored verbatim and every offset points into it, so the matching form used by
the extractor must keep offsets: :func:`fold` is a strict one-character-for-one-character map.
:func:`normalize_for_search` is free to change length because search keys are never used as
offsets. :func:`find_lookalikes` exposes the look-alike letters that :func:`fold` repairs, so the
reviewer can be warned that the source text is not what it appears to be.

**Statement words.** The three comparisons of one statement with another (statement groups
and wording drift in :mod:`claims_app.provenance`, fact-check matching and changes of
position through :mod:`claims_app.factchecks.wording`) cut a statement into words here:
:func:`statement_words` (normalised words, in order) and :func:`statement_word_spans` (the
same words with their offsets in the text as written, for a word diff), both on
:data:`STATEMENT_WORD` (a number with its separators and percent sign, or a run of letters
and digits with inner apostrophes: "don't", "government's"); and :func:`american_spelling`
folds British spellings ("defence", "organised", "colour") for both. What each comparison
does with the words next (drift's number words and contractions, wording's stems and
function words) stays with it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

__all__ = [
    "STATEMENT_WORD",
    "american_spelling",
    "statement_word_spans",
    "statement_words",
    "fold",
    "normalize_for_search",
    "find_lookalikes",
    "keyboard_layout_reading",
    "LOOKALIKES",
]

# Punctuation and spacing that has a plain ASCII equivalent of one character.
_PUNCT_FOLD: dict[str, str] = {
    # double quotation marks (curly, low-9, guillemets, primes, full width)
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u301d": '"', "\u301e": '"', "\u301f": '"', "\uff02": '"',
    # single quotation marks and apostrophes
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
    "\u2032": "'", "\u02bc": "'", "\u02bb": "'", "\uff07": "'", "\u0060": "'", "\u00b4": "'",
    # dashes and minus signs
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    # spaces that are not ASCII spaces
    "\u00a0": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ",
    "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ",
    "\u202f": " ", "\u205f": " ", "\u3000": " ",
}
_PUNCT_RE = re.compile("[" + re.escape("".join(sorted(_PUNCT_FOLD))) + "]")

#: Cyrillic and Greek letters that are drawn like a Latin letter, mapped to that letter.
LOOKALIKES: dict[str, str] = {
    # Cyrillic capitals
    "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M", "\u041d": "H",
    "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0422": "T", "\u0425": "X", "\u0423": "Y",
    "\u0406": "I", "\u0408": "J", "\u0405": "S", "\u04ae": "Y", "\u0501": "d",
    # Cyrillic small letters
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0443": "y",
    "\u0445": "x", "\u0456": "i", "\u0458": "j", "\u0455": "s", "\u04bb": "h", "\u04cf": "l",
    "\u051b": "q", "\u051d": "w", "\u04af": "y", "\u043a": "k",
    # Greek capitals
    "\u0391": "A", "\u0392": "B", "\u0395": "E", "\u0396": "Z", "\u0397": "H", "\u0399": "I",
    "\u039a": "K", "\u039c": "M", "\u039d": "N", "\u039f": "O", "\u03a1": "P", "\u03a4": "T",
    "\u03a5": "Y", "\u03a7": "X",
    # Greek small letters
    "\u03bf": "o", "\u03bd": "v", "\u03b1": "a", "\u03b9": "i", "\u03ba": "k", "\u03c1": "p",
    "\u03c5": "u", "\u03c7": "x", "\u03f2": "c", "\u03f3": "j",
}

# Russian (ЙЦУКЕН) keyboard: the Latin letter printed on the same key.  A word typed with the
# layout switched the wrong way round ("Рe" for "He": Р sits on the H key) is a slip of the
# keyboard, not of the eye, so it needs this reading as well as the visual one.
_RU_KEYS = "йцукенгшщзфывапролдячсмить"
_EN_KEYS = "qwertyuiopasdfghjklzxcvbnm"
_LAYOUT: dict[str, str] = {}
for _ru, _en in zip(_RU_KEYS, _EN_KEYS, strict=True):
    _LAYOUT[_ru] = _en
    _LAYOUT[_ru.upper()] = _en.upper()

_WORD = re.compile(r"[^\W\d_]+")
_HAS_LOOKALIKE = re.compile("[" + "".join(LOOKALIKES) + "]")


def _is_latin_letter(ch: str) -> bool:
    """True for letters of the Latin script (ASCII or accented)."""
    if ch.isascii():
        return ch.isalpha()
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")


def _word_script(word: str) -> str:
    """Classify a word: 'latin', 'lookalike' (only look-alike letters) or 'other'."""
    if word.isascii():
        return "latin"
    if any(_is_latin_letter(c) for c in word):
        return "latin"
    if all(c in LOOKALIKES for c in word):
        return "lookalike"
    return "other"


def _lookalike_positions(text: str) -> list[tuple[int, str, str]]:
    """Offsets of look-alike letters that stand in a Latin-script context.

    A look-alike counts when its word also holds Latin letters ("Рe"), or when the word is made
    only of look-alikes and its nearest neighbours with a decided script are Latin (a whole word
    typed in Cyrillic inside English prose).  Words in real Cyrillic or Greek text are left alone.
    """
    if not _HAS_LOOKALIKE.search(text):
        return []
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    scripts = [_word_script(w) for _, w in words]
    found: list[tuple[int, str, str]] = []
    for i, (start, word) in enumerate(words):
        script = scripts[i]
        if script == "other" or not _HAS_LOOKALIKE.search(word):
            continue
        if script == "lookalike":
            before = next((s for s in reversed(scripts[:i]) if s != "lookalike"), None)
            after = next((s for s in scripts[i + 1 :] if s != "lookalike"), None)
            decided = [s for s in (before, after) if s is not None]
            if not decided or any(s != "latin" for s in decided):
                continue
        for j, ch in enumerate(word):
            latin = LOOKALIKES.get(ch)
            if latin is not None:
                found.append((start + j, ch, latin))
    return found


def fold(text: str) -> str:
    """Fold text for matching without changing its length.

    Curly, low-9, guillemet and prime quotation marks become ASCII quotes, dashes become '-',
    exotic spaces become ' ', and Cyrillic/Greek look-alike letters sitting in Latin-script words
    become the Latin letter they imitate.  ``len(fold(s)) == len(s)`` always, so any offset found
    in the folded text is an offset in the original.
    """
    if text.isascii():
        return text
    folded = _PUNCT_RE.sub(lambda m: _PUNCT_FOLD[m.group()], text)
    hits = _lookalike_positions(folded)
    if not hits:
        return folded
    chars = list(folded)
    for offset, _ch, latin in hits:
        chars[offset] = latin
    return "".join(chars)


def find_lookalikes(text: str) -> list[tuple[int, str, str]]:
    """List (offset, character, imitated Latin letter) for look-alikes in Latin-script words.

    These are exactly the letters :func:`fold` replaces; the web UI shows them to reviewers as a
    data-quality warning because a mixed-script word defeats naive search and copy-paste checks.
    """
    return _lookalike_positions(text)


def keyboard_layout_reading(word: str) -> str:
    """Read Cyrillic letters in ``word`` as the Latin key they share on a Russian keyboard.

    "Рe" reads "He".  Used to recover words typed with the wrong layout active, which a visual
    fold ("Pe") cannot repair.
    """
    return "".join(_LAYOUT.get(c, c) for c in word)


_ZERO_WIDTH = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")


def normalize_for_search(text: str) -> str:
    """Build a search key: NFKC, fold, casefold, accents stripped, whitespace collapsed.

    The result may be shorter or longer than the input; never use it for offsets.
    """
    if text.isascii():
        # Nothing to compose, fold, decompose or strip: the same key without the four
        # per-character passes (tests/test_textnorm.py checks it against them).
        return _SPACES.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = fold(text).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", stripped)).strip()


#: A word of a statement: a number with its separators and percent sign ("1,500", "5.2%"), or
#: a run of letters and digits with inner apostrophes ("don't", "government's").
STATEMENT_WORD = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W_]+(?:['\u2019][^\W_]+)*")


def statement_words(text: str) -> list[str]:
    """The normalised words of a statement, in order (the text normalised once, not word by
    word: grouping calls this for every claim)."""
    return STATEMENT_WORD.findall(normalize_for_search(text))


def statement_word_spans(text: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, as written, normalised)`` for each word of the text as written: the
    same words as :func:`statement_words`, with offsets into ``text``."""
    for m in STATEMENT_WORD.finditer(text):
        yield m.start(), m.end(), m.group(), normalize_for_search(m.group())


#: British spellings that the suffix rules below do not catch, mapped to American.
_SPELLING = {
    "defence": "defense", "offence": "offense", "licence": "license", "programme": "program",
    "programmes": "programs", "centre": "center", "centres": "centers", "metre": "meter",
    "metres": "meters", "kilometre": "kilometer", "kilometres": "kilometers",
    "theatre": "theater", "grey": "gray", "tyre": "tire", "cheque": "check",
    "analyse": "analyze", "analysed": "analyzed", "catalogue": "catalog", "dialogue": "dialog",
    "travelled": "traveled", "travelling": "traveling", "cancelled": "canceled",
    "cancelling": "canceling", "labelled": "labeled", "modelling": "modeling",
    "fulfil": "fulfill", "enrol": "enroll", "judgement": "judgment", "ageing": "aging",
    "aluminium": "aluminum", "pyjamas": "pajamas", "manoeuvre": "maneuver",
    "whilst": "while", "amongst": "among", "towards": "toward", "afterwards": "afterward",
}
_OUR = re.compile(r"^(colo|favo|hono|labo|neighbo|harbo|behavio|endeavo|flavo|humo|rumo|"
                  r"vigo|armo|savio|fervo|parlo|valo|rigo)ur(s|ed|ing|ite|ites|able|hood)?$")
_ISE = re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$")
#: Verbs ending in -ise that are spelt so in American English too.
_ISE_KEEP = frozenset({"advertise", "advise", "apprise", "arise", "chastise", "circumcise",
                       "comprise", "compromise", "concise", "demise", "despise", "devise",
                       "disguise", "enterprise", "excise", "exercise", "expertise",
                       "franchise", "improvise", "incise", "merchandise", "premise",
                       "precise", "promise", "revise", "rise", "supervise", "surmise",
                       "surprise", "televise", "wise", "otherwise", "likewise", "raise",
                       "praise", "noise", "poise", "cruise", "bruise", "paradise", "treatise",
                       "reprise", "mortise"})


@functools.lru_cache(maxsize=65536)
def american_spelling(word: str) -> str:
    """A normalised word in American spelling: "defence" -> "defense", "colours" ->
    "colors", "organised" -> "organized" ("promise", "exercise" kept). Remembered: a corpus
    has a few tens of thousands of distinct words."""
    if word in _SPELLING:
        return _SPELLING[word]
    m = _OUR.match(word)
    if m:
        return f"{m.group(1)}r{m.group(2) or ''}"
    m = _ISE.match(word)
    if m and f"{m.group(1)}ise" not in _ISE_KEEP:
        return f"{m.group(1)}iz{m.group(2)}"
    return word
