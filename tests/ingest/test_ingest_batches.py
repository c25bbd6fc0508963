"""Importing many articles per transaction: a failing article is retried alone, nothing is
stored partially, a re-run stores only what is missing (issue 8)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from claims_app.articles.models import Article
from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim
from claims_app.db import get_db
from claims_app.ingest import importer
from claims_app.ingest.importer import FAILED, IMPORTED, PRESENT, import_paths

ARTICLES = [
    {"title": f"Report {i}", "body": f'Minister Anar Valiyev said "the road {i} opens soon" '
                                     f'on Monday. Officials said the bridge {i} reopened.'}
    for i in range(7)
]


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def test_a_failing_article_is_retried_alone_and_the_rest_commit(app, session, tmp_path,
                                                                 monkeypatch) -> None:
    real = importer.index_new_articles

    def flaky(s, articles, speaker_ids):
        if any(index.document.startswith("report 3") for _id, index, _claims in articles):
            raise OperationalError("INSERT", {}, Exception("disk full"))
        return real(s, articles, speaker_ids)

    monkeypatch.setattr(importer, "index_new_articles", flaky)
    monkeypatch.setattr(importer, "BATCH_ARTICLES", 4)
    path = _file(tmp_path)
    summary = import_paths(get_db(app).sessionmaker, [path])
    assert [o.status for o in summary.outcomes] == [IMPORTED] * 3 + [FAILED] + [IMPORTED] * 3
    assert "disk full" in summary.outcomes[3].message
    session.expire_all()
    titles = set(session.scalars(select(Article.title)))
    assert "Report 3" not in titles and len(titles) == 6
    claims = session.scalar(select(func.count(Claim.id)))
    assert claims == sum(o.claims for o in summary.outcomes) and claims > 0

    monkeypatch.setattr(importer, "index_new_articles", real)
    again = import_paths(get_db(app).sessionmaker, [path])
    assert [o.status for o in again.outcomes] == [PRESENT] * 3 + [IMPORTED] + [PRESENT] * 3


def test_batched_import_audits_each_article_with_its_claim_ids(app, session, tmp_path) -> None:
    summary = import_paths(get_db(app).sessionmaker, [_file(tmp_path)])
    assert summary.imported == 7
    session.expire_all()
    for event in session.scalars(select(AuditEvent).where(AuditEvent.action == "import")):
        ids = session.scalars(select(Claim.id).where(Claim.article_id == event.entity_id)
                              .order_by(Claim.start)).all()
        assert sorted(event.after["claim_ids"]) == sorted(ids) and ids
