"""Pages benchmark: latency of the main web pages under concurrent load, next to the one SQL
query each page fundamentally needs, on SQLite and PostgreSQL.

Why: reviewers live in these pages; a page that is slow at a million claims is slow because of
its queries (N+1 loads, counts over whole tables, full scans) or its rendering, and comparing
the page with its essential query, timed alone in the same run, tells which. Goal: p95 under
100 ms on both engines.

How: a fresh, migrated database is filled by the driver's bulk insert with generated articles,
speakers and the generator's true claims (``benchmarks/generate.py``; realistic text, offsets
and a Zipf-like spread of speakers); the search index is built by the app's own
``rebuild_search_index``. The app runs under waitress (``claims-app serve``) in a subprocess; a
thread-pool client with keep-alive connections (``http.client``) logs in with the scraped CSRF
token and requests each page. Pages whose routes do not exist yet are skipped with a note.

``--explain`` instead runs each page once in-process, captures every SQL statement it issues,
and prints the count and each statement's query plan (EXPLAIN QUERY PLAN / EXPLAIN), flagging
full scans.

The fill also writes every article's passage signatures (``passage_signatures``: the LSH
(band, bucket) rows of each sentence, computed with ``claims_app.crossref.passages``' own
functions, exactly the rows the importer's ``index_passages`` writes), so the article page's
"passages elsewhere" panel works against real cross-reference data: the generator's
background sentences recur in about a quarter of all articles.

Before timing (once per invocation) the script waits until the 1-minute load average is
below ``--max-load`` (1.5; polls every 30 s, gives up after 10 minutes) and records the load
beside each page's figures: the machine is shared.

Usage::

    python benchmarks/bench_pages.py --quick          # 10k claims
    python benchmarks/bench_pages.py --big            # 10k, 100k and 1M claims
    python benchmarks/bench_pages.py --claims 100000 --explain

Filling a million claims takes several minutes per engine; ``--keep-db DIR`` keeps each
populated database (SQLite: ``DIR/claims_bench_pages_<claims>.sqlite3``; PostgreSQL: the
database ``claims_bench_pages_<claims>_<hash of DIR>``, so that two folders never share one;
and ``DIR/claims_bench_pages_<claims>.<engine>.json`` recording what was filled) and later
runs with the same DIR reuse it, migrated to head (re-``ANALYZE``d after a new migration),
after checking that it still holds what the record says (else it is filled again)::

    python benchmarks/bench_pages.py --claims 10000 100000 1000000 --keep-db /tmp/pages-dbs \
        --populate-only
    python benchmarks/bench_pages.py --claims 10000 100000 1000000 --keep-db /tmp/pages-dbs

Delete the folder and ``DROP DATABASE claims_bench_pages_<claims>_<hash>`` to free the space. A page
that changes data must not be benchmarked on a kept database (none here does: all are GETs).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import fcntl
import functools
import hashlib
import http.client
import json
import os
import pickle
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import (
    ENGINES,
    ROOT,
    BenchDatabase,
    Stopwatch,
    add_size_arguments,
    bulk_insert,
    chosen_sizes,
    command_line,
    drop_database,
    engines_to_run,
    fresh_database,
    kept_database,
    load_average,
    machine_line,
    p50_95_99,
    print_table,
    ratio,
    reset_sequences,
    size_label,
    wait_for_quiet,
)
from generate import Generator

from claims_app.crossref.passages import (
    MIN_TOKENS,
    band_buckets,
    minhash,
    passage_spans,
    shingles_of,
    tokens,
)
from claims_app.provenance.grouping import Grouper, Record
from claims_app.provenance.groups import member_kinds

QUICK_SIZES = [10_000]
BIG_SIZES = [10_000, 100_000, 1_000_000]
USER, PASSWORD = "benchreviewer", "quotes-under-load-42"
SEARCH_WORD = "sovereignty"
TIMELINE_CLAIMS = 10_000  # the speaker timeline: a speaker with about 10,000 claims
#: Bump when ``populate`` writes different data: kept databases of older versions are refilled.
POPULATE_VERSION = 4
#: Fact-checks imported (ClaimReview JSON Lines, through the app's reader and store): one for
#: a member of each of the largest statement groups, the rest for members of random groups.
FACT_CHECKS = 300
FACT_CHECKS_OF_LARGEST_GROUPS = 100
RATINGS = [(1, "False"), (2, "Mostly false"), (3, "Half true"), (2, "Misleading"),
           (5, "True")]
PUBLISHERS = ["Caucasus Fact Desk", "Wire Check", "Verify Baku", "Yerevan Facts"]
#: The adversarial articles of issue 15: 4,000 claims in about 505 KB (inside the import
#: limit), and 26,802 claims in about 2,000,000 characters (what the API accepted before the
#: one size limit; written here straight into the database, as one stored back then would
#: be). Each sentence is a claim and recurs in the other article, so the page also marks
#: thousands of repeated passages.
ADVERSARIAL_CLAIMS = (4_000, 26_802)
STATUS_MIX = [("unreviewed", 0.7), ("confirmed", 0.2), ("corrected", 0.07), ("rejected", 0.03)]


# --- populating -------------------------------------------------------------------------

@dataclass
class Population:
    claims: int
    articles: int
    big_article: int  # the article with the most claims
    big_article_claims: int
    top_speaker: int  # the speaker with the most claims
    top_speaker_claims: int
    seconds: float
    index_seconds: float
    # the speaker whose number of claims is nearest TIMELINE_CLAIMS (the timeline)
    timeline_speaker: int = 0
    timeline_speaker_claims: int = 0
    # ADVERSARIAL_CLAIMS -> article id
    adversarial: dict[int, int] = dataclasses.field(default_factory=dict)
    # the claim page of issue 17: a claim of the largest statement group (of generated
    # claims) that has known fact-checks, its group's size, and its fact-checks
    groups: int = 0
    group_seconds: float = 0.0
    fact_checks: int = 0
    fact_check_seconds: float = 0.0
    page_claim: int = 0
    page_claim_group: int = 0
    page_claim_fact_checks: int = 0


def populate(db: BenchDatabase, n_claims: int, log: Callable[[str], None],
             cache_dir: Path | None = None) -> Population:
    """Bulk-insert generated data until ``n_claims`` claims with their passage signatures and
    statement groups, index it for search, then import fact-checks of some of its claims."""
    gen = Generator(1)
    rng = random.Random(42)
    now = dt.datetime.now(dt.UTC)
    conn = db.raw_connect()
    outlets: dict[str, int] = {}
    per_speaker: dict[int, int] = {}
    records: list[Record] = []  # what statement grouping reads of each claim
    articles = claims = 0
    big = (0, 0)
    if db.kind == "sqlite":
        conn.execute("PRAGMA cache_size=-262144")  # 256 MiB for the index builds
        conn.execute("BEGIN")
    t_start = time.perf_counter()
    with Stopwatch() as sw:
        sp_rows, alias_rows, role_rows = [], [], []
        from claims_app.speakers.names import name_key

        for s in gen.speakers:
            sp_rows.append((s.id, s.name, name_key(s.name), s.kind, 1, now, now))
            if s.kind == "person":
                alias_rows.append((s.id, s.id, s.surname, name_key(s.surname)))
                role_rows.append((s.id, s.id, s.role, None, None))
        bulk_insert(conn, db.kind, "speakers", sp_rows)
        bulk_insert(conn, db.kind, "speaker_aliases", alias_rows)
        bulk_insert(conn, db.kind, "speaker_roles", role_rows)
        speakers = {s.id: s for s in gen.speakers}
        index = 0
        signatures = 0
        _drop_signature_indexes(conn)
        while claims < n_claims:
            a_rows: list[Any] = []
            c_rows: list[Any] = []
            o_rows: list[Any] = []
            s_rows: list[Any] = []
            for a in gen.articles(500, start=index):
                if claims >= n_claims:
                    break
                articles += 1
                if a.outlet not in outlets:
                    outlets[a.outlet] = len(outlets) + 1
                    o_rows.append((outlets[a.outlet], a.outlet, f"https://{a.homepage}/"))
                a_rows.append((
                    articles, outlets[a.outlet], a.title, a.author, a.published, "day", None,
                    a.dateline, f"{a.city}, {a.country}", a.section,
                    f"https://{a.homepage}/news/{a.index}", "en", f"gen-{a.index:07d}", a.body,
                    None, hashlib.sha256(a.body.encode()).hexdigest(), {}, now, 1, now, now,
                ))
                if len(a.claims) > big[1]:
                    big = (articles, len(a.claims))
                for start, end, band, bucket in _signature_rows(a.body):
                    signatures += 1
                    s_rows.append((signatures, articles, start, end, band, bucket))
                for c in a.claims:
                    claims += 1
                    per_speaker[c.speaker_id] = per_speaker.get(c.speaker_id, 0) + 1
                    records.append(Record(claims, c.text, c.speaker_id, a.published, articles))
                    stated = rng.random() < 0.3
                    c_rows.append((
                        claims, articles, c.speaker_id, speakers[c.speaker_id].role or None,
                        c.kind, c.text, c.start, c.end, a.body[max(0, c.start - 32):c.start],
                        a.body[c.end:c.end + 32], c.cue,
                        a.published - dt.timedelta(days=rng.randint(0, 3)) if stated
                        else None, "stated" if stated else "unknown", c.said_where,
                        "extracted", round(rng.uniform(0.4, 0.97), 3), _status(rng), 1, now,
                        now,
                    ))
            index += 500
            bulk_insert(conn, db.kind, "outlets", o_rows)
            bulk_insert(conn, db.kind, "articles", a_rows)
            bulk_insert(conn, db.kind, "claims", c_rows)
            bulk_insert(conn, db.kind, "passage_signatures", s_rows)
            if index % 10_000 == 0:
                log(f"... {articles:,} articles, {claims:,} claims, {signatures:,} signature "
                    f"rows, {time.perf_counter() - t_start:.0f}s")
        generated_claims = claims
        adversarial = _adversarial_articles(conn, db.kind, articles, claims, signatures, now,
                                            records)
        _create_signature_indexes(conn)
        with Stopwatch() as gsw:
            grouped = statement_group_rows(records, n_claims, cache_dir, log)
            bulk_insert(conn, db.kind, "statement_groups",
                        [(gid, earliest, count, now) for gid, earliest, count in grouped.groups])
            bulk_insert(conn, db.kind, "statement_group_members", grouped.members)
            bulk_insert(conn, db.kind, "statement_group_keys", grouped.keys)
        log(f"statement groups: {len(grouped.groups):,} groups of {len(grouped.members):,} "
            f"claims, {len(grouped.keys):,} keys: {gsw.seconds:.1f}s")
        reset_sequences(conn, db.kind)
        if db.kind == "sqlite":
            conn.execute("COMMIT")
        else:
            conn.commit()
    conn.close()
    log(f"bulk insert of {articles:,} articles, {claims:,} claims, {signatures:,} passage "
        f"signature rows: {sw.seconds:.1f}s")
    with Stopwatch() as isw:
        _index_and_user(db)
    log(f"search index (rebuild_search_index) and bench user: {isw.seconds:.1f}s")
    # Planner statistics before the fact-checks are imported, as autovacuum would have taken
    # them after a bulk load: without them PostgreSQL matched each fact-check with plans for
    # empty tables (1,174 s for 300 at a million claims; 5 more, after ANALYZE: 0.27 s).
    _analyze(db)
    with Stopwatch() as fsw:
        checks = import_fact_checks(db, grouped, records, {s.id: s.name for s in gen.speakers},
                                    generated_claims)
    page_claim, group_size, known = _claim_page_claim(db, generated_claims)
    log(f"{checks} fact-checks imported and matched: {fsw.seconds:.1f}s; claim page: claim "
        f"{page_claim} (a group of {group_size:,}, {known} fact-checks)")
    _analyze(db)  # and again with the fact-checks' terms and matches
    top = max(per_speaker, key=lambda k: per_speaker[k])
    near = min(per_speaker, key=lambda k: (abs(per_speaker[k] - TIMELINE_CLAIMS), k))
    return Population(claims, articles, big[0], big[1], top, per_speaker[top], sw.seconds,
                      isw.seconds, near, per_speaker[near], adversarial, len(grouped.groups),
                      gsw.seconds, checks, fsw.seconds, page_claim, group_size, known)


# --- statement groups and fact-checks (issue 17) ------------------------------------------

@dataclass
class GroupRows:
    groups: list[tuple[int, int, int]]  # (id, earliest claim, claim count)
    members: list[tuple[int, int, bool, str]]  # (claim, group, material, kinds)
    keys: list[tuple[int, int]]  # (blocking key, group)
    sizes: dict[int, int]  # group -> claim count
    member_of: dict[int, int]  # claim -> group


#: n_claims -> its rows, for the second engine of one run
_GROUP_ROWS: dict[int, GroupRows] = {}


def statement_group_rows(records: list[Record], n_claims: int, cache_dir: Path | None,
                         log: Callable[[str], None]) -> GroupRows:
    """The rows ``rebuild_groups`` writes for these claims, computed with the app's own
    grouping: one :class:`~claims_app.provenance.grouping.Grouper` takes every claim
    oldest first, each member's material kinds are
    :func:`~claims_app.provenance.groups.member_kinds` against its group's earliest
    appearance (once per distinct wording and speaker), keys are the grouper's. In one pass,
    as ``rebuild_groups`` would in one batch (it works through the database in batches of
    5,000, each priming a grouper with the groups it meets; ``tests/bench`` checks the rows
    are the same on a corpus of one batch).

    The data are the same for both engines (one seed), so the result is remembered for the
    run and, with ``--keep-db DIR``, kept in DIR (``<name>.v<version>.groups.pickle``, under
    a lock: an engine filled in parallel waits for the other's instead of computing it
    again)."""
    if n_claims in _GROUP_ROWS:
        return _GROUP_ROWS[n_claims]
    cache = lock = None
    if cache_dir is not None:
        cache = cache_dir / f"claims_bench_pages_{n_claims}.v{POPULATE_VERSION}.groups.pickle"
    if cache is not None:
        lock = cache.with_suffix(".lock").open("w")
        fcntl.flock(lock, fcntl.LOCK_EX)
        if cache.exists():
            log(f"statement groups read from {cache}")
            with cache.open("rb") as f:
                rows: GroupRows = pickle.load(f)
            lock.close()
            _GROUP_ROWS[n_claims] = rows
            return rows
    try:
        rows = _compute_group_rows(records, log)
        _GROUP_ROWS[n_claims] = rows
        if cache is not None:
            with cache.open("wb") as f:
                pickle.dump(rows, f, protocol=pickle.HIGHEST_PROTOCOL)
        return rows
    finally:
        if lock is not None:
            lock.close()


def _compute_group_rows(records: list[Record], log: Callable[[str], None]) -> GroupRows:
    grouper = Grouper()
    t0 = time.perf_counter()
    for i, record in enumerate(sorted(records, key=lambda r: r.order), start=1):
        grouper.add(record)
        if i % 100_000 == 0:
            log(f"... grouped {i:,} claims, {time.perf_counter() - t0:.0f}s")
    by_id = {r.claim_id: r for r in records}
    # new groups are numbered -1, -2, ... in order of creation; rebuild_groups inserts
    # them in that order, so their ids are 1, 2, ...
    groups, members, sizes, member_of = [], [], {}, {}
    for gid, group in grouper.groups.items():
        real = -gid
        groups.append((real, group.reference.claim_id, len(group.members)))
        sizes[real] = len(group.members)
        seen: dict[tuple[str, int | None], str] = {}
        for cid in group.members:
            record = by_id[cid]
            wording = (record.text, record.speaker_id)
            if wording not in seen:
                seen[wording] = " ".join(member_kinds(group.reference, record))
            members.append((cid, real, bool(seen[wording]), seen[wording]))
            member_of[cid] = real
    groups.sort()
    keys = [(key, -gid) for gid, found in grouper.new_keys.items() for key in sorted(found)]
    log(f"grouped {len(records):,} claims into {len(groups):,} statement groups: "
        f"{time.perf_counter() - t0:.0f}s")
    return GroupRows(groups, members, keys, sizes, member_of)


def claim_reviews(grouped: GroupRows, records: list[Record], speakers: dict[int, str],
                  generated_claims: int) -> list[dict[str, Any]]:
    """``FACT_CHECKS`` generated ClaimReview objects (schema.org), each of one claim's
    words: members of the largest statement groups of generated claims first, then of
    random groups of several appearances."""
    rng = random.Random(17)
    by_id = {r.claim_id: r for r in records if r.claim_id <= generated_claims}
    members: dict[int, list[int]] = {}
    for cid in by_id:
        gid = grouped.member_of.get(cid)
        if gid is not None and grouped.sizes[gid] > 1:
            members.setdefault(gid, []).append(cid)
    largest = sorted(members, key=lambda g: (-grouped.sizes[g], g))
    chosen = largest[:FACT_CHECKS_OF_LARGEST_GROUPS]
    rest = largest[FACT_CHECKS_OF_LARGEST_GROUPS:]
    chosen += rng.sample(rest, min(len(rest), FACT_CHECKS - len(chosen)))
    out = []
    for i, gid in enumerate(chosen):
        record = by_id[rng.choice(members[gid])]
        value, name = rng.choice(RATINGS)
        published = (record.published or dt.date(2024, 1, 1)) + dt.timedelta(
            days=rng.randint(1, 60))
        item: dict[str, Any] = {"@type": "Claim"}
        if record.speaker_id is not None:
            item["author"] = {"@type": "Person", "name": speakers[record.speaker_id]}
        out.append({
            "@context": "https://schema.org", "@type": "ClaimReview",
            "claimReviewed": record.text, "itemReviewed": item,
            "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5,
                             "worstRating": 1, "alternateName": name},
            "author": {"@type": "Organization", "name": PUBLISHERS[i % len(PUBLISHERS)]},
            "datePublished": published.isoformat(), "inLanguage": "en",
            "url": f"https://factcheck.example/reviews/{i:04d}",
        })
    return out


def import_fact_checks(db: BenchDatabase, grouped: GroupRows, records: list[Record],
                       speakers: dict[int, str], generated_claims: int) -> int:
    """Import the generated ClaimReviews as a user would (a JSON Lines file, the app's
    reader, ``store_fact_checks``, one commit: the session's sync writes their terms and
    matches). Returns how many were stored."""
    from claims_app import db as database
    from claims_app.factchecks.reader import read_fact_checks
    from claims_app.factchecks.services import store_fact_checks

    reviews = claim_reviews(grouped, records, speakers, generated_claims)
    data = "".join(json.dumps(r) + "\n" for r in reviews).encode()
    path = Path("generated-fact-checks.jsonl")
    drafts = read_fact_checks(path, data)
    app = _make_app(db)
    with app.app_context(), database.transaction(app) as s:
        stored = store_fact_checks(s, None, drafts, path.name)
    database.get_db(app).engine.dispose()
    return sum(1 for _, created in stored if created)


def _claim_page_claim(db: BenchDatabase, generated_claims: int) -> tuple[int, int, int]:
    """The claim the claim page shows: of the generated claims with known fact-checks, one
    in the largest statement group (its newest such member, so that its earliest appearance
    is another article's). Returns (claim id, group size, its fact-checks)."""
    conn = db.raw_connect()
    try:
        row = conn.execute(
            "SELECT fm.claim_id, g.claim_count, count(*) FROM fact_check_matches fm "
            "JOIN statement_group_members m ON m.claim_id = fm.claim_id "
            "JOIN statement_groups g ON g.id = m.group_id "
            f"WHERE fm.claim_id <= {generated_claims} AND g.earliest_claim_id <> fm.claim_id "
            "GROUP BY fm.claim_id, g.claim_count "
            "ORDER BY g.claim_count DESC, fm.claim_id DESC LIMIT 1").fetchone()
        if db.kind == "postgresql":
            conn.rollback()
    finally:
        conn.close()
    if row is None:
        raise RuntimeError("no generated claim has both a statement group and a fact-check")
    return int(row[0]), int(row[1]), int(row[2])


def adversarial_sentence(i: int) -> str:
    """Sentence ``i`` of the adversarial articles: 126 characters, its quote a claim."""
    return (f'Harbour minister number {i:05d} told reporters on Tuesday that "the northern pier '
            f'number {i:05d} will reopen on the agreed date".')


def _adversarial_articles(conn: Any, kind: str, articles: int, claims: int, signatures: int,
                          now: dt.datetime, records: list[Record]) -> dict[int, int]:
    """Write the ADVERSARIAL_CLAIMS articles (ids after the generated ones) with their claims
    and passage signatures (their claims appended to ``records`` for grouping: they differ
    only in their numbers, so they form one statement group of 30,802); returns claims ->
    article id."""
    out: dict[int, int] = {}
    for n in ADVERSARIAL_CLAIMS:
        articles += 1
        # The larger one repeats the smaller one's sentences, then shorter ones: about
        # 2,000,000 characters, as the article the API accepted.
        sentences = [adversarial_sentence(i) if i < ADVERSARIAL_CLAIMS[0] else
                     f'Minister {i:05d} said "pier {i:05d} reopens on the agreed date".'
                     for i in range(n)]
        body = " ".join(sentences)
        bulk_insert(conn, kind, "articles", [(
            articles, None, f"Adversarial article of {n:,} claims", None, None, "unknown",
            None, None, None, None, None, "en", f"adversarial-{n}", body, None,
            hashlib.sha256(body.encode()).hexdigest(), {}, now, 1, now, now)])
        c_rows: list[Any] = []
        pos = 0
        for sentence in sentences:
            start = pos + sentence.index('"') + 1
            end = pos + sentence.rindex('"')
            claims += 1
            c_rows.append((claims, articles, None, None, "direct", body[start:end], start, end,
                           body[max(0, start - 32):start], body[end:end + 32], "told", None,
                           "unknown", None, "extracted", 0.9, "unreviewed", 1, now, now))
            records.append(Record(claims, body[start:end], None, None, articles))
            pos += len(sentence) + 1
        bulk_insert(conn, kind, "claims", c_rows)
        s_rows = []
        for start, end, band, bucket in _signature_rows(body):
            signatures += 1
            s_rows.append((signatures, articles, start, end, band, bucket))
        bulk_insert(conn, kind, "passage_signatures", s_rows)
        out[n] = articles
    return out


_SIGNATURE_INDEXES = {
    "ix_passage_signatures_band_bucket": "passage_signatures (band, bucket)",
    "ix_passage_signatures_article_id": "passage_signatures (article_id)",
}


def _drop_signature_indexes(conn: Any) -> None:
    """Bulk loads build the signature indexes once at the end (one sort each) instead of
    inserting 16 random bucket keys per sentence into a B-tree: same indexes, same plans."""
    for name in _SIGNATURE_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")


def _create_signature_indexes(conn: Any) -> None:
    for name, on in _SIGNATURE_INDEXES.items():
        conn.execute(f"CREATE INDEX {name} ON {on}")


@functools.lru_cache(maxsize=65536)
def _sentence_buckets(sentence: str) -> tuple[tuple[int, int], ...]:
    """A sentence's LSH (band, bucket) pairs, exactly as ``crossref.repeats`` stores them
    (none for sentences too short to index); remembered because background sentences recur
    in thousands of articles."""
    toks = tokens(sentence)
    if len(toks) < MIN_TOKENS:
        return ()
    return tuple(band_buckets(minhash(shingles_of(toks))))


def _signature_rows(body: str) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, band, bucket) for each indexed sentence of a body: the rows the importer's
    ``index_passages`` writes for it (the test suite checks they are the same)."""
    for passage in passage_spans(body):
        for band, bucket in _sentence_buckets(passage.text):
            yield passage.start, passage.end, band, bucket


def _analyze(db: BenchDatabase) -> None:
    conn = db.raw_connect()
    try:
        if db.kind == "sqlite":
            conn.execute("ANALYZE")
        else:
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE")
    finally:
        conn.close()


def _status(rng: random.Random) -> str:
    x = rng.random()
    for status, share in STATUS_MIX:
        if x < share:
            return status
        x -= share
    return "unreviewed"


def _make_app(db: BenchDatabase, **config: Any) -> Any:
    from claims_app import create_app

    return create_app({"DATABASE_URL": db.url, **config})


def _index_and_user(db: BenchDatabase) -> None:
    from claims_app import db as database
    from claims_app.accounts.services import create_user

    app = _make_app(db)
    with app.app_context(), database.transaction(app) as s:
        try:
            from claims_app.crossref.documents import rebuild_search_index
        except ImportError:
            rebuild_search_index = None  # type: ignore[assignment]
        if rebuild_search_index is not None:
            rebuild_search_index(s)
        create_user(s, None, USER, PASSWORD, "reviewer")
    database.get_db(app).engine.dispose()


# --- pages ------------------------------------------------------------------------------

@dataclass
class PageSpec:
    name: str
    endpoint: str  # Flask endpoint that must exist
    path: str
    baseline: dict[str, str]  # engine -> the SQL the page fundamentally needs
    params: tuple[Any, ...] = ()


def page_specs(pop: Population, endpoints: set[str]) -> tuple[list[PageSpec], list[str]]:
    """The pages to hit, and notes about the ones whose routes do not exist (yet)."""
    ts = ("SELECT sd.id FROM search_documents sd JOIN search_fts f ON f.rowid = sd.id "
          f"WHERE search_fts MATCH '{SEARCH_WORD}' ORDER BY bm25(search_fts) LIMIT 20")
    pg_ts = ("SELECT id FROM search_documents WHERE tsv @@ to_tsquery('simple', "
             f"'{SEARCH_WORD}') ORDER BY ts_rank(tsv, to_tsquery('simple', '{SEARCH_WORD}')) "
             "DESC, id LIMIT 20")
    both = {"sqlite": "", "postgresql": ""}
    specs = [
        PageSpec("article list", "articles.index", "/articles/", dict.fromkeys(both, (
            "SELECT a.id, a.title, a.author, a.published, o.name FROM articles a "
            "LEFT JOIN outlets o ON o.id = a.outlet_id "
            "ORDER BY a.published DESC NULLS LAST, a.id DESC LIMIT 50"))),
        PageSpec(f"article page ({pop.big_article_claims} claims)", "articles.detail",
                 f"/articles/{pop.big_article}", dict.fromkeys(both, (
                     "SELECT c.id, c.kind, c.text, c.start_offset, c.end_offset, s.name, a.body "
                     "FROM articles a LEFT JOIN claims c ON c.article_id = a.id "
                     "LEFT JOIN speakers s ON s.id = c.speaker_id WHERE a.id = "
                     f"{pop.big_article} ORDER BY c.start_offset"))),
        *(PageSpec(f"speaker timeline ({n:,} claims)", "speakers.detail",
                   f"/speakers/{sid}", dict.fromkeys(both, _timeline_baseline(sid)))
          for sid, n in dict([(pop.timeline_speaker or pop.top_speaker,
                               pop.timeline_speaker_claims or pop.top_speaker_claims),
                              (pop.top_speaker, pop.top_speaker_claims)]).items()),
        *(PageSpec(f"adversarial article page ({n:,} claims)", "articles.detail",
                   f"/articles/{aid}", {kind: _one_page_of_claims(aid, agg)
                                        for kind, agg in (("sqlite", "group_concat"),
                                                          ("postgresql", "string_agg"))})
          for n, aid in sorted(pop.adversarial.items())),
        *([PageSpec(f"claim page (appearances: a group of {pop.page_claim_group:,}; "
                    f"{pop.page_claim_fact_checks} fact-checks)", "claims.detail",
                    f"/claims/{pop.page_claim}",
                    dict.fromkeys(both, _claim_page_baseline(pop.page_claim)))]
          if pop.page_claim else []),
        PageSpec("speaker list", "speakers.index", "/speakers/", dict.fromkeys(both, (
            "SELECT s.id, s.name, count(c.id) FROM speakers s "
            "LEFT JOIN claims c ON c.speaker_id = s.id WHERE s.merged_into_id IS NULL "
            "GROUP BY s.id, s.name ORDER BY s.name LIMIT 50"))),
        PageSpec("speakers by claims", "speakers.index", "/speakers/?sort=-claims",
                 dict.fromkeys(both, (
                     "SELECT s.id, s.name, count(c.id) AS n FROM speakers s "
                     "LEFT JOIN claims c ON c.speaker_id = s.id WHERE s.merged_into_id IS NULL "
                     "GROUP BY s.id, s.name ORDER BY n DESC, s.id LIMIT 50"))),
        PageSpec("review queue", "review.queue", "/review/", dict.fromkeys(both, (
            "SELECT c.id, c.text, c.confidence FROM claims c WHERE c.status = 'unreviewed' "
            "ORDER BY c.confidence, c.id LIMIT 50"))),
        PageSpec(f"search '{SEARCH_WORD}'", "search.index", f"/search/?q={SEARCH_WORD}",
                 {"sqlite": ts, "postgresql": pg_ts}),
        PageSpec("dashboard", "index", "/", dict.fromkeys(both, (
            "SELECT status, count(*) FROM claims GROUP BY status"))),
    ]
    notes = []
    present = []
    for spec in specs:
        if spec.endpoint in endpoints:
            present.append(spec)
        else:
            notes.append(f"skipped {spec.name}: no route {spec.endpoint} ({spec.path}) yet")
    return present, notes


def _one_page_of_claims(article_id: int, aggregate: str) -> str:
    """What a long article's page fundamentally needs: its body once and one page (100) of
    its claims in body order."""
    return (f"SELECT a.body, (SELECT {aggregate}(t, '|') FROM (SELECT c.text AS t FROM claims "
            f"c WHERE c.article_id = {article_id} ORDER BY c.start_offset LIMIT 100) AS p) "
            f"FROM articles a WHERE a.id = {article_id}")


def _claim_page_baseline(claim_id: int) -> str:
    """What the claim page of issue 17 fundamentally needs: the claim with its article,
    outlet and speaker, its statement group's first 51 appearances oldest first (the page
    lists 50 besides the claim) with their outlets, and its known fact-checks."""
    return (
        "SELECT c.id, c.text, a.title, a.published, o.name, s.name FROM claims c "
        "JOIN articles a ON a.id = c.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
        f"LEFT JOIN speakers s ON s.id = c.speaker_id WHERE c.id = {claim_id} "
        "UNION ALL SELECT * FROM (SELECT c2.id, c2.text, a2.title, a2.published, o2.name, "
        "s2.name FROM statement_group_members m "
        "JOIN statement_group_members m2 ON m2.group_id = m.group_id "
        "JOIN claims c2 ON c2.id = m2.claim_id JOIN articles a2 ON a2.id = c2.article_id "
        "LEFT JOIN outlets o2 ON o2.id = a2.outlet_id "
        "LEFT JOIN speakers s2 ON s2.id = c2.speaker_id "
        f"WHERE m.claim_id = {claim_id} "
        "ORDER BY a2.published, c2.article_id, c2.id LIMIT 51) AS g "
        "UNION ALL SELECT f.id, f.claim_reviewed, f.url, f.published, f.publisher, "
        "f.rating_name FROM fact_check_matches fm JOIN fact_checks f ON f.id = fm.fact_check_id "
        f"WHERE fm.claim_id = {claim_id}")


def _timeline_baseline(speaker_id: int) -> str:
    """What a speaker page fundamentally needs: its 50 oldest claims, with their articles
    (the page also draws a chart of all of them per month)."""
    return ("SELECT c.id, c.kind, c.text, c.said_on, a.id, a.title, a.published, o.name "
            "FROM claims c JOIN articles a ON a.id = c.article_id "
            "LEFT JOIN outlets o ON o.id = a.outlet_id WHERE c.speaker_id = "
            f"{speaker_id} ORDER BY coalesce(c.said_on, a.published), c.id LIMIT 50")


def app_routes(db: BenchDatabase) -> dict[str, str]:
    """Endpoint -> rule of the app as it is now (pages are still being built)."""
    app = _make_app(db)
    return {r.endpoint: r.rule for r in app.url_map.iter_rules()}


def fix_paths(specs: list[PageSpec], routes: dict[str, str]) -> None:
    """Use each endpoint's real rule (e.g. ``/dashboard`` vs ``/dashboard/``)."""
    for spec in specs:
        rule = routes.get(spec.endpoint, "")
        if "<" not in rule:
            query = spec.path.partition("?")[2]
            spec.path = rule + (f"?{query}" if query else "")


