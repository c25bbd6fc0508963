"""Restoring the json export: lossless into an empty database, merging into a full one."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims_app import migrate
from claims_app.accounts.models import User
from claims_app.accounts.passwords import verify_password
from claims_app.articles.models import Article
from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim, ClaimLink
from claims_app.crossref import sync
from claims_app.db import make_engine
from claims_app.ingest.errors import ReadError
from claims_app.ingest.load_export import load_export
from claims_app.speakers.models import Speaker
from tests.export.exporting import BODY_3, export_text
from tests.support import drop_postgres_database, new_database_url
from tests.worlds.builders import make_article


@pytest.fixture
def empty_session(database_kind: str, tmp_path) -> Iterator[Session]:
    """A session on a fresh, migrated, empty database of the same engine as ``session``."""
    url = new_database_url(database_kind, tmp_path)
    engine = make_engine(url)
    try:
        migrate.upgrade(engine, "head")
        with Session(engine, expire_on_commit=False) as sess:
            sync.register(sess)  # derived data (statement groups) as the app's sessions write
            yield sess
    finally:
        engine.dispose()
        if database_kind == "postgresql":
            drop_postgres_database(url)


def test_export_restore_export_into_an_empty_database_is_byte_identical(
    session, sample, empty_session
) -> None:
    sync.write_pending(session)  # the derived rows the app's commit writes (groups)
    first = export_text(session, "json")
    summary = load_export(empty_session, io.StringIO(first))
    empty_session.commit()
    assert summary.ids_preserved
    assert export_text(empty_session, "json") == first


def test_restore_into_an_empty_database_moves_id_sequences_past_restored_ids(
    session, sample, empty_session
) -> None:
    load_export(empty_session, io.StringIO(export_text(session, "json")))
    article = make_article(empty_session, "A new one.", source_name="new", title=None,
                           published=None)
    assert article.id == max(sample.articles.values()) + 1


def test_restore_creates_missing_accounts_inactive_and_unable_to_log_in(
    session, sample, empty_session
) -> None:
    load_export(empty_session, io.StringIO(export_text(session, "json")))
    users = empty_session.scalars(select(User).order_by(User.username)).all()
    assert [(u.username, u.role.value, u.active) for u in users] == [
        ("editor", "editor", False), ("reviewer", "reviewer", False)]
    assert not any(verify_password(u.password_hash, "correct-horse-battery") for u in users)


def test_restore_writes_import_audit_events(session, sample, empty_session) -> None:
    load_export(empty_session, io.StringIO(export_text(session, "json")))
    events = empty_session.execute(
        select(AuditEvent.entity_type, func.count()).where(AuditEvent.action == "import")
        .group_by(AuditEvent.entity_type)).all()
    assert dict(events) == {"article": 3, "speaker": 3, "user": 2}


def test_restoring_into_the_same_database_adds_nothing(session, sample) -> None:
    text = export_text(session, "json")
    summary = load_export(session, io.StringIO(text))
    assert (summary.articles_present, summary.claims_present) == (3, 4)
    assert (summary.articles_created, summary.claims_created, summary.links_created) == (0, 0, 0)
    assert export_text(session, "json") == text


def test_restore_into_a_database_with_other_records_maps_ids(session, sample) -> None:
    text = export_text(session, "json")
    other = make_article(session, "An unrelated article.", source_name="x", title=None,
                         published=None)
    for article in session.scalars(select(Article).where(Article.id != other.id)):
        session.delete(article)
    for speaker in session.scalars(select(Speaker)):
        session.delete(speaker)
    session.flush()
    summary = load_export(session, io.StringIO(text))
    assert not summary.ids_preserved and summary.claims_created == 4
    link = session.scalars(select(ClaimLink).where(ClaimLink.link_type == "contradicts")).one()
    source = session.get(Claim, link.source_claim_id)
    target = session.get(Claim, link.target_claim_id)
    assert (source.text, target.text) == ("the talks had been cancelled",
                                          "constructive and useful")
    assert source.article_id > other.id and source.reviews[-1].verdict.value == "false"
    assert session.get(Speaker, target.speaker_id).name == "Elmar Mammadyarov"
    merged = session.scalars(select(Speaker).where(Speaker.name == "E. Mammadyarov")).one()
    assert merged.merged_into_id == target.speaker_id


def test_restore_adds_only_missing_claims_to_an_article_already_present(
    session, sample
) -> None:
    text = export_text(session, "json")
    session.delete(session.get(Claim, sample.claims["c3"]))
    session.flush()
    summary = load_export(session, io.StringIO(text))
    assert (summary.claims_created, summary.claims_present) == (1, 3)
    assert session.scalar(select(func.count(Claim.id))) == 4


def test_restore_reads_a_file_path(session, sample, tmp_path) -> None:
    path = tmp_path / "export.json"
    path.write_text(export_text(session, "json"), encoding="utf-8")
    assert load_export(session, path).articles_present == 3


def test_restore_refuses_text_that_is_not_json_naming_the_line(session) -> None:
    with pytest.raises(ReadError) as err:
        load_export(session, io.StringIO('{"schema_version": 1,\n"articles": [}'))
    assert err.value.line == 2


def test_restore_refuses_another_schema_version(session) -> None:
    with pytest.raises(ReadError, match="schema_version 2"):
        load_export(session, io.StringIO('{"schema_version": 2, "articles": []}'))


def test_restore_refuses_a_claim_whose_text_is_not_at_its_offsets(session, sample) -> None:
    doc = json.loads(export_text(session, "json"))
    for article in doc["articles"]:
        article["content_hash"] = f"{article['id']:064d}"
    doc["articles"][0]["claims"][0]["start"] += 1
    with pytest.raises(ReadError, match="not the article body"):
        load_export(session, io.StringIO(json.dumps(doc)))


def test_restore_refuses_an_unknown_verdict_as_malformed(session) -> None:
    claim = {"id": 1, "kind": "direct", "text": "short", "start": 2, "end": 7,
             "reviews": [{"verdict": "dubious"}]}
    doc = {"schema_version": 1, "articles": [
        {"id": 1, "body": BODY_3, "content_hash": "1" * 64, "claims": [claim]}]}
    doc["articles"][0]["body"] = "A short note"
    with pytest.raises(ReadError, match="malformed"):
        load_export(session, io.StringIO(json.dumps(doc)))


def test_restore_matches_accounts_in_the_normalised_username_form(session, sample) -> None:
    # An export made before usernames were normalised may spell "EDITOR" or "Ｅｄｉｔｏｒ"
    # for the account this database keeps as "editor": no second account is made.
    doc = json.loads(export_text(session, "json"))
    assert doc["users"], "the sample names at least one account"
    for user in doc["users"]:
        user["username"] = user["username"].upper()
    accounts_before = session.scalar(select(func.count()).select_from(User))
    summary = load_export(session, io.StringIO(json.dumps(doc)))
    assert summary.users_created == 0
    assert session.scalar(select(func.count()).select_from(User)) == accounts_before
