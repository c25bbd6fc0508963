"""History: readable diffs, revert through the services, restore of deleted records."""

from __future__ import annotations

from sqlalchemy import select

from claims_app.articles.services import delete_article
from claims_app.audit import history
from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim, ClaimStatus
from claims_app.claims.services import (
    ClaimInput,
    add_review,
    claim_state,
    delete_claim,
    set_status,
    update_claim,
)
from claims_app.desk import comments
from claims_app.errors import Conflict, InvalidInput
from claims_app.speakers import merge as speaker_merge
from claims_app.speakers import services as speakers
from claims_app.speakers.models import Speaker


def _edit_note(session, claim, note: str) -> AuditEvent:
    state = claim_state(claim)
    update_claim(session, None, claim, ClaimInput(
        start=state["start"], end=state["end"], kind=state["kind"],
        speaker_id=state["speaker_id"], note=note, said_on=claim.said_on,
        said_on_basis=state["said_on_basis"]), expected_version=None)
    session.flush()
    return session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "claim", AuditEvent.entity_id == claim.id)
        .order_by(AuditEvent.id.desc())).first()


def test_history_lists_events_newest_first(session, world) -> None:
    _edit_note(session, world.useful, "first")
    entries = history.history(session, "claim", world.useful.id)
    assert [e.event.action for e in entries] == ["update", "create"]


def test_history_shows_field_changes_without_bookkeeping(session, world) -> None:
    _edit_note(session, world.useful, "checked")
    changes = history.history(session, "claim", world.useful.id)[0].changes
    assert [(c.field, c.before, c.after) for c in changes] == [("note", "", "checked")]


def test_long_text_changes_get_a_word_diff(session, world) -> None:
    words = "one two three four five six seven eight nine ten eleven twelve"
    _edit_note(session, world.useful, f"{words} x")
    _edit_note(session, world.useful, f"{words} y")
    change = history.history(session, "claim", world.useful.id)[0].changes[0]
    assert [(w.op, w.text) for w in change.words if w.op != "equal"] == [
        ("delete", "x"), ("insert", "y")]


def test_unknown_entity_type_is_not_found(session, world) -> None:
    try:
        history.history(session, "users", 1)
    except Exception as error:
        assert getattr(error, "status_code", None) == 404
    else:
        raise AssertionError("history of an unknown type")


def test_revert_puts_the_old_value_back_and_is_audited(session, world) -> None:
    event = _edit_note(session, world.useful, "mistake")
    revert = history.revert_event(session, None, event.id,
                                  expected_version=world.useful.version)
    assert world.useful.note is None
    assert (revert.action, revert.reverts_event_id) == ("revert", event.id)


def test_revert_keeps_later_changes_to_other_fields(session, world) -> None:
    event = _edit_note(session, world.useful, "mistake")
    set_status(session, None, world.useful, ClaimStatus.CONFIRMED)
    history.revert_event(session, None, event.id, expected_version=world.useful.version)
    assert world.useful.status is ClaimStatus.CONFIRMED and world.useful.note is None


def test_revert_refuses_a_stale_version(session, world) -> None:
    event = _edit_note(session, world.useful, "mistake")
    try:
        history.revert_event(session, None, event.id, expected_version=1)
    except Conflict:
        pass
    else:
        raise AssertionError("reverted against a stale version")


def test_revert_of_a_status_change_restores_the_status(session, world) -> None:
    set_status(session, None, world.useful, ClaimStatus.REJECTED)
    session.flush()
    event = history.history(session, "claim", world.useful.id)[0].event
    history.revert_event(session, None, event.id, expected_version=world.useful.version)
    assert world.useful.status is ClaimStatus.UNREVIEWED


def test_a_verdict_cannot_be_reverted(session, world) -> None:
    add_review(session, None, world.useful, "accurate_quote")
    session.flush()
    entry = history.history(session, "claim", world.useful.id)[0]
    assert entry.event.action == "review" and not entry.revertible


def test_the_same_change_cannot_be_reverted_twice(session, world) -> None:
    event = _edit_note(session, world.useful, "mistake")
    history.revert_event(session, None, event.id, expected_version=world.useful.version)
    try:
        history.revert_event(session, None, event.id, expected_version=world.useful.version)
    except InvalidInput:
        pass
    else:
        raise AssertionError("reverted twice")


def test_revert_of_a_speaker_rename_restores_name_and_aliases(session, world) -> None:
    speakers.update_speaker(session, None, world.elmar, {"name": "Wrong Name"},
                            expected_version=None)
    session.flush()
    event = history.history(session, "speaker", world.elmar.id)[0].event
    history.revert_event(session, None, event.id, expected_version=world.elmar.version)
    assert world.elmar.name == "Elmar Mammadyarov"


def test_revert_of_a_merge_unmerges(session, world) -> None:
    merge = speaker_merge.merge_speakers(session, None, world.short, world.elmar)
    session.flush()
    history.revert_event(session, None, merge.id, expected_version=None)
    session.expire_all()
    assert session.get(Speaker, world.short.id).merged_into_id is None
    assert session.get(Claim, world.again.id).speaker_id == world.short.id