# --- server and client ------------------------------------------------------------------

class Server:
    """``claims-app serve`` (waitress) in a subprocess on a free port."""

    def __init__(self, db: BenchDatabase, work: Path, threads: int,
                 app_path: str | None = None) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {**os.environ, "CLAIMS_DATABASE_URL": db.url,
               "CLAIMS_INSTANCE_PATH": str(work / "instance")}
        if app_path:  # serve another checkout's code (a "before" run on the same data)
            env["PYTHONPATH"] = os.pathsep.join(
                p for p in (app_path, os.environ.get("PYTHONPATH", "")) if p)
        exe = Path(sys.executable).with_name("claims-app")
        self.log = (work / "server.log").open("w")
        self.proc = subprocess.Popen(
            [str(exe), "serve", "--port", str(self.port), "--threads", str(threads)],
            env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the server did not start; see {work / 'server.log'}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def login(port: int) -> str:
    """Log in through the real form (scraping the CSRF token); returns the Cookie header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login")
    resp = conn.getresponse()
    html = resp.read().decode()
    cookie = _cookies(resp)
    m = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html)
    if not m:
        raise RuntimeError("no CSRF token on /login")
    body = urllib.parse.urlencode({"csrf_token": m.group(1), "username": USER,
                                   "password": PASSWORD})
    conn.request("POST", "/login", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    resp = conn.getresponse()
    resp.read()
    if resp.status != 302:
        raise RuntimeError(f"login failed with HTTP {resp.status}")
    conn.close()
    return _cookies(resp) or cookie


def _cookies(resp: http.client.HTTPResponse) -> str:
    return "; ".join(v.split(";", 1)[0] for k, v in resp.getheaders()
                     if k.lower() == "set-cookie")


def hammer(port: int, cookie: str, path: str, requests: int, concurrency: int) -> list[float]:
    """``requests`` GETs of ``path`` from ``concurrency`` keep-alive connections; latencies."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                if next(counter, None) is None:
                    break
            t0 = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie})
            resp = conn.getresponse()
            resp.read()
            elapsed = time.perf_counter() - t0
            with lock:
                if resp.status == 200:
                    latencies.append(elapsed)
                else:
                    errors.append(f"HTTP {resp.status}")
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"{path}: {len(errors)} failed requests ({errors[0]})")
    return latencies


