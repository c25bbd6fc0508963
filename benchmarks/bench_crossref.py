"""Benchmark the cross-referencing engine against baselines measured in the same run.

Generates N synthetic articles (default 2,000; ``--big`` for 100,000) into a fresh SQLite
database migrated with ``claims_app.migrate.upgrade``, indexes them with the importer's hook
(``claims_app.crossref.index_article``), then prints:

* repeats: the time to find the near-duplicates of one passage with ``similar_passages``
  (MinHash/LSH lookup + Jaccard re-rank), next to a brute-force Jaccard scan over every
  sentence's shingles (precomputed, so the baseline only pays for the comparisons);
* search: the p95 latency of 50 queries through ``search`` (normalisation, filters, count,
  ranking, snippets), next to the same queries as a raw FTS5 ``MATCH ... ORDER BY bm25 LIMIT 20``
  through the sqlite3 module.

Usage: ``python benchmarks/bench_crossref.py [--articles N | --big] [--db PATH] [--seed S]``
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("CLAIMS_INSTANCE_PATH", tempfile.mkdtemp(prefix="claims-bench-"))

from sqlalchemy.orm import Session  # noqa: E402

from claims_app import migrate  # noqa: E402
from claims_app.articles.models import Article, DatePrecision  # noqa: E402
from claims_app.crossref import index_article, search, similar_passages  # noqa: E402
from claims_app.crossref.passages import jaccard, passage_spans, shingles  # noqa: E402
from claims_app.crossref.query import parse_query  # noqa: E402
from claims_app.db import make_engine  # noqa: E402

SYLLABLES = ["ka", "ra", "ban", "to", "mi", "zer", "ar", "men", "lo", "si", "gan", "ja", "nu",
             "vel", "dor", "pe", "qu", "is", "tan", "ov", "ed", "un", "ha", "shi"]
FUNCTION_WORDS = ["the", "of", "and", "to", "in", "a", "was", "were", "by", "on", "that", "for"]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Generator:
    """Articles of 15-30 sentences over a Zipf-like vocabulary, some carrying boilerplate."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng, 6000)
        self.weights = [1.0 / (i + 1) for i in range(len(self.words))]
        self.boilerplate = [self.sentence(22) for _ in range(100)]

    def sentence(self, n: int | None = None) -> str:
        rng = self.rng
        n = n or rng.randint(10, 26)
        picks = rng.choices(self.words, self.weights, k=n)
        for i in range(0, n, 4):
            picks[i] = rng.choice(FUNCTION_WORDS)
        picks[0] = picks[0].capitalize()
        return " ".join(picks) + "."

    def edited(self, sentence: str) -> str:
        """A small edit: one word replaced (the "was"/"were" kind of change)."""
        words = sentence[:-1].split()
        i = self.rng.randrange(1, len(words))
        words[i] = self.rng.choice(FUNCTION_WORDS)
        return " ".join(words) + "."

    def article(self) -> str:
        rng = self.rng
        sentences = [self.sentence() for _ in range(rng.randint(15, 30))]
        if rng.random() < 0.3:
            for _ in range(rng.randint(1, 3)):
                text = rng.choice(self.boilerplate)
                if rng.random() < 0.5:
                    text = self.edited(text)
                sentences.insert(rng.randrange(len(sentences) + 1), text)
        paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
        return "\n\n".join(paragraphs)


def build(db: Path, n: int, gen: Generator) -> float:
    engine = make_engine(f"sqlite:///{db}")
    migrate.upgrade(engine)
    started = time.perf_counter()
    with Session(engine) as session:
        for i in range(n):
            body = gen.article()
            article = Article(title=f"Synthetic article {i}", body=body,
                              content_hash=hashlib.sha256(f"{i}:{body}".encode()).hexdigest(),
                              published_precision=DatePrecision.UNKNOWN)
            session.add(article)
            session.flush()
            index_article(session, article)
            if i % 500 == 499:
                session.commit()
                print(f"  indexed {i + 1}/{n} articles", file=sys.stderr)
        session.commit()
    engine.dispose()
    return time.perf_counter() - started


def timed(fn, repeat: int = 5) -> float:
    best = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best.append(time.perf_counter() - t)
    return statistics.median(best)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--big", action="store_true", help="100,000 articles")
    parser.add_argument("--db", type=Path, help="database file (default: a temporary one)")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=20240401)
    args = parser.parse_args()
    n = 100_000 if args.big else args.articles
    db = args.db or Path(tempfile.mkdtemp(prefix="claims-bench-")) / "bench.sqlite3"
    if db.exists():
        db.unlink()
    gen = Generator(args.seed)
    print(f"generating and indexing {n} articles into {db} ...", file=sys.stderr)
    build_s = build(db, n, gen)

    engine = make_engine(f"sqlite:///{db}")
    with Session(engine) as session:
        # --- repeats -----------------------------------------------------------------------
        probe = gen.edited(gen.boilerplate[0])
        found = similar_passages(session, probe)
        ours = timed(lambda: similar_passages(session, probe))
        all_sentences = []
        for (body,) in session.execute(Article.__table__.select().with_only_columns(
                Article.__table__.c.body)):
            all_sentences += [shingles(p.text) for p in passage_spans(body)]
        probe_sh = shingles(probe)
        brute_hits = 0

        def brute() -> None:
            nonlocal brute_hits
            brute_hits = sum(1 for s in all_sentences if jaccard(probe_sh, s) >= 0.5)

        baseline = timed(brute, repeat=3)

        # --- search ------------------------------------------------------------------------
        rng = random.Random(args.seed + 1)
        mid = gen.words[50:1500]
        queries = []
        for i in range(args.queries):
            if i % 5 == 4:  # a phrase taken from a generated sentence
                words = gen.boilerplate[i % len(gen.boilerplate)][:-1].split()
                queries.append('"' + " ".join(words[3:6]) + '"')
            else:
                queries.append(" ".join(rng.sample(mid, rng.choice([1, 1, 2]))))
        search_times, raw_times, totals = [], [], []
        for q in queries:
            t = time.perf_counter()
            totals.append(search(session, q).total)
            search_times.append(time.perf_counter() - t)
        raw = sqlite3.connect(db)
        for q in queries:
            expr = parse_query(q).fts5()
            t = time.perf_counter()
            rows = raw.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH ? "
                "ORDER BY bm25(search_fts) LIMIT 20", (expr,)).fetchall()
            raw_times.append(time.perf_counter() - t)
            del rows
        raw.close()
    engine.dispose()

    sentences = len(all_sentences)
    print(f"articles: {n}   sentences: {sentences}   build+index: {build_s:.1f} s "
          f"({build_s / n * 1000:.1f} ms/article)")
    print(f"repeats of one passage: similar_passages {ours * 1000:.2f} ms "
          f"({len(found)} found) | brute-force Jaccard scan {baseline * 1000:.1f} ms "
          f"({brute_hits} found) | ratio {ours / baseline:.4f} (speed-up x{baseline / ours:.0f})")
    print(f"search p95 over {len(queries)} queries: search() {p95(search_times) * 1000:.2f} ms "
          f"| raw FTS5 MATCH {p95(raw_times) * 1000:.2f} ms "
          f"| ratio {p95(search_times) / p95(raw_times):.1f} "
          f"(median hits {statistics.median(totals):.0f})")


if __name__ == "__main__":
    main()
