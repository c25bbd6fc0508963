"""The pages benchmark fills passage signatures exactly as the importer would."""

from __future__ import annotations

import importlib
from pathlib import Path

from sqlalchemy import select

from benchmarks.generate import Generator
from claims_app.crossref.models import PassageSignature
from tests.worlds.builders import make_article

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_bulk_signature_rows_are_the_rows_indexing_writes(session, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    bench_pages = importlib.import_module("bench_pages")
    for generated in Generator(1).articles(3):
        article = make_article(session, generated.body,
                               title=None, published=None)  # indexed by the app itself
        stored = session.execute(
            select(PassageSignature.start, PassageSignature.end, PassageSignature.band,
                   PassageSignature.bucket)
            .where(PassageSignature.article_id == article.id)).all()
        assert sorted(bench_pages._signature_rows(generated.body)) == sorted(map(tuple, stored))
        assert stored


def test_every_benchmarked_page_is_a_route_of_the_app(app, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    bench_pages = importlib.import_module("bench_pages")
    population = bench_pages.Population(claims=10, articles=1, big_article=1,
                                        big_article_claims=10, top_speaker=1,
                                        top_speaker_claims=10, seconds=0.0, index_seconds=0.0)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    specs, skipped = bench_pages.page_specs(population, endpoints)
    assert skipped == []
    urls = app.url_map.bind("claims.test")
    for spec in specs:  # each path is answered by the endpoint it is filed under
        assert urls.match(spec.path.partition("?")[0])[0] == spec.endpoint