def time_baseline(db: BenchDatabase, sql: str, runs: int) -> list[float]:
    """The page's essential query alone, fetched whole, on one driver connection."""
    conn = db.raw_connect()
    out = []
    try:
        for _ in range(runs + 2):
            with Stopwatch() as sw:
                conn.execute(sql).fetchall()
            out.append(sw.seconds)
        if db.kind == "postgresql":
            conn.rollback()
    finally:
        conn.close()
    return out[2:]


# --- explain ----------------------------------------------------------------------------

def explain(db: BenchDatabase, specs: list[PageSpec]) -> None:
    """Run each page once in-process; print its SQL count and every statement's plan."""
    from sqlalchemy import event

    from claims_app.db import get_db

    app = _make_app(db, WTF_CSRF_ENABLED=False)
    engine = get_db(app).engine
    captured: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, stmt: str, params: Any, _ctx: Any, _many: Any) -> None:
        captured.append((stmt, params))

    client = app.test_client()
    resp = client.post("/login", data={"username": USER, "password": PASSWORD})
    if resp.status_code != 302:
        raise RuntimeError(f"in-process login failed: HTTP {resp.status_code}")
    for spec in specs:
        captured.clear()
        event.listen(engine, "before_cursor_execute", capture)
        with Stopwatch() as sw:
            resp = client.get(spec.path)
        event.remove(engine, "before_cursor_execute", capture)
        selects = [(s, p) for s, p in captured if s.lstrip().upper().startswith("SELECT")]
        print(f"\n#### {db.kind}: {spec.name} {spec.path} -> HTTP {resp.status_code}, "
              f"{len(captured)} SQL statements, {sw.seconds * 1000:.0f} ms in-process")
        seen: set[str] = set()
        with engine.connect() as conn:
            for stmt, params in selects:
                if stmt in seen:
                    continue
                seen.add(stmt)
                times = sum(1 for s, _ in selects if s == stmt)
                prefix = "EXPLAIN QUERY PLAN " if db.kind == "sqlite" else "EXPLAIN "
                rows = conn.exec_driver_sql(prefix + stmt, params).all()
                plan = [r[-1] for r in rows] if db.kind == "sqlite" else [r[0] for r in rows]
                subqueries = {m.group(1) for line in plan
                              if (m := re.match(r"\s*(?:CO-ROUTINE|MATERIALIZE) (\S+)", line))}
                flags = [p for p in plan if _is_full_scan(db.kind, p, subqueries)]
                print(f"\n  [{times}x] {' '.join(stmt.split())[:300]}")
                if len(plan) > 40:  # a UNION ALL of many alike sub-selects: each line once
                    counted: dict[str, int] = {}
                    for line in plan:
                        key = re.sub(r"\b([a-z]+)\d+\b", r"\1N", line.strip())
                        counted[key] = counted.get(key, 0) + 1
                    plan = [f"{n}x {line}" if n > 1 else line for line, n in counted.items()]
                    flags = [p for p in plan if _is_full_scan(db.kind, p.split("x ", 1)[-1],
                                                              subqueries | {"hN", "cN"})]
                for line in plan:
                    mark = "  <-- FULL SCAN" if line in flags else ""
                    print(f"      {line}{mark}")
    get_db(app).engine.dispose()


