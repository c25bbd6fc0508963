"""API endpoints of the desk: my assignments, assigning and unassigning, comment threads.

Same rules as the other endpoints (``api.views``): token auth with the web's permission
table, one desk service per write (so the audit trail is the web's), one commit.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, url_for
from sqlalchemy import select

from claims_app import db
from claims_app.accounts.models import User
from claims_app.accounts.permissions import Permission
from claims_app.api.auth import api_user, token_required
from claims_app.api.blueprint import bp
from claims_app.api.endpoint import ID, created_response, no_content
from claims_app.api.schemas import Body, bad_request, invalid, json_body, page_args, query_int
from claims_app.articles.models import Article
from claims_app.articles.services import get_article
from claims_app.claims.models import Claim
from claims_app.claims.services import get_claim
from claims_app.desk import comments, services
from claims_app.desk.comments import MAX_COMMENT
from claims_app.desk.models import Assignment, Comment
from claims_app.export.records import iso_time
from claims_app.name_rules import normalize_username


def assignment_json(assignment: Assignment, done: bool) -> dict[str, Any]:
    return {
        "id": assignment.id, "article_id": assignment.article_id,
        "claim_id": assignment.claim_id, "assignee": assignment.assignee.username,
        "assigned_by": assignment.assigned_by.username if assignment.assigned_by else None,
        "assigned_at": iso_time(assignment.assigned_at), "due_note": assignment.due_note,
        "done": done, "version": assignment.version,
    }


def comment_json(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id, "article_id": comment.article_id, "claim_id": comment.claim_id,
        "author": comment.author_name, "text": comment.text,
        "created_at": iso_time(comment.created_at), "edited_at": iso_time(comment.edited_at),
        "version": comment.version,
    }


@bp.get("/assignments/mine")
@token_required(Permission.REVIEW)
def list_my_assignments() -> Any:
    page_no, per_page = page_args()
    page = services.my_queue(db.session(), api_user().id, page=page_no, per_page=per_page)
    return jsonify({"items": [assignment_json(i.assignment, i.done) for i in page.items],
                    "page": page.page, "per_page": page.per_page, "total": page.total})


@bp.post("/assignments")
@token_required(Permission.ASSIGN)
def create_assignment() -> Any:
    body = Body(json_body(), {"article_id", "claim_id", "assignee", "due_note", "version"})
    article_id, claim_id = body.ident("article_id"), body.ident("claim_id")
    if (article_id is None) == (claim_id is None):
        raise invalid("Give article_id or claim_id (one of them).", "article_id")
    username = body.string("assignee", max_length=80, required=True) or ""
    due_note = body.string("due_note", max_length=300)
    version = body.integer("version", minimum=1)
    session = db.session()
    assignee = session.scalar(select(User).where(User.username == normalize_username(username)))
    if assignee is None:
        raise invalid(f"There is no account {username!r}.", "assignee")
    article = session.get(Article, article_id) if article_id is not None else None
    claim = session.get(Claim, claim_id) if claim_id is not None else None
    if article_id is not None and article is None:
        raise invalid(f"There is no article {article_id}.", "article_id")
    if claim_id is not None and claim is None:
        raise invalid(f"There is no claim {claim_id}.", "claim_id")
    assignment = services.assign(session, api_user(), assignee_id=assignee.id, article=article,
                                 claim=claim, due_note=due_note, expected_version=version)
    done = services.assignment_done(session, assignment)
    payload = assignment_json(assignment, done)
    db.commit()
    return created_response(payload, url_for("api.list_my_assignments"))


@bp.delete("/assignments/" + ID.format("assignment_id"))
@token_required(Permission.ASSIGN)
def delete_assignment(assignment_id: int) -> Any:
    version = query_int("version")
    if version is None:
        raise bad_request("version is required: add ?version=N, the assignment's version "
                          "(a 409 tells you if it changed since).", "version")
    session = db.session()
    services.unassign(session, api_user(), services.get_assignment(session, assignment_id),
                      expected_version=version)
    db.commit()
    return no_content()


def _thread(kind: str, target_id: int) -> Any:
    session = db.session()
    if kind == "claim":
        get_claim(session, target_id)  # a 404 for a claim not there
        found = comments.thread(session, claim_id=target_id)
    else:
        get_article(session, target_id)
        found = comments.thread(session, article_id=target_id)
    return jsonify({"items": [comment_json(c) for c in found]})


def _comment(kind: str, target_id: int) -> Any:
    body = Body(json_body(), {"text"})
    text = body.string("text", max_length=MAX_COMMENT, required=True) or ""
    session = db.session()
    claim = get_claim(session, target_id) if kind == "claim" else None
    article = get_article(session, target_id) if kind == "article" else None
    comment = comments.add_comment(session, api_user(), text, article=article, claim=claim)
    payload = comment_json(comment)
    db.commit()
    where = (url_for("api.list_claim_comments", claim_id=target_id) if kind == "claim"
             else url_for("api.list_article_comments", article_id=target_id))
    return created_response(payload, where)


@bp.get("/claims/" + ID.format("claim_id") + "/comments")
@token_required(Permission.READ)
def list_claim_comments(claim_id: int) -> Any:
    return _thread("claim", claim_id)


@bp.post("/claims/" + ID.format("claim_id") + "/comments")
@token_required(Permission.COMMENT)
def create_claim_comment(claim_id: int) -> Any:
    return _comment("claim", claim_id)


@bp.get("/articles/" + ID.format("article_id") + "/comments")
@token_required(Permission.READ)
def list_article_comments(article_id: int) -> Any:
    return _thread("article", article_id)


@bp.post("/articles/" + ID.format("article_id") + "/comments")
@token_required(Permission.COMMENT)
def create_article_comment(article_id: int) -> Any:
    return _comment("article", article_id)
