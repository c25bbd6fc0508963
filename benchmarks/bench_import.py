"""Import benchmark: read + extract + write, in articles per second, on SQLite and PostgreSQL.

Why: importing is the one bulk operation of the app (wire archives of 10^5 articles), and its
cost has parts that need different fixes: reading files, extracting claims (pure Python, see
``claims_app/extract``), preparing the cross-reference index (MinHash of every sentence and
normalised search text, also pure Python) and writing the rows
(``claims_app/ingest/importer.py``). The importer times each phase itself
(``ImportSummary.seconds``), so each is reported on its own, and the writing is compared with
the fastest way the database driver itself can store *the same rows*.

Figures per size and engine:

* ours: ``import_paths`` end to end on a fresh, migrated database;
* extract / index / write: the importer's own phase clock (write = its transactions);
* baseline: every row the import wrote, in every table (outlets, speakers, aliases, roles,
  articles, claims, passage signatures, search documents, audit events; the full-text
  index is filled by the same triggers), read back and bulk-inserted by the driver into a
  second fresh, migrated database in one transaction (``sqlite3.executemany``; psycopg
  ``COPY``). Goal: writing within 3x of that raw bulk insert.

Usage::

    python benchmarks/bench_import.py --quick            # 1,000 articles (~11k claims)
    python benchmarks/bench_import.py --big              # 1k, 10k and 100k articles
    python benchmarks/bench_import.py --articles 300 --engines sqlite --profile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import (
    ENGINES,
    BenchDatabase,
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
from claims_app.ingest import importer
from claims_app.ingest.readers import expand

QUICK_SIZES = [1_000]
BIG_SIZES = [1_000, 10_000, 100_000]
SKIPPED_TABLES = {"alembic_version"}
SKIPPED_COLUMNS = {("search_documents", "tsv")}  # computed by the PostgreSQL trigger


def run_import(db: BenchDatabase, paths: list[Path], profile: cProfile.Profile | None = None,
               workers: int = 0) -> tuple[float, importer.ImportSummary, int]:
    """``import_paths`` on a fresh database: seconds, its summary, SQL statements issued."""
    with import_sessions(db.url) as target:
        if profile is not None:
            profile.enable()
        with Stopwatch() as sw:
            summary = target.import_paths(paths, workers=workers)
        if profile is not None:
            profile.disable()
    return sw.seconds, summary, target.statements[0]


def _tables() -> list[tuple[str, list[str]]]:
    """Every table of the schema in foreign-key order, with the columns to copy."""
    import claims_app.models  # noqa: F401 - registers every model on the metadata
    from claims_app.db import Base

    return [(t.name, [c.name for c in t.columns if (t.name, c.name) not in SKIPPED_COLUMNS])
            for t in Base.metadata.sorted_tables if t.name not in SKIPPED_TABLES]


def written_rows(db: BenchDatabase) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every row the import wrote, per table, as the driver returns it."""
    conn = db.raw_connect()
    out = {}
    try:
        for table, cols in _tables():
            names = ", ".join(f'"{c}"' for c in cols)
            rows = [tuple(r) for r in conn.execute(f"SELECT {names} FROM {table}")]
            if rows:
                out[table] = (cols, rows)
    finally:
        conn.close()
    return out


def run_baseline(db: BenchDatabase,
                 tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> float:
    """Bulk-insert the same rows in one transaction (inserts and commit timed)."""
    conn = db.raw_connect()
    try:
        with Stopwatch() as sw:
            if db.kind == "sqlite":
                conn.execute("BEGIN")
                for table, (cols, rows) in tables.items():
                    names = ", ".join(f'"{c}"' for c in cols)
                    marks = ", ".join("?" for _ in cols)
                    conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
                conn.execute("COMMIT")
            else:
                with conn.cursor() as cur:
                    for table, (cols, rows) in tables.items():
                        names = ", ".join(f'"{c}"' for c in cols)
                        with cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                            for row in rows:
                                copy.write_row([json.dumps(v) if isinstance(v, dict | list)
                                                else v for v in row])
                conn.commit()
    finally:
        conn.close()
    return sw.seconds


def profile_report(prof: cProfile.Profile, limit: int = 25) -> str:
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    return out.getvalue()


def bench_size(n_articles: int, engines: list[str], work: Path, fmt: str,
               profile: bool, log: Callable[[str], None], workers: int = 0) -> list[list[Any]]:
    corpus = work / f"corpus-{n_articles}"
    write_corpus(Generator(1), n_articles, fmt, corpus)
    paths = list(expand([corpus]))
    rows: list[list[Any]] = []
    for kind in engines:
        forget_signatures()  # no engine may reuse signatures another run computed
        prof = cProfile.Profile() if profile else None
        load = load_average()
        with fresh_database(kind, tmp_dir=work) as db:
            full_s, summary, statements = run_import(db, paths, profile=prof, workers=workers)
            tables = written_rows(db)
        articles = summary.imported
        claims = sum(o.claims for o in summary.outcomes)
        phases = summary.seconds
        written = sum(len(r) for _c, r in tables.values())
        log(f"{kind}: {articles} articles, {claims} claims in {full_s:.1f}s: " + ", ".join(
            f"{k} {v:.1f}s" for k, v in phases.items())
            + f"; {statements / articles:.1f} SQL statements and {written / articles:.0f} "
              f"rows per article")
        with fresh_database(kind, tmp_dir=work) as db:
            base_s = run_baseline(db, tables)
        del tables  # ~10 GB of rows at 100k articles: gone before the next engine's run
        log(f"{kind}: baseline bulk insert of the same {written:,} rows {base_s:.2f}s")
        if prof is not None:
            print(f"\n--- cProfile of the import on {kind} ---")
            print(profile_report(prof))
        rows.append([
            f"{n_articles:,} art / {claims:,} claims", kind, workers, articles / full_s,
            articles / phases["extract"], articles / phases["index"],
            articles / phases["write"], articles / base_s, ratio(phases["write"], base_s),
            ratio(full_s, base_s), f"{statements / articles:.1f}",
            f"{written / articles:.0f}", f"{load:.2f}",
        ])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_arguments(parser, QUICK_SIZES, BIG_SIZES, "articles")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--format", choices=["jsonl", "seed"], default="jsonl")
    parser.add_argument("--workers", type=int, default=0,
                        help="planning processes for import_paths (claims-app import --workers)")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the import and print the top functions")
    args = parser.parse_args(argv)
    sizes = chosen_sizes(args, QUICK_SIZES, BIG_SIZES, "articles")
    engines = engines_to_run(args.engines)
    work = Path(tempfile.mkdtemp(prefix="claims-bench-import-"))

    def log(msg: str) -> None:
        print(f"  [import] {msg}", file=sys.stderr, flush=True)

    rows: list[list[Any]] = []
    try:
        for n in sizes:
            rows += bench_size(n, engines, work, args.format, args.profile, log, args.workers)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(
        "Import (articles/s; ratio = our time / baseline time)",
        ["size", "engine", "workers", "ours art/s (end to end)", "extract art/s",
         "index prep art/s", "write art/s", "baseline art/s", "write ratio (goal <= 3x)",
         "end-to-end ratio", "SQL stmts/article", "rows/article", "load"],
        rows,
    )
    print(f"\nbaseline: sqlite3 executemany / psycopg COPY of every row the import wrote, in "
          f"one transaction\n{machine_line()}")
    print(command_line("bench_import.py", argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
