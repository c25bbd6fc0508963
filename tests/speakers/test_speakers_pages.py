"""Speaker pages and services: list, profile with timeline, edit with locking, merge."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim
from claims_app.errors import Conflict, InvalidInput
from claims_app.speakers import listing as speaker_listing
from claims_app.speakers import merge as speaker_merge
from claims_app.speakers import services
from claims_app.speakers.models import Speaker
from tests.worlds.builders import make_article, make_claim


def test_list_counts_claims_and_last_seen_per_speaker(session, world) -> None:
    rows = {r.speaker.name: r for r in speaker_listing.list_speakers(session).items}
    assert rows["Elmar Mammadyarov"].claim_count == 2
    assert rows["Elmar Mammadyarov"].last_seen == dt.date(2019, 3, 12)
    assert rows["E. Mammadyarov"].last_seen is None


def test_list_sorts_by_claim_count_descending(session, world) -> None:
    names = [r.speaker.name for r in speaker_listing.list_speakers(session, sort="-claims").items]
    assert names[0] == "Elmar Mammadyarov"


def test_list_hides_merged_speakers(session, world) -> None:
    speaker_merge.merge_speakers(session, None, world.short, world.elmar)
    names = [r.speaker.name for r in speaker_listing.list_speakers(session).items]
    assert "E. Mammadyarov" not in names


def test_timeline_orders_by_said_then_published_with_unknown_last(session, world) -> None:
    entries = speaker_listing.timeline(session, world.elmar.id)
    other = make_article(session, 'Late: "x y z"', title="Later", outlet=None,
                         published=None)
    make_claim(session, other, "x y z", world.elmar)
    entries = speaker_listing.timeline(session, world.elmar.id)
    assert [(e.claim.text, e.basis) for e in entries] == [
        ("the talks were useful", "said"), ("progress was slow", "published"),
        ("x y z", "unknown")]


def test_update_speaker_refuses_a_stale_version(session, world) -> None:
    stale = world.elmar.version
    services.update_speaker(session, None, world.elmar, {"description": "FM"},
                            expected_version=stale)
    try:
        services.update_speaker(session, None, world.elmar, {"description": "x"},
                                expected_version=stale)
    except Conflict as error:
        assert error.current["description"] == "FM"
    else:
        raise AssertionError("a stale edit was accepted")


def test_update_speaker_rejects_an_external_id_that_is_not_a_qid(session, world) -> None:
    try:
        services.update_speaker(session, None, world.elmar, {"external_id": "wd:42"},
                                expected_version=None)
    except InvalidInput as error:
        assert error.field == "external_id"
    else:
        raise AssertionError("accepted a non-QID")


def test_alias_only_edit_bumps_the_version(session, world) -> None:
    before = world.elmar.version
    services.update_speaker(session, None, world.elmar, {"aliases": ["Mammadyarov"]},
                            expected_version=before)
    assert world.elmar.version == before + 1
    assert [a.alias for a in world.elmar.aliases] == ["Mammadyarov"]


def test_merge_moves_every_claim_and_keeps_names(session, world) -> None:
    speaker_merge.merge_speakers(session, None, world.short, world.elmar)
    moved = session.scalars(select(Claim.speaker_id).where(Claim.id == world.again.id)).one()
    assert moved == world.elmar.id
    assert world.short.merged_into_id == world.elmar.id
    assert "E. Mammadyarov" in [a.alias for a in world.elmar.aliases]


def test_merge_copies_roles_and_keeps_the_source_roles(session, world) -> None:
    services.note_role(session, world.short, "Diplomat", dt.date(2018, 1, 1))
    speaker_merge.merge_speakers(session, None, world.short, world.elmar)
    assert "Diplomat" in [r.title for r in world.elmar.roles]
    assert [r.title for r in world.short.roles] == ["Diplomat"]


def test_merge_is_audited_with_what_moved(session, world) -> None:
    event = speaker_merge.merge_speakers(session, None, world.short, world.elmar)
    assert event.action == "merge"
    assert event.after["claim_ids"] == [world.again.id]
    assert event.before["source"]["merged_into_id"] is None


def test_unmerge_puts_claims_and_aliases_back(session, world) -> None:
    event = speaker_merge.merge_speakers(session, None, world.short, world.elmar)
    session.flush()
    speaker_merge.unmerge_speakers(session, None, event)
    session.expire_all()
    assert session.get(Claim, world.again.id).speaker_id == world.short.id
    assert session.get(Speaker, world.short.id).merged_into_id is None
    assert "E. Mammadyarov" not in [a.alias for a in session.get(Speaker, world.elmar.id).aliases]


def test_merge_into_itself_is_refused(session, world) -> None:
    try:
        speaker_merge.merge_speakers(session, None, world.elmar, world.elmar)
    except InvalidInput as error:
        assert error.field == "target_id"
    else:
        raise AssertionError("merged a speaker into itself")


# --- pages ---------------------------------------------------------------------------------


def test_viewer_sees_the_speaker_list(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get("/speakers/?sort=-claims").get_data(as_text=True)
    assert "Elmar Mammadyarov" in page and "12 March 2019" in page


def test_speaker_list_needs_login(client, world) -> None:
    assert client.get("/speakers/").status_code == 302


def test_speaker_page_draws_the_timeline_chart(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get(f"/speakers/{world.elmar.id}").get_data(as_text=True)
    assert "<svg" in page and "the talks were useful" in page and "Foreign Minister" in page


def test_speaker_page_lists_undated_claims_as_unknown(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get(f"/speakers/{world.short.id}").get_data(as_text=True)
    assert "unknown" in page and "we will meet again soon" in page


def test_viewer_sees_no_edit_or_merge_controls(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get(f"/speakers/{world.elmar.id}").get_data(as_text=True)
    assert "/edit" not in page and "/merge" not in page


def test_speaker_page_escapes_a_script_name(client, auth, session, world) -> None:
    services.update_speaker(session, None, world.elmar, {"name": "<script>x</script>"},
                            expected_version=None)
    session.commit()
    auth.login("viewer")
    page = client.get(f"/speakers/{world.elmar.id}").get_data(as_text=True)
    assert "<script>x" not in page and "&lt;script&gt;x" in page


def test_missing_speaker_is_404(client, auth, world) -> None:
    auth.login("viewer")
    assert client.get("/speakers/999999").status_code == 404


def test_viewer_cannot_post_an_edit(client, auth, world) -> None:
    auth.login("viewer")
    response = client.post(f"/speakers/{world.elmar.id}/edit", data={"name": "X"})
    assert response.status_code == 403


def test_editor_edits_name_and_qid(client, auth, session, world) -> None:
    auth.login("editor")
    response = client.post(f"/speakers/{world.elmar.id}/edit", data={
        "name": "Elmar M. Mammadyarov", "kind": "person", "external_id": "Q123",
        "version": world.elmar.version})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Speaker, world.elmar.id).external_id == "Q123"


def test_edit_shows_a_bad_qid_beside_the_field_keeping_input(client, auth, world) -> None:
    auth.login("editor")
    response = client.post(f"/speakers/{world.elmar.id}/edit", data={
        "name": "Typed name", "kind": "person", "external_id": "Z9",
        "version": world.elmar.version})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="external_id-error"' in page and 'value="Typed name"' in page


def test_edit_adds_and_removes_aliases(client, auth, session, world) -> None:
    services.update_speaker(session, None, world.elmar, {"aliases": ["Old Name"]},
                            expected_version=None)
    session.commit()
    auth.login("editor")
    client.post(f"/speakers/{world.elmar.id}/edit", data={
        "name": "Elmar Mammadyarov", "kind": "person", "remove_aliases": ["Old Name"],
        "add_aliases": "Mammadyarov\nElmar M.", "version": world.elmar.version})
    session.expire_all()
    aliases = sorted(a.alias for a in session.get(Speaker, world.elmar.id).aliases)
    assert aliases == ["Elmar M.", "Mammadyarov"]


def test_stale_edit_gets_409_showing_the_stored_values(client, auth, session, world) -> None:
    stale = world.elmar.version
    services.update_speaker(session, None, world.elmar, {"description": "Stored text"},
                            expected_version=None)
    session.commit()
    auth.login("editor")
    response = client.post(f"/speakers/{world.elmar.id}/edit", data={
        "name": "Elmar Mammadyarov", "kind": "person", "version": stale})
    assert response.status_code == 409
    assert "Stored text" in response.get_data(as_text=True)


def test_speaker_conflict_page_marks_the_field_that_differs(client, auth, session, world) -> None:
    stale = world.elmar.version
    services.update_speaker(session, None, world.elmar, {"description": "Stored text"},
                            expected_version=None)
    session.commit()
    auth.login("editor")
    page = client.post(f"/speakers/{world.elmar.id}/edit", data={
        "name": "Elmar Mammadyarov", "kind": "person", "description": "My text",
        "version": stale}).get_data(as_text=True)
    row = page[page.index('<th scope="row">Description'):]
    row = row[: row.index("</tr>")]
    assert "differs" in row and "<td>My text</td>" in row and "<td>Stored text</td>" in row


def test_merge_confirmation_shows_what_moves(client, auth, world) -> None:
    auth.login("editor")
    page = client.get(f"/speakers/{world.short.id}/merge?target_id={world.elmar.id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "1</strong> claim move" in text and "Merge speakers" in text


def test_merge_choose_page_rejects_merging_into_itself(client, auth, world) -> None:
    auth.login("editor")
    page = client.get(f"/speakers/{world.short.id}/merge?target_id={world.short.id}")
    assert page.status_code == 400
    assert "cannot be merged into itself" in page.get_data(as_text=True)


def test_editor_merges_through_the_confirmation_form(client, auth, session, world) -> None:
    auth.login("editor")
    response = client.post(f"/speakers/{world.short.id}/merge", data={
        "target_id": world.elmar.id, "source_version": world.short.version,
        "target_version": world.elmar.version})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Speaker, world.short.id).merged_into_id == world.elmar.id
    actions = session.scalars(select(AuditEvent.action).where(
        AuditEvent.entity_type == "speaker", AuditEvent.action.like("merge%"))).all()
    assert sorted(actions) == ["merge", "merge_in"]


def test_reviewer_cannot_merge(client, auth, world) -> None:
    auth.login("reviewer")
    assert client.get(f"/speakers/{world.short.id}/merge").status_code == 403
    response = client.post(f"/speakers/{world.short.id}/merge",
                           data={"target_id": world.elmar.id})
    assert response.status_code == 403


def test_speaker_list_runs_a_fixed_number_of_queries(client, auth, session, world,
                                                     count_queries) -> None:
    for i in range(15):
        speaker = services.create_speaker(session, None, f"Extra Speaker {i}")
        make_claim(session, world.dated, "progress was slow", speaker)
    session.commit()
    auth.login("viewer")
    count_queries.count = 0
    assert client.get("/speakers/").status_code == 200
    assert count_queries.count <= 6, count_queries.count


def test_speaker_page_runs_a_fixed_number_of_queries(client, auth, session, world,
                                                     count_queries) -> None:
    for i in range(10):
        article = make_article(session, f'Text {i}: "claim number {i}"', title=f"A{i}",
                               outlet=world.outlet, published=dt.date(2020, 1 + i, 1))
        make_claim(session, article, f"claim number {i}", world.elmar)
        services.note_role(session, world.elmar, f"Role {i}", dt.date(2020, 1 + i, 1))
    session.commit()
    auth.login("viewer")
    count_queries.count = 0
    assert client.get(f"/speakers/{world.elmar.id}").status_code == 200
    # 9 for the page, 3 for its possible changes of position (the newest dated and undated
    # claims, and the pairs already decided): fixed, whatever the speaker said.
    assert count_queries.count <= 12, count_queries.count


def test_editor_sees_duplicate_suggestions_with_a_merge_link(client, auth, world) -> None:
    auth.login("editor")
    page = client.get("/speakers/").get_data(as_text=True)
    assert "Possible duplicates" in page
    assert f"/speakers/{world.elmar.id}/merge?target_id={world.short.id}" in page


def test_viewer_sees_no_duplicate_suggestions(client, auth, world) -> None:
    auth.login("viewer")
    assert "Possible duplicates" not in client.get("/speakers/").get_data(as_text=True)


def test_merged_speaker_page_points_at_the_survivor(client, auth, session, world) -> None:
    speaker_merge.merge_speakers(session, None, world.short, world.elmar)
    session.commit()
    auth.login("viewer")
    page = client.get(f"/speakers/{world.short.id}").get_data(as_text=True)
    assert "was merged into" in page and f"/speakers/{world.elmar.id}" in page


def _sql_order(session, sort: str) -> list[int]:
    """The order the list had when one SQL query sorted every speaker by their figures."""
    stats = speaker_listing._claim_stats()
    column = {"claims": func.coalesce(stats.c.claim_count, 0),
              "last_seen": stats.c.last_seen}[sort.lstrip("-")]
    order = column.desc().nulls_last() if sort.startswith("-") else column.asc().nulls_last()
    return list(session.scalars(
        select(Speaker.id).outerjoin(stats, stats.c.speaker_id == Speaker.id)
        .where(Speaker.merged_into_id.is_(None)).order_by(order, Speaker.id)))


def test_list_sorted_by_figures_keeps_the_order_one_sql_sort_gave(session, world) -> None:
    for i, day in enumerate([dt.date(2020, 1, 5), None, dt.date(2020, 1, 5)]):
        speaker = services.create_speaker(session, None, f"Extra Speaker {i}")
        article = make_article(session, f'Note {i}: "a b c {i}"', title=f"Note {i}",
                               outlet=None, published=day)
        make_claim(session, article, f"a b c {i}", speaker)
    for sort in ("claims", "-claims", "last_seen", "-last_seen"):
        listed = [r.speaker.id for r in speaker_listing.list_speakers(session, sort=sort).items]
        assert listed == _sql_order(session, sort), sort


def test_list_sorted_by_figures_says_when_they_were_counted(session, world) -> None:
    by_claims = speaker_listing.list_speakers(session, sort="-claims")
    by_name = speaker_listing.list_speakers(session)
    assert by_claims.counted_at is not None and not by_claims.updating
    assert by_name.counted_at is None
