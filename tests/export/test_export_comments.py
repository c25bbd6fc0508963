"""Comments travel in the lossless json export and come back with ``load-export``: into an
empty database the second export is byte-identical, and into one holding the same records a
restore does not double them. Backups dump every table, comments and assignments included."""

from __future__ import annotations

import io
import json

from sqlalchemy import func, select

from claims_app.audit.models import AuditEvent
from claims_app.backup.services import tables
from claims_app.claims.models import Claim
from claims_app.desk.comments import add_comment, edit_comment
from claims_app.desk.models import Comment
from claims_app.export import ExportFilters
from claims_app.ingest.load_export import load_export
from tests.export.exporting import export_text, validator
from tests.export.test_export_restore import empty_session  # noqa: F401  (the fixture)


def _comment(session, users, sample) -> None:
    claim = session.get(Claim, next(iter(sample.claims.values())))
    first = add_comment(session, users["reviewer"], "Is this the\nwhole quote?", claim=claim)
    edit_comment(session, users["reviewer"], first, "Is this the\nwhole quote? Check.",
                 expected_version=first.version)
    add_comment(session, users["editor"], "Article-wide note",
                article=claim.article)
    session.commit()


def test_comments_round_trip_through_export_and_restore(session, users, sample,
                                                        empty_session) -> None:  # noqa: F811
    _comment(session, users, sample)
    first = export_text(session, "json")
    doc = json.loads(first)
    assert [(c["on"], c["author"], c["text"]) for c in doc["comments"]] == [
        ("claim", "reviewer", "Is this the\nwhole quote? Check."),
        ("article", "editor", "Article-wide note")]
    assert doc["comments"][0]["edited_at"] is not None
    validator("claims-export-v1.schema.json").validate(doc)
    assert {"editor", "reviewer"} <= {u["username"] for u in doc["users"]}
    summary = load_export(empty_session, io.StringIO(first))
    empty_session.commit()
    assert summary.comments_created == 2
    assert export_text(empty_session, "json") == first
    restored = empty_session.scalars(select(Comment).order_by(Comment.id)).all()
    assert [c.author_name for c in restored] == ["reviewer", "editor"]
    # Each restored comment is in its record's History.
    assert empty_session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "comment")) == 2


def test_restoring_again_does_not_double_comments(session, users, sample) -> None:
    _comment(session, users, sample)
    text = export_text(session, "json")
    summary = load_export(session, io.StringIO(text))
    assert summary.comments_created == 0
    assert session.scalar(select(func.count()).select_from(Comment)) == 2


def test_a_filtered_export_keeps_only_comments_on_exported_records(session, users,
                                                                   sample) -> None:
    _comment(session, users, sample)
    claim_id = next(iter(sample.claims.values()))
    others = tuple(i for i in sample.claims.values() if i != claim_id)
    doc = json.loads(export_text(session, "json", ExportFilters(claim_ids=others)))
    exported_articles = {a["id"] for a in doc["articles"]}
    claim = session.get(Claim, claim_id)
    expected = 1 if claim.article_id in exported_articles else 0
    assert [c["on"] for c in doc["comments"]] == ["article"] * expected


def test_backups_dump_the_desk_tables() -> None:
    names = {t.name for t in tables()}
    assert {"comments", "assignments"} <= names
