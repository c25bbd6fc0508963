"""Import benchmark: read + extract + write, in articles per second, on SQLite and PostgreSQL.

Why: importing is the one bulk operation of the app (wire archives of 10^5 articles), and its
cost has three parts that need different fixes: reading files, extracting claims (pure Python,
see ``claims_app/extract``) and writing rows through the ORM (``claims_app/ingest/importer.py``).
So each is timed on its own, and the writing is compared with the fastest way the database
driver itself can store the same rows (``sqlite3.executemany``; psycopg ``COPY``), on a fresh,
migrated database with the same indexes. Goal: writing within 3x of that raw bulk insert.

Figures per size and engine:

* ours: ``import_paths`` end to end (read, extract, write; one transaction per article);
* write only: the import's time minus reading and extraction, each timed alone over the
  same files and bodies (they are pure functions of the same input);
* baseline: the same articles, speakers, outlets and claims, column values pre-computed from
  the same extractor output, bulk-inserted by the driver in one transaction.

Usage::

    python benchmarks/bench_import.py --quick            # 1,000 articles (~10k claims)
    python benchmarks/bench_import.py --big              # 1k, 10k and 100k articles
    python benchmarks/bench_import.py --articles 300 --engines sqlite --profile
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from common import (
    ENGINES,
    BenchDatabase,
    Stopwatch,
    bulk_insert,
    engines_to_run,
    fresh_database,
    machine_line,
    print_table,
    ratio,
)
from generate import Generator, write_corpus

from claims_app.extract import ExtractedClaim, extract_claims
from claims_app.ingest import importer
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.readers import expand, read_file

QUICK_SIZES = [1_000]
BIG_SIZES = [1_000, 10_000, 100_000]
MAX_BYTES = 60 * 1024 * 1024

ExtractCache = dict[tuple[int, int], list[ExtractedClaim]]


def _key(body: str) -> tuple[int, int]:
    return hash(body), len(body)


def read_and_extract(paths: list[Path]) -> tuple[float, float, int, int, ExtractCache]:
    """Time reading and extraction alone; keep the extractor's output for the later runs."""
    read_s = extract_s = 0.0
    articles = claims = 0
    cache: ExtractCache = {}
    for path in paths:
        with Stopwatch() as sw:
            drafts = read_file(path, max_bytes=MAX_BYTES)
        read_s += sw.seconds
        for d in drafts:
            with Stopwatch() as sw:
                found = extract_claims(d.body, published=d.published, dateline=d.dateline)
            extract_s += sw.seconds
            cache[_key(d.body)] = found
            articles += 1
            claims += len(found)
    return read_s, extract_s, articles, claims, cache


def run_import(db: BenchDatabase, paths: list[Path],
               profile: cProfile.Profile | None = None) -> tuple[float, int, int]:
    """``import_paths`` on a fresh database: seconds, articles imported, SQL statements."""
    from sqlalchemy import event
    from sqlalchemy.orm import sessionmaker

    from claims_app.db import make_engine

    engine = make_engine(db.url)
    statements = [0]

    @event.listens_for(engine, "before_cursor_execute")
    def _count(*_args: Any) -> None:
        statements[0] += 1

    factory = sessionmaker(bind=engine, expire_on_commit=False)
    if profile is not None:
        profile.enable()
    with Stopwatch() as sw:
        summary = importer.import_paths(factory, paths, max_bytes=MAX_BYTES)
    if profile is not None:
        profile.disable()
    engine.dispose()
    if not summary.ok:
        raise RuntimeError("; ".join(summary.lines()))
    return sw.seconds, summary.imported, statements[0]


def baseline_rows(paths: list[Path], cache: ExtractCache) -> Iterator[dict[str, list[Any]]]:
    """Rows per file, with the column values the importer stores (ids assigned here)."""
    from claims_app.claims.services import ANCHOR_CONTEXT
    from claims_app.speakers.names import name_key

    now = dt.datetime.now(dt.UTC)
    outlets: dict[str, int] = {}
    speakers: dict[str, int] = {}
    article_id = claim_id = 0
    for path in paths:
        rows: dict[str, list[Any]] = {"outlets": [], "speakers": [], "articles": [],
                                      "claims": []}
        for d in read_file(path, max_bytes=MAX_BYTES):
            article_id += 1
            outlet_id = None
            if d.outlet:
                outlet_id = outlets.get(d.outlet)
                if outlet_id is None:
                    outlet_id = outlets[d.outlet] = len(outlets) + 1
                    rows["outlets"].append((outlet_id, d.outlet, None))
            rows["articles"].append(_article_row(article_id, outlet_id, d, now))
            for c in cache[_key(d.body)]:
                speaker_id = None
                if c.speaker_name:
                    key = name_key(c.speaker_name)
                    speaker_id = speakers.get(key)
                    if speaker_id is None:
                        speaker_id = speakers[key] = len(speakers) + 1
                        rows["speakers"].append((speaker_id, c.speaker_name, key,
                                                 c.speaker_kind, 1, now, now))
                claim_id += 1
                body = d.body
                rows["claims"].append((
                    claim_id, article_id, speaker_id, c.speaker_role, c.kind, c.text,
                    c.start, c.end, body[max(0, c.start - ANCHOR_CONTEXT):c.start],
                    body[c.end:c.end + ANCHOR_CONTEXT], c.cue, c.said_on, c.said_on_basis,
                    c.said_where, "extracted", c.confidence, "unreviewed", 1, now, now,
                ))
        yield rows


