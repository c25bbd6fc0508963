"""Imports running side by side (issue 15, item 3): two CLI-sized imports at once, and a web
import beside an editor's saves, all complete on a real database of each engine, with every
article stored once and every speaker once.

These run on a database of their own (not the test's rolled-back transaction), because the
point is real concurrent transactions: on SQLite a deferred import transaction that read
before writing failed with "database is locked" whenever another writer committed between.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from claims_app.accounts.models import Role
from claims_app.accounts.services import create_user
from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.db import get_db
from claims_app.ingest.importer import ImportSummary, import_paths
from claims_app.speakers.models import Speaker
from tests.support import TEST_PASSWORD, in_threads, isolated_app

SPEAKERS = ["Anar Valiyev", "Leyla Abdullayeva", "Hikmet Hajiyev", "Ceyhun Bayramov"]


def write_articles(path: Path, count: int, tag: str) -> Path:
    """``count`` small distinct articles, each quoting one of a few shared speakers, whose
    first use anywhere creates the speaker (so both imports race to create the same ones)."""
    path.write_text("".join(json.dumps({
        "title": f"Bridge report {tag} {i}", "published": "2024-05-02",
        "body": f'Minister {SPEAKERS[i % len(SPEAKERS)]} said "the bridge {tag} {i} opens '
                f'on time" on Monday. Officials added that road {tag} {i} was repaired.',
    }) + "\n" for i in range(count)), encoding="utf-8")
    return path


@pytest.fixture
def own_app(database_kind: str, tmp_path: Path) -> Iterator[Flask]:
    with isolated_app(database_kind, tmp_path) as app:
        yield app


def _counts(app: Flask) -> tuple[int, int, list[tuple[str, int]]]:
    with get_db(app).sessionmaker() as s:
        articles = s.scalar(select(func.count(Article.id))) or 0
        hashes = s.scalar(select(func.count(func.distinct(Article.content_hash)))) or 0
        speakers = list(s.execute(select(Speaker.name_key, func.count(Speaker.id))
                                  .group_by(Speaker.name_key).order_by(Speaker.name_key)))
    assert articles == hashes
    return articles, hashes, [(key, n) for key, n in speakers]


def test_two_imports_at_once_both_complete_and_store_each_article_once(
    own_app: Flask, tmp_path: Path,
) -> None:
    first = write_articles(tmp_path / "first.jsonl", 300, "north")
    second = write_articles(tmp_path / "second.jsonl", 300, "south")
    shared = write_articles(tmp_path / "shared.jsonl", 100, "shared")
    # The plain (deferred) factory: the importer must take the write lock itself.
    factory = get_db(own_app).sessionmaker

    summaries: list[ImportSummary] = in_threads(
        lambda: import_paths(factory, [first, shared]),
        lambda: import_paths(factory, [second, shared]),
    )

    for summary in summaries:
        assert summary.ok, summary.lines()[:5]
    assert sum(s.imported for s in summaries) == 700
    assert sum(s.present for s in summaries) == 100  # the shared file, stored by one of them
    articles, _hashes, speakers = _counts(own_app)
    assert articles == 700
    assert all(n == 1 for _key, n in speakers), speakers


def test_a_web_import_beside_an_editors_saves_loses_nothing(
    own_app: Flask, tmp_path: Path,
) -> None:
    with get_db(own_app).write_sessionmaker() as s, s.begin():
        create_user(s, None, "importer", TEST_PASSWORD, Role.EDITOR)
        create_user(s, None, "reviewer", TEST_PASSWORD, Role.REVIEWER)
    seed = write_articles(tmp_path / "seed.jsonl", 5, "seed")
    assert import_paths(get_db(own_app).write_sessionmaker, [seed]).ok
    with get_db(own_app).sessionmaker() as s:
        claim_ids = list(s.scalars(select(Claim.id).order_by(Claim.id)))
    upload = write_articles(tmp_path / "upload.jsonl", 400, "upload")

    def web_import() -> int:
        client = own_app.test_client()
        client.post("/login", data={"username": "importer", "password": TEST_PASSWORD})
        with upload.open("rb") as fh:
            response = client.post("/import", data={"files": (fh, "upload.jsonl")},
                                   content_type="multipart/form-data")
        assert response.status_code == 200
        assert b"failed: 0" in response.data, response.data.decode()[-2000:]
        return response.status_code

    def edits() -> list[int]:
        client = own_app.test_client()
        client.post("/login", data={"username": "reviewer", "password": TEST_PASSWORD})
        statuses = []
        for round_no in range(20):
            for claim_id in claim_ids:
                with get_db(own_app).sessionmaker() as s:
                    claim = s.get(Claim, claim_id)
                    assert claim is not None
                    version = claim.version
                response = client.post(f"/claims/{claim_id}/status", data={
                    "action": "accept" if round_no % 2 else "reject",
                    "version": str(version)})
                statuses.append(response.status_code)
        return statuses

    _done, statuses = in_threads(web_import, edits)

    assert set(statuses) == {303}, sorted(set(statuses))
    articles, _hashes, speakers = _counts(own_app)
    assert articles == 405
    assert all(n == 1 for _key, n in speakers), speakers
