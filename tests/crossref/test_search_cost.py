"""What a search costs: a capped count, no joins the filters do not need, the index driving
the plan, and the same results as counting and ranking everything (on both engines)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from claims_app.claims.models import ClaimStatus
from claims_app.crossref import SearchFilters, search
from claims_app.crossref.documents import rebuild_search_index
from claims_app.crossref.models import FTS_TABLE, SearchDocument, SearchEntity
from claims_app.crossref.query import ParsedQuery
from claims_app.crossref.search import COUNT_LIMIT, RANK_WINDOW, matching_claim_ids
from tests.crossref.test_crossref_search import QUERIES, corpus  # noqa: F401  (fixture)
from tests.worlds.builders import make_article, make_claim, make_speaker

#: The module (``claims_app.crossref.search`` the attribute is the function).
search_module = importlib.import_module("claims_app.crossref.search")


@contextmanager
def statements(session: Session) -> Iterator[list[str]]:
    """The SQL the session sends inside the block, whitespace-normalised."""
    with executed(session) as seen:
        texts: list[str] = []
        yield texts
    texts += [stmt for stmt, _params in seen]


def _counts(sql: list[str]) -> list[str]:
    """The count statements among ``sql`` (the ranked page's ``count(*) OVER ()`` aside)."""
    return [s for s in sql if "count(" in s.lower() and "bm25" not in s and "ts_rank" not in s]


@contextmanager
def executed(session: Session) -> Iterator[list[tuple[str, object]]]:
    """The SQL and parameters the session sends inside the block."""
    seen: list[tuple[str, object]] = []
    engine = session.get_bind().engine

    def capture(_c, _cur, stmt, params, _ctx, _many) -> None:  # noqa: ANN001
        seen.append((" ".join(stmt.split()), params))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", capture)


@pytest.fixture
def crowd(session: Session) -> dict[str, object]:
    """Twelve articles and twelve claims that all say "harvest"."""
    speaker = make_speaker(session, "Leyla Hasanova")
    claims = []
    for i in range(12):
        article = make_article(session, f"Item {i}. The harvest was good, she said about "
                               f"region {i}.", title=f"Harvest {i}", published=None)
        claims.append(make_claim(session, article, "The harvest was good", speaker))
    return {"speaker": speaker, "claims": claims}


def test_count_stops_at_the_limit_and_says_there_are_more(session, crowd) -> None:
    results = search(session, "harvest", per_page=2, count_limit=5)
    assert results.capped and results.total == 5
    assert results.total_label == "more than 5" and results.pages_label == "more than 3"
    assert results.has_next and len(results.hits) == 2


def test_count_limit_reaches_past_the_page_asked_for(session, crowd) -> None:
    results = search(session, "harvest", page=4, per_page=2, count_limit=5)
    assert results.capped and results.total == 8 and len(results.hits) == 2


def test_count_is_exact_up_to_the_limit(session, crowd) -> None:
    exact = search(session, "harvest", count_limit=None)
    assert exact.total == 24 and not exact.capped
    at_limit = search(session, "harvest", per_page=24, count_limit=24)
    assert at_limit.total == 24 and not at_limit.capped and not at_limit.has_next
    assert search(session, "harvest").total == 24 and COUNT_LIMIT >= 1000


def test_a_capped_count_returns_the_same_page(session, crowd) -> None:
    for page in (1, 2, 3):
        capped = search(session, "harvest", page=page, per_page=5, count_limit=3)
        exact = search(session, "harvest", page=page, per_page=5, count_limit=None)
        assert capped.ids == exact.ids


def test_pages_of_a_capped_search_never_overlap_and_cover_every_hit(session, crowd) -> None:
    seen: list[tuple[str, int]] = []
    for page in range(1, 6):
        seen += search(session, "harvest", page=page, per_page=5, count_limit=3).ids
    assert len(seen) == len(set(seen)) == 24


def test_the_last_page_is_counted_without_a_count_query(session, crowd) -> None:
    with statements(session) as sql:
        results = search(session, "harvest", page=3, per_page=10)
    assert results.total == 24 and not results.capped and len(results.hits) == 4
    assert not _counts(sql)


def test_a_filter_free_search_joins_no_claims_articles_or_speakers(session, crowd) -> None:
    with statements(session) as sql:
        results = search(session, "harvest", per_page=5)
    assert len(results.hits) == 5
    search_sql = [s for s in sql if "search_documents" in s or "search_fts" in s]
    assert len(search_sql) == 2  # the ranked page (its window read in the same scan), the count
    for stmt in search_sql:
        assert "JOIN claims" not in stmt and "JOIN articles" not in stmt
        assert "OUTER JOIN" not in stmt
    assert all(" LIMIT " in s for s in search_sql)  # the count stops


def test_a_claim_filter_joins_claims_but_not_articles(session, crowd) -> None:
    with statements(session) as sql:
        search(session, "harvest", filters=SearchFilters(status=ClaimStatus.UNREVIEWED))
    search_sql = [s for s in sql if "search_documents" in s or "search_fts" in s]
    assert search_sql and all("JOIN claims" in s for s in search_sql)
    assert not any("JOIN articles" in s for s in search_sql)


def test_an_outlet_filter_joins_articles(session, crowd) -> None:
    with statements(session) as sql:
        search(session, "harvest", filters=SearchFilters(outlet_id=1))
    search_sql = [s for s in sql if "search_documents" in s or "search_fts" in s]
    assert search_sql and all("JOIN articles" in s for s in search_sql)


def test_the_index_drives_the_plan(session, crowd) -> None:
    with executed(session) as sql:
        search(session, "harvest", per_page=5)
    ranked, params = next((q, p) for q, p in sql if "bm25" in q or "ts_rank" in q)
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + ranked,
                                                    params).all()]  # type: ignore[arg-type]
        assert any("search_fts VIRTUAL TABLE" in p for p in plan)
        assert not any(p.startswith("SCAN search_documents") for p in plan)
    else:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # a tiny table: ask for it
        plan = [r[0] for r in conn.exec_driver_sql("EXPLAIN " + ranked,
                                                   params).all()]  # type: ignore[arg-type]
        # The GIN index (a rare word), or the primary key walked newest first until the
        # window is full (a common one): an index either way, never every row.
        assert any("ix_search_documents_tsv" in p or "Index Scan Backward using "
                   "pk_search_documents" in p for p in plan), plan
        assert not any("Seq Scan on search_documents" in p for p in plan), plan


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_results_are_ranked_and_counted_exactly_for_small_sets(
    session, corpus, query, expected  # noqa: F811
) -> None:
    results = search(session, query, per_page=100)
    assert not results.capped and results.total == len(results.hits) == len(expected)
    scores = [h.score for h in results.hits]
    best_first = sorted(scores, reverse=session.get_bind().dialect.name == "postgresql")
    assert scores == best_first


