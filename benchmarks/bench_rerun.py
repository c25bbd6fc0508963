"""Re-extraction benchmark: ``claims-app extract --all`` in articles per second.

Why: after the extraction rules improve, a desk re-runs them over its whole archive
(``claims_app/ingest/rerun.py``). Each article costs the extraction itself, a query for the
claims a person had a hand in (audit events and links of its claims), the comparison of
every proposal with the claim it would replace, and re-indexing. The figure says how long an
archive takes; the baseline is importing the same articles afresh (``import_paths``, which
extracts and writes every claim in bulk), so the ratio says what re-running costs over
importing them again, which a desk cannot do without losing its reviews.

Usage::

    python benchmarks/bench_rerun.py --quick             # 1,000 articles (~11k claims)
    python benchmarks/bench_rerun.py --articles 300 --engines sqlite
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import (
    ENGINES,
    Stopwatch,
    add_size_arguments,
    chosen_sizes,
    command_line,
    engines_to_run,
    fresh_database,
    import_sessions,
    load_average,
    machine_line,
    print_table,
    ratio,
)
from generate import Generator, write_corpus

from claims_app.crossref.repeats import forget_signatures
from claims_app.ingest.readers import expand
from claims_app.ingest.rerun import RerunSummary, rerun_all

QUICK_SIZES = [1_000]
BIG_SIZES = [1_000, 10_000]


def bench_size(n_articles: int, engines: list[str], work: Path) -> list[list[Any]]:
    corpus = work / f"corpus-{n_articles}"
    write_corpus(Generator(1), n_articles, "jsonl", corpus)
    paths = list(expand([corpus]))
    rows: list[list[Any]] = []
    for kind in engines:
        forget_signatures()
        load = load_average()
        with fresh_database(kind, tmp_dir=work) as db, import_sessions(db.url) as target:
            with Stopwatch() as imported:
                summary = target.import_paths(paths)
            claims = sum(o.claims for o in summary.outcomes)
            with Stopwatch() as rerun:
                total: RerunSummary = rerun_all(target.factory, None)
        print(f"  [rerun] {kind}: {total.articles} articles, {claims} claims: re-run "
              f"{rerun.seconds:.1f}s ({total.describe()}), import {imported.seconds:.1f}s",
              file=sys.stderr, flush=True)
        rows.append([f"{n_articles:,} art / {claims:,} claims", kind,
                     total.articles / rerun.seconds, summary.imported / imported.seconds,
                     ratio(rerun.seconds, imported.seconds), f"{load:.2f}"])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_arguments(parser, QUICK_SIZES, BIG_SIZES, "articles")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    args = parser.parse_args(argv)
    sizes = chosen_sizes(args, QUICK_SIZES, BIG_SIZES, "articles")
    engines = engines_to_run(args.engines)
    work = Path(tempfile.mkdtemp(prefix="claims-bench-rerun-"))
    rows: list[list[Any]] = []
    try:
        for n in sizes:
            rows += bench_size(n, engines, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(
        "Re-running extraction on every article (articles/s; ratio = re-run time / import time)",
        ["size", "engine", "re-run art/s (extract --all)", "baseline: import art/s",
         "ratio", "load"], rows)
    print(f"\nbaseline: import_paths of the same articles into a fresh database\n"
          f"{machine_line()}")
    print(command_line("bench_rerun.py", argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
