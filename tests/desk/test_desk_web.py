"""The desk's pages through the test client: assign from the article and claim pages, My
queue, the review queue's "assigned to me", the dashboard table, and comment threads
(escaped, line breaks kept, edit and delete with their permissions)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from claims_app.desk import comments
from claims_app.desk import services as desk
from claims_app.desk.models import Assignment, Comment
from tests.worlds.annotate import BODY
from tests.worlds.builders import make_article, make_claim


@pytest.fixture
def world(session, users):
    article = make_article(session, BODY)
    claims = {"useful": make_claim(session, article, "the talks were useful"),
              "slow": make_claim(session, article, "progress was slow")}
    session.commit()
    return article, claims


def test_editor_assigns_a_claim_from_its_page(client, auth, session, users, world) -> None:
    _article, claims = world
    auth.login("editor")
    page = client.get(f"/claims/{claims['slow'].id}").get_data(as_text=True)
    assert 'id="assign-assignee"' in page and ">reviewer<" in page
    response = client.post(f"/desk/assign/claim/{claims['slow'].id}", data={
        "assign-assignee": users["reviewer"].id, "assign-due_note": "today",
        "assign-version": "", "assign-next": f"/claims/{claims['slow'].id}"})
    assert response.status_code == 303
    assignment = session.scalar(select(Assignment))
    assert assignment.claim_id == claims["slow"].id and assignment.due_note == "today"
    page = client.get(f"/claims/{claims['slow'].id}").get_data(as_text=True)
    assert "Reassign" in page and "due: today" in page


def test_a_reviewer_sees_no_assign_form_and_cannot_post_one(client, auth, users,
                                                            world) -> None:
    article, _claims = world
    auth.login("reviewer")
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "assign-assignee" not in page and 'id="comments"' in page
    response = client.post(f"/desk/assign/article/{article.id}", data={
        "assign-assignee": users["reviewer"].id})
    assert response.status_code == 403


def test_assigning_someone_who_cannot_review_is_refused_beside_the_field(
        client, auth, users, world) -> None:
    article, _claims = world
    auth.login("editor")
    response = client.post(f"/desk/assign/article/{article.id}", data={
        "assign-assignee": users["viewer"].id, "assign-due_note": "kept text"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="assign-assignee-error"' in page and "kept text" in page


def test_my_queue_lists_what_is_assigned_to_me(client, auth, session, users, world) -> None:
    article, claims = world
    desk.assign(session, users["editor"], assignee_id=users["reviewer"].id,
                claim=claims["useful"], due_note="by Friday")
    desk.assign(session, users["editor"], assignee_id=users["reviewer"].id, article=article)
    session.commit()
    auth.login("reviewer")
    page = client.get("/desk/mine").get_data(as_text=True)
    assert "My queue" in page and "the talks were useful" in page and "Talks in Doha" in page
    assert "due: by Friday" in page and "2 of 2 claims open" in page
    assert 'href="/desk/mine"' in page  # the nav link
    assert client.get("/desk/mine?page=x").status_code == 400


def test_viewer_has_no_queue(client, auth, users) -> None:
    auth.login("viewer")
    assert client.get("/desk/mine").status_code == 403
    assert 'href="/desk/mine"' not in client.get("/").get_data(as_text=True)


def test_review_queue_filters_to_assigned_to_me(client, auth, session, users, world) -> None:
    _article, claims = world
    desk.assign(session, users["editor"], assignee_id=users["reviewer"].id,
                claim=claims["slow"])
    session.commit()
    auth.login("reviewer")
    everyone = client.get("/review/").get_data(as_text=True)
    mine = client.get("/review/?assigned=me").get_data(as_text=True)
    # Items by id: the queue shows each claim with its neighbours' words as context.
    useful, slow = f'id="q-{claims["useful"].id}"', f'id="q-{claims["slow"].id}"'
    assert useful in everyone and slow in everyone
    assert useful not in mine and slow in mine
    assert "Show everyone" in mine


def test_dashboard_shows_each_reviewers_open_and_done(client, auth, session, users,
                                                      world) -> None:
    article, _claims = world
    desk.assign(session, users["editor"], assignee_id=users["reviewer"].id, article=article)
    session.commit()
    auth.login("viewer")
    page = client.get("/").get_data(as_text=True)
    row = re.search(r"<tr><td>reviewer</td><td>(\d+)</td><td>(\d+)</td></tr>", page)
    assert row and row.groups() == ("2", "0")


def test_a_comment_is_posted_escaped_with_its_line_breaks(client, auth, session,
                                                          world) -> None:
    _article, claims = world
    auth.login("reviewer")
    url = f"/claims/{claims['slow'].id}"
    response = client.post(f"/desk/comments/claim/{claims['slow'].id}", data={
        "comment-text": "<b>bold?</b>\nsecond line", "comment-next": url})
    assert response.status_code == 303 and "#comment-" in response.headers["Location"]
    page = client.get(url).get_data(as_text=True)
    assert "&lt;b&gt;bold?&lt;/b&gt;\nsecond line" in page and "<b>bold?" not in page
    history = client.get(f"/history/claim/{claims['slow'].id}").get_data(as_text=True)
    assert "comment" in history and "bold?" in history


def test_an_empty_comment_is_refused_keeping_the_page(client, auth, world) -> None:
    _article, claims = world
    auth.login("reviewer")
    response = client.post(f"/desk/comments/claim/{claims['slow'].id}",
                           data={"comment-text": "   "})
    assert response.status_code == 400
    assert 'id="comment-text-error"' in response.get_data(as_text=True)


def test_viewer_reads_the_thread_but_cannot_comment(client, auth, session, users,
                                                    world) -> None:
    article, _claims = world
    comments.add_comment(session, users["reviewer"], "Seen by all", article=article)
    session.commit()
    auth.login("viewer")
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "Seen by all" in page and 'id="comment-text"' not in page
    assert client.post(f"/desk/comments/article/{article.id}",
                       data={"comment-text": "no"}).status_code == 403


def test_author_edits_and_editor_deletes_a_comment(client, auth, session, users,
                                                   world) -> None:
    article, _claims = world
    comment = comments.add_comment(session, users["reviewer"], "Draft", article=article)
    session.commit()
    auth.login("reviewer")
    form = client.get(f"/desk/comments/{comment.id}/edit").get_data(as_text=True)
    assert "Draft" in form
    response = client.post(f"/desk/comments/{comment.id}/edit", data={
        "comment-text": "Final", "comment-version": comment.version})
    assert response.status_code == 303
    session.expire_all()
    assert session.get(Comment, comment.id).text == "Final"
    auth.logout()
    auth.login("editor")
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert f"/desk/comments/{comment.id}/delete" in page
    assert f"/desk/comments/{comment.id}/edit" not in page  # not the editor's own
    response = client.post(f"/desk/comments/{comment.id}/delete",
                           data={"version": session.get(Comment, comment.id).version})
    assert response.status_code == 303
    assert session.scalar(select(Comment.id).where(Comment.id == comment.id)) is None


def test_comment_writes_without_a_version_are_refused(client, auth, session, users,
                                                      world) -> None:
    article, _claims = world
    comment = comments.add_comment(session, users["reviewer"], "Keep me", article=article)
    session.commit()
    auth.login("reviewer")
    assert client.post(f"/desk/comments/{comment.id}/delete", data={}).status_code == 400
    session.expire_all()
    assert session.scalar(select(Comment.id).where(Comment.id == comment.id)) is not None


def test_someone_elses_comment_is_not_editable(client, auth, session, users, world) -> None:
    article, _claims = world
    comment = comments.add_comment(session, users["reviewer"], "Mine", article=article)
    session.commit()
    auth.login("editor")
    response = client.post(f"/desk/comments/{comment.id}/edit", data={
        "comment-text": "Taken over", "comment-version": comment.version})
    assert response.status_code == 303
    session.expire_all()
    assert session.get(Comment, comment.id).text == "Mine"


def test_editor_assigns_ticked_articles_from_the_list(client, auth, session, users,
                                                      world) -> None:
    article, _claims = world
    other = make_article(session, "Another text about the bridge.", title="Bridge")
    session.commit()
    auth.login("editor")
    listing = client.get("/articles/").get_data(as_text=True)
    assert 'form="bulk-assign"' in listing and 'id="bulk-assignee"' in listing
    response = client.post("/desk/assign/articles", data={
        "article_ids": [str(article.id), str(other.id)], "bulk-assignee": users["reviewer"].id,
        "bulk-next": "/articles/"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/articles/")
    assert set(session.scalars(select(Assignment.article_id))) == {article.id, other.id}
    nothing = client.post("/desk/assign/articles", data={"bulk-assignee": users["reviewer"].id})
    assert nothing.status_code == 400
    assert "Tick the articles" in nothing.get_data(as_text=True)


def test_reviewers_see_no_bulk_assign(client, auth, world) -> None:
    auth.login("reviewer")
    assert 'form="bulk-assign"' not in client.get("/articles/").get_data(as_text=True)
