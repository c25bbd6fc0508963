"""Claim-extraction speed on one core, at several corpus sizes, against a baseline in the same run.

Why: extraction is the pure-Python part of every import (target: 500 articles/s), and its
cost per article must not grow with the corpus. Two kinds of corpus:

* the seed articles as stored in the gold file (2-2.6 kB each), repeated ``--rounds`` times;
* generated wire articles (``benchmarks/generate.py``, seed 1: bylines, datelines, split
  quotes, reported speech), streamed so memory stays flat: ``--quick`` 1,000 articles,
  ``--big`` 1,000, 10,000 and 100,000.

The baseline is the cheapest pass any quote finder must make over the same text: one
``re.finditer`` for quotation marks plus a ``str.split`` tokenisation. The ratio says how many
times that floor the full extractor costs. Small corpora are timed best of three (to damp
scheduler noise), corpora over 2,000 articles once; only the calls are timed, not generating.

    python benchmarks/bench_extract.py --quick                # seeds x 200, 1k generated
    python benchmarks/bench_extract.py --big                  # seeds x 200, 1k/10k/100k
    python benchmarks/bench_extract.py --articles 5000 --rounds 50
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator

from common import (
    add_size_arguments,
    chosen_sizes,
    command_line,
    machine_line,
    print_table,
    ratio,
)
from generate import Generator

from claims_app.extract import extract_claims
from claims_app.extract.score import load_gold

TARGET_PER_SECOND = 500
QUICK_SIZES = [1_000]
BIG_SIZES = [1_000, 10_000, 100_000]
BEST_OF_UP_TO = 2_000  # corpora up to this many articles are timed best of three
_QUOTE_MARKS = re.compile("[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb]")

Article = tuple[str, datetime.date | None, str | None]  # body, published, dateline


def _seeds() -> list[Article]:
    articles = load_gold("seeds")["articles"]
    return [
        (a["text"], datetime.date.fromisoformat(a["published"]) if a["published"] else None,
         None)
        for a in articles
    ]


def _generated(n: int) -> Iterator[Article]:
    for a in Generator(1).articles(n):
        yield a.body, a.published, a.dateline


def _baseline(body: str, _published: datetime.date | None, _dateline: str | None) -> int:
    return sum(1 for _ in _QUOTE_MARKS.finditer(body)) + len(body.split())


def _extract(body: str, published: datetime.date | None, dateline: str | None) -> int:
    return len(extract_claims(body, published=published, dateline=dateline))


Fn = Callable[[str, datetime.date | None, str | None], int]


def _time(fn: Fn, corpus: Iterable[Article]) -> tuple[float, int, int, int]:
    """Seconds spent inside ``fn`` alone, articles, characters and ``fn``'s total result."""
    spent = 0.0
    articles = chars = found = 0
    clock = time.perf_counter
    for body, published, dateline in corpus:
        t0 = clock()
        found += fn(body, published, dateline)
        spent += clock() - t0
        articles += 1
        chars += len(body)
    return spent, articles, chars, found


def _measure(fn: Fn, corpus: Callable[[], Iterable[Article]],
             repeats: int) -> tuple[float, int, int, int]:
    """Best of ``repeats`` runs over a fresh iteration of the corpus."""
    runs = [_time(fn, corpus()) for _ in range(repeats)]
    return min(runs, key=lambda r: r[0])


def bench(name: str, corpus: Callable[[], Iterable[Article]], n: int) -> list[object]:
    repeats = 3 if n <= BEST_OF_UP_TO else 1
    base_s, _, _, _ = _measure(_baseline, corpus, repeats)
    full_s, articles, chars, claims = _measure(_extract, corpus, repeats)
    full_rate, base_rate = articles / full_s, articles / base_s
    print(f"  [extract] {name}: {full_rate:,.0f} articles/s ({claims:,} claims), baseline "
          f"{base_rate:,.0f}/s", file=sys.stderr, flush=True)
    return [name, f"{articles:,}", f"{chars / articles:,.0f}", f"{claims:,}",
            f"{base_rate:,.0f}", f"{full_rate:,.0f}", f"{claims / full_s:,.0f}",
            ratio(base_rate, full_rate), f"best of {repeats}" if repeats > 1 else "once",
            "yes" if full_rate >= TARGET_PER_SECOND else "NO"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_arguments(parser, QUICK_SIZES, BIG_SIZES, "articles")
    parser.add_argument("--rounds", type=int, default=200,
                        help="passes over the seed corpus (0: skip it)")
    args = parser.parse_args(argv)
    sizes = chosen_sizes(args, QUICK_SIZES, BIG_SIZES, "articles")

    seeds = _seeds()
    _time(_extract, seeds * 5)  # warm-up: compile regexes, fill caches
    rows = []
    if args.rounds:
        rows.append(bench(f"seeds x {args.rounds}", lambda: seeds * args.rounds,
                          len(seeds) * args.rounds))
    for n in sizes:
        rows.append(bench(f"generated {n:,}", lambda n=n: _generated(n), n))
    print_table(
        "Extraction (one core; baseline = re.finditer quote marks + str.split over the same "
        f"text; ratio = how many times the baseline's cost; target {TARGET_PER_SECOND} "
        "articles/s)",
        ["corpus", "articles", "mean chars", "claims found", "baseline articles/s",
         "extract articles/s", "extract claims/s", "ratio", "timing",
         f">= {TARGET_PER_SECOND}/s"],
        rows,
    )
    print(machine_line())
    print(command_line("bench_extract.py", argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
