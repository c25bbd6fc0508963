"""How the importer sizes its transactions (``Pacer``): to a budget of write-lock time,
learnt from the transactions it committed, so a reviewer's save beside an import waits a
fraction of a second, not the seconds a 100-article transaction held the lock (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims_app.db import get_db
from claims_app.ingest import importer, pacing
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import import_paths
from claims_app.ingest.planning import PlannedArticle, plan_draft


def _planned(n: int, words: int = 40) -> list[PlannedArticle]:
    body = " ".join(["word"] * words)
    return [plan_draft(ArticleDraft(body=f"{body} {i}", source_name=f"s{i}", title=f"t{i}"),
                       f"s{i}", extract=False)
            for i in range(n)]


def test_the_first_transaction_is_small_until_the_cost_is_known() -> None:
    pacer = pacing.Pacer(0.25)
    first = next(pacer.parts(_planned(50)))
    assert len(first) == pacing.FIRST_TRANSACTION_ARTICLES


def test_a_slow_transaction_makes_the_next_ones_smaller_and_a_fast_one_larger() -> None:
    batch = _planned(100)
    slow = pacing.Pacer(0.25)
    parts = slow.parts(batch)
    first = next(parts)
    slow.learn(first, 0.25 * len(first) / 2)  # two articles' worth of the budget each second
    assert len(next(parts)) == 2

    fast = pacing.Pacer(0.25)
    parts = fast.parts(batch)
    first = next(parts)
    fast.learn(first, 0.001)
    assert len(next(parts)) == len(batch) - len(first)  # everything left fits


def test_a_fixed_cost_per_transaction_is_told_from_the_cost_per_unit() -> None:
    """Transactions of 1 and 5 articles holding the lock 0.30 s and 0.50 s: 0.25 s of it
    fixed. With a 0.5 s budget the next takes what fits the 0.25 s left; with a budget the
    fixed part alone nearly fills, it takes as much work as the fixed part, not one
    article, which would hold the lock almost as long and need five times the commits."""
    batch = _planned(100)  # 40-word bodies: each article is one unit
    pacer = pacing.Pacer(0.5)
    pacer.learn(batch[:1], 0.30)
    pacer.learn(batch[1:6], 0.50)
    fixed, per_unit = pacer.cost() or (0.0, 0.0)
    assert round(fixed, 3) == 0.25 and round(per_unit, 3) == 0.05
    assert len(next(pacer.parts(batch[6:]))) == 5  # 0.25 s left / 0.05 s per article
    tight = pacing.Pacer(0.26, pacer.seen)
    assert len(next(tight.parts(batch[6:]))) == 5  # as much work as the fixed 0.25 s


def test_every_article_is_in_exactly_one_transaction_in_order() -> None:
    batch = _planned(23)
    pacer = pacing.Pacer(0.25)
    out: list[PlannedArticle] = []
    for part in pacer.parts(batch):
        assert part
        out += part
        pacer.learn(part, 0.1 * len(part))
    assert out == batch


def test_without_a_budget_transactions_take_whole_batches() -> None:
    pacer = pacing.Pacer(None)
    assert [len(p) for p in pacer.parts(_planned(pacing.BATCH_ARTICLES + 7))] == [
        pacing.BATCH_ARTICLES, 7]


def test_a_tiny_budget_on_sqlite_cuts_an_import_into_small_transactions(
        app, session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_kind: str
) -> None:
    monkeypatch.setattr(importer, "TRANSACTION_SECONDS", 0.0)
    monkeypatch.setattr(importer, "SQLITE_YIELD_SECONDS", 0.0)
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"title": f"Report {i}",
                                        "body": f"Officials said road {i} was repaired."})
                            + "\n" for i in range(12)), encoding="utf-8")
    summary = import_paths(get_db(app).sessionmaker, [path])
    assert summary.imported == 12
    if database_kind == "sqlite":
        # The first transaction stores the first few; then the budget cuts the rest small.
        assert summary.transactions >= 3
    else:  # PostgreSQL's saves do not wait for an import: one transaction for the batch
        assert summary.transactions == 1
