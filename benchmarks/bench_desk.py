"""Desk benchmark: the dashboard's per-reviewer counts, My queue and the review queue's
"assigned to me", at a size where reading every claim would show.

Why: the dashboard is every user's start page, so its "Assigned work" table must cost what the
assignments cost, not what the claims table costs. Each figure is printed beside a baseline
measured in the same run on the same database: the per-reviewer counts beside the same counts
driven from the claims table (every claim joined to the assignments, the obvious query), and
the two queue pages beside the unfiltered review queue page everyone already opens.

How: a fresh, migrated database is bulk-filled (``common.bulk_insert``) with articles of 20
claims each, 30 % of them reviewed; five reviewers are given 200 articles and 2,000 claims
through the ORM. Each query runs 7 times; the median is reported.

    python benchmarks/bench_desk.py --claims 200000
    python benchmarks/bench_desk.py --claims 200000 --engines sqlite
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from common import (
    bulk_insert,
    command_line,
    engines_to_run,
    fresh_database,
    machine_line,
    print_table,
    ratio,
    reset_sequences,
)
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from claims_app.accounts.models import Role, User
from claims_app.db import make_engine
from claims_app.desk.models import Assignment
from claims_app.desk.services import my_queue, reviewer_loads
from claims_app.review.services import QueueFilters, review_page

PER_ARTICLE = 20
SENTENCE = "The minister said the talks were useful. "


def fill(db: Any, claims: int) -> None:
    articles = claims // PER_ARTICLE
    body = SENTENCE * PER_ARTICLE
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    conn = db.raw_connect()
    if db.kind == "sqlite":
        conn.execute("BEGIN")
    article_rows, claim_rows = [], []
    claim_id = 0
    for a in range(1, articles + 1):
        article_rows.append((
            a, None, f"Article {a}", None, dt.date(2026, 1, 1), "day", None, None, None,
            None, None, "en", "bench", body, None,
            hashlib.sha256(f"{a}".encode()).hexdigest(), {}, now, 1, now, now))
        for i in range(PER_ARTICLE):
            claim_id += 1
            start = i * len(SENTENCE) + 4
            status = "confirmed" if claim_id % 10 < 3 else "unreviewed"
            claim_rows.append((
                claim_id, a, None, None, "indirect", body[start:start + 20], start, start + 20,
                "", "", "said", None, "unknown", None, "extracted", 0.5, status, 1, now, now))
        if len(claim_rows) >= 50_000:
            bulk_insert(conn, db.kind, "articles", article_rows)
            bulk_insert(conn, db.kind, "claims", claim_rows)
            article_rows, claim_rows = [], []
    bulk_insert(conn, db.kind, "articles", article_rows)
    bulk_insert(conn, db.kind, "claims", claim_rows)
    reset_sequences(conn, db.kind)
    conn.execute("ANALYZE")
    conn.commit() if db.kind == "postgresql" else conn.execute("COMMIT")
    conn.close()


def assign_work(session: Session, claims: int) -> list[int]:
    reviewers = [User(username=f"rev{i}", password_hash="!", role=Role.REVIEWER)
                 for i in range(5)]
    session.add_all(reviewers)
    session.flush()
    articles = claims // PER_ARTICLE
    step = max(1, articles // 200)
    for n, article_id in enumerate(range(1, articles + 1, step)[:200]):
        session.add(Assignment(article_id=article_id, assignee_id=reviewers[n % 5].id))
    claim_step = max(1, claims // 2000)
    for n, claim_id in enumerate(range(3, claims + 1, claim_step)[:2000]):
        session.add(Assignment(claim_id=claim_id, assignee_id=reviewers[n % 5].id))
    session.commit()
    return [r.id for r in reviewers]


def naive_loads(session: Session) -> list[Any]:
    """The baseline: the same counts driven from every claim (LEFT JOIN assignments twice)."""
    return list(session.execute(text("""
        SELECT coalesce(ca.assignee_id, aa.assignee_id) AS who,
               sum(CASE WHEN c.status = 'unreviewed' THEN 1 ELSE 0 END),
               sum(CASE WHEN c.status <> 'unreviewed' THEN 1 ELSE 0 END)
        FROM claims c
        LEFT JOIN assignments ca ON ca.claim_id = c.id
        LEFT JOIN assignments aa ON aa.article_id = c.article_id
        WHERE ca.id IS NOT NULL OR aa.id IS NOT NULL
        GROUP BY 1 ORDER BY 1""")))


def median_ms(fn: Callable[[], Any], runs: int = 7) -> float:
    fn()  # warm the cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run(kind: str, claims: int) -> list[list[Any]]:
    with fresh_database(kind) as db:
        fill(db, claims)
        engine = make_engine(db.url)
        with Session(engine) as session:
            reviewer_ids = assign_work(session, claims)
            me = reviewer_ids[0]
            ours = sorted((r.user_id, r.open, r.done) for r in reviewer_loads(session))
            theirs = sorted((int(w), int(o), int(d)) for w, o, d in naive_loads(session))
            assert ours == theirs, (ours, theirs)  # the same figures, however computed
            total = session.scalar(select(func.count()).select_from(Assignment))
            rows = [
                ["per-reviewer counts (dashboard)", median_ms(lambda: reviewer_loads(session)),
                 "claim-driven GROUP BY", median_ms(lambda: naive_loads(session))],
                ["My queue, page 1", median_ms(lambda: my_queue(session, me)),
                 "review queue, page 1", median_ms(lambda: review_page(session))],
                ["review queue, assigned to me", median_ms(
                    lambda: review_page(session, filters=QueueFilters(assignee_id=me))),
                 "review queue, page 1", median_ms(lambda: review_page(session))],
            ]
        engine.dispose()
    print(f"\n{kind}: {claims:,} claims, {total:,} assignments")
    return [[kind, what, f"{ms:.1f}", base, f"{base_ms:.1f}", ratio(ms, base_ms)]
            for what, ms, base, base_ms in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args(argv)
    print(command_line("bench_desk.py", argv))
    print(machine_line())
    rows = []
    for kind in engines_to_run(args.engines):
        rows.extend(run(kind, args.claims))
    print_table("Desk queries (median of 7, ms)",
                ["engine", "query", "ms", "baseline", "baseline ms", "ratio"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
