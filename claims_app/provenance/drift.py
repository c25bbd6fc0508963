"""Wording drift between two reports of one statement: pure functions on text.

Why a word-level diff with named kinds rather than a similarity score: a reviewer checking a
quote repeated by ten outlets needs to see *what* changed ("five" became "15", "not" was
dropped), and a score of 0.93 hides the one change that matters among cosmetic ones. So the
two wordings are cut into words, each word gets a *matching form* in which cosmetic
variation is folded away (quote marks and punctuation, case, accents, British/American
spelling, "was"/"were", number words "five" = "5", "n't" = "not"), ``difflib`` aligns the
matching forms, and every unequal stretch is named:

``number``   a number or date changed (digits, number words, month names);
``negation`` a negation added or dropped (not, never, no, n't, none, nobody ...);
``hedge``    a modal or hedge changed (may/might/will/would/could, about/around/nearly ...);
``entity``   a capitalised name changed (not the first word of a sentence);
``speaker``  the same words attributed to another speaker (decided by the caller, which
             knows the speakers: :func:`speaker_difference`);
``wording``  anything else.

The first five are *material* (``Difference.material``): they are what turns a repeat into a
possible misquote. ``wording`` is listed but not flagged (outlets trim and rephrase
constantly), and cosmetic differences (equal matching forms, different letters) only show in
the word diff (:func:`word_diff`). Words added or dropped at either end are a trimmed or
extended quote, not drift.

Reported speech ("he said they would not ...") shifts pronouns and tenses from the direct
quote it reports ("We will not ..."); ``reported=True`` folds those shifts too, for the
paraphrase-fidelity check.

Other modules (fact-check matching, changes of position) may reuse :func:`statement_tokens`
and :func:`classify_differences`; nothing here touches the database or Flask.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

from claims_app.textnorm import american_spelling, statement_word_spans, statement_words

__all__ = [
    "MATERIAL_KINDS",
    "Difference",
    "DiffPiece",
    "Word",
    "classify_differences",
    "differences_in",
    "speaker_difference",
    "statement_tokens",
    "word_diff",
    "words",
]

MATERIAL_KINDS = frozenset({"number", "negation", "hedge", "entity", "speaker"})

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
    "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
    "first": "1st", "second": "2nd", "third": "3rd", "half": "0.5", "dozen": "12",
}
_MONTHS = frozenset({
    "january", "february", "april", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "yesterday", "today", "tomorrow",
})
_NEGATIONS = frozenset({"not", "never", "no", "none", "nobody", "nothing", "neither", "nor",
                        "without", "cannot", "nowhere"})
_HEDGES = frozenset({
    "may", "might", "will", "would", "could", "can", "should", "must", "shall", "about",
    "around", "nearly", "almost", "some", "approximately", "roughly", "likely", "unlikely",
    "possibly", "perhaps", "probably", "possible", "certainly", "definitely", "expected",
    "least", "more", "less", "fewer", "than", "estimated", "reportedly", "allegedly",
})
#: Agreement with a collective noun differs between styles ("the government were"/"was").
_AGREEMENT = {"were": "was", "are": "is"}
_CONTRACTED_NOT = {"can": "can", "ca": "can", "won": "will", "wo": "will", "shan": "shall",
                   "don": "do", "doesn": "does", "didn": "did", "isn": "is", "aren": "is",
                   "wasn": "was", "weren": "was", "hasn": "has", "haven": "has", "hadn": "had",
                   "couldn": "could", "wouldn": "would", "shouldn": "should", "mustn": "must",
                   "mightn": "might", "needn": "need", "ain": "is"}
#: Reported speech shifts these from the direct quote it reports (I -> he, will -> would).
_REPORTED = {
    "i": "_subj", "we": "_subj", "he": "_subj", "she": "_subj", "they": "_subj",
    "it": "_subj", "me": "_obj", "us": "_obj", "him": "_obj", "her": "_poss", "them": "_obj",
    "my": "_poss", "our": "_poss", "his": "_poss", "their": "_poss", "its": "_poss",
    "mine": "_poss", "ours": "_poss", "theirs": "_poss", "would": "will", "could": "can",
    "might": "may", "should": "shall", "was": "is", "had": "has", "have": "has",
    "this": "that", "these": "those", "here": "there", "now": "then",
}


@dataclass(frozen=True, slots=True)
class Word:
    """One word as written (``text``), where it is (``start``, ``end`` in the text), the
    matching form(s) it counts as (two for "don't": "do", "not") and whether it opens a
    sentence (a capital there says nothing about a name)."""

    text: str
    start: int
    end: int
    forms: tuple[str, ...]
    sentence_start: bool


@dataclass(frozen=True, slots=True)
class Difference:
    """One changed stretch between our wording and theirs, named by ``kind``."""

    kind: str
    ours: str
    theirs: str

    @property
    def material(self) -> bool:
        return self.kind in MATERIAL_KINDS

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "ours": self.ours, "theirs": self.theirs}


@dataclass(frozen=True, slots=True)
class DiffPiece:
    """One piece of the word diff, for display: ``op`` is ``equal``, ``cosmetic`` (same
    matching form, other letters), ``trim`` (words only one side has, at either end),
    or ``change`` (with ``kind``, material or not)."""

    op: str
    ours: str
    theirs: str
    kind: str = ""

    @property
    def material(self) -> bool:
        return self.kind in MATERIAL_KINDS


def _form(w: str) -> str:
    """The matching form of one normalised word (no apostrophe)."""
    if w in _NUMBER_WORDS:
        return _NUMBER_WORDS[w]
    if w[:1].isdigit():
        return w.replace(",", "")  # 1,500 = 1500
    if w in _AGREEMENT:
        return _AGREEMENT[w]
    return american_spelling(w)


@functools.lru_cache(maxsize=65536)
def _forms(low: str) -> tuple[str, ...]:
    """The matching forms of one normalised word: two for "don't" ("do", "not") and
    "we'll" ("we", "will"), none of the possessive "'s". Remembered: a corpus has a few
    tens of thousands of distinct words."""
    low = low.replace("\u2019", "'")
    if low.endswith("n't"):
        base = low[:-3]
        return (_CONTRACTED_NOT.get(base, base), "not")
    if low == "cannot":
        return ("can", "not")
    if "'" in low:
        head, _, tail = low.partition("'")
        if tail == "s":  # "government's" is the government
            return (_form(head),)
        return (_form(head), _form(
            {"ll": "will", "re": "are", "ve": "have", "d": "would", "m": "am"}.get(tail, tail)))
    return (_form(low),)


def words(text: str) -> list[Word]:
    """The words of a text with their matching forms (see the module docstring)."""
    out: list[Word] = []
    sentence_start = True
    last = 0
    for start, end, raw, low in statement_word_spans(text):
        between = text[last:start]
        # a sentence ends before this word, or a quote opens inside a sentence (it starts
        # with a capital)
        if out and any(c in ".!?\"\u201c\u00ab:" for c in between):
            sentence_start = True
        out.append(Word(raw, start, end, _forms(low), sentence_start))
        sentence_start = False
        last = end
    return out


def statement_tokens(text: str, *, reported: bool = False) -> list[str]:
    """The matching forms of a text's words (:func:`claims_app.textnorm.statement_words`),
    in order: what grouping and drift compare."""
    forms = [f for w in statement_words(text) for f in _forms(w)]
    if reported:
        return [_REPORTED.get(f, f) for f in forms]
    return forms


def _flat(ws: list[Word], reported: bool) -> tuple[list[str], list[int]]:
    """Matching forms and, for each, the index of the word it came from."""
    forms: list[str] = []
    owner: list[int] = []
    for i, w in enumerate(ws):
        for f in w.forms:
            forms.append(_REPORTED.get(f, f) if reported else f)
            owner.append(i)
    return forms, owner


def _is_number(form: str) -> bool:
    return form[:1].isdigit() or form in _MONTHS


def _kind(ours: list[Word], theirs: list[Word], our_forms: list[str],
          their_forms: list[str]) -> str:
    """Name one changed stretch (see the module docstring for the order)."""
    nums_a = sorted(f for f in our_forms if _is_number(f))
    nums_b = sorted(f for f in their_forms if _is_number(f))
    if nums_a != nums_b:
        return "number"
    neg_a = sum(f in _NEGATIONS for f in our_forms)
    neg_b = sum(f in _NEGATIONS for f in their_forms)
    if neg_a != neg_b:
        return "negation"
    if sorted(f for f in our_forms if f in _HEDGES) != sorted(
            f for f in their_forms if f in _HEDGES):
        return "hedge"

    def names(ws: list[Word]) -> set[str]:
        return {w.forms[0] for w in ws
                if w.text[:1].isupper() and not w.sentence_start and w.text.lower() != "i"}

    if names(ours) != names(theirs):
        return "entity"
    return "wording"


def _sense_word(form: str) -> bool:
    """A word that alone changes what a sentence claims: a hedge, negation or number."""
    return form in _HEDGES or form in _NEGATIONS or _is_number(form)


def _words_of(ws: list[Word], owner: list[int], lo: int, hi: int) -> list[Word]:
    idx = sorted(set(owner[lo:hi]))
    return [ws[i] for i in idx]


def _text_of(text: str, ws: list[Word]) -> str:
    if not ws:
        return ""
    return text[ws[0].start:ws[-1].end]


def word_diff(ours: str, theirs: str, *, reported: bool = False) -> list[DiffPiece]:
    """The word diff of two wordings, each piece named (``DiffPiece``)."""
    wa, wb = words(ours), words(theirs)
    fa, oa = _flat(wa, reported)
    fb, ob = _flat(wb, reported)
    matcher = difflib.SequenceMatcher(None, fa, fb, autojunk=False)
    codes = matcher.get_opcodes()
    pieces: list[DiffPiece] = []
    for n, (op, i1, i2, j1, j2) in enumerate(codes):
        a = _words_of(wa, oa, i1, i2)
        b = _words_of(wb, ob, j1, j2)
        if op == "equal":
            # equal matching forms: letters may still differ (a cosmetic difference)
            run_equal: list[Word] = []
            run_theirs: list[Word] = []
            for x, y in zip(a, b, strict=False):
                if x.text == y.text:
                    run_equal.append(x)
                    run_theirs.append(y)
                    continue
                if run_equal:
                    pieces.append(DiffPiece("equal", _text_of(ours, run_equal),
                                            _text_of(theirs, run_theirs)))
                    run_equal, run_theirs = [], []
                pieces.append(DiffPiece("cosmetic", x.text, y.text))
            if run_equal:
                pieces.append(DiffPiece("equal", _text_of(ours, run_equal),
                                        _text_of(theirs, run_theirs)))
            continue
        kind = _kind(a, b, fa[i1:i2], fb[j1:j2])
        at_end = n == 0 or n == len(codes) - 1
        # Words only one side has at either end are a trimmed or extended quote, unless
        # they are one or two words that change its sense ("About 300 families" -> "300
        # families"): trimming drops a clause, not a hedge.
        if at_end and op in ("insert", "delete") and (
                len(a) + len(b) > 2 or kind in ("wording", "entity")
                or not all(_sense_word(f) for f in fa[i1:i2] + fb[j1:j2])):
            pieces.append(DiffPiece("trim", _text_of(ours, a), _text_of(theirs, b)))
            continue
        pieces.append(DiffPiece("change", _text_of(ours, a), _text_of(theirs, b), kind))
    return pieces


def classify_differences(ours: str, theirs: str, *, reported: bool = False) -> list[Difference]:
    """The named differences between our wording and theirs, in text order: material ones
    (number, negation, hedge, entity) and ``wording``; cosmetic variation and trimmed or
    extended ends are not listed (:func:`word_diff` shows them). Symmetric in kind:
    swapping the arguments swaps ``ours`` and ``theirs`` only."""
    return differences_in(word_diff(ours, theirs, reported=reported))


def differences_in(pieces: list[DiffPiece]) -> list[Difference]:
    """The named differences of a :func:`word_diff` already made: a page showing both the
    diff and its differences diffs each pair of wordings once (half of the claim page's
    appearances time was the same diff made twice)."""
    return [Difference(p.kind, p.ours, p.theirs) for p in pieces if p.op == "change"]


def speaker_difference(ours: str | None, theirs: str | None) -> Difference | None:
    """The ``speaker`` difference when both wordings are attributed, to different speakers;
    an unattributed appearance (wire background) is not a misattribution."""
    if ours and theirs and ours != theirs:
        return Difference("speaker", ours, theirs)
    return None
