"""Score fact-check matching against a gold set (tests/data/factchecks/).

Each gold case is a claim as a wire story reported it (text, speaker, aliases) and a pool
of fact-checks; ``expected`` names those a reviewer should be shown. The fact-checks shown
are what :func:`claims_app.factchecks.matching.rank` picks, the same function the claim page
uses (the database only narrows the candidates first), so precision is measured "at the
suggestions shown": of the fact-checks shown, how many were expected; recall: of the
expected, how many were shown. ``ranking`` is the share of cases naming a ``first`` that
show it first (a fact-check of the claim's own speaker before the same words checked for
someone else).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from claims_app.factchecks.matching import rank

__all__ = ["gold_cases", "score"]


def gold_cases(gold_dir: Path) -> list[dict[str, Any]]:
    """Every case of the gold set's JSON files (``{"cases": [...]}``), files in name order;
    the positions gold set is laid out the same way."""
    cases: list[dict[str, Any]] = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        cases += json.loads(path.read_text(encoding="utf-8"))["cases"]
    return cases


def score(gold_dir: str | Path) -> dict[str, Any]:
    """precision, recall and ranking over every case, and the misses by case id."""
    shown_n = expected_n = hits = ranked = ranked_ok = 0
    misses: dict[str, dict[str, list[str]]] = {}
    cases = gold_cases(Path(gold_dir))
    for case in cases:
        claim = case["claim"]
        names = [claim.get("speaker") or "", *claim.get("aliases", [])]
        pool = [(fc["id"], fc["claim_reviewed"], fc.get("claimant"))
                for fc in case["fact_checks"]]
        shown = [r.item for r in rank(claim["text"], names, pool)]
        expected = set(case["expected"])
        good = expected & set(shown)
        shown_n += len(shown)
        expected_n += len(expected)
        hits += len(good)
        if shown and "first" in case:
            ranked += 1
            ranked_ok += shown[0] == case["first"]
        elif "first" in case:
            ranked += 1
        wrong, missed = sorted(set(shown) - expected), sorted(expected - set(shown))
        if wrong or missed:
            misses[case["id"]] = {"shown but not expected": wrong, "expected, not shown": missed}
    return {
        "precision": hits / shown_n if shown_n else 1.0,
        "recall": hits / expected_n if expected_n else 1.0,
        "ranking": ranked_ok / ranked if ranked else 1.0,
        "cases": len(cases),
        "misses": misses,
    }