@pytest.mark.parametrize("query", ["peace", "occup*", "organization islamic", "region"])
def test_a_type_filter_ranks_like_the_unfiltered_search(session, corpus, query) -> None:  # noqa: F811
    everything = search(session, query, per_page=100).ids
    for entity in SearchEntity:
        only = search(session, query, per_page=100,
                      filters=SearchFilters(entities=frozenset({entity}))).ids
        assert only == [i for i in everything if i[0] == entity.value]


def test_matching_claim_ids_are_the_claims_search_finds_in_order(session, corpus) -> None:  # noqa: F811
    hits = search(session, "occup*", per_page=100).ids
    assert matching_claim_ids(session, "occup*") == [i for kind, i in hits if kind == "claim"]


def test_search_page_says_more_than_n_results_when_capped(
    client, auth, session, crowd, monkeypatch
) -> None:
    from claims_app.crossref import search_views as views

    session.commit()
    auth.login("viewer")
    monkeypatch.setattr(views, "COUNT_LIMIT", 21)  # 24 hits, 20 a page
    page = client.get("/search/?q=harvest").get_data(as_text=True)
    assert "More than 21 results" in page and "Counting stopped at 21" in page
    assert "Page 1 of more than 2" in page and "Next" in page
    monkeypatch.setattr(views, "COUNT_LIMIT", 1000)
    page = client.get("/search/?q=harvest").get_data(as_text=True)
    assert "24 results" in page and "More than" not in page and "Page 1 of 2" in page


