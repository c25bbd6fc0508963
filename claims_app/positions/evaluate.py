"""Score change-of-position detection against a gold set (tests/data/positions/).

Each gold case is a few dated statements of one or more speakers; ``expected`` lists the
pairs that are a possible change of position. The pairs proposed are what
:func:`claims_app.positions.detect.propose` returns, the function the speaker and claim pages
use, so precision is at the proposals shown and recall over the expected pairs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from claims_app.factchecks.evaluate import gold_cases
from claims_app.positions.detect import Statement, propose

__all__ = ["score"]


def score(gold_dir: str | Path) -> dict[str, Any]:
    """precision and recall over every case, and the wrong or missed pairs by case id."""
    proposed_n = expected_n = hits = 0
    misses: dict[str, dict[str, list[list[str]]]] = {}
    cases = gold_cases(Path(gold_dir))
    for case in cases:
        statements = [Statement(s["id"], s["speaker"], dt.date.fromisoformat(s["date"]),
                                s["text"]) for s in case["statements"]]
        found = {frozenset((str(p.earlier.id), str(p.later.id))) for p in propose(statements)}
        expected = {frozenset(pair) for pair in case["expected"]}
        proposed_n += len(found)
        expected_n += len(expected)
        hits += len(found & expected)
        if found != expected:
            misses[case["id"]] = {
                "proposed but not expected": [sorted(p) for p in found - expected],
                "expected, not proposed": [sorted(p) for p in expected - found]}
    return {
        "precision": hits / proposed_n if proposed_n else 1.0,
        "recall": hits / expected_n if expected_n else 1.0,
        "cases": len(cases),
        "misses": misses,
    }
