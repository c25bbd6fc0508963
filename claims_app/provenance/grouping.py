"""Which claims are the same statement: blocking keys, the match rule and an in-memory
grouper; pure functions, no database.

**Match rule.** Two wordings are compared on their matching forms
(:func:`claims_app.provenance.drift.statement_tokens`, on the shared statement tokenizer
:func:`claims_app.textnorm.statement_words`: quote style, case, punctuation,
British/American spelling, "was"/"were" and number words folded), aligned by ``difflib``:
``shared`` = the words in matching blocks. They are one statement when

- the shorter has at least ``MIN_TOKENS`` words (shorter quotes are too generic), and
- ``shared / len(shorter) >= CONTAINMENT`` (a trimmed or extended quote contains the
  other: "We will defend our borders" inside "We will defend our borders and our people"),
  and the matching blocks cover a run of at least ``MIN_RUN`` words in a row;
- and, when both claims name a speaker and the speakers differ, the wordings are
  near-identical (``2 * shared / (len(a) + len(b)) >= SAME_WORDS``): the same words put in
  another mouth is a possible misattribution; two speakers saying similar things on one
  topic are two statements.

One word changed in ten keeps containment at 0.9, so a changed number or a dropped "not"
stays in the group (that is the drift to show); two statements on one topic share a few
phrases, not three quarters of their words.

**Blocking.** Comparing every claim with every other is quadratic. Each wording's keys are
its word trigrams whose hash falls in one residue class in ``KEY_MODULUS`` (a choice that
depends on the trigram alone, so two wordings sharing twelve trigrams share about four
keys, the chance of sharing none is (2/3)^12 < 1 %), plus its smallest-hash trigram so no
wording is keyless. A claim is compared only with the groups that share a key with it,
best-sharing first, and only with each group's reference wording (its earliest
appearance), so the work per claim is bounded whatever the archive's size.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from claims_app.provenance.drift import statement_tokens

__all__ = [
    "CONTAINMENT",
    "MIN_TOKENS",
    "Grouper",
    "Record",
    "blocking_keys",
    "build_groups",
    "same_statement",
]

MIN_TOKENS = 6
CONTAINMENT = 0.75
MIN_RUN = 3
SAME_WORDS = 0.9
KEY_MODULUS = 3
#: Candidate groups verified per claim (those sharing the most keys).
CANDIDATES = 4
#: A key shared by more groups than this is a commonplace phrase ("the united states"):
#: only the newest groups holding it are proposed by it.
KEY_FANOUT = 32
_MASK63 = (1 << 63) - 1


@dataclass(frozen=True, slots=True)
class Record:
    """What grouping reads of a claim. ``order`` sorts appearances oldest first:
    (publication date or the far future, article id, claim id)."""

    claim_id: int
    text: str
    speaker_id: int | None
    published: dt.date | None
    article_id: int

    @property
    def order(self) -> tuple[dt.date, int, int]:
        return (self.published or dt.date.max, self.article_id, self.claim_id)


def _hash(trigram: str) -> int:
    return int.from_bytes(hashlib.blake2b(trigram.encode("utf-8"), digest_size=8,
                                          person=b"claims-group").digest(), "big") & _MASK63


def blocking_keys(tokens: list[str]) -> set[int]:
    """The blocking keys of a wording's matching forms (see the module docstring)."""
    if len(tokens) < MIN_TOKENS:
        return set()
    hashes = [_hash(" ".join(tokens[i:i + 3])) for i in range(len(tokens) - 2)]
    keys = {h for h in hashes if h % KEY_MODULUS == 0}
    keys.add(min(hashes))
    return keys


def same_statement(a: list[str], b: list[str], *, other_speaker: bool = False,
                   counts: tuple[Counter[str], Counter[str]] | None = None) -> float:
    """How surely two wordings (matching forms) are one statement: 0 when they are not,
    else the containment of the shorter in the longer (see the module docstring).
    ``counts`` (the two word multisets, when the caller keeps them) bound the shared words
    from above: most candidates fail that bound and never reach the alignment."""
    short = min(len(a), len(b))
    if short < MIN_TOKENS:
        return 0.0
    ca, cb = counts or (Counter(a), Counter(b))
    if (ca & cb).total() < CONTAINMENT * short:
        return 0.0
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    shared = sum(block.size for block in blocks)
    if max((block.size for block in blocks), default=0) < MIN_RUN:
        return 0.0
    containment = shared / short
    if containment < CONTAINMENT:
        return 0.0
    if other_speaker and 2 * shared / (len(a) + len(b)) < SAME_WORDS:
        return 0.0
    return containment


