"""Derived data follows the session: whatever a service, the web, the API or the CLI changed,
the commit leaves every record's search document and every article's passage signatures
exactly what the indexer would write for its current text (``claims_app.crossref.sync``).

The guard runs every service case of the audit guard and compares, after the commit, the
stored derived rows with those a full rebuild would write. The regression tests replay the
paths that once left records out of search.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.api.tokens import create_token
from claims_app.articles import services as articles
from claims_app.articles.models import Article
from claims_app.audit.models import AuditEvent
from claims_app.claims import services as claims
from claims_app.claims.models import Claim, ClaimKind
from claims_app.crossref import sync
from claims_app.crossref.documents import rebuild_search_index
from claims_app.crossref.indexing import write_passages
from claims_app.crossref.models import PassageSignature, SearchDocument, SearchEntity
from claims_app.crossref.search import search
from claims_app.export.commands import export_command, restore_command
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import store_draft
from claims_app.provenance.groups import rebuild_groups
from claims_app.provenance.models import StatementGroup, StatementGroupMember
from claims_app.speakers import services as speakers
from claims_app.speakers.models import Speaker
from tests.conftest import AuthActions
from tests.security.test_security_audit import BODY, CASES, Ctx, ctx  # noqa: F401

Rows = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]


def derived_rows(session: Session) -> Rows:
    """Every search document (what it indexes, its text) and passage signature, sorted."""
    sd, ps = SearchDocument, PassageSignature
    documents = session.execute(select(sd.entity, sd.claim_id, sd.article_id, sd.speaker_id,
                                       sd.body, sd.normalizer)).all()
    signatures = session.execute(select(ps.article_id, ps.start, ps.end, ps.band,
                                        ps.bucket)).all()
    return (sorted((tuple(r) for r in documents), key=repr),
            sorted(tuple(r) for r in signatures), statement_groups(session))


def statement_groups(session: Session) -> list[tuple[Any, ...]]:
    """Each statement group as (its earliest claim, its size, (member, material kinds)...):
    the groups' own ids are left out (a rebuild numbers them afresh)."""
    members: dict[int, list[tuple[int, str]]] = {}
    for gid, cid, kinds in session.execute(select(StatementGroupMember.group_id,
                                                  StatementGroupMember.claim_id,
                                                  StatementGroupMember.kinds)):
        members.setdefault(gid, []).append((cid, kinds))
    groups = session.execute(select(StatementGroup.id, StatementGroup.earliest_claim_id,
                                    StatementGroup.claim_count)).all()
    return sorted((earliest, count, *sorted(members.get(gid, [])))
                  for gid, earliest, count in groups)


def rebuilt_rows(session: Session) -> Rows:
    """The rows the indexer would write for what is stored now (computed in a savepoint
    that is rolled back, so the stored rows are left as they are)."""
    session.flush()
    session.expire_all()  # the rebuild reads the stored text, not objects loaded earlier
    savepoint = session.begin_nested()
    try:
        rebuild_search_index(session)
        write_passages(session, session.scalars(select(Article.id)))
        rebuild_groups(session)
        return derived_rows(session)
    finally:
        savepoint.rollback()


def assert_derived_data_current(session: Session) -> None:
    stored, wanted = derived_rows(session), rebuilt_rows(session)
    assert stored[0] == wanted[0], "search documents differ from the indexer's"
    assert stored[1] == wanted[1], "passage signatures differ from the indexer's"
    assert stored[2] == wanted[2], "statement groups differ from a rebuild"


def found(session: Session, query: str, entity: SearchEntity) -> set[int]:
    return {h.id for h in search(session, query, per_page=100).hits if h.entity is entity}


# --- The guard ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CASES))
def test_after_every_service_and_commit_derived_data_matches_the_text(
    ctx: Ctx, name: str,  # noqa: F811
) -> None:
    assert_derived_data_current(ctx.session)
    act = CASES[name][0]
    act(ctx)
    ctx.session.commit()
    assert_derived_data_current(ctx.session)


def test_the_guard_notices_a_stale_document(ctx: Ctx) -> None:  # noqa: F811
    """The guard can fail: a claim text changed behind the session's back is caught."""
    ctx.session.execute(Claim.__table__.update().where(Claim.id == ctx.quote.id)
                        .values(text="something else entirely"))
    with pytest.raises(AssertionError, match="search documents"):
        assert_derived_data_current(ctx.session)


def test_the_guard_notices_a_stale_statement_group(ctx: Ctx) -> None:  # noqa: F811
    """The guard can fail for statement groups too: a group written behind the session's
    back (one no rebuild makes) is caught."""
    ctx.session.execute(StatementGroup.__table__.insert().values(
        earliest_claim_id=ctx.quote.id, claim_count=1, created_at=ctx.quote.created_at))
    with pytest.raises(AssertionError, match="statement groups"):
        assert_derived_data_current(ctx.session)