def _is_full_scan(kind: str, plan_line: str, subqueries: AbstractSet[str] = frozenset()) -> bool:
    """A plan line reading a whole table (not an index range, nor a sub-query's rows)."""
    text = plan_line.strip()
    if kind == "sqlite":
        name = text.split()[1] if len(text.split()) > 1 else ""
        return (text.startswith("SCAN ") and "INDEX" not in text
                and "CONSTANT ROW" not in text and name not in subqueries
                and not name.startswith("anon_"))
    return "Seq Scan" in text


# --- main -------------------------------------------------------------------------------

@contextlib.contextmanager
def populated(n_claims: int, kind: str, args: argparse.Namespace, work: Path,
              log: Callable[[str], None]) -> Iterator[tuple[BenchDatabase, Population]]:
    """A database holding ``n_claims`` claims: a fresh one, dropped afterwards, or with
    ``--keep-db DIR`` one kept between runs (filled on first use, reused when its population
    record in DIR matches this script's ``POPULATE_VERSION``; migrated to head each time)."""
    if args.keep_db is None:
        with fresh_database(kind, tmp_dir=work) as db:
            yield db, populate(db, n_claims, log)
        return
    folder = Path(args.keep_db)
    name = f"claims_bench_pages_{n_claims}"
    record = folder / f"{name}.{kind}.json"
    db_name = kept_name(folder, n_claims) if kind == "postgresql" else name
    db, existed = kept_database(kind, folder, db_name)
    head = _alembic_head(db)
    saved = json.loads(record.read_text()) if existed and record.exists() else None
    pop = None
    if saved is not None and saved.get("version") == POPULATE_VERSION:
        pop = Population(**saved["population"])
        pop.adversarial = {int(k): v for k, v in pop.adversarial.items()}  # JSON keys: text
        if _holds(db, pop):
            log(f"reusing {db.url} ({pop.claims:,} claims)")
            if saved.get("head") != head:  # a new migration (an index): fresh statistics
                _analyze(db)
        else:
            log(f"{db.url} does not hold what {record} records (refilled by another run?): "
                "filling it again")
            pop = None
    if pop is None:
        if existed:
            drop_database(db)
            db, _ = kept_database(kind, folder, db_name)
        pop = populate(db, n_claims, log, folder)
    record.write_text(json.dumps({"version": POPULATE_VERSION, "head": head,
                                  "url": db.url, "population": dataclasses.asdict(pop)}))
    yield db, pop