def test_revert_from_the_target_side_unmerges_too(session, world) -> None:
    speaker_merge.merge_speakers(session, None, world.short, world.elmar)
    session.flush()
    merge_in = history.history(session, "speaker", world.elmar.id)[0].event
    assert merge_in.action == "merge_in"
    history.revert_event(session, None, merge_in.id, expected_version=None)
    assert session.get(Speaker, world.short.id).merged_into_id is None


def test_deleted_claim_is_listed_and_restored_with_tags_and_reviews(session, world) -> None:
    add_review(session, None, world.useful, "accurate_quote", note="ok")
    claim_id, text = world.useful.id, world.useful.text
    delete_claim(session, None, world.useful)
    deleted = history.deleted_records(session).items
    assert deleted[0].event.entity_id == claim_id and deleted[0].restored_by is None
    event = history.undelete(session, None, deleted[0].event.id)
    restored = session.get(Claim, claim_id)
    assert (restored.text, len(restored.reviews)) == (text, 1)
    assert event.action == "restore" and event.reverts_event_id == deleted[0].event.id


def test_restore_refuses_a_record_that_exists_again(session, world) -> None:
    delete_claim(session, None, world.useful)
    event_id = history.deleted_records(session).items[0].event.id
    history.undelete(session, None, event_id)
    try:
        history.undelete(session, None, event_id)
    except InvalidInput:
        pass
    else:
        raise AssertionError("restored twice")


def test_deleted_speaker_is_restored_with_aliases_and_claims(session, world) -> None:
    speakers.update_speaker(session, None, world.short, {"aliases": ["Mammadyarov E."]},
                            expected_version=None)
    speaker_id = world.short.id
    speakers.delete_speaker(session, None, world.short)
    event_id = history.deleted_records(session, entity_type="speaker").items[0].event.id
    history.undelete(session, None, event_id)
    session.expire_all()
    restored = session.get(Speaker, speaker_id)
    assert [a.alias for a in restored.aliases] == ["Mammadyarov E."]
    assert session.get(Claim, world.again.id).speaker_id == speaker_id


# --- pages ---------------------------------------------------------------------------------


def test_history_page_shows_who_and_the_diff(client, auth, session, world) -> None:
    _edit_note(session, world.useful, "<i>checked</i>")
    session.commit()
    auth.login("viewer")
    page = client.get(f"/history/claim/{world.useful.id}").get_data(as_text=True)
    assert "&lt;i&gt;checked&lt;/i&gt;" in page and "system" in page


def test_viewer_sees_no_revert_button(client, auth, session, world) -> None:
    _edit_note(session, world.useful, "x")
    session.commit()
    auth.login("viewer")
    assert "Revert this change" not in client.get(
        f"/history/claim/{world.useful.id}").get_data(as_text=True)


def test_editor_reverts_through_the_page(client, auth, session, world) -> None:
    event = _edit_note(session, world.useful, "mistake")
    session.commit()
    auth.login("editor")
    page = client.get(f"/history/claim/{world.useful.id}").get_data(as_text=True)
    assert "Revert this change" in page
    response = client.post(f"/history/revert/{event.id}",
                           data={"expected_version": world.useful.version})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Claim, world.useful.id).note is None


def test_stale_revert_is_a_409_with_a_message(client, auth, session, world) -> None:
    event = _edit_note(session, world.useful, "mistake")
    session.commit()
    auth.login("editor")
    response = client.post(f"/history/revert/{event.id}", data={"expected_version": 1})
    assert response.status_code == 409
    assert "Someone else saved" in response.get_data(as_text=True)


def test_reviewer_cannot_revert(client, auth, session, world) -> None:
    event = _edit_note(session, world.useful, "mistake")
    session.commit()
    auth.login("reviewer")
    assert client.post(f"/history/revert/{event.id}").status_code == 403


def test_deleted_page_lists_and_editor_restores(client, auth, session, world) -> None:
    delete_claim(session, None, world.slow)
    session.commit()
    event_id = history.deleted_records(session).items[0].event.id
    auth.login("editor")
    assert "progress was slow" in client.get("/history/deleted").get_data(as_text=True)
    response = client.post(f"/history/undelete/{event_id}")
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Claim, world.slow.id) is not None


def test_restoring_twice_is_a_400_not_a_500(client, auth, session, world) -> None:
    delete_claim(session, None, world.slow)
    session.commit()
    event_id = history.deleted_records(session).items[0].event.id
    auth.login("editor")
    client.post(f"/history/undelete/{event_id}")
    assert client.post(f"/history/undelete/{event_id}").status_code == 400


def test_reviewer_cannot_restore(client, auth, session, world) -> None:
    delete_claim(session, None, world.slow)
    session.commit()
    event_id = history.deleted_records(session).items[0].event.id
    auth.login("reviewer")
    assert client.post(f"/history/undelete/{event_id}").status_code == 403


