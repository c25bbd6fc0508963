"""Export benchmark: N claims out as JSON Lines, on SQLite and PostgreSQL, against a baseline.

Why: an export must stream (issue goal: 1,000,000 claims with peak memory under 200 MB)
and its cost should grow linearly. So at each size and on each engine the script generates
N claims (10 to an article, every other one reviewed and tagged) into a fresh, migrated
database, then runs, each in its own process so peak memory is that process's own:

* ours: ``claims-app export --format jsonl -o FILE``, the command users run (or, with
  ``--via function``, a bare Python process calling ``write_export`` as the command does:
  no Flask app, so about 20 MiB less);
* baseline: the database's own client dumping the same rows with roughly the same columns
  (each claim joined to its article, outlet, speaker, user names, latest review, review
  count and tags; one query, no Python): ``sqlite3 -json`` on SQLite and
  ``psql -c "COPY (SELECT row_to_json(q) FROM (...) q) TO STDOUT"`` on PostgreSQL.

Peak memory is the client process's; the PostgreSQL server's own memory is not counted on
either side; it is read by ``/usr/bin/time`` (Linux carries a parent's peak RSS into the
children it spawns, and ``time`` is tiny). Generating and dropping databases happen in child
processes, so the parent stays small anyway.

Usage::

    python benchmarks/bench_export.py --quick                 # 10k claims, both engines
    python benchmarks/bench_export.py --big                   # 10k, 100k and 1M claims
    python benchmarks/bench_export.py --claims 50000 --engines postgresql --wait-load 1.5
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import (
    ENGINES,
    add_size_arguments,
    chosen_sizes,
    command_line,
    engines_to_run,
    libpq_url,
    machine_line,
    print_table,
    ratio,
)

QUICK_SIZES = [10_000]
BIG_SIZES = [10_000, 100_000, 1_000_000]
CHUNK = 20_000
OURS = {"cli": "claims-app export --format jsonl -o FILE",
        "function": "write_export(session, 'jsonl', ...) in a bare process"}
GOAL_BYTES = 200 * 1000 * 1000  # "peak memory under 200 MB"

# The baseline's rows: every claim with the columns the JSON Lines export writes, from one
# query. Portable SQL except the tag list (group_concat / string_agg).
_TAGS = {
    "sqlite": "group_concat(t.name, ',')",
    "postgresql": "string_agg(t.name, ',' ORDER BY t.name)",
}
BASELINE_SQL = """
SELECT c.id, c.kind, c.text, c.start_offset, c.end_offset, c.prefix, c.suffix,
       c.speaker_role, c.cue, c.said_on, c.said_on_basis, c.said_where, c.status, c.origin,
       c.confidence, c.note, cu.username AS created_by, uu.username AS updated_by,
       c.created_at, c.updated_at,
       s.id AS speaker_id, s.name AS speaker_name, s.kind AS speaker_kind,
       s.external_id AS speaker_external_id, s.merged_into_id AS speaker_merged_into,
       a.id AS article_id, a.title, a.author, o.name AS outlet, a.published,
       a.published_precision, a.published_text, a.dateline, a.place, a.section, a.url,
       a.language, a.source_name, a.content_hash, a.extra, a.notes, a.imported_at,
       iu.username AS imported_by,
       (SELECT {tags} FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
         WHERE ct.claim_id = c.id) AS tags,
       (SELECT count(*) FROM reviews r WHERE r.claim_id = c.id) AS review_count,
       lr.verdict, lr.rating_text, lr.evidence_urls, lr.note AS review_note,
       ru.username AS reviewer, lr.created_at AS reviewed_at
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN speakers s ON s.id = c.speaker_id
LEFT JOIN users cu ON cu.id = c.created_by_id
LEFT JOIN users uu ON uu.id = c.updated_by_id
LEFT JOIN users iu ON iu.id = a.imported_by_id
LEFT JOIN reviews lr ON lr.id = (SELECT max(r2.id) FROM reviews r2 WHERE r2.claim_id = c.id)
LEFT JOIN users ru ON ru.id = lr.reviewer_id
ORDER BY c.id
"""


def baseline_sql(kind: str) -> str:
    return " ".join(BASELINE_SQL.format(tags=_TAGS[kind]).split())


# --- children (these import the application; the parent does not) ----------------------

def generate(url: str, claims: int, per_article: int) -> float:
    """Bulk-insert the claims through SQLAlchemy Core into the migrated database at ``url``."""
    from sqlalchemy import insert

    from claims_app.articles.models import Article, Outlet
    from claims_app.claims.models import Claim, Review, Tag, claim_tags
    from claims_app.db import make_engine
    from claims_app.speakers.models import Speaker

    started = time.perf_counter()
    engine = make_engine(url)
    now = dt.datetime.now(dt.UTC)
    sentence = "Speaker {s} said \u201cthe figure for item {i} is right\u201d on Monday. "
    with engine.begin() as conn:
        conn.execute(insert(Outlet), [{"id": i, "name": f"Outlet {i}"} for i in range(1, 21)])
        conn.execute(insert(Speaker), [
            {"id": i, "name": f"Speaker {i}", "name_key": f"speaker {i}", "kind": "person",
             "created_at": now, "updated_at": now, "version": 1} for i in range(1, 501)])
        conn.execute(insert(Tag), [{"id": i, "name": f"tag-{i}"} for i in range(1, 51)])
        article_id = 0
        for first in range(0, claims, CHUNK):
            articles, rows, reviews, tags = [], [], [], []
            for a in range(first, min(claims, first + CHUNK), per_article):
                article_id += 1
                parts, offset = [], 0
                for i in range(a, min(claims, a + per_article)):
                    s = sentence.format(s=i % 500 + 1, i=i)
                    start = offset + s.index("\u201c") + 1
                    end = offset + s.index("\u201d")
                    parts.append(s)
                    rows.append({"id": i + 1, "article_id": article_id, "kind": "direct",
                                 "start": start, "end": end, "speaker_id": i % 500 + 1,
                                 "origin": "extracted", "confidence": 0.9,
                                 "status": "unreviewed", "said_on_basis": "unknown",
                                 "version": 1, "created_at": now, "updated_at": now})
                    offset += len(s)
                    if i % 2 == 0:
                        reviews.append({"claim_id": i + 1, "verdict": "true",
                                        "evidence_urls": [], "created_at": now})
                        tags.append({"claim_id": i + 1, "tag_id": i % 50 + 1})
                body = "".join(parts)
                for row in rows[-len(parts):]:
                    row["text"] = body[row["start"]:row["end"]]
                    row["prefix"] = body[max(0, row["start"] - 32):row["start"]]
                    row["suffix"] = body[row["end"]:row["end"] + 32]
                articles.append({
                    "id": article_id, "outlet_id": article_id % 20 + 1,
                    "title": f"Generated article {article_id}", "body": body,
                    "content_hash": hashlib.sha256(body.encode()).hexdigest(),
                    "published": dt.date(2022, 1, 1) + dt.timedelta(days=article_id % 700),
                    "published_precision": "day", "language": "en", "source_name": "bench",
                    "extra": {}, "imported_at": now, "created_at": now, "updated_at": now,
                    "version": 1})
            conn.execute(insert(Article), articles)
            for row in rows:  # Core speaks column names, not the ORM's attribute names
                row["start_offset"], row["end_offset"] = row.pop("start"), row.pop("end")
            conn.execute(insert(Claim), rows)
            conn.execute(insert(Review), reviews)
            conn.execute(insert(claim_tags), tags)
    engine.dispose()
    return time.perf_counter() - started


def child_create(kind: str, claims: int, per_article: int, work: Path) -> None:
    """Create, migrate and fill a database; print its description as one JSON line."""
    from common import BenchDatabase, fresh_database, reset_sequences

    with fresh_database(kind, keep=True, tmp_dir=work) as db:
        seconds = generate(db.url, claims, per_article)
    assert isinstance(db, BenchDatabase)
    if kind == "postgresql":
        conn = db.raw_connect()
        conn.autocommit = True
        reset_sequences(conn, kind)
        # What autovacuum would do soon anyway: statistics and the visibility map, so the
        # figures are those of a settled database, not of one just bulk-loaded.
        conn.execute("VACUUM ANALYZE")
        conn.close()
    print(json.dumps({"kind": kind, "url": db.url, "path": str(db.path) if db.path else None,
                      "seconds": seconds}))


def child_export(url: str, out: Path) -> None:
    """What ``claims-app export --format jsonl -o FILE`` does, without the Flask app."""
    from sqlalchemy.orm import Session

    from claims_app.db import make_engine
    from claims_app.export import ExportFilters, ExportOptions, write_export

    engine = make_engine(url)
    with Session(engine) as session, out.open("w", encoding="utf-8", newline="") as fh:
        write_export(session, "jsonl", ExportFilters(), fh, ExportOptions())
    engine.dispose()


def child_drop(kind: str, url: str, path: str | None) -> None:
    from common import BenchDatabase, drop_database

    drop_database(BenchDatabase(kind, url, Path(path) if path else None))


# --- measuring (parent) -----------------------------------------------------------------

def load1() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def wait_for_load(limit: float | None, poll: float = 30, patience: float = 600) -> float:
    """Wait (up to ``patience`` s) until the 1-minute load is below ``limit``; return it."""
    if limit is None:
        return load1()
    deadline = time.monotonic() + patience
    while (load := load1()) >= limit and time.monotonic() < deadline:
        print(f"  [export] load {load:.2f} >= {limit}; waiting", file=sys.stderr, flush=True)
        time.sleep(poll)
    return load


def measure(argv: list[str], out: Path, *, stdout_to_file: bool = False,
            env: dict[str, str] | None = None) -> dict[str, float]:
    """Run one process; wall seconds, its own peak RSS and the size of what it wrote.

    The peak comes from ``/usr/bin/time`` when present: Linux counts the RSS of the process
    that spawned a child into the child's ``ru_maxrss`` (this parent holds psycopg), and
    ``time`` itself is tiny. Without it, ``wait4``'s figure is an upper bound.
    """
    timer = shutil.which("time", path="/usr/bin:/bin")
    report = out.with_name(out.name + ".maxrss")
    command = [timer, "-q", "-f", "%M", "-o", str(report), *argv] if timer else argv
    started = time.perf_counter()
    with out.open("wb") if stdout_to_file else open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(command, stdout=sink, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv[:4]} failed")
    peak_kib = usage.ru_maxrss  # KiB on Linux
    if timer:
        peak_kib = int(report.read_text().split()[-1])
        report.unlink()
    return {"seconds": seconds, "peak_kib": peak_kib,
            "mib_written": out.stat().st_size / 2**20}


def count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))


def baseline_argv(db: dict[str, Any]) -> tuple[str, list[str]]:
    if db["kind"] == "sqlite":
        cli = shutil.which("sqlite3")
        if not cli:
            raise SystemExit("the sqlite3 command-line tool is needed for the baseline")
        return "sqlite3 -json", [cli, "-json", db["path"], baseline_sql("sqlite")]
    cli = shutil.which("psql")
    if not cli:
        raise SystemExit("psql is needed for the PostgreSQL baseline")
    copy = f"COPY (SELECT row_to_json(q) FROM ({baseline_sql('postgresql')}) q) TO STDOUT"
    return "psql COPY row_to_json", [cli, "-X", "-q", "-v", "ON_ERROR_STOP=1",
                                     "-d", libpq_url(db["url"]), "-c", copy]


def bench_one(n: int, kind: str, args: argparse.Namespace, work: Path) -> list[Any]:
    me = [sys.executable, __file__]
    log(f"{kind}: generating {n:,} claims ...")
    made = subprocess.run([*me, "--child", "create", "--kind", kind, "--claims", str(n),
                           "--per-article", str(args.per_article), "--work", str(work)],
                          check=True, stdout=subprocess.PIPE, text=True)
    db = json.loads(made.stdout.strip().splitlines()[-1])
    log(f"{kind}: generated in {db['seconds']:.1f} s")
    try:
        out = work / f"{kind}-{n}.jsonl"
        if args.via == "cli":
            command = [str(Path(sys.executable).with_name("claims-app")), "export",
                       "--format", "jsonl", "-o", str(out)]
        else:
            command = [*me, "--child", "export", "--url", db["url"], "--path", str(out)]
        env = {**os.environ, "CLAIMS_DATABASE_URL": db["url"],
               "CLAIMS_INSTANCE_PATH": str(work / "instance")}
        load_ours = wait_for_load(args.wait_load)
        ours = measure(command, out, env=env)
        lines = count_lines(out)
        if lines != n:
            raise SystemExit(f"{kind}: export wrote {lines:,} lines for {n:,} claims")
        out.unlink()
        name, argv = baseline_argv(db)
        base_out = work / f"{kind}-{n}.baseline"
        load_base = wait_for_load(args.wait_load)
        base = measure(argv, base_out, stdout_to_file=True)
        base_out.unlink()
        log(f"{kind} {n:,}: export {ours['seconds']:.2f} s {ours['peak_kib'] / 1024:.1f} MiB; "
            f"{name} {base['seconds']:.2f} s {base['peak_kib'] / 1024:.1f} MiB")
    finally:
        if not args.keep:
            subprocess.run([*me, "--child", "drop", "--kind", kind, "--url", db["url"],
                            *(["--path", db["path"]] if db["path"] else [])], check=True)
        else:
            log(f"kept {db['url']}")
    peak, base_peak = ours["peak_kib"] / 1024, base["peak_kib"] / 1024
    return [f"{n:,}", kind, ours["seconds"], f"{n / ours['seconds']:,.0f}", peak,
            ours["mib_written"], name, base["seconds"], base_peak, base["mib_written"],
            ratio(ours["seconds"], base["seconds"]), ratio(peak, base_peak),
            "yes" if ours["peak_kib"] * 1024 < GOAL_BYTES else "NO",
            f"{load_ours:.2f}/{load_base:.2f}", f"{db['seconds']:.0f}"]


def log(msg: str) -> None:
    print(f"  [export] {msg}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_arguments(parser, QUICK_SIZES, BIG_SIZES, "claims")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--wait-load", type=float, metavar="LOAD",
                        help="before each measured run, wait (30 s polls, up to 10 min) "
                             "until the 1-minute load average is below LOAD")
    parser.add_argument("--via", choices=["cli", "function"], default="cli",
                        help="run the export as the claims-app command (default) or as a "
                             "bare Python process calling write_export, as the command does")
    parser.add_argument("--keep", action="store_true", help="keep the generated databases")
    parser.add_argument("--child", choices=["create", "export", "drop"],
                        help=argparse.SUPPRESS)
    parser.add_argument("--kind", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "create":
        child_create(args.kind, args.claims[0], args.per_article, args.work)
        return 0
    if args.child == "export":
        child_export(args.url, Path(args.path))
        return 0
    if args.child == "drop":
        child_drop(args.kind, args.url, args.path)
        return 0

    sizes = chosen_sizes(args, QUICK_SIZES, BIG_SIZES, "claims")
    engines = engines_to_run(args.engines)
    work = Path(tempfile.mkdtemp(prefix="claims-bench-export-"))
    rows: list[list[Any]] = []
    try:
        for n in sizes:
            for kind in engines:
                rows.append(bench_one(n, kind, args, work))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_table(
        f"Export to JSON Lines (ours: {OURS[args.via]}; baseline: the "
        "database's own client dumping the same joined rows; peak = the process's max RSS; "
        "ratio = ours/baseline; load = 1-min load before ours/baseline)",
        ["claims", "engine", "seconds", "claims/s", "peak MiB", "MiB out", "baseline",
         "baseline s", "baseline peak MiB", "baseline MiB out", "time ratio", "memory ratio",
         "peak < 200 MB", "load", "generate s"],
        rows,
    )
    print(machine_line())
    print(command_line("bench_export.py", argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
