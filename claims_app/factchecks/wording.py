"""What two statements have in common, and where they part: pure functions on text.

Shared by fact-check matching (is this fact-check about what this claim says?) and changes of
position (does this speaker now say the opposite?). Both need the same three readings of a
sentence, which whole-word similarity alone gets wrong:

- its **content stems**: the words that carry the topic, cut and normalised by the
  statement tokenizer every comparison shares (:func:`claims_app.textnorm.statement_words`:
  case, accents and quote styles folded), British spellings made American
  (:func:`claims_app.textnorm.american_spelling`), function words dropped and a light suffix
  stemming ("supported", "supports", "supporting" are one stem), so a
  paraphrase or a trimmed quote still shares most of them;
- its **polarity**: each negation ("not", "never", "won't") and each word on the negative side
  of a stance pair ("oppose" against "support", "reject" against "accept") flips it, so "will
  never accept" and "rejects" agree while "supports" and "opposes" do not;
- its **quantities**: each number with the word it counts ("15 percent", "3,000 troops"), so
  "15 percent" and "20 percent" are the same quantity with a changed number.

No database, no Flask: the matching services, the gold-set scorers and the tests all call
these same functions.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from claims_app.textnorm import american_spelling, statement_words

__all__ = [
    "NEGATIONS",
    "STANCE_PAIRS",
    "Quantity",
    "Reading",
    "changed_quantity",
    "dice",
    "overlap",
    "read",
    "stem",
]



def _words(text: str) -> frozenset[str]:
    """A word list written as text (one place to read and edit it)."""
    return frozenset(text.split())



_FUNCTION_WORDS = _words("""
a about above after again all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up us very was we were what when where which
while who whom why will with would you your yours yourself said says say saying told tell
according added stated noted insisted claimed declared announced mr ms mrs dr
""")

#: Words that negate what follows them (contractions kept whole by the tokenizer).
NEGATIONS = _words("""
not no never none nobody nothing neither nor without cannot can't won't don't doesn't didn't
isn't aren't wasn't weren't hasn't haven't hadn't shouldn't wouldn't couldn't mustn't
""")

#: Stance pairs: (positive words, negative words). A word of the negative side flips a
#: statement's polarity as a negation does.
STANCE_PAIRS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (_words(pos), _words(neg)) for pos, neg in (
        ("support supports supported supporting backs backed",
         "oppose opposes opposed opposing"),
        ("accept accepts accepted accepting", "reject rejects rejected rejecting"),
        ("agree agrees agreed agreeing", "disagree disagrees disagreed disagreeing"),
        ("approve approves approved approving", "disapprove disapproves disapproved"),
        ("allow allows allowed allowing permit permits permitted",
         "ban bans banned banning prohibit prohibits prohibited forbid forbids forbidden"),
        ("welcome welcomes welcomed welcoming", "condemn condemns condemned condemning"),
        ("ready willing", "refuse refuses refused refusing unwilling"),
        ("possible", "impossible"),
        ("legal lawful legitimate", "illegal unlawful illegitimate"),
        ("lift lifts lifted lifting", "impose imposes imposed imposing"),
        ("increase increases increased increasing raise raises raised raising",
         "decrease decreases decreased decreasing cut cuts cutting reduce reduces reduced"),
        ("continue continues continued continuing", "stop stops stopped stopping halt halts "
                                                     "halted halting suspend suspends "
                                                     "suspended"),
    ))

_STANCE_WORDS = frozenset(w for pos, neg in STANCE_PAIRS for w in pos | neg)
_NEGATIVE_STANCE = frozenset(w for _pos, neg in STANCE_PAIRS for w in neg)
#: Words that say how sure or when, not what: left out of the topic.
_MODALS = _words("may might must shall could would will can going")

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_PERCENT = frozenset({"percent", "per", "cent", "%"})


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stem: enough for "supported"/"supports"/"supporting" and plurals,
    never so much that two different words of a news sentence collapse."""
    if not word.isalpha() or len(word) <= 3:
        return word
    word = american_spelling(word)  # "recognised" and "recognized" are one word
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                break
            word = word[: len(word) - len(suffix)] + keep
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "stopp(ed)" -> "stop", "cutt(ing)" -> "cut"
    return word


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # the stem of the word counted ("percent", "troop"), "" when none follows
    text: str  # as written ("15 percent")


