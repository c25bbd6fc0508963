"""Search benchmark: p50/p95/p99 of 100 varied queries through ``search()`` next to the same
full-text query in raw SQL, at 10k, 100k and 1M claims, on SQLite and PostgreSQL.

Why: the search page must stay fast however many claims match. ``search()`` normalises the
query, matches it on each engine's own index (FTS5 / tsvector+GIN), filters, counts, ranks and
builds snippets for the page shown; the baseline is the engine doing only the match and the
ranked first page (``search_fts MATCH ? ORDER BY rank LIMIT 20`` /
``tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 20``) on a raw driver connection, so the ratio
is what our layer costs on top of the index.

How: the database is filled by ``bench_pages.populate`` (bulk-inserted generated articles,
speakers and claims, then the app's ``rebuild_search_index`` and ANALYZE). The 100 queries are
deterministic and derived from the generator's first 300 articles (which every size holds):
single common words, rare words, two-word ANDs, quoted phrases, prefixes, speakers' names, a
few with filters and one that finds nothing. Each query is run once to warm caches, then
timed ``--repeat`` times, ours and the baseline interleaved; "median hits" is the median number
of records each query matches in all (an exact count, not timed). Before each size and engine
the script waits (up to 10 minutes) for the 1-minute load average to drop below
``--max-load`` and prints the load it measured at.

Usage::

    python benchmarks/bench_search.py --quick                 # 10k claims, both engines
    python benchmarks/bench_search.py --big --keep-db /tmp/claims-bench-dbs
    python benchmarks/bench_search.py --claims 100000 --engines sqlite --explain

The big run (10k, 100k and 1M claims; populating 1M claims takes several minutes per engine):
``python benchmarks/bench_search.py --big --keep-db /tmp/claims-bench-dbs``. With ``--keep-db``
the populated databases are kept in that folder (and as PostgreSQL databases) and reused by
later runs; they are ``bench_pages.py``'s own (``bench_pages.populated``), so both scripts
given the same folder share one fill.
``--search-from FILE`` times the ``search()`` of another copy of ``claims_app/crossref/search.py``
instead of the current one; ``--compare FILE`` times it as well, in the same run (a before/after
table on the same machine, load and databases).
"""

from __future__ import annotations

import argparse
import collections
import importlib
import importlib.util
import os
import random
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from bench_pages import populated
from common import (
    ENGINES,
    BenchDatabase,
    Stopwatch,
    add_size_arguments,
    chosen_sizes,
    command_line,
    engines_to_run,
    machine_line,
    p50_95_99,
    print_table,
    ratio,
    size_label,
    wait_for_quiet,
)
from generate import Generator

QUICK_SIZES = [10_000]
BIG_SIZES = [10_000, 100_000, 1_000_000]
PER_PAGE = 20
SAMPLE_ARTICLES = 300


# --- queries ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Query:
    kind: str  # common | rare | and | phrase | prefix | name | filter | none
    text: str
    filters: dict[str, Any] = field(default_factory=dict)