# --- Transactions ---------------------------------------------------------------------------


def test_a_rolled_back_change_leaves_nothing_to_write(ctx: Ctx) -> None:  # noqa: F811
    speakers.create_speaker(ctx.session, ctx.editor, "Jeyhun Bayramov")
    assert sync.pending(ctx.session).speakers
    ctx.session.rollback()
    assert not sync.pending(ctx.session)
    ctx.session.commit()
    assert_derived_data_current(ctx.session)


def test_a_released_savepoint_is_written_by_the_outer_commit(ctx: Ctx) -> None:  # noqa: F811
    with ctx.session.begin_nested():
        claims.update_claim(ctx.session, ctx.editor, ctx.quote,
                            claims.ClaimInput(*_span("the talks were useful"),
                                              kind=ClaimKind.DIRECT, note="x"),
                            expected_version=None)
        speaker = speakers.create_speaker(ctx.session, ctx.editor, "Jeyhun Bayramov")
    assert speaker.id in sync.pending(ctx.session).speakers  # not written at the release
    ctx.session.commit()
    assert found(ctx.session, "Bayramov", SearchEntity.SPEAKER) == {speaker.id}
    assert_derived_data_current(ctx.session)


def test_a_rolled_back_savepoint_writes_nothing_for_what_it_undid(ctx: Ctx) -> None:  # noqa: F811
    savepoint = ctx.session.begin_nested()
    speakers.create_speaker(ctx.session, ctx.editor, "Jeyhun Bayramov")
    savepoint.rollback()
    kept = speakers.create_speaker(ctx.session, ctx.editor, "Hikmet Hajiyev")
    ctx.session.commit()
    assert found(ctx.session, "Bayramov", SearchEntity.SPEAKER) == set()
    assert found(ctx.session, "Hajiyev", SearchEntity.SPEAKER) == {kept.id}
    assert_derived_data_current(ctx.session)


def test_write_pending_makes_changes_searchable_inside_the_transaction(
    ctx: Ctx,  # noqa: F811
) -> None:
    speaker = speakers.create_speaker(ctx.session, ctx.editor, "Jeyhun Bayramov")
    assert found(ctx.session, "Bayramov", SearchEntity.SPEAKER) == set()
    sync.write_pending(ctx.session)
    assert found(ctx.session, "Bayramov", SearchEntity.SPEAKER) == {speaker.id}
    assert not sync.pending(ctx.session)


def test_the_importer_marks_the_speakers_it_indexed_itself(ctx: Ctx) -> None:  # noqa: F811
    store_draft(ctx.session, ArticleDraft(
        body='Jeyhun Bayramov said "the corridor will open" on Friday.',
        source_name="wire.jsonl", title="Corridor"), ctx.editor)
    ctx.session.flush()
    assert not sync.pending(ctx.session).speakers
    ctx.session.commit()
    assert_derived_data_current(ctx.session)


# --- The paths that once skipped indexing ---------------------------------------------------


