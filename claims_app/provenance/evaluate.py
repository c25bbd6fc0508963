"""Scoring statement groups and drift flags against the hand-written gold set
(``tests/data/provenance/gold.json``): pure functions, no database.

Two answers, each scored as precision and recall of what a reviewer is shown:

- **statement groups** (:func:`score_groups`): every gold report becomes a grouping record
  (one archive of all stories, so a false merge across stories counts too), and
  :func:`~claims_app.provenance.grouping.build_groups` groups them. Scored on pairs: two
  reports shown as appearances of one statement (same predicted group) against two reports
  the gold set says are one statement.
- **drift flags** (:func:`score_drift`): for each report and the earliest report of its
  gold statement, the material kinds flagged (:func:`~claims_app.provenance.groups.
  member_kinds`: number, negation, hedge, entity, speaker) against the gold kinds; and for
  each paraphrase-fidelity pair, the kinds flagged in reported-speech mode. Scored on
  (report, kind) flags. The classifier is scored on the gold groups, so a grouping miss is
  not counted twice.

Each scorer takes no argument and returns a :class:`Score`, so a benchmark can list
scorers of other answers (fact-check matching, changes of position) beside these.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims_app.provenance.drift import classify_differences
from claims_app.provenance.grouping import Record, build_groups
from claims_app.provenance.groups import member_kinds

__all__ = ["GOLD", "SCORERS", "Score", "load_gold", "score_drift", "score_groups"]

GOLD = Path(__file__).resolve().parents[2] / "tests" / "data" / "provenance" / "gold.json"
#: The goals of issue 17: precision at the suggestions shown, and recall.
PRECISION_GOAL = 0.90
RECALL_GOAL = 0.80


@dataclass
class Score:
    """Counts of one answer and what they give; ``misses`` and ``wrong`` name the
    gold items a person would look at first."""

    answer: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    items: int = 0
    wrong: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        shown = self.true_positives + self.false_positives
        return self.true_positives / shown if shown else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def meets_goals(self) -> bool:
        return self.precision >= PRECISION_GOAL and self.recall >= RECALL_GOAL

    def line(self) -> str:
        return (f"{self.answer}: precision {self.precision:.3f} recall {self.recall:.3f} "
                f"(tp {self.true_positives}, fp {self.false_positives}, "
                f"fn {self.false_negatives}; {self.items} gold items)")


@dataclass(frozen=True)
class GoldReport:
    story: str
    record: Record
    outlet: str
    speaker: str | None
    group: str
    kinds: frozenset[str]


def load_gold(path: Path = GOLD) -> tuple[list[GoldReport], list[dict[str, Any]]]:
    """The gold reports (claim ids numbered in file order, speakers and articles numbered
    by first appearance) and the paraphrase-fidelity pairs."""
    data = json.loads(path.read_text(encoding="utf-8"))
    speakers: dict[str, int] = {}
    reports: list[GoldReport] = []
    for story in data["stories"]:
        for row in story["reports"]:
            n = len(reports) + 1
            name = row["speaker"]
            sid = None if name is None else speakers.setdefault(name, len(speakers) + 1)
            record = Record(n, row["text"], sid, dt.date.fromisoformat(row["date"]), n)
            reports.append(GoldReport(story["id"], record, row["outlet"], name,
                                      f"{story['id']}/{row['group']}", frozenset(row["kinds"])))
    return reports, list(data["fidelity"])


def _pairs(groups: dict[Any, list[int]]) -> set[tuple[int, int]]:
    return {pair for members in groups.values()
            for pair in itertools.combinations(sorted(members), 2)}


def score_groups(path: Path = GOLD) -> Score:
    reports, _fidelity = load_gold(path)
    predicted = _pairs(build_groups(r.record for r in reports))
    by_gold: dict[str, list[int]] = defaultdict(list)
    for r in reports:
        by_gold[r.group].append(r.record.claim_id)
    wanted = _pairs(dict(by_gold))
    score = Score("statement groups", len(predicted & wanted), len(predicted - wanted),
                  len(wanted - predicted), len(by_gold))
    story = {r.record.claim_id: r.story for r in reports}
    score.wrong = sorted({f"{story[a]} + {story[b]}" for a, b in predicted - wanted})
    score.misses = sorted({story[a] for a, _b in wanted - predicted})
    return score


def score_drift(path: Path = GOLD) -> Score:
    reports, fidelity = load_gold(path)
    score = Score("drift flags")
    by_gold: dict[str, list[GoldReport]] = defaultdict(list)
    for r in reports:
        by_gold[r.group].append(r)
    for members in by_gold.values():
        members.sort(key=lambda r: r.record.order)
        reference = members[0]
        for member in members[1:]:
            _count(score, member.story, set(member_kinds(reference.record, member.record)),
                   set(member.kinds))
    for pair in fidelity:
        flagged = {d.kind for d in classify_differences(pair["quote"], pair["report"],
                                                        reported=True) if d.material}
        _count(score, f"fidelity {pair['id']}", flagged, set(pair["kinds"]))
    return score


def _count(score: Score, where: str, flagged: set[str], wanted: set[str]) -> None:
    score.items += 1
    score.true_positives += len(flagged & wanted)
    score.false_positives += len(flagged - wanted)
    score.false_negatives += len(wanted - flagged)
    score.wrong += [f"{where}: {kind}" for kind in sorted(flagged - wanted)]
    score.misses += [f"{where}: {kind}" for kind in sorted(wanted - flagged)]


#: The answers scored by ``benchmarks/bench_provenance.py`` (each a no-argument scorer).
SCORERS: list[tuple[str, Callable[[], Score]]] = [
    ("statement groups", score_groups),
    ("drift flags", score_drift),
]