def kept_name(folder: Path, n_claims: int) -> str:
    """The kept PostgreSQL database of ``--keep-db folder``: named for the folder too, so
    two folders (two checkouts' before/after runs) never fill one database in turn."""
    tag = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:8]
    return f"claims_bench_pages_{n_claims}_{tag}"


def _holds(db: BenchDatabase, pop: Population) -> bool:
    """Whether a kept database still holds the population its record describes."""
    conn = db.raw_connect()
    try:
        claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        groups = conn.execute("SELECT count(*) FROM statement_groups").fetchone()[0]
        checks = conn.execute("SELECT count(*) FROM fact_checks").fetchone()[0]
        if db.kind == "postgresql":
            conn.rollback()
    finally:
        conn.close()
    expected = pop.claims + sum(ADVERSARIAL_CLAIMS if pop.adversarial else ())
    return (claims, groups, checks) == (expected, pop.groups, pop.fact_checks)


def _alembic_head(db: BenchDatabase) -> str:
    conn = db.raw_connect()
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if db.kind == "postgresql":
            conn.rollback()
        return str(row[0]) if row else ""
    finally:
        conn.close()


def bench_size(n_claims: int, kind: str, args: argparse.Namespace, work: Path,
               log: Callable[[str], None]) -> tuple[list[list[Any]], list[str]]:
    rows: list[list[Any]] = []
    with populated(n_claims, kind, args, work, log) as (db, pop):
        if args.populate_only:
            return rows, []
        routes = app_routes(db)
        specs, notes = page_specs(pop, set(routes))
        for spec in [s for s in specs if any(x in s.name for x in args.skip)]:
            specs.remove(spec)
            notes.append(f"skipped {spec.name}: --skip")
        fix_paths(specs, routes)
        if args.explain:
            explain(db, specs)
            return rows, notes
        # Wait for a quiet machine once per invocation (the first timed engine and size),
        # so a run over three sizes and two engines waits at most 10 minutes in all; the
        # load is recorded beside every page's figures either way.
        waited = getattr(args, "_waited", False)
        load = (wait_for_quiet(args.max_load, log=log) if args.max_load and not waited
                else load_average())
        args._waited = True
        log(f"load average {load:.2f} before the {kind} run at {n_claims:,} claims")
        server = Server(db, work, args.threads, args.app_path)
        try:
            cookie = login(server.port)
            for spec in specs:
                try:
                    hammer(server.port, cookie, spec.path, 3, 1)  # warm up
                except RuntimeError as exc:  # a page still being built
                    notes.append(f"skipped {spec.name} on {kind}: {exc}")
                    continue
                load = load_average()
                lat = hammer(server.port, cookie, spec.path, args.requests, args.concurrency)
                base = time_baseline(db, spec.baseline[kind], args.requests)
                ours, theirs = p50_95_99(lat), p50_95_99(base)
                rows.append([
                    size_label(pop.claims), kind, spec.name,
                    *(x * 1000 for x in ours), *(x * 1000 for x in theirs),
                    ratio(ours[1], theirs[1]), "yes" if ours[1] < 0.1 else "NO", load,
                ])
                log(f"{kind} {spec.name}: p50 {ours[0] * 1000:.0f} ms, p95 "
                    f"{ours[1] * 1000:.0f} ms (query {theirs[1] * 1000:.1f} ms), load {load:.2f}")
        finally:
            server.stop()
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_arguments(parser, QUICK_SIZES, BIG_SIZES, "claims")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--requests", type=int, default=40, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=4, help="client connections")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument("--explain", action="store_true",
                        help="print each page's SQL and query plans instead of timing")
    parser.add_argument("--keep-db", metavar="DIR",
                        help="keep the populated databases (SQLite files and a population "
                             "record in DIR; PostgreSQL databases claims_bench_pages_<size>_<hash "
                             "of DIR>) "
                             "and reuse them on later runs")
    parser.add_argument("--app-path", metavar="DIR",
                        help="serve the app's code from DIR (e.g. `git archive HEAD | tar -x "
                             "-C DIR`) instead of this tree: before/after runs on one database")
    parser.add_argument("--skip", nargs="+", default=[], metavar="TEXT",
                        help="leave out the pages whose name contains TEXT")
    parser.add_argument("--populate-only", action="store_true",
                        help="fill the databases (with --keep-db) and time nothing")
    parser.add_argument("--max-load", type=float, default=1.5,
                        help="before timing, wait (once; up to 10 min, polling every 30 s) "
                             "until the 1-minute load average is below this; 0: never wait")
    args = parser.parse_args(argv)
    sizes = chosen_sizes(args, QUICK_SIZES, BIG_SIZES, "claims")
    engines = engines_to_run(args.engines)
    work = Path(tempfile.mkdtemp(prefix="claims-bench-pages-"))

    def log(msg: str) -> None:
        print(f"  [pages] {msg}", file=sys.stderr, flush=True)

    rows: list[list[Any]] = []
    notes: set[str] = set()
    try:
        for n in sizes:
            for kind in engines:
                r, n_notes = bench_size(n, kind, args, work, log)
                rows += r
                notes.update(n_notes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not args.explain and not args.populate_only:
        print_table(
            f"Pages (ms; {args.concurrency} concurrent keep-alive clients, {args.requests} "
            "requests per page; baseline = the page's essential SQL alone; ratio = p95/p95)",
            ["size", "engine", "page", "p50", "p95", "p99", "query p50", "query p95",
             "query p99", "ratio", "p95 < 100 ms", "load"],
            rows,
        )
    for note in sorted(notes):
        print(f"note: {note}")
    print(machine_line())
    print(command_line("bench_pages.py", argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