def make_queries(seed: int = 7) -> list[Query]:
    """100 deterministic queries over words the generated corpus really holds."""
    from claims_app.crossref.documents import document_text

    gen = Generator(1)
    rng = random.Random(seed)
    df: collections.Counter[str] = collections.Counter()
    bigrams: collections.Counter[tuple[str, str]] = collections.Counter()
    trigrams: list[tuple[str, str, str]] = []
    for a in gen.articles(SAMPLE_ARTICLES):
        toks = document_text(a.body).split()
        df.update(set(toks))
        for c in a.claims:
            ct = document_text(c.text).split()
            bigrams.update(zip(ct, ct[1:], strict=False))
            trigrams += list(zip(ct, ct[1:], ct[2:], strict=False))
    words = sorted((w for w in df if len(w) > 2 and not w.isdigit()),
                   key=lambda w: (-df[w], w))
    common = words[:60]
    rare = [w for w in words if df[w] <= 3]
    mid = words[60:400]
    queries: list[Query] = []
    queries += [Query("common", w) for w in rng.sample(common, 20)]
    queries += [Query("rare", w) for w in rng.sample(rare, min(15, len(rare)))]
    for _ in range(15):
        a, b = rng.sample(mid, 2)
        queries.append(Query("and", f"{a} {b}"))
    top_bigrams = sorted(bigrams, key=lambda b: (-bigrams[b], b))[:200]
    queries += [Query("phrase", f'"{a} {b}"') for a, b in rng.sample(top_bigrams, 8)]
    queries += [Query("phrase", '"' + " ".join(t) + '"')
                for t in rng.sample(sorted(set(trigrams)), 7)]
    prefix_src = rng.sample([w for w in common + mid if len(w) >= 6], 10)
    queries += [Query("prefix", w[: rng.randint(3, 5)] + "*") for w in prefix_src]
    names = [s for s in gen.speakers if s.kind == "person"]
    for s in names[:5] + rng.sample(names[5:], 5):  # the most quoted and some others
        queries.append(Query("name", s.name))
    queries += [Query("name", s.surname) for s in rng.sample(names, 3)]
    queries.append(Query("none", "zzyzxqv"))
    filtered = [
        Query("filter", "peace", {"status": "confirmed"}),
        Query("filter", "sovereignty", {"kind": "direct"}),
        Query("filter", "region", {"entities": ["claim"]}),
        Query("filter", "territorial integrity", {"entities": ["article"]}),
        Query("filter", "cooperation", {"status": "unreviewed", "kind": "indirect"}),
    ]
    queries += filtered
    while len(queries) < 100:  # pad with mixed phrase + word queries
        a, b = rng.sample(top_bigrams, 1)[0]
        queries.append(Query("phrase", f'"{a} {b}" {rng.choice(mid)}'))
    return queries[:100]


# --- the two ways of running a query ----------------------------------------------------

