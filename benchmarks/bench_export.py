"""Benchmark: stream N claims out as JSON Lines, against a baseline measured in the same run.

Generates N claims (10 to an article, every other one reviewed, tagged and attributed)
into a fresh SQLite database with bulk inserts, then runs, each in its own process so peak
memory (``ru_maxrss`` from ``wait4``) is the run's own:

* the export: ``write_export(session, "jsonl", ...)`` to a file;
* the baseline: the ``sqlite3`` command line tool's ``-json`` output of the claims table
  (or, without the binary, Python's sqlite3 ``SELECT`` with ``json.dumps`` per row): the
  fastest a plain dump of the same rows can go, with no joins, reviews or tags.

The export does much more per claim (article, speaker, tags, latest review), so the ratio
is the price of that richness; memory that stays flat as N grows is the property that
matters. Usage::

    .venv/bin/python benchmarks/bench_export.py                 # 20,000 claims
    .venv/bin/python benchmarks/bench_export.py --claims 1000000
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHUNK = 20_000


def generate(db: Path, claims: int, per_article: int) -> float:
    from sqlalchemy import insert

    from claims_app import migrate
    from claims_app.articles.models import Article, Outlet
    from claims_app.claims.models import Claim, Review, Tag, claim_tags
    from claims_app.db import make_engine
    from claims_app.speakers.models import Speaker

    started = time.perf_counter()
    engine = make_engine(f"sqlite:///{db}")
    migrate.upgrade(engine, "head")
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


def child_export(db: Path, out: Path) -> None:
    from sqlalchemy.orm import Session

    from claims_app.db import make_engine
    from claims_app.export import ExportFilters, ExportOptions, write_export

    engine = make_engine(f"sqlite:///{db}")
    with Session(engine) as session, out.open("w", encoding="utf-8", newline="") as fh:
        write_export(session, "jsonl", ExportFilters(), fh, ExportOptions(batch_size=1000))


def child_baseline(db: Path, out: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    with out.open("w", encoding="utf-8") as fh:
        for row in conn.execute("SELECT * FROM claims ORDER BY id"):
            fh.write(json.dumps(dict(row), ensure_ascii=False) + "\n")


def measure(argv: list[str], out: Path, stdout_to_file: bool = False) -> dict[str, float]:
    started = time.perf_counter()
    with out.open("wb") if stdout_to_file else open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(argv, stdout=sink)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv[:3]} failed")
    # ru_maxrss is in KiB on Linux.
    return {"seconds": seconds, "peak_mib": usage.ru_maxrss / 1024,
            "mib_written": out.stat().st_size / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="Keep the generated database.")
    parser.add_argument("--child", choices=["generate", "export", "baseline"],
                        help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "generate":
        print(f"  generated in {generate(args.db, args.claims, args.per_article):.1f} s")
        return None
    if args.child == "export":
        return child_export(args.db, args.out)
    if args.child == "baseline":
        return child_baseline(args.db, args.out)

    work = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    db = work / "bench.sqlite3"
    print(f"generating {args.claims:,} claims in {db} ...", flush=True)
    me = [sys.executable, __file__, "--db", str(db)]
    # In a child too: Linux carries a parent's peak RSS into the children it forks, so the
    # parent must stay small for the children's figures to be their own.
    subprocess.run([*me, "--child", "generate", "--claims", str(args.claims),
                    "--per-article", str(args.per_article)], check=True)
    export = measure([*me, "--child", "export", "--out", str(work / "claims.jsonl")],
                     work / "claims.jsonl")
    sqlite_cli = shutil.which("sqlite3")
    if sqlite_cli:
        name = "sqlite3 -json CLI"
        base = measure([sqlite_cli, "-json", str(db), "SELECT * FROM claims ORDER BY id"],
                       work / "baseline.json", stdout_to_file=True)
    else:
        name = "python sqlite3 + json.dumps"
        base = measure([*me, "--child", "baseline", "--out", str(work / "baseline.jsonl")],
                       work / "baseline.jsonl")
    print(f"\n{'':34}{'seconds':>10}{'claims/s':>12}{'peak MiB':>10}{'MiB out':>10}")
    for label, r in (("claims_app export --format jsonl", export), (f"baseline: {name}", base)):
        rate = args.claims / r["seconds"]
        print(f"{label:34}{r['seconds']:>10.2f}{rate:>12,.0f}{r['peak_mib']:>10.1f}"
              f"{r['mib_written']:>10.1f}")
    print(f"\nratio export/baseline: time {export['seconds'] / base['seconds']:.1f}x, "
          f"peak memory {export['peak_mib'] / base['peak_mib']:.1f}x")
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
