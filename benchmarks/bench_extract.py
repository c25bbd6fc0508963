"""Claim-extraction speed on one core, against a baseline measured in the same run.

The corpus is the seed articles as stored in the gold file (seed-sized, 2-2.6 kB each),
repeated.  The baseline is the cheapest pass any quote finder must make over the same text: one
``re.finditer`` for quotation marks plus a ``str.split`` tokenisation.  The ratio says how many
times that floor the full extractor costs.

    python benchmarks/bench_extract.py [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime
import re
import time
from collections.abc import Callable

from claims_app.extract import extract_claims
from claims_app.extract.score import load_gold

TARGET_PER_SECOND = 500
_QUOTE_MARKS = re.compile("[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb]")


def _corpus() -> list[tuple[str, datetime.date | None]]:
    articles = load_gold("seeds")["articles"]
    return [
        (a["text"], datetime.date.fromisoformat(a["published"]) if a["published"] else None)
        for a in articles
    ]


def _baseline(body: str, _published: datetime.date | None) -> int:
    return sum(1 for _ in _QUOTE_MARKS.finditer(body)) + len(body.split())


def _extract(body: str, published: datetime.date | None) -> int:
    return len(extract_claims(body, published=published))


def _rate(fn: Callable[[str, datetime.date | None], int], corpus: list[tuple[str, datetime.date |
          None]], rounds: int) -> float:
    """Articles per second: best of three timed runs, to damp scheduler noise."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(rounds):
            for body, published in corpus:
                fn(body, published)
        best = min(best, time.perf_counter() - started)
    return rounds * len(corpus) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="passes over the seed corpus")
    args = parser.parse_args()
    corpus = _corpus()
    _rate(_extract, corpus, 5)  # warm-up: compile regexes, fill caches
    base = _rate(_baseline, corpus, args.rounds)
    full = _rate(_extract, corpus, args.rounds)
    size = sum(len(b) for b, _ in corpus) / len(corpus)
    print(f"corpus: {len(corpus)} seed articles x {args.rounds} rounds, mean {size:.0f} chars")
    print(f"baseline (re.finditer quote marks + str.split): {base:12,.0f} articles/s")
    print(f"extract_claims:                                 {full:12,.0f} articles/s")
    print(f"ratio baseline/extract: {base / full:.1f}x slower than the floor")
    verdict = "meets" if full >= TARGET_PER_SECOND else "MISSES"
    print(f"target {TARGET_PER_SECOND} articles/s: {verdict}")


if __name__ == "__main__":
    main()
