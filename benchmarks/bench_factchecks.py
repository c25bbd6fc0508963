"""Fact-check memory and changes of position on their gold sets, against naive baselines
scored in the same run.

* fact-checks (tests/data/factchecks/): ``claims_app.factchecks.evaluate.score``, the
  matching the claim page shows, next to a baseline that shows every fact-check whose plain
  word Jaccard similarity reaches 0.5 (no stems, no negation or number check, speaker
  ignored);
* positions (tests/data/positions/): ``claims_app.positions.evaluate.score`` next to a
  baseline that proposes every same-speaker pair on one topic said on different dates
  (topic overlap alone, no conflict required).

Goal (issue 17): precision >= 0.90 at the suggestions shown, recall >= 0.80.

Usage: ``python benchmarks/bench_factchecks.py``
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims_app.factchecks import evaluate as factcheck_eval  # noqa: E402
from claims_app.factchecks.wording import read  # noqa: E402
from claims_app.positions import evaluate as position_eval  # noqa: E402
from claims_app.positions.detect import TOPIC, topic_overlap  # noqa: E402

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data"
_WORD = re.compile(r"\w+")


def _cases(folder: Path) -> list[dict]:
    return [c for p in sorted(folder.glob("*.json"))
            for c in json.loads(p.read_text(encoding="utf-8"))["cases"]]


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def baseline_factchecks() -> dict[str, float]:
    shown_n = expected_n = hits = 0
    for case in _cases(GOLD / "factchecks"):
        mine = _words(case["claim"]["text"])
        shown = {fc["id"] for fc in case["fact_checks"]
                 if len(mine & _words(fc["claim_reviewed"]))
                 / len(mine | _words(fc["claim_reviewed"])) >= 0.5}
        expected = set(case["expected"])
        shown_n, expected_n, hits = (shown_n + len(shown), expected_n + len(expected),
                                     hits + len(shown & expected))
    return {"precision": hits / shown_n if shown_n else 1.0,
            "recall": hits / expected_n if expected_n else 1.0}


def baseline_positions() -> dict[str, float]:
    proposed_n = expected_n = hits = 0
    for case in _cases(GOLD / "positions"):
        st = case["statements"]
        found = {frozenset((a["id"], b["id"])) for i, a in enumerate(st) for b in st[i + 1:]
                 if a["speaker"] == b["speaker"] and a["date"] != b["date"]
                 and topic_overlap(read(a["text"]), read(b["text"])) >= TOPIC}
        expected = {frozenset(p) for p in case["expected"]}
        proposed_n, expected_n, hits = (proposed_n + len(found), expected_n + len(expected),
                                        hits + len(found & expected))
    return {"precision": hits / proposed_n if proposed_n else 1.0,
            "recall": hits / expected_n if expected_n else 1.0}


def main() -> None:
    print(f"bench_factchecks {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    for name, ours_fn, base_fn, folder in (
            ("fact-check memory", factcheck_eval.score, baseline_factchecks, "factchecks"),
            ("changes of position", position_eval.score, baseline_positions, "positions")):
        started = time.perf_counter()
        ours = ours_fn(GOLD / folder)
        took = time.perf_counter() - started
        base = base_fn()
        print(f"{name} ({ours['cases']} cases, scored in {took * 1000:.0f} ms):")
        for key in ("precision", "recall"):
            ratio = ours[key] / base[key] if base[key] else float("inf")
            print(f"  {key:9s} {ours[key]:.2f}  baseline {base[key]:.2f}  ratio {ratio:.2f}x")
        if ours.get("misses"):
            print(f"  misses: {json.dumps(ours['misses'])}")
    print("goal: precision >= 0.90, recall >= 0.80")


if __name__ == "__main__":
    main()
