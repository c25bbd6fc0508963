"""The desk services on both engines: who may assign and comment, what "done" means, what
My queue and the dashboard count, and that every change is in the record's History."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from claims_app.articles.models import Article
from claims_app.audit import history
from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim, ClaimStatus
from claims_app.claims.services import add_review, set_status
from claims_app.desk import comments
from claims_app.desk import services as desk
from claims_app.desk.models import Assignment, Comment
from claims_app.errors import Conflict, Forbidden, InvalidInput
from claims_app.review.services import QueueFilters, review_page
from tests.conftest import make_user
from tests.worlds.annotate import BODY
from tests.worlds.builders import make_article, make_claim

OTHER_BODY = "The mayor said the bridge would open in May. Critics said it would not."


@pytest.fixture
def desk_world(session, users):
    """Two articles: the first with three claims, the second with two."""
    first = make_article(session, BODY)
    second = make_article(session, OTHER_BODY, title="Bridge")
    claims = {
        "useful": make_claim(session, first, "the talks were useful"),
        "slow": make_claim(session, first, "progress was slow"),
        "calm": make_claim(session, first, "the border was calm"),
        "bridge": make_claim(session, second, "the bridge would open in May"),
        "not": make_claim(session, second, "it would not"),
    }
    session.commit()
    return first, second, claims


def _events(session, entity_type: str, entity_id: int, action: str) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id,
        AuditEvent.action == action)))


def test_a_reviewer_cannot_assign(session, users, desk_world) -> None:
    first, _second, _claims = desk_world
    with pytest.raises(Forbidden):
        desk.assign(session, users["reviewer"], assignee_id=users["reviewer"].id,
                    article=first)
    assert session.scalar(select(Assignment.id)) is None


def test_an_editor_assigns_an_article_and_it_is_in_its_history(session, users,
                                                                desk_world) -> None:
    first, _second, _claims = desk_world
    assignment = desk.assign(session, users["editor"], assignee_id=users["reviewer"].id,
                             article=first, due_note="by  Friday")
    assert (assignment.assignee_id, assignment.assigned_by_id) == (users["reviewer"].id,
                                                                   users["editor"].id)
    assert assignment.due_note == "by Friday"
    [event] = _events(session, "article", first.id, "assign")
    assert event.actor_name == "editor" and event.after["assignee"] == "reviewer"
    assert any(e.event.action == "assign" for e in history.history(session, "article",
                                                                   first.id))


def test_only_people_who_may_review_can_be_given_work(session, users, desk_world) -> None:
    first, _second, _claims = desk_world
    with pytest.raises(InvalidInput) as refused:
        desk.assign(session, users["editor"], assignee_id=users["viewer"].id, article=first)
    assert refused.value.field == "assignee"
    assert [u.username for u in desk.assignable_users(session)] == ["admin", "editor",
                                                                    "reviewer"]


def test_reassigning_needs_the_version_seen(session, users, desk_world) -> None:
    first, _second, _claims = desk_world
    given = desk.assign(session, users["editor"], assignee_id=users["reviewer"].id,
                        article=first)
    # Another editor, who saw no assignment, does not silently take it over.
    with pytest.raises(Conflict):
        desk.assign(session, users["admin"], assignee_id=users["admin"].id, article=first)
    again = desk.assign(session, users["admin"], assignee_id=users["editor"].id,
                        article=first, expected_version=given.version)
    assert again.id == given.id and again.assignee_id == users["editor"].id
    assert len(_events(session, "article", first.id, "assign")) == 2


def test_unassigning_is_audited_and_version_checked(session, users, desk_world) -> None:
    _first, _second, claims = desk_world
    given = desk.assign(session, users["editor"], assignee_id=users["reviewer"].id,
                        claim=claims["slow"])
    with pytest.raises(Conflict):
        desk.unassign(session, users["editor"], given, expected_version=given.version + 1)
    desk.unassign(session, users["editor"], given, expected_version=given.version)
    assert session.scalar(select(Assignment.id)) is None
    [event] = _events(session, "claim", claims["slow"].id, "unassign")
    assert event.before["assignee"] == "reviewer"


def test_my_queue_puts_open_work_first_and_counts_an_articles_claims(session, users,
                                                                    desk_world) -> None:
    _first, second, claims = desk_world
    rita = users["reviewer"]
    desk.assign(session, users["editor"], assignee_id=rita.id, claim=claims["useful"])
    desk.assign(session, users["editor"], assignee_id=rita.id, article=second)
    set_status(session, rita, claims["useful"], ClaimStatus.CONFIRMED)
    add_review(session, rita, claims["bridge"], "accurate_quote")
    session.flush()
    page = desk.my_queue(session, rita.id)
    assert page.total == 2
    assert [(i.done, i.claim.id if i.claim else None) for i in page.items] == [
        (False, None), (True, claims["useful"].id)]
    article_item = page.items[0]
    assert article_item.article.id == second.id
    assert (article_item.open_claims, article_item.all_claims) == (1, 2)
    assert desk.my_queue(session, users["admin"].id).total == 0


def test_an_article_assignment_is_done_when_none_of_its_claims_is_unreviewed(
        session, users, desk_world) -> None:
    _first, second, claims = desk_world
    given = desk.assign(session, users["editor"], assignee_id=users["reviewer"].id,
                        article=second)
    assert not desk.assignment_done(session, given)
    set_status(session, None, claims["bridge"], ClaimStatus.REJECTED)
    set_status(session, None, claims["not"], ClaimStatus.CORRECTED)
    assert desk.assignment_done(session, given)


def test_dashboard_counts_each_reviewers_open_and_done_claims(session, users, desk_world,
                                                             count_queries) -> None:
    first, _second, claims = desk_world
    rita, eddie = users["reviewer"], users["editor"]
    desk.assign(session, eddie, assignee_id=rita.id, article=first)
    # A claim of that article given to someone else is theirs, not rita's.
    desk.assign(session, eddie, assignee_id=eddie.id, claim=claims["calm"])
    desk.assign(session, eddie, assignee_id=eddie.id, claim=claims["bridge"])
    set_status(session, rita, claims["useful"], ClaimStatus.CONFIRMED)
    set_status(session, rita, claims["bridge"], ClaimStatus.CONFIRMED)
    session.flush()
    before = count_queries()
    loads = desk.reviewer_loads(session)
    assert count_queries() - before == 1
    assert [(r.username, r.open, r.done) for r in loads] == [("editor", 1, 1),
                                                             ("reviewer", 1, 1)]


def test_assigned_to_me_narrows_the_review_queue(session, users, desk_world) -> None:
    first, _second, claims = desk_world
    rita = users["reviewer"]
    desk.assign(session, users["editor"], assignee_id=rita.id, article=first)
    desk.assign(session, users["editor"], assignee_id=users["editor"].id,
                claim=claims["slow"])
    desk.assign(session, users["editor"], assignee_id=rita.id, claim=claims["not"])
    session.flush()
    page = review_page(session, filters=QueueFilters(assignee_id=rita.id))
    assert {c.id for c in page.items} == {claims["useful"].id, claims["calm"].id,
                                          claims["not"].id}
    assert page.total == 3


def test_a_viewer_cannot_comment(session, users, desk_world) -> None:
    _first, _second, claims = desk_world
    with pytest.raises(Forbidden):
        comments.add_comment(session, users["viewer"], "I have thoughts", claim=claims["slow"])
    assert session.scalar(select(Comment.id)) is None


def test_a_comment_is_audited_on_its_claim_and_shows_in_history(session, users,
                                                                desk_world) -> None:
    _first, _second, claims = desk_world
    comment = comments.add_comment(session, users["reviewer"], "Check the\nsecond source.",
                               claim=claims["slow"])
    assert comment.text == "Check the\nsecond source." and comment.author_name == "reviewer"
    [event] = _events(session, "claim", claims["slow"].id, "comment")
    assert event.after["text"] == comment.text and event.actor_name == "reviewer"
    entries = history.history(session, "claim", claims["slow"].id)
    assert entries[0].event.action == "comment"
    assert comments.thread(session, claim_id=claims["slow"].id) == [comment]


def test_only_the_author_edits_and_editors_delete_any_comment(session, users,
                                                              desk_world) -> None:
    first, _second, _claims = desk_world
    comment = comments.add_comment(session, users["reviewer"], "First thought", article=first)
    with pytest.raises(Forbidden):
        comments.edit_comment(session, users["editor"], comment, "Not mine",
                          expected_version=comment.version)
    with pytest.raises(Forbidden):
        comments.delete_comment(session, make_user(session, "other-reviewer", "reviewer"),
                            comment, expected_version=comment.version)
    comments.edit_comment(session, users["reviewer"], comment, "Second thought",
                      expected_version=comment.version)
    assert comment.text == "Second thought" and comment.edited_at is not None
    with pytest.raises(Conflict):
        comments.delete_comment(session, users["editor"], comment, expected_version=1)
    comments.delete_comment(session, users["editor"], comment, expected_version=comment.version)
    assert session.scalar(select(Comment.id)) is None
    actions = [e.event.action for e in history.history(session, "article", first.id)]
    assert actions[:3] == ["comment_delete", "comment_edit", "comment"]


def test_an_empty_comment_is_refused_beside_its_field(session, users, desk_world) -> None:
    first, _second, _claims = desk_world
    with pytest.raises(InvalidInput) as refused:
        comments.add_comment(session, users["reviewer"], "  \n ", article=first)
    assert refused.value.field == "text"


def test_comments_and_assignments_go_with_their_record(session, users, desk_world) -> None:
    first, _second, claims = desk_world
    comments.add_comment(session, users["reviewer"], "On the claim", claim=claims["slow"])
    desk.assign(session, users["editor"], assignee_id=users["reviewer"].id, article=first)
    session.commit()
    session.delete(session.get(Article, first.id))
    session.commit()
    assert session.scalar(select(Comment.id)) is None
    assert session.scalar(select(Assignment.id)) is None
    assert session.get(Claim, claims["bridge"].id) is not None


def test_bulk_assignment_leaves_articles_someone_has(session, users, desk_world) -> None:
    first, second, _claims = desk_world
    desk.assign(session, users["editor"], assignee_id=users["editor"].id, article=first)
    done = desk.assign_articles(session, users["editor"], [first.id, second.id, 999_999],
                                assignee_id=users["reviewer"].id, due_note="this week")
    assert (done.assigned, done.already) == (1, 1)
    owners = dict(session.execute(select(Assignment.article_id, Assignment.assignee_id)).all())
    assert owners == {first.id: users["editor"].id, second.id: users["reviewer"].id}
    with pytest.raises(InvalidInput):
        desk.assign_articles(session, users["editor"], [], assignee_id=users["reviewer"].id)
    with pytest.raises(Forbidden):
        desk.assign_articles(session, users["reviewer"], [second.id],
                             assignee_id=users["reviewer"].id)
