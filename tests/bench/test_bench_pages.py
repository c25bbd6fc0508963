"""The pages benchmark fills passage signatures exactly as the importer would."""

from __future__ import annotations

import importlib
from pathlib import Path

from sqlalchemy import select

from benchmarks.generate import Generator
from claims_app.crossref.models import PassageSignature
from tests.crossref.builders import add_article

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_bulk_signature_rows_are_the_rows_indexing_writes(session, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    bench_pages = importlib.import_module("bench_pages")
    for generated in Generator(1).articles(3):
        article = add_article(session, generated.body)  # indexed by the app itself
        stored = session.execute(
            select(PassageSignature.start, PassageSignature.end, PassageSignature.band,
                   PassageSignature.bucket)
            .where(PassageSignature.article_id == article.id)).all()
        assert sorted(bench_pages._signature_rows(generated.body)) == sorted(map(tuple, stored))
        assert stored