def _age(group_id: int) -> tuple[int, int]:
    """Oldest first: the groups given (database ids, in id order), then the new ones in
    the order they were founded (-1, -2, ...), as the database will number them."""
    return (0, group_id) if group_id > 0 else (1, -group_id)


@dataclass
class _Group:
    reference: Record
    _tokens: list[str] | None = None
    _counts: Counter[str] | None = None
    members: list[int] = field(default_factory=list)

    def matching_forms(self) -> tuple[list[str], Counter[str]]:
        """The reference's matching forms and their word counts, computed on first use: the
        incremental path loads every group sharing a key with the claims it places (about
        1,500 for one article's claims at a few thousand articles), but compares each claim
        with at most ``CANDIDATES`` of them, so tokenising them all up front was most of an
        import transaction's time (BENCHMARKS.md, "Import transactions that let reviewers
        in")."""
        if self._tokens is None or self._counts is None:
            self._tokens = statement_tokens(self.reference.text)
            self._counts = Counter(self._tokens)
        return self._tokens, self._counts


class Grouper:
    """Groups records as they are added (oldest first gives each group its earliest
    appearance as the reference). ``known`` groups (loaded from the database by the
    incremental path) can be added first with :meth:`add_group`.

    Group ids: those given to :meth:`add_group`, and for new groups -1, -2, ... in order
    of creation (the caller replaces them with database ids)."""

    def __init__(self) -> None:
        self.groups: dict[int, _Group] = {}
        self._index: dict[int, list[int]] = defaultdict(list)
        self._next_new = -1
        self._pairs: set[tuple[int, int]] = set()
        #: keys added to each group by this grouper (the caller stores them)
        self.new_keys: dict[int, set[int]] = defaultdict(set)

    def add_group(self, group_id: int, reference: Record, keys: Iterable[int]) -> None:
        self.groups[group_id] = _Group(reference)
        for key in keys:
            self._hold(key, group_id)

    def _hold(self, key: int, group_id: int) -> bool:
        """Note that the group holds the key (False when it did already), keeping each key's
        groups oldest first by :func:`_age`: a group that gains a key late is still as old as
        it was, so the key's ``KEY_FANOUT`` newest groups here are the ones the database
        reads back for it (by group id: ``_newest_groups`` in :mod:`claims_app.provenance.groups`),
        whichever engine and however the claims were batched. Appending it instead made it
        the key's newest in memory but not in the database, and the groups built depended
        on the batches (the test with crowded keys)."""
        if (key, group_id) in self._pairs:
            return False
        self._pairs.add((key, group_id))
        bisect.insort(self._index[key], group_id, key=_age)
        return True

    def add(self, record: Record) -> int | None:
        """The group the record joins (or founds); None when it is too short to group."""
        tokens = statement_tokens(record.text)
        keys = blocking_keys(tokens)
        if not keys:
            return None
        counts = Counter(tokens)
        hits: Counter[int] = Counter()
        for key in keys:
            for gid in self._index.get(key, ())[-KEY_FANOUT:]:
                hits[gid] += 1
        best: tuple[float, int] | None = None
        for gid, _n in hits.most_common(CANDIDATES):
            group = self.groups[gid]
            ref = group.reference
            other = (record.speaker_id is not None and ref.speaker_id is not None
                     and record.speaker_id != ref.speaker_id)
            group_tokens, group_counts = group.matching_forms()
            score = same_statement(tokens, group_tokens, other_speaker=other,
                                   counts=(counts, group_counts))
            if score and (best is None or score > best[0]):
                best = (score, gid)
        if best is None:
            gid = self._next_new
            self._next_new -= 1
            self.groups[gid] = _Group(record, tokens, counts)
        else:
            gid = best[1]
        group = self.groups[gid]
        group.members.append(record.claim_id)
        for key in keys:
            if self._hold(key, gid):
                self.new_keys[gid].add(key)
        return gid


def build_groups(records: Iterable[Record]) -> dict[int, list[int]]:
    """Group records from scratch: group id -> member claim ids (groups of one included),
    records taken oldest first."""
    grouper = Grouper()
    for record in sorted(records, key=lambda r: r.order):
        grouper.add(record)
    return {gid: g.members for gid, g in grouper.groups.items()}
