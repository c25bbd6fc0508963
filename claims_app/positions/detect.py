"""Possible changes of position: pure functions on one speaker's dated statements.

Two statements of one speaker are a possible change of position when they are **on the same
topic** (at least ``TOPIC`` of their topic stems shared, :mod:`claims_app.factchecks.wording`:
content words without negations, stance words, modals and numbers, so "we support the
ceasefire" and "we oppose the ceasefire" share their whole topic), were said **on different
dates**, and **conflict** in one of three ways:

- ``negation``: one is negated where the other is not ("will withdraw" / "will not
  withdraw"), with the same stance words;
- ``stance``: opposite stance words ("support" / "oppose", "accept" / "reject"), unless a
  negation turns one back ("will never accept" agrees with "rejects");
- ``number``: the same quantity (a number counting the same word, "15 percent" / "20
  percent") with a different number.

What counts as a conflict is the sign of a statement's polarity, each negation and
negative stance word flipping it; a topic overlap alone is never enough. These are proposals
for a reviewer: the service pairs them, the reviewer confirms (a ``contradicts`` link) or
dismisses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from claims_app.factchecks.wording import NEGATIONS, Reading, changed_quantity, read

__all__ = ["MAX_FOUND", "TOPIC", "Change", "Proposal", "Statement", "position_change",
           "propose", "topic_overlap"]

#: Least share of topic stems (Jaccard) for two statements to be on the same topic (tuned on
#: tests/data/positions/).
TOPIC = 0.4


@dataclass(frozen=True)
class Change:
    kind: str  # "negation" | "stance" | "number"
    ours: str  # what the earlier statement says at the point of conflict
    theirs: str  # what the later one says instead


@dataclass(frozen=True)
class Statement:
    """One dated statement of a speaker (a claim, or a gold-set line)."""

    id: Hashable
    speaker: Hashable
    said: dt.date | None
    text: str


@dataclass(frozen=True)
class Proposal:
    """A possible change of position: ``earlier`` said before ``later``."""

    earlier: Statement
    later: Statement
    change: Change
    topic: float

    @property
    def key(self) -> tuple[Hashable, Hashable]:
        return (self.earlier.id, self.later.id)


def topic_overlap(a: Reading, b: Reading) -> float:
    if not a.topic or not b.topic:
        return 0.0
    return len(a.topic & b.topic) / len(a.topic | b.topic)


def _negation_words(r: Reading) -> str:
    return " ".join(w for w in r.words if w in NEGATIONS) or "(no negation)"


def position_change(a: str, b: str) -> Change | None:
    """How ``b`` conflicts with ``a`` on the same topic, or None (see the module docstring).
    Numbers are checked first: "cut by 10 percent" / "cut by 20 percent" is a changed
    number, not a stance."""
    ra, rb = read(a), read(b)
    if topic_overlap(ra, rb) < TOPIC:
        return None
    changed = changed_quantity(ra, rb)
    if changed is not None:
        return Change("number", changed[0].text, changed[1].text)
    if ra.polarity != rb.polarity and (ra.has_stance or rb.has_stance):
        if set(ra.negative_stance) != set(rb.negative_stance) or (
                bool(ra.stance) != bool(rb.stance)):
            return Change("stance", " ".join(ra.stance) or _negation_words(ra),
                          " ".join(rb.stance) or _negation_words(rb))
        return Change("negation", _negation_words(ra), _negation_words(rb))
    return None


#: Proposals gathered before the search stops (the pages show a few; a speaker repeating one
#: number in every statement cannot make a page gather thousands).
MAX_FOUND = 200


def _candidates(readings: list[Reading], dated: list[int], involving: int | None
                ) -> list[tuple[int, int]]:
    """The pairs (i < j) that could conflict at all, without comparing every pair: a
    statement of positive polarity with one of negative polarity (negative polarity needs a
    negation or stance word, so the pair has one), or two counting the same quantity."""
    positive = [i for i in dated if readings[i].polarity > 0]
    negative = [i for i in dated if readings[i].polarity < 0]
    by_unit: dict[str, list[int]] = {}
    for i in dated:
        for unit in {q.unit for q in readings[i].quantities if q.unit}:
            by_unit.setdefault(unit, []).append(i)
    pairs: set[tuple[int, int]] = set()
    if involving is not None:
        mine = readings[involving]
        others = negative if mine.polarity > 0 else positive
        pairs.update((min(involving, j), max(involving, j)) for j in others)
        for unit in {q.unit for q in mine.quantities if q.unit}:
            pairs.update((min(involving, j), max(involving, j)) for j in by_unit[unit])
    else:
        pairs.update((min(i, j), max(i, j)) for i in positive for j in negative)
        for members in by_unit.values():
            pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1:])
    return sorted(p for p in pairs if p[0] != p[1])


def propose(statements: Sequence[Statement], *, involving: Hashable | None = None,
            skip: frozenset[tuple[Hashable, Hashable]] = frozenset(),
            max_found: int = MAX_FOUND) -> list[Proposal]:
    """Possible changes of position among these statements, most on-topic first: pairs of
    the same speaker, said on different known dates, on the same topic, that conflict. With
    ``involving``, only pairs with that statement; pairs in ``skip`` (either order) are
    left out. Statements are taken in the order given (newest first, from the pages), and
    the search stops at ``max_found`` proposals.

    Cost: only pairs that could conflict (:func:`_candidates`: opposite polarity, or a
    quantity in common) have their topics compared, so 400 statements of one speaker on one
    topic take milliseconds unless they really do flip."""
    readings = [read(s.text) for s in statements]
    dated = [i for i, s in enumerate(statements) if s.said is not None]
    mine = None
    if involving is not None:
        mine = next((i for i in dated if statements[i].id == involving), None)
        if mine is None:
            return []
    out: list[Proposal] = []
    for i, j in _candidates(readings, dated, mine):
        s, o = statements[i], statements[j]
        if o.said == s.said or o.id == s.id or o.speaker != s.speaker:
            continue
        if (s.id, o.id) in skip or (o.id, s.id) in skip:
            continue
        earlier, later = (s, o) if (s.said, str(s.id)) < (o.said, str(o.id)) else (o, s)
        change = position_change(earlier.text, later.text)
        if change is not None:
            topic = topic_overlap(read(earlier.text), read(later.text))
            out.append(Proposal(earlier, later, change, round(topic, 4)))
            if len(out) >= max_found:
                break
    out.sort(key=lambda p: (-p.topic, str(p.earlier.id), str(p.later.id)))
    return out