def _article_row(article_id: int, outlet_id: int | None, d: ArticleDraft,
                 now: dt.datetime) -> tuple[Any, ...]:
    return (article_id, outlet_id, d.title, d.author, d.published, d.published_precision,
            d.published_text, d.dateline, d.place, d.section, d.url, d.language or "en",
            d.source_name, d.body, d.raw, d.content_hash, dict(d.extra), now, 1, now, now)


def run_baseline(db: BenchDatabase, paths: list[Path], cache: ExtractCache) -> float:
    """Bulk-insert the pre-computed rows in one transaction; only the inserts are timed."""
    conn = db.raw_connect()
    seconds = 0.0
    try:
        if db.kind == "sqlite":
            conn.execute("BEGIN")
        for rows in baseline_rows(paths, cache):
            with Stopwatch() as sw:
                for table in ("outlets", "speakers", "articles", "claims"):
                    bulk_insert(conn, db.kind, table, rows[table])
            seconds += sw.seconds
        with Stopwatch() as sw:
            conn.commit() if db.kind == "postgresql" else conn.execute("COMMIT")
        seconds += sw.seconds
    finally:
        conn.close()
    return seconds


def profile_report(prof: cProfile.Profile, limit: int = 25) -> str:
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    return out.getvalue()


def bench_size(n_articles: int, engines: list[str], work: Path, fmt: str,
               profile: bool, log: Callable[[str], None]) -> list[list[Any]]:
    corpus = work / f"corpus-{n_articles}"
    write_corpus(Generator(1), n_articles, fmt, corpus)
    paths = list(expand([corpus]))
    read_s, extract_s, articles, claims, cache = read_and_extract(paths)
    log(f"{articles} articles, {claims} claims: read {read_s:.1f}s, extract {extract_s:.1f}s")
    rows: list[list[Any]] = []
    for kind in engines:
        prof = cProfile.Profile() if profile else None
        with fresh_database(kind, tmp_dir=work) as db:
            full_s, imported, statements = run_import(db, paths, profile=prof)
        # Reading and extraction cost inside import_paths what they cost alone (same
        # functions, same input), so the rest is the writing.
        write_s = max(full_s - read_s - extract_s, 1e-9)
        log(f"{kind}: full import {full_s:.1f}s ({imported} articles), write part "
            f"{write_s:.1f}s, {statements / articles:.1f} SQL statements per article")
        with fresh_database(kind, tmp_dir=work) as db:
            base_s = run_baseline(db, paths, cache)
        log(f"{kind}: baseline bulk insert {base_s:.2f}s")
        if prof is not None:
            print(f"\n--- cProfile of the import on {kind} ---")
            print(profile_report(prof))
        rows.append([
            f"{n_articles:,} art / {claims:,} claims", kind,
            articles / full_s, articles / base_s, ratio(full_s, base_s),
            articles / extract_s, articles / write_s, ratio(write_s, base_s),
            f"{statements / articles:.0f}",
        ])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES} (default)")
    size.add_argument("--big", action="store_true", help=f"sizes {BIG_SIZES}")
    size.add_argument("--articles", type=int, nargs="+", help="explicit sizes, in articles")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--format", choices=["jsonl", "seed"], default="jsonl")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the import and print the top functions")
    args = parser.parse_args(argv)
    sizes = args.articles or (BIG_SIZES if args.big else QUICK_SIZES)
    engines = engines_to_run(args.engines)
    work = Path(tempfile.mkdtemp(prefix="claims-bench-import-"))

    def log(msg: str) -> None:
        print(f"  [import] {msg}", file=sys.stderr, flush=True)

    rows: list[list[Any]] = []
    try:
        for n in sizes:
            rows += bench_size(n, engines, work, args.format, args.profile, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(
        "Import (articles/s; ratio = our time / baseline time)",
        ["size", "engine", "ours art/s", "baseline art/s", "ratio", "extract-only art/s",
         "write-only art/s", "write-only ratio (goal <= 3x)", "SQL stmts/article"],
        rows,
    )
    print(f"\nbaseline: sqlite3 executemany / psycopg COPY of the same outlets, speakers, "
          f"articles and claims in one transaction\n{machine_line()}")
    cmd = "python benchmarks/bench_import.py " + " ".join(argv if argv is not None
                                                           else sys.argv[1:])
    print(f"command: {cmd.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
