"""The desk's API: my assignments, assign and unassign (editors), comment threads
(reviewers write, viewers read), with the web's rules and audit trail."""

from __future__ import annotations

from sqlalchemy import select

from claims_app.audit.models import AuditEvent
from claims_app.desk.models import Assignment


def test_editor_assigns_and_the_reviewer_lists_it(client, article, claim, token_headers
                                                  ) -> None:
    editor, reviewer = token_headers("editor"), token_headers("reviewer")
    response = client.post("/api/v1/assignments", headers=editor, json={
        "claim_id": claim.id, "assignee": "reviewer", "due_note": "by Friday"})
    assert response.status_code == 201, response.json
    made = response.json
    assert (made["claim_id"], made["assignee"], made["assigned_by"], made["done"]) == (
        claim.id, "reviewer", "editor", False)
    mine = client.get("/api/v1/assignments/mine", headers=reviewer)
    assert mine.status_code == 200
    assert [a["id"] for a in mine.json["items"]] == [made["id"]] and mine.json["total"] == 1


def test_a_reviewer_cannot_assign(client, article, token_headers) -> None:
    response = client.post("/api/v1/assignments", headers=token_headers("reviewer"),
                           json={"article_id": article.id, "assignee": "reviewer"})
    assert response.status_code == 403


def test_assign_needs_exactly_one_target(client, article, claim, token_headers) -> None:
    editor = token_headers("editor")
    both = client.post("/api/v1/assignments", headers=editor, json={
        "article_id": article.id, "claim_id": claim.id, "assignee": "reviewer"})
    assert both.status_code == 422 and both.json["field"] == "article_id"
    ghost = client.post("/api/v1/assignments", headers=editor, json={
        "article_id": article.id, "assignee": "nobody"})
    assert ghost.status_code == 422 and ghost.json["field"] == "assignee"


def test_reassigning_without_the_version_is_a_conflict(client, session, article,
                                                       token_headers) -> None:
    editor = token_headers("editor")
    first = client.post("/api/v1/assignments", headers=editor,
                        json={"article_id": article.id, "assignee": "reviewer"}).json
    taken = client.post("/api/v1/assignments", headers=editor,
                        json={"article_id": article.id, "assignee": "editor"})
    assert taken.status_code == 409
    again = client.post("/api/v1/assignments", headers=editor, json={
        "article_id": article.id, "assignee": "editor", "version": first["version"]})
    assert again.status_code == 201 and again.json["id"] == first["id"]


def test_unassign_needs_the_version(client, session, article, token_headers) -> None:
    editor = token_headers("editor")
    made = client.post("/api/v1/assignments", headers=editor,
                       json={"article_id": article.id, "assignee": "reviewer"}).json
    assert client.delete(f"/api/v1/assignments/{made['id']}", headers=editor).status_code == 400
    gone = client.delete(f"/api/v1/assignments/{made['id']}?version={made['version']}",
                         headers=editor)
    assert gone.status_code == 204
    assert session.scalar(select(Assignment.id)) is None
    assert session.scalar(select(AuditEvent.id).where(AuditEvent.action == "unassign"))


def test_comments_are_posted_by_reviewers_and_read_by_viewers(client, session, article,
                                                              claim, token_headers) -> None:
    reviewer, viewer = token_headers("reviewer"), token_headers("viewer")
    posted = client.post(f"/api/v1/claims/{claim.id}/comments", headers=reviewer,
                         json={"text": "Is the date right?\nCheck."})
    assert posted.status_code == 201
    assert posted.json["author"] == "reviewer" and posted.json["claim_id"] == claim.id
    listed = client.get(f"/api/v1/claims/{claim.id}/comments", headers=viewer)
    assert [c["text"] for c in listed.json["items"]] == ["Is the date right?\nCheck."]
    refused = client.post(f"/api/v1/articles/{article.id}/comments", headers=viewer,
                          json={"text": "no"})
    assert refused.status_code == 403
    on_article = client.post(f"/api/v1/articles/{article.id}/comments", headers=reviewer,
                             json={"text": "Article note"})
    assert on_article.status_code == 201 and on_article.json["article_id"] == article.id
    assert client.get("/api/v1/articles/999999/comments", headers=viewer).status_code == 404
    blank = client.post(f"/api/v1/claims/{claim.id}/comments", headers=reviewer,
                        json={"text": "   "})
    assert blank.status_code == 422 and blank.json["field"] == "text"
