"""Load: 10 concurrent reviewers read pages and edit the same three claims through the real
edit form on a real server; a bounded run (200 operations, 20 s cap) on each engine.

Pinned down: no request hangs, every accepted edit is in the stored note, and no refused edit
is stored, and that contention gives no 5xx and no "database is locked" (conflicts are
reported as 409s).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from benchmarks.load_test import LoadReport, run_load
from tests.support import drop_postgres_database, new_database_url


@pytest.fixture(scope="module")
def load_report(database_kind: str,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoadReport]:
    """One run per engine, shared by the tests that read its report."""
    url = new_database_url(database_kind, tmp_path_factory.mktemp("load"))
    try:
        yield run_load(url, engine=database_kind, workers=10, operations=200, time_cap=20)
    finally:
        if database_kind == "postgresql":
            drop_postgres_database(url)


def test_concurrent_edits_never_lose_an_accepted_write_nor_store_a_refused_one(
    load_report: LoadReport,
) -> None:
    report = load_report
    print("\n".join(report.lines()))
    assert report.operations == 200, "the budget was spent within the time cap"
    assert report.seconds < 40
    assert not any("hung" in e or "timed out" in e for e in report.errors)
    assert report.lost == [] and report.phantom == []


def test_concurrent_edits_get_no_server_error_and_no_database_is_locked(
    load_report: LoadReport,
) -> None:
    assert load_report.errors == []
    assert sum(len(v) for v in load_report.accepted.values()) > 10
    assert not any(k.endswith(" 500") for k in load_report.statuses)


def test_the_report_says_what_failed_by_cause() -> None:
    """A failed full run is read by someone who did not run it: each failure is counted
    under its cause, and the report names the causes, so "23 errors" says which were the
    time limit, which a busy database and which a bug."""
    from benchmarks.load_test import cause_of

    assert cause_of(200, "<html>fine</html>") is None
    assert cause_of(409, "Someone else saved this claim") is None
    assert cause_of(503, "took longer than the 10-second limit and was stopped") == (
        "request time limit (503)")
    assert cause_of(503, "The database was busy with other saves") == (
        "database busy, retryable (503)")
    assert cause_of(500, "OperationalError: database is locked") == "database is locked (500)"
    assert cause_of(500, "Internal Server Error") == "server error (500)"
    report = LoadReport("sqlite", 2)
    report.error("edit: database busy, retryable (503)", "POST /claims/1/edit: 503")
    report.error("edit: database busy, retryable (503)", "POST /claims/2/edit: 503")
    report.error("login failed", "reviewer1 login: timed out")
    assert "  errors by cause: edit: database busy, retryable (503): 2, login failed: 1" in (
        report.lines())


def test_the_server_runs_with_the_threads_claims_app_serve_has(
    load_report: LoadReport,
) -> None:
    from benchmarks.load_test import SERVER_THREADS

    assert load_report.threads == SERVER_THREADS == 8