def load_search_module(path: str | None, name: str = "under_test") -> ModuleType:
    import claims_app.models  # noqa: F401  (every mapped class, as the app has them)

    if path is None:  # (``claims_app.crossref.search`` is also the name of a function)
        return importlib.import_module("claims_app.crossref.search")
    spec = importlib.util.spec_from_file_location(f"bench_search_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def make_filters(module: ModuleType, q: Query) -> Any:
    from claims_app.crossref.models import SearchEntity

    values = dict(q.filters)
    if "entities" in values:
        values["entities"] = frozenset(SearchEntity(e) for e in values["entities"])
    return module.SearchFilters(**values)


def baseline_sql(kind: str, q: Query) -> str:
    """The same full-text query, first page only, with the filter as plain SQL."""
    where, join = [], ""
    if "entities" in q.filters:
        where.append("sd.entity IN (" + ", ".join(f"'{e}'" for e in q.filters["entities"])
                     + ")")
    for col in ("status", "kind"):
        if col in q.filters:
            join = " JOIN claims c ON c.id = sd.claim_id"
            where.append(f"c.{col} = '{q.filters[col]}'")
    extra = "".join(f" AND {w}" for w in where)
    if kind == "sqlite":
        return ("SELECT sd.id, sd.entity, sd.claim_id, sd.article_id, sd.speaker_id "
                "FROM search_fts JOIN search_documents sd ON sd.id = search_fts.rowid"
                f"{join} WHERE search_fts MATCH ?{extra} ORDER BY rank LIMIT {PER_PAGE}")
    return ("SELECT sd.id, sd.entity, sd.claim_id, sd.article_id, sd.speaker_id "
            f"FROM search_documents sd{join}, to_tsquery('simple', %s) q "
            f"WHERE sd.tsv @@ q{extra} ORDER BY ts_rank(sd.tsv, q) DESC LIMIT {PER_PAGE}")


def engine_query(kind: str, text: str) -> str:
    from claims_app.crossref.query import parse_query

    parsed = parse_query(text)
    return parsed.fts5() if kind == "sqlite" else parsed.tsquery()


def count_hits(conn: Any, kind: str, q: Query) -> int:
    expr = engine_query(kind, q.text)
    if not expr:
        return 0
    if kind == "sqlite":
        sql = "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?"
    else:
        sql = "SELECT count(*) FROM search_documents WHERE tsv @@ to_tsquery('simple', %s)"
    return int(conn.execute(sql, (expr,)).fetchone()[0])


# --- measuring --------------------------------------------------------------------------

@dataclass
class Measured:
    ours: dict[str, list[float]]  # version label -> latencies
    base: list[float]
    hits: list[int]
    capped: dict[str, int]
    load: float


def measure(db: BenchDatabase, versions: dict[str, ModuleType], queries: list[Query],
            repeat: int, max_load: float, max_wait: float,
            log: Callable[[str], None]) -> Measured:
    """Time every query ``repeat`` times through each version's ``search()`` and as raw SQL,
    interleaved query by query, so every figure sees the same machine."""
    from sqlalchemy.orm import Session

    from claims_app.db import make_engine

    engine = make_engine(db.url)
    raw = db.raw_connect()
    try:
        hits = [count_hits(raw, db.kind, q) for q in queries]
        sqls = [baseline_sql(db.kind, q) for q in queries]
        exprs = [engine_query(db.kind, q.text) for q in queries]
        filters = {v: [make_filters(m, q) for q in queries] for v, m in versions.items()}

        def ours(version: str, i: int) -> Any:
            with Session(engine) as session:
                return versions[version].search(session, queries[i].text,
                                                filters=filters[version][i], page=1,
                                                per_page=PER_PAGE)

        def base(i: int) -> None:
            if exprs[i]:
                raw.execute(sqls[i], (exprs[i],)).fetchall()

        first = next(iter(versions))
        for i in range(len(queries)):  # warm the caches (the database's pages are shared)
            ours(first, i)
            base(i)
        load = wait_for_quiet(max_load, timeout=max_wait, log=log)
        log(f"{db.kind}: timing {len(queries)} queries x {repeat} at load {load:.2f}")
        capped = dict.fromkeys(versions, 0)
        t_ours: dict[str, list[float]] = {v: [] for v in versions}
        t_base: list[float] = []
        for n in range(repeat):
            for i in range(len(queries)):
                for v in versions:
                    with Stopwatch() as sw:
                        results = ours(v, i)
                    t_ours[v].append(sw.seconds)
                    if n == 0:
                        capped[v] += bool(getattr(results, "capped", False))
                with Stopwatch() as sw:
                    base(i)
                t_base.append(sw.seconds)
        if db.kind == "postgresql":
            raw.rollback()
    finally:
        raw.close()
        engine.dispose()
    return Measured(t_ours, t_base, hits, capped, load)


def explain(db: BenchDatabase, module: ModuleType, queries: list[Query]) -> None:
    """Print every statement ``search()`` issues for a few queries, with its plan."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from claims_app.db import make_engine

    engine = make_engine(db.url)
    picks = [next(q for q in queries if q.kind == k) for k in ("common", "rare", "filter")]
    picks.append(next(q for q in queries if q.filters.get("entities") == ["claim"]))
    for q in picks:
        captured: list[tuple[str, Any]] = []

        def capture(_c: Any, _cur: Any, stmt: str, params: Any, _ctx: Any, _many: Any,
                    into: list[tuple[str, Any]] = captured) -> None:
            into.append((stmt, params))

        event.listen(engine, "before_cursor_execute", capture)
        with Session(engine) as session, Stopwatch() as sw:
            module.search(session, q.text, filters=make_filters(module, q), per_page=PER_PAGE)
        event.remove(engine, "before_cursor_execute", capture)
        print(f"\n#### {db.kind}: {q.kind} {q.text!r} {q.filters or ''} -> "
              f"{len(captured)} statements, {sw.seconds * 1000:.0f} ms")
        prefix = "EXPLAIN QUERY PLAN " if db.kind == "sqlite" else "EXPLAIN (ANALYZE, COSTS OFF) "
        with engine.connect() as conn:
            for stmt, params in captured:
                if not stmt.lstrip().upper().startswith("SELECT"):
                    continue
                rows = conn.exec_driver_sql(prefix + stmt, params).all()
                print(f"\n  {' '.join(stmt.split())[:400]}")
                for r in rows:
                    print(f"      {r[-1] if db.kind == 'sqlite' else r[0]}")
    engine.dispose()


# --- main -------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_arguments(parser, QUICK_SIZES, BIG_SIZES, "claims")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each query")
    parser.add_argument("--max-load", type=float, default=1.5,
                        help="wait for the 1-minute load average to drop below this")
    parser.add_argument("--max-wait", type=float, default=600,
                        help="seconds to wait for that at most (then measure, noting the load)")
    parser.add_argument("--keep-db", metavar="DIR",
                        help="keep populated databases in DIR and reuse them on later runs "
                             "(shared with bench_pages.py --keep-db: the same data)")
    parser.add_argument("--search-from", metavar="FILE",
                        help="time search() from this copy of claims_app/crossref/search.py")
    parser.add_argument("--compare", metavar="FILE",
                        help="also time search() from this copy of claims_app/crossref/"
                             "search.py (e.g. the previous version), in the same run")
    parser.add_argument("--explain", action="store_true",
                        help="print the plan of each statement search() issues, not timings")
    args = parser.parse_args(argv)
    sizes = chosen_sizes(args, QUICK_SIZES, BIG_SIZES, "claims")
    engines = engines_to_run(args.engines)
    versions = {"search()" if not args.search_from else Path(args.search_from).stem:
                load_search_module(args.search_from)}
    if args.compare:
        versions[Path(args.compare).stem] = load_search_module(args.compare, "compared")
    queries = make_queries()
    work = Path(tempfile.mkdtemp(prefix="claims-bench-search-"))
    os.environ.setdefault("CLAIMS_INSTANCE_PATH", str(work / "instance"))

    def log(msg: str) -> None:
        print(f"  [search] {msg}", file=sys.stderr, flush=True)

    kinds = collections.Counter(q.kind for q in queries)
    log(f"{len(queries)} queries: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    rows: list[list[Any]] = []
    try:
        for n in sizes:
            for kind in engines:
                with populated(n, kind, args, work, log) as (db, _pop):
                    rows += run_one(db, n, versions, queries, args, log)
    finally:  # on a failure too: print what was measured
        shutil.rmtree(work, ignore_errors=True)
        report(rows, queries, versions, args, argv)
    return 0


def report(rows: list[list[Any]], queries: list[Query], versions: dict[str, ModuleType],
           args: argparse.Namespace, argv: list[str] | None) -> None:
    if not args.explain:
        print_table(
            f"Search (ms; {len(queries)} queries x {args.repeat}, first page of {PER_PAGE}; "
            "baseline = the same full-text query in raw SQL, ORDER BY rank LIMIT 20; "
            "ratio = p95/p95)",
            ["size", "engine", "version", "p50", "p95", "p99", "raw p50", "raw p95", "raw p99",
             "ratio",
             "median hits", "capped", "load"],
            rows,
        )
    print(machine_line())
    for label, module in versions.items():
        print(f"{label}: {module.__file__}")
    print(command_line("bench_search.py", argv))


def run_one(db: BenchDatabase, n: int, versions: dict[str, ModuleType], queries: list[Query],
            args: argparse.Namespace, log: Callable[[str], None]) -> list[list[Any]]:
    if args.explain:
        for module in versions.values():
            explain(db, module, queries)
        return []
    m = measure(db, versions, queries, args.repeat, args.max_load, args.max_wait, log)
    base = p50_95_99(m.base)
    rows = []
    for label, times in m.ours.items():
        ours = p50_95_99(times)
        log(f"{db.kind} {n:,} {label}: p50/p95/p99 "
            + "/".join(f"{x * 1000:.1f}" for x in ours) + " ms (raw "
            + "/".join(f"{x * 1000:.1f}" for x in base) + " ms)")
        rows.append([size_label(n), db.kind, label, *(x * 1000 for x in ours),
                     *(x * 1000 for x in base), ratio(ours[1], base[1]),
                     int(statistics.median(m.hits)), f"{m.capped[label]}/{len(queries)}",
                     f"{m.load:.2f}"])
    return rows


if __name__ == "__main__":
    sys.exit(main())
