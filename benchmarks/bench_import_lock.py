"""How long an import holds SQLite's write lock, and how long a reviewer's save waits for it.

Why: on SQLite one writer at a time holds the write lock; a reviewer's save (or a login)
waits for it up to the busy timeout (15 s) and then fails with "database is locked". An
import that stored 100 articles per transaction once held the lock about 5 s under load,
and the 50-reviewer load test lost saves to it (issue 15). The importer now sizes each
transaction to ``TRANSACTION_SECONDS`` of lock and leaves the lock free between two
(``claims_app/ingest/pacing.py``); this measures both ways on the same generated articles:

* ``before``: 100 articles per transaction, the lock taken straight back (the old importer,
  by setting its constants);
* ``after``: the importer as it is.

For each: ``--importers`` ``claims_app`` imports run in processes of their own while this
process saves a one-row change every 50 ms, each in its own ``BEGIN IMMEDIATE`` transaction
(what a reviewer's save does first), and times how long each waited for the lock. Printed:
the longest transaction the imports committed, their write time, and the probe's waits
(p50, p95, max) and failures.

Usage::

    nice -n 10 python benchmarks/bench_import_lock.py --articles 200 --importers 2
    python benchmarks/bench_import_lock.py --quick      # 2 x 200 (run_all.py); --big adds 2 x 1000
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from common import (
    add_size_arguments,
    chosen_sizes,
    command_line,
    fresh_database,
    import_sessions,
    load_average,
    machine_line,
    p50_95_99,
    print_table,
)
from generate import Generator, write_corpus

PROBE_EVERY = 0.05  # seconds between two probe saves
QUICK_SIZES = [200]
BIG_SIZES = [200, 1000]
BUSY_TIMEOUT = 15.0


def _import(url: str, path: str, mode: str) -> tuple[float, int, float, bool]:
    """In a child process: import ``path`` the ``mode`` way; (longest transaction,
    transactions, write seconds, every article stored)."""
    from claims_app.ingest import importer, pacing

    if mode == "before":
        importer.TRANSACTION_SECONDS = float("inf")
        pacing.FIRST_TRANSACTION_ARTICLES = pacing.BATCH_ARTICLES
        importer.SQLITE_YIELD_SECONDS = 0.0
    with import_sessions(url) as target:
        summary = target.import_paths([Path(path)])
    return (summary.longest_transaction, summary.transactions, summary.seconds["write"],
            summary.ok)


def _probe(path: Path, stop: threading.Event, waits: list[float], failures: list[str]) -> None:
    """Save one row every ``PROBE_EVERY`` seconds until ``stop``; time each wait for the lock."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT)
    conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
    conn.execute("CREATE TABLE IF NOT EXISTS lock_probe (n INTEGER)")
    while not stop.is_set():
        started = time.perf_counter()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            failures.append(str(exc))
            continue
        waits.append(time.perf_counter() - started)
        conn.execute("INSERT INTO lock_probe VALUES (1)")
        conn.execute("COMMIT")
        time.sleep(PROBE_EVERY)
    conn.close()


def run(mode: str, batches: list[Path]) -> list[object]:
    with fresh_database("sqlite") as db:
        assert db.path is not None
        stop = threading.Event()
        waits: list[float] = []
        failures: list[str] = []
        prober = threading.Thread(target=_probe, args=(db.path, stop, waits, failures))
        prober.start()
        started = time.perf_counter()
        with ProcessPoolExecutor(len(batches), mp_context=get_context("spawn")) as pool:
            results = list(pool.map(_import, [db.url] * len(batches),
                                    [str(b) for b in batches], [mode] * len(batches)))
        seconds = time.perf_counter() - started
        stop.set()
        prober.join()
    p50, p95, _p99 = p50_95_99(waits)
    return [mode, max(r[0] for r in results), sum(r[1] for r in results),
            sum(r[2] for r in results), seconds, len(waits), 1000 * p50, 1000 * p95,
            1000 * max(waits, default=0.0), len(failures),
            "yes" if all(r[3] for r in results) else "NO", f"{load_average():.2f}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(parser, QUICK_SIZES, BIG_SIZES, "articles")  # articles per importer
    parser.add_argument("--importers", type=int, default=2)
    parser.add_argument("--modes", nargs="+", default=["before", "after"],
                        choices=["before", "after"])
    args = parser.parse_args(argv)
    print(machine_line())
    print(command_line("bench_import_lock.py", argv))
    folder = Path(tempfile.mkdtemp(prefix="claims-lock-"))
    rows = []
    for articles in chosen_sizes(args, QUICK_SIZES, BIG_SIZES, "articles"):
        batches = []
        for n in range(args.importers):
            batches.append(folder / f"batch-{articles}-{n}.jsonl")
            write_corpus(Generator(seed=4242 + n), articles, "jsonl", batches[-1])
        rows += [[f"{args.importers} x {articles}", *run(mode, batches)]
                 for mode in args.modes]
    shutil.rmtree(folder, ignore_errors=True)
    print_table(f"SQLite write lock: imports beside a save every {PROBE_EVERY * 1000:.0f} ms",
                ["imports x articles", "importer", "longest transaction s", "transactions",
                 "write s (sum)", "wall s", "saves", "wait p50 ms", "wait p95 ms",
                 "wait max ms", "locked", "all stored", "load"], rows)
    return 0 if all(r[10] == 0 and r[11] == "yes" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