@dataclass(frozen=True)
class Reading:
    """A statement read for comparison (see the module docstring)."""

    words: tuple[str, ...]
    stems: frozenset[str]  # content stems, numbers included
    topic: frozenset[str]  # content stems without stance words, negations, numbers
    negations: int
    negative_stance: tuple[str, ...]  # negative-side stance words, in order
    stance: tuple[str, ...]  # every stance word, in order
    quantities: tuple[Quantity, ...]

    @property
    def polarity(self) -> int:
        """+1 or -1: flipped by each negation and each negative stance word."""
        return -1 if (self.negations + len(self.negative_stance)) % 2 else 1

    @property
    def has_stance(self) -> bool:
        return bool(self.negations or self.stance)


def _number(word: str) -> float | None:
    if not word[0].isdigit():
        return _NUMBER_WORDS.get(word)
    try:
        return float(word.rstrip("%").replace(",", ""))
    except ValueError:
        return None


def _quantities(words: list[str]) -> tuple[Quantity, ...]:
    found = []
    i = 0
    while i < len(words):
        value = _number(words[i])
        if value is None:
            i += 1
            continue
        start = i
        i += 1
        if i < len(words) and words[i] in _SCALES:
            value *= _SCALES[words[i]]
            i += 1
        unit = ""
        if words[start].endswith("%") or (i < len(words) and words[i] in _PERCENT):
            unit = "percent"
            while i < len(words) and words[i] in _PERCENT:
                i += 1
        elif 1900 <= value <= 2100 and value == int(value) and start > 0 and words[
                start - 1] in {"in", "since", "until", "by", "from", "of"}:
            continue  # a year: a date, not a quantity
        else:
            # the counted word: the next content word ("3,000 Armenian troops": "troop")
            for w in words[i:i + 3]:
                if w not in _FUNCTION_WORDS and _number(w) is None:
                    unit = stem(w)
                    break
        found.append(Quantity(value, unit, " ".join(words[start:i + (1 if unit and unit
                                                                       != "percent" else 0)])))
    return tuple(found)


@functools.lru_cache(maxsize=8192)
def read(text: str) -> Reading:
    """Read a statement once (cached: the same claim is compared with many others)."""
    words = statement_words(text)
    content = [w for w in words if w not in _FUNCTION_WORDS and w not in NEGATIONS]
    stems = frozenset(stem(w) for w in content)
    topic = frozenset(
        stem(w) for w in content
        if w not in _STANCE_WORDS and w not in _MODALS and len(w) > 1
        and not w[0].isdigit() and w not in _NUMBER_WORDS)
    return Reading(
        words=tuple(words), stems=stems, topic=topic,
        negations=sum(1 for w in words if w in NEGATIONS),
        negative_stance=tuple(w for w in words if w in _NEGATIVE_STANCE),
        stance=tuple(w for w in words if w in _STANCE_WORDS),
        quantities=_quantities(words),
    )


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """2|A∩B| / (|A|+|B|): 1.0 for the same words, 0.0 for none in common."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """|A∩B| / min(|A|,|B|): how much of the shorter one the longer one holds."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def changed_quantity(a: Reading, b: Reading) -> tuple[Quantity, Quantity] | None:
    """The first quantity both count (the same unit word, or both a percentage) with no
    number in common: ("15 percent", "20 percent"), else None."""
    units_a: dict[str, set[float]] = {}
    units_b: dict[str, set[float]] = {}
    for q in a.quantities:
        units_a.setdefault(q.unit, set()).add(q.value)
    for q in b.quantities:
        units_b.setdefault(q.unit, set()).add(q.value)
    for unit in sorted(units_a.keys() & units_b.keys()):
        if unit and not units_a[unit] & units_b[unit]:
            return (next(q for q in a.quantities if q.unit == unit),
                    next(q for q in b.quantities if q.unit == unit))
    return None
