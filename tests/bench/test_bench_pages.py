"""The pages benchmark fills passage signatures and statement groups exactly as the app
would."""

from __future__ import annotations

import importlib
from pathlib import Path

from sqlalchemy import select

from benchmarks.generate import Generator
from claims_app.crossref.models import PassageSignature
from claims_app.provenance.grouping import Record
from claims_app.provenance.groups import rebuild_groups
from claims_app.provenance.models import StatementGroup, StatementGroupKey, StatementGroupMember
from claims_app.speakers.models import Speaker
from tests.worlds.builders import make_article, make_claim, make_speaker

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


def test_bulk_statement_group_rows_are_the_rows_rebuild_groups_writes(session,
                                                                      monkeypatch) -> None:
    """The pages benchmark computes the statement groups of a million claims in one pass
    and writes them in bulk; on a corpus of one rebuild batch they must be exactly what
    ``claims-app reindex`` (``rebuild_groups``) writes: same members, same earliest
    appearance, same material kinds, same blocking keys."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    bench_pages = importlib.import_module("bench_pages")
    gen = Generator(1)
    speakers = {s.id: make_speaker(session, s.name).id for s in gen.speakers}
    records = []
    for generated in gen.articles(40):
        article = make_article(session, generated.body, title=None,
                               published=generated.published, index=False)
        for c in generated.claims:
            claim = make_claim(session, article, c.text,
                               session.get(Speaker, speakers[c.speaker_id]), index=False)
            session.flush()
            records.append(Record(claim.id, c.text, claim.speaker_id, generated.published,
                                  article.id))
    assert len(records) < 5000  # one batch of rebuild_groups
    rebuild_groups(session)
    session.flush()
    rows = bench_pages._compute_group_rows(records, lambda _msg: None)

    earliest = dict(session.execute(select(StatementGroup.id,
                                           StatementGroup.earliest_claim_id)).all())
    stored_members = {cid: (earliest[gid], material, kinds) for cid, gid, material, kinds in
                      session.execute(select(StatementGroupMember.claim_id,
                                             StatementGroupMember.group_id,
                                             StatementGroupMember.material,
                                             StatementGroupMember.kinds))}
    ours_earliest = {gid: first for gid, first, _count in rows.groups}
    ours_members = {cid: (ours_earliest[gid], material, kinds)
                    for cid, gid, material, kinds in rows.members}
    assert ours_members == stored_members
    assert any(material for _e, material, _k in stored_members.values())
    assert len({e for e, _m, _k in stored_members.values()}) < len(stored_members)
    stored_keys = {(key, earliest[gid]) for key, gid in
                   session.execute(select(StatementGroupKey.key, StatementGroupKey.group_id))}
    assert {(key, ours_earliest[gid]) for key, gid in rows.keys} == stored_keys
    stored_counts = {earliest[gid]: n for gid, n in session.execute(
        select(StatementGroup.id, StatementGroup.claim_count))}
    assert {first: n for _gid, first, n in rows.groups} == stored_counts