def test_history_link_macro_points_at_the_history_page(app) -> None:
    with app.test_request_context():
        from flask import render_template_string

        html = render_template_string(
            '{% from "_history.html" import history_link %}{{ history_link("claim", 7) }}')
    assert 'href="http://claims.test/history/claim/7"' in html or 'href="/history/claim/7"' in html


def test_editor_undoes_a_merge_from_the_history_page(client, auth, session, world) -> None:
    merge = speaker_merge.merge_speakers(session, None, world.short, world.elmar)
    session.commit()
    auth.login("editor")
    assert "Revert this change" in client.get(
        f"/history/speaker/{world.short.id}").get_data(as_text=True)
    response = client.post(f"/history/revert/{merge.id}",
                           data={"expected_version": world.short.version})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Speaker, world.short.id).merged_into_id is None


def test_history_page_runs_a_fixed_number_of_queries(client, auth, session, world,
                                                     count_queries) -> None:
    for i in range(10):
        _edit_note(session, world.useful, f"note {i}")
    session.commit()
    auth.login("viewer")
    count_queries.count = 0
    assert client.get(f"/history/claim/{world.useful.id}").status_code == 200
    assert count_queries.count <= 5, count_queries.count


def _thread(session, **target) -> list[tuple[int, str | None, str, bool]]:
    session.expire_all()
    return [(c.id, c.author_name, c.text, c.edited_at is not None)
            for c in comments.thread(session, **target)]


def test_undeleting_a_claim_brings_its_comment_thread_back(session, world, users) -> None:
    """Deleting a claim takes its thread with it (the rows cascade); the audit trail still
    has every comment, edit and comment deletion, so undelete replays it: the same
    comments, numbers, authors and edits, and a comment deleted before stays deleted."""
    reviewer, editor = users["reviewer"], users["editor"]
    first = comments.add_comment(session, reviewer, "Check the recording", claim=world.useful)
    comments.edit_comment(session, reviewer, first, "Check the recording first",
                      expected_version=first.version)
    gone = comments.add_comment(session, editor, "Wrong thread", claim=world.useful)
    comments.delete_comment(session, editor, gone, expected_version=gone.version)
    second = comments.add_comment(session, editor, "Agreed", claim=world.useful)
    session.commit()
    before = _thread(session, claim_id=world.useful.id)
    assert [c[2] for c in before] == ["Check the recording first", "Agreed"]
    claim_id = world.useful.id
    delete_claim(session, None, world.useful)
    session.commit()
    assert _thread(session, claim_id=claim_id) == []
    event_id = history.deleted_records(session).items[0].event.id
    restore = history.undelete(session, None, event_id)
    session.commit()
    assert _thread(session, claim_id=claim_id) == before
    assert [c[0] for c in before] == [first.id, second.id]
    assert restore.summary.endswith("with 2 comments")


def test_undeleting_an_article_brings_back_its_thread_and_its_claims_threads(
        session, world, users) -> None:
    reviewer = users["reviewer"]
    comments.add_comment(session, reviewer, "Which edition?", article=world.dated)
    comments.add_comment(session, reviewer, "Said on the 11th", claim=world.slow)
    session.commit()
    article_id, claim_id = world.dated.id, world.slow.id
    delete_article(session, None, world.dated)
    session.commit()
    event_id = history.deleted_records(session, entity_type="article").items[0].event.id
    history.undelete(session, None, event_id)
    session.commit()
    assert [c[2] for c in _thread(session, article_id=article_id)] == ["Which edition?"]
    assert [c[2] for c in _thread(session, claim_id=claim_id)] == ["Said on the 11th"]


def test_a_thread_survives_two_deletes_and_undeletes(session, world, users) -> None:
    """Restored comments keep their numbers, so the second replay of the trail finds the
    comments posted before the first delete and those posted after the first undelete."""
    reviewer = users["reviewer"]
    comments.add_comment(session, reviewer, "Before", claim=world.slow)
    session.commit()
    claim_id = world.slow.id
    for text in ("After", None):
        delete_claim(session, None, session.get(Claim, claim_id))
        session.commit()
        history.undelete(session, None, history.deleted_records(session).items[0].event.id)
        session.commit()
        if text:
            comments.add_comment(session, reviewer, text, claim=session.get(Claim, claim_id))
            session.commit()
    assert [c[2] for c in _thread(session, claim_id=claim_id)] == ["Before", "After"]


def test_the_history_page_undelete_shows_the_thread_again(client, auth, session, world,
                                                          users) -> None:
    comments.add_comment(session, users["reviewer"], "Keep this note", claim=world.slow)
    delete_claim(session, None, world.slow)
    session.commit()
    event_id = history.deleted_records(session).items[0].event.id
    auth.login("editor")
    assert client.post(f"/history/undelete/{event_id}").status_code == 302
    assert "Keep this note" in client.get(f"/claims/{world.slow.id}").get_data(as_text=True)
