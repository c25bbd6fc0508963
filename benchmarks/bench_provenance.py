"""Provenance benchmark: how well, and at what cost, the archive answers issue 17's questions.

**Quality.** Each answer is a no-argument scorer returning precision and recall on its
hand-written gold set (``ANSWERS``, from ``claims_app.provenance.evaluate.SCORERS``: statement
groups and drift flags, on ``tests/data/provenance/gold.json``). Other answers (fact-check
matching, changes of position) add their scorers to ``ANSWERS``. Goal: precision >= 0.90 at
the suggestions shown, recall >= 0.80.

**Cost.** On the generated wire corpus of the other benchmarks (``benchmarks/generate.py``),
building the statement groups against today's passage indexing, both measured in this run:

* pure: grouping every claim from scratch (``build_groups``: matching forms, blocking keys,
  candidate verification) against signing every article body (``signed_passages``: the
  MinHash/LSH work of passage indexing), both in memory;
* database: ``rebuild_groups`` (what ``claims-app reindex`` runs: reads the claims, writes
  groups, memberships, keys and material flags) against ``index_passages`` of every article
  (what reindex runs for passage signatures), on a fresh migrated SQLite (or, with
  ``--engines``, PostgreSQL) database.

Goal: groups within 2x of passage indexing.

Usage::

    python benchmarks/bench_provenance.py           # gold; 10,000 articles pure, 2,000 SQLite
    python benchmarks/bench_provenance.py --big        # 100,000 pure, 10,000 in SQLite
    python benchmarks/bench_provenance.py --quality-only
    python benchmarks/bench_provenance.py --pure-articles 0 --db-articles 3000 \
        --engines sqlite postgresql          # the database cost on both engines
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("CLAIMS_INSTANCE_PATH", tempfile.mkdtemp(prefix="claims-bench-"))

from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from benchmarks.common import fresh_database, load_average  # noqa: E402
from benchmarks.generate import Generator  # noqa: E402
from claims_app import migrate  # noqa: E402
from claims_app.articles.models import Article, DatePrecision  # noqa: E402
from claims_app.claims.models import Claim, ClaimKind, ClaimOrigin  # noqa: E402
from claims_app.crossref.repeats import index_passages, signed_passages  # noqa: E402
from claims_app.db import make_engine  # noqa: E402
from claims_app.factchecks import evaluate as factcheck_eval  # noqa: E402
from claims_app.positions import evaluate as position_eval  # noqa: E402
from claims_app.provenance.evaluate import SCORERS, Score  # noqa: E402
from claims_app.provenance.grouping import Record, build_groups  # noqa: E402
from claims_app.provenance.groups import rebuild_groups  # noqa: E402
from claims_app.provenance.models import StatementGroup, StatementGroupMember  # noqa: E402

#: (answer, scorer): append other answers' scorers here.
ANSWERS: list[tuple[str, Callable[[], Score]]] = list(SCORERS)
#: The other two answers of issue 17, scored on their own gold sets (``tests/data/factchecks``
#: and ``tests/data/positions``); ``bench_factchecks.py`` prints them beside naive baselines.
GOLD_DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
OTHER_ANSWERS: list[tuple[str, Callable[[], dict[str, Any]]]] = [
    ("fact-check memory", lambda: factcheck_eval.score(GOLD_DATA / "factchecks")),
    ("changes of position", lambda: position_eval.score(GOLD_DATA / "positions")),
]


def quality() -> bool:
    print("== quality on the gold sets (goal: precision >= 0.90, recall >= 0.80) ==")
    ok = True
    for _name, scorer in ANSWERS:
        score = scorer()
        print(score.line(), "" if score.meets_goals else "  <- below goal")
        for what, items in (("wrong", score.wrong), ("missed", score.misses)):
            if items:
                print(f"   {what}: " + "; ".join(items))
        ok = ok and score.meets_goals
    for name, scorer in OTHER_ANSWERS:
        got = scorer()
        meets = got["precision"] >= 0.90 and got["recall"] >= 0.80
        print(f"{name}: precision {got['precision']:.3f}, recall {got['recall']:.3f} "
              f"({got['cases']} cases)" + ("" if meets else "  <- below goal"))
        ok = ok and meets
    return ok


def pure_cost(n: int, seed: int) -> None:
    gen = Generator(seed)
    bodies: list[str] = []
    records: list[Record] = []
    for art in gen.articles(n):
        bodies.append(art.body)
        records += [Record(len(records) + 1, c.text, c.speaker_id, art.published, art.index)
                    for c in art.claims]
    t0 = time.perf_counter()
    for body in bodies:
        # remembered per text, but every body here is new: each is signed, as in an import
        signed_passages(body)
    baseline = time.perf_counter() - t0
    t0 = time.perf_counter()
    groups = build_groups(records)
    ours = time.perf_counter() - t0
    shown = sum(1 for members in groups.values() if len(members) > 1)
    print(f"pure, {n:,} articles, {len(records):,} claims: group {ours:.2f} s | "
          f"sign passages (baseline) {baseline:.2f} s | ratio {ours / baseline:.2f} "
          f"(goal <= 2) | {len(groups):,} groups, {shown:,} with more than one appearance | "
          f"load {load_average():.2f}")


def database_cost(n: int, seed: int, kind: str = "sqlite") -> None:
    with tempfile.TemporaryDirectory(prefix="claims-bench-prov-") as tmp, \
            fresh_database(kind, tmp_dir=Path(tmp)) as db:
        engine = make_engine(db.url)
        migrate.upgrade(engine, "head")
        gen = Generator(seed)
        with Session(engine) as session:
            for art in gen.articles(n):
                article = Article(
                    body=art.body, title=art.title, published=art.published,
                    published_precision=DatePrecision.DAY, language="en", extra={},
                    content_hash=hashlib.sha256(art.body.encode()).hexdigest(),
                    imported_at=dt.datetime.now(dt.UTC))
                session.add(article)
                session.flush()
                session.add_all(Claim(article_id=article.id, kind=ClaimKind(c.kind), text=c.text,
                                      start=c.start, end=c.end, origin=ClaimOrigin.EXTRACTED)
                                for c in art.claims)
            session.commit()
            claims = session.scalar(select(func.count(Claim.id))) or 0
            articles = session.scalars(select(Article)).all()
            t0 = time.perf_counter()
            for article in articles:
                index_passages(session, article)
            session.commit()
            baseline = time.perf_counter() - t0
            t0 = time.perf_counter()
            rebuild_groups(session)
            session.commit()
            ours = time.perf_counter() - t0
            groups = session.scalar(select(func.count(StatementGroup.id))) or 0
            flagged = session.scalar(select(func.count()).select_from(StatementGroupMember)
                                     .where(StatementGroupMember.material.is_(True))) or 0
        engine.dispose()
    name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[kind]
    print(f"{name}, {n:,} articles, {claims:,} claims: rebuild_groups {ours:.2f} s | "
          f"index_passages (baseline) {baseline:.2f} s | ratio {ours / baseline:.2f} "
          f"(goal <= 2) | {groups:,} groups, {flagged:,} members flagged | load "
          f"{load_average():.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="the default sizes")
    size.add_argument("--big", action="store_true", help="100,000 articles pure, 10,000 SQL")
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--pure-articles", type=int)
    parser.add_argument("--db-articles", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engines", nargs="+", choices=("sqlite", "postgresql"),
                        default=["sqlite"], help="databases for the rebuild_groups cost")
    args = parser.parse_args(argv)
    ok = quality()
    if not args.quality_only:
        print("== cost: building statement groups against passage indexing ==")
        pure = args.pure_articles if args.pure_articles is not None else (
            100_000 if args.big else 10_000)
        if pure:  # --pure-articles 0: the database cost alone
            pure_cost(pure, args.seed)
        for kind in args.engines:
            database_cost(args.db_articles or (10_000 if args.big else 2_000), args.seed, kind)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