def _span(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


@pytest.fixture
def api(session: Session, ctx: Ctx) -> dict[str, str]:  # noqa: F811
    _token, plaintext = create_token(session, ctx.editor, "sync test")
    session.commit()
    return {"Authorization": f"Bearer {plaintext}"}


def test_a_claim_created_through_the_api_is_found(
    client: FlaskClient, session: Session, ctx: Ctx, api: dict[str, str],  # noqa: F811
) -> None:
    start, end = _span("the border was calm")
    response = client.post("/api/v1/claims", headers=api, json={
        "article_id": ctx.article.id, "start": start, "end": end, "kind": "assertion"})
    assert response.status_code == 201, response.get_json()
    assert found(session, "border calm", SearchEntity.CLAIM) == {response.get_json()["id"]}
    assert_derived_data_current(session)


def test_a_claim_changed_through_the_api_is_found_under_its_new_text_only(
    client: FlaskClient, session: Session, ctx: Ctx, api: dict[str, str],  # noqa: F811
) -> None:
    start, end = _span("the border was calm")
    response = client.patch(f"/api/v1/claims/{ctx.quote.id}", headers=api, json={
        "version": ctx.quote.version, "start": start, "end": end})
    assert response.status_code == 200, response.get_json()
    assert found(session, "border calm", SearchEntity.CLAIM) == {ctx.quote.id}
    assert found(session, "talks useful", SearchEntity.CLAIM) == set()
    assert_derived_data_current(session)


def test_an_article_retitled_through_the_api_is_found_under_its_new_title_only(
    client: FlaskClient, session: Session, ctx: Ctx, api: dict[str, str],  # noqa: F811
) -> None:
    response = client.patch(f"/api/v1/articles/{ctx.article.id}", headers=api, json={
        "version": ctx.article.version, "title": "Corridor reopened"})
    assert response.status_code == 200, response.get_json()
    assert found(session, "corridor", SearchEntity.ARTICLE) == {ctx.article.id}
    assert found(session, "Doha", SearchEntity.ARTICLE) == set()
    assert_derived_data_current(session)


def test_a_speaker_named_in_an_api_claim_is_found(
    client: FlaskClient, session: Session, ctx: Ctx, api: dict[str, str],  # noqa: F811
) -> None:
    start, end = _span("the border was calm")
    response = client.post("/api/v1/claims", headers=api, json={
        "article_id": ctx.article.id, "start": start, "end": end, "kind": "indirect",
        "speaker_name": "Jeyhun Bayramov", "speaker_role": "Foreign Minister"})
    assert response.status_code == 201, response.get_json()
    speaker_id = response.get_json()["speaker_id"]
    assert speaker_id is not None
    assert found(session, "Bayramov", SearchEntity.SPEAKER) == {speaker_id}
    assert_derived_data_current(session)


def test_a_speaker_made_in_the_annotate_forms_new_speaker_box_is_found(
    client: FlaskClient, session: Session, ctx: Ctx, users: dict[str, User],  # noqa: F811
    auth: AuthActions,
) -> None:
    auth.login("editor")
    start, end = _span("the border was calm")
    response = client.post(f"/claims/new/{ctx.article.id}", data={
        "start": start, "end": end, "text": "the border was calm", "kind": "indirect",
        "speaker": "Jeyhun Bayramov", "create_speaker": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)
    speaker = session.scalar(select(Speaker).where(Speaker.name == "Jeyhun Bayramov"))
    assert speaker is not None
    assert found(session, "Bayramov", SearchEntity.SPEAKER) == {speaker.id}
    assert_derived_data_current(session)


def test_a_claim_restored_from_history_is_found(
    client: FlaskClient, session: Session, ctx: Ctx, users: dict[str, User],  # noqa: F811
    auth: AuthActions,
) -> None:
    claims.delete_claim(session, ctx.editor, ctx.slow)
    session.commit()
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "delete",
                                                    AuditEvent.entity_type == "claim"))
    assert event is not None
    auth.login("admin")
    response = client.post(f"/history/undelete/{event.id}")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert found(session, "progress slow", SearchEntity.CLAIM) == {ctx.slow.id}
    assert_derived_data_current(session)


def test_everything_the_restore_command_brings_back_is_found(
    runner: FlaskCliRunner, session: Session, connection: Connection, ctx: Ctx,  # noqa: F811
    tmp_path: Any,
) -> None:
    path = tmp_path / "all.json"
    assert runner.invoke(export_command, ["--output", str(path)]).exit_code == 0
    for table in (Claim.__table__, Article.__table__, Speaker.__table__):
        session.execute(table.delete())
    session.commit()
    assert session.scalar(select(func.count(SearchDocument.id))) == 0
    result = runner.invoke(restore_command, [str(path), "--as-user", "ada"])
    assert result.exit_code == 0, result.output
    assert found(session, "talks useful", SearchEntity.CLAIM)
    assert found(session, "Doha", SearchEntity.ARTICLE)
    assert found(session, "Mammadyarov", SearchEntity.SPEAKER)
    assert_derived_data_current(session)


def test_a_restore_in_the_session_is_written_in_bulk(ctx: Ctx) -> None:  # noqa: F811
    """The restore service through the session alone: documents and signatures follow."""
    from claims_app.export.formats import generate
    from claims_app.ingest.load_export import load_export

    exported = "".join(generate(ctx.session, "json"))
    for table in (Claim.__table__, Article.__table__, Speaker.__table__):
        ctx.session.execute(table.delete())
    ctx.session.commit()
    ctx.session.expunge_all()
    load_export(ctx.session, io.StringIO(exported), None)
    ctx.session.commit()
    assert ctx.session.scalar(select(func.count(PassageSignature.id)))
    assert_derived_data_current(ctx.session)


def test_an_article_body_edit_rewrites_its_passage_signatures(ctx: Ctx) -> None:  # noqa: F811
    before = derived_rows(ctx.session)[1]
    articles.edit_article(ctx.session, ctx.editor, ctx.article,
                          {"body": BODY + " The delegations will meet again in Geneva soon."},
                          expected_version=None)
    ctx.session.commit()
    assert derived_rows(ctx.session)[1] != before
    assert_derived_data_current(ctx.session)