# --- the ranking window ----------------------------------------------------------------------


def _newest_matches(session: Session, word: str, n: int) -> set[tuple[str, int]]:
    """The ``n`` most recently indexed documents containing ``word``, as search ids."""
    sd = SearchDocument
    docs = session.scalars(select(sd).where(sd.body.contains(word))
                           .order_by(sd.id.desc()).limit(n)).all()
    return {(d.entity.value, d.claim_id or d.article_id or d.speaker_id) for d in docs}


def test_the_rank_window_is_large_enough_to_rank_small_result_sets_exactly() -> None:
    assert RANK_WINDOW is not None and RANK_WINDOW >= 2 * COUNT_LIMIT


def test_above_the_window_only_the_newest_matches_are_ranked(
    session, crowd, monkeypatch
) -> None:
    everything = search(session, "harvest", per_page=100, count_limit=None)
    assert not everything.windowed and everything.window is None and everything.total == 24
    monkeypatch.setattr(search_module, "RANK_WINDOW", 5)
    results = search(session, "harvest", per_page=100, count_limit=None)
    newest = _newest_matches(session, "harvest", 5)
    assert results.windowed and results.window == 5
    assert results.total == 5 and not results.capped and set(results.ids) == newest
    # A document's rank does not depend on the window: the window keeps the global order.
    assert results.ids == [i for i in everything.ids if i in newest]


def test_a_windowed_search_pages_and_counts_within_the_window(
    session, crowd, monkeypatch
) -> None:
    monkeypatch.setattr(search_module, "RANK_WINDOW", 5)
    with statements(session) as sql:
        first = search(session, "harvest", per_page=2, count_limit=3)
    assert first.windowed and first.capped and first.total == 3 and first.has_next
    assert not _counts(sql)  # the window's size is the count
    seen = first.ids + search(session, "harvest", page=2, per_page=2, count_limit=3).ids
    last = search(session, "harvest", page=3, per_page=2, count_limit=3)
    assert last.total == 5 and not last.capped and not last.has_next and len(last.hits) == 1
    seen += last.ids
    assert len(seen) == len(set(seen)) == 5 and set(seen) == _newest_matches(session, "harvest", 5)
    assert search(session, "harvest", page=4, per_page=2).hits == []


def test_at_or_below_the_window_results_are_unchanged(session, crowd, monkeypatch) -> None:
    monkeypatch.setattr(search_module, "RANK_WINDOW", None)
    exact = [search(session, "harvest", page=p, per_page=10).ids for p in (1, 2, 3)]
    for window in (24, 25, 1000):  # 24 documents say "harvest"
        monkeypatch.setattr(search_module, "RANK_WINDOW", window)
        for p in (1, 2, 3):
            results = search(session, "harvest", page=p, per_page=10)
            assert not results.windowed and results.window is None
            assert results.ids == exact[p - 1] and results.total == 24
    monkeypatch.setattr(search_module, "RANK_WINDOW", 23)
    assert search(session, "harvest").windowed


def test_the_window_is_read_newest_first_in_the_ranking_scan_itself(
    session, crowd, monkeypatch
) -> None:
    monkeypatch.setattr(search_module, "RANK_WINDOW", 5)
    with statements(session) as sql:
        search(session, "harvest", per_page=5)
    search_sql = [s for s in sql if "search_documents" in s or "search_fts" in s]
    assert len(search_sql) == 1  # no threshold query, and no count for a windowed search
    ranked = search_sql[0]
    assert "DESC LIMIT" in ranked and "OVER ()" in ranked  # newest first, bounded, measured


@pytest.mark.parametrize("filters", [
    SearchFilters(status=ClaimStatus.UNREVIEWED),
    SearchFilters(entities=frozenset({SearchEntity.ARTICLE})),
])
def test_filtered_searches_rank_every_match(session, crowd, monkeypatch, filters) -> None:
    exact = search(session, "harvest", filters=filters, per_page=100).ids
    monkeypatch.setattr(search_module, "RANK_WINDOW", 5)
    results = search(session, "harvest", filters=filters, per_page=100)
    assert not results.windowed and results.ids == exact and len(exact) == 12


def test_matching_claim_ids_are_not_windowed(session, crowd, monkeypatch) -> None:
    monkeypatch.setattr(search_module, "RANK_WINDOW", 5)
    assert len(matching_claim_ids(session, "harvest")) == 12


def test_search_page_says_when_only_the_newest_matches_were_ranked(
    client, auth, session, crowd, monkeypatch
) -> None:
    session.commit()
    auth.login("viewer")
    page = client.get("/search/?q=harvest").get_data(as_text=True)
    assert "24 results" in page and "most recent matches" not in page
    monkeypatch.setattr(search_module, "RANK_WINDOW", 5)
    page = client.get("/search/?q=harvest").get_data(as_text=True)
    assert ("Ranked among the 5 most recent matches; add words or filters to search them all."
            in page)
    assert "5 results" in page and page.count('class="result result-') == 5
    page = client.get("/search/?q=harvest&type=claim").get_data(as_text=True)
    assert "12 results" in page and "most recent matches" not in page


def test_a_probe_with_a_window_ranks_only_the_newest_matching_claims(session, crowd) -> None:
    # The similar-claims probe's bound: the newest claim documents sharing a word, ranked;
    # the articles' documents (indexed after every claim by a rebuild) never fill the window.
    claims = crowd["claims"]
    probe = ParsedQuery(terms=("harvest",))
    every = matching_claim_ids(session, probe, any_word=True)
    assert sorted(every) == sorted(c.id for c in claims)
    windowed = matching_claim_ids(session, probe, any_word=True, newest=3)
    assert sorted(windowed) == sorted(c.id for c in claims[-3:])
    assert matching_claim_ids(session, probe, any_word=True, newest=3, limit=2) == windowed[:2]


def _rows_read(session: Session, sql: str, params: object) -> int:
    """What running ``sql`` reads: SQLite's virtual-machine steps (a skipped FTS5 doclist
    entry costs none, a row looked at costs several); on PostgreSQL, the ``search_documents``
    rows its scans return or filter out (EXPLAIN ANALYZE), the primary key walked newest
    first (the plan a common word takes in a large archive)."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        # One segment, as most of a large archive's index is: reading more small segments
        # (one per document written here) is not what is measured.
        conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
        raw = conn.connection.dbapi_connection
        steps = [0]

        def step() -> int:
            steps[0] += 1
            return 0

        raw.set_progress_handler(step, 1)  # type: ignore[union-attr]
        try:
            conn.exec_driver_sql(sql, params).all()  # type: ignore[arg-type]
        finally:
            raw.set_progress_handler(None, 1)  # type: ignore[union-attr]
        return steps[0]
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
    plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + sql,
                                params).scalar()  # type: ignore[arg-type]

    def read(node: dict) -> int:
        own = (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
               if node.get("Relation Name") == "search_documents" else 0)
        return own + sum(read(child) for child in node.get("Plans", []))

    return read(plan[0]["Plan"])


def test_the_claim_window_reads_no_article_documents_indexed_after_the_claims(
    session, crowd
) -> None:
    # A rebuilt index holds every claim before every article: the window of newest claims
    # starts at the newest claim's document, so articles saying the same word, however
    # many, are never read (at 1,000,000 claims the window first read 88,767 of them).
    probe = ParsedQuery(terms=("harvest",))

    def window_reads() -> tuple[list[int], int]:
        rebuild_search_index(session)
        with executed(session) as sql:
            ids = matching_claim_ids(session, probe, any_word=True, newest=3)
        window, params = next((q, p) for q, p in sql if "bm25" in q or "ts_rank" in q)
        return ids, _rows_read(session, window, params)

    few_ids, few = window_reads()
    for i in range(40):
        make_article(session, f"Later item {i}. The harvest was late in region {i}.",
                     title=f"Later {i}", published=None)
    many_ids, many = window_reads()
    assert many_ids == few_ids and sorted(few_ids) == sorted(c.id for c in crowd["claims"][-3:])
    assert many == few
