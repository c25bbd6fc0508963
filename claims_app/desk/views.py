"""Desk pages: My queue, assigning from the article and claim pages, and comment threads.

The article and claim pages show the desk panel (assignment and thread) through the
``desk_panel`` template global, so their own views stay as they are. Each write here parses
the form, calls one desk service, commits once and redirects back; a refused input is shown
beside its field on a small page of its own that keeps what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import int_or_none, requires, safe_next, user_can
from claims_app.articles.models import Article
from claims_app.articles.services import get_article
from claims_app.claims.models import Claim
from claims_app.claims.services import get_claim
from claims_app.desk import comments, services
from claims_app.desk.forms import AssignForm, ButtonForm, CommentForm
from claims_app.desk.models import Assignment, Comment
from claims_app.errors import Conflict, InvalidInput
from claims_app.inputs import page_number, submitted_version

bp = Blueprint("desk", __name__, url_prefix="/desk", template_folder="templates")
PER_PAGE = 20


@dataclass(frozen=True)
class Panel:
    """What the article or claim page shows of the desk: the assignment (and, for a claim,
    its article's), the assign form when the viewer may assign, the thread and its form."""

    kind: str
    target_id: int
    assignment: Assignment | None
    article_assignment: Assignment | None
    assign_form: AssignForm | None
    comments: list[Comment]
    comment_form: CommentForm | None
    button: ButtonForm


@bp.app_template_global()
def desk_panel(article: Article | None = None, claim: Claim | None = None) -> Panel:
    session = db.session()
    kind, target_id = ("claim", claim.id) if claim is not None else ("article", article.id
                                                                     if article else 0)
    assignment = services.assignment_of(session, **{f"{kind}_id": target_id})
    article_assignment = (services.assignment_of(session, article_id=claim.article_id)
                          if claim is not None else None)
    assign_form = None
    if user_can(Permission.ASSIGN):
        assign_form = AssignForm(formdata=None, prefix="assign", data={
            "assignee": assignment.assignee_id if assignment else None,
            "due_note": assignment.due_note if assignment else "",
            "version": str(assignment.version) if assignment else "",
            "next": request.path}).with_reviewers(services.assignable_users(session))
    comment_form = (CommentForm(formdata=None, prefix="comment", data={"next": request.path})
                    if user_can(Permission.COMMENT) else None)
    return Panel(kind, target_id, assignment, article_assignment, assign_form,
                 comments.thread(session, **{f"{kind}_id": target_id}), comment_form,
                 ButtonForm(formdata=None, data={"next": request.path}))


@bp.app_template_global()
def bulk_assign_form() -> AssignForm:
    """The article list's "Assign selected" form (editors and admins)."""
    return AssignForm(formdata=None, prefix="bulk", data={"next": request.full_path}
                      ).with_reviewers(services.assignable_users(db.session()))


@bp.app_template_global()
def comment_permissions(comment: Comment) -> tuple[bool, bool]:
    """(may edit, may delete) this comment, for the thread's buttons."""
    user = current_user if current_user.is_authenticated else None
    return comments.can_edit_comment(user, comment), comments.can_delete_comment(user, comment)


def _target(kind: str, target_id: int) -> tuple[Article | None, Claim | None, str]:
    session = db.session()
    if kind == "claim":
        claim = get_claim(session, target_id)
        return None, claim, url_for("claims.detail", claim_id=claim.id)
    article = get_article(session, target_id)
    return article, None, url_for("articles.detail", article_id=article.id)


# --- My queue ------------------------------------------------------------------------------


@bp.route("/mine")
@requires(Permission.REVIEW)
def mine() -> Any:
    page = services.my_queue(db.session(), current_user.id, page=page_number(),
                             per_page=PER_PAGE)
    return render_template("desk/mine.html", page=page)


# --- Assignments ---------------------------------------------------------------------------


def _assign(kind: str, target_id: int) -> Any:
    session = db.session()
    article, claim, back = _target(kind, target_id)
    form = AssignForm(prefix="assign").with_reviewers(services.assignable_users(session))
    back = safe_next(form.next.data, back)
    if form.validate_on_submit():
        raw = form.version.data
        try:
            assignment = services.assign(
                session, current_user, assignee_id=form.assignee.data or 0, article=article,
                claim=claim, due_note=form.due_note.data,
                expected_version=submitted_version(raw) if raw else None)
        except Conflict as error:
            session.rollback()
            flash(error.message + " Here is the assignment as it now stands.", "error")
            return redirect(back, 303)
        except InvalidInput as error:
            session.rollback()
            name = error.field if error.field in form._fields else "assignee"
            form._fields[name].errors = [*form._fields[name].errors, error.message]
        else:
            who = assignment.assignee.username
            db.commit()
            flash(f"Assigned to {who}.", "success")
            return redirect(back, 303)
    return render_template("desk/assign.html", form=form, back=back,
                           what=article.display_title if article else f"claim {target_id}"), 400


@bp.route("/assign/article/<id:article_id>", methods=["POST"])
@requires(Permission.ASSIGN)
def assign_article(article_id: int) -> Any:
    return _assign("article", article_id)


@bp.route("/assign/claim/<id:claim_id>", methods=["POST"])
@requires(Permission.ASSIGN)
def assign_claim(claim_id: int) -> Any:
    return _assign("claim", claim_id)


@bp.route("/assign/articles", methods=["POST"])
@requires(Permission.ASSIGN)
def assign_articles() -> Any:
    """"Assign selected" on the article list: the ticked articles to one reviewer."""
    session = db.session()
    form = AssignForm(prefix="bulk").with_reviewers(services.assignable_users(session))
    back = safe_next(form.next.data, url_for("articles.index"))
    ids = [i for i in (int_or_none(v) for v in request.form.getlist("article_ids")) if i]
    if form.validate_on_submit():
        try:
            done = services.assign_articles(session, current_user, ids,
                                            assignee_id=form.assignee.data or 0,
                                            due_note=form.due_note.data)
        except InvalidInput as error:
            session.rollback()
            if error.field != "article_ids":  # that one the page says above the form
                name = error.field if error.field in form._fields else "assignee"
                form._fields[name].errors = [*form._fields[name].errors, error.message]
        else:
            db.commit()
            flash(f"Assigned {done.assigned} article{'s' * (done.assigned != 1)}"
                  + (f"; {done.already} already assigned were left as they were"
                     if done.already else "") + ".", "success")
            return redirect(back, 303)
    return render_template("desk/assign.html", form=form, back=back, article_ids=ids,
                           what=f"{len(ids)} articles"), 400


@bp.route("/assignments/<id:assignment_id>/delete", methods=["POST"])
@requires(Permission.ASSIGN)
def unassign(assignment_id: int) -> Any:
    session = db.session()
    assignment = services.get_assignment(session, assignment_id)
    form = ButtonForm()
    back = safe_next(form.next.data, url_for("desk.mine"))
    if not form.validate_on_submit():
        flash("The form was incomplete; the assignment was kept.", "error")
        return redirect(back, 303)
    who = assignment.assignee.username
    try:
        services.unassign(session, current_user, assignment,
                          expected_version=submitted_version(form.version.data))
    except Conflict as error:
        session.rollback()
        flash(error.message, "error")
        return redirect(back, 303)
    db.commit()
    flash(f"Unassigned {who}.", "success")
    return redirect(back, 303)


# --- Comments ------------------------------------------------------------------------------


def _post_comment(kind: str, target_id: int) -> Any:
    session = db.session()
    article, claim, back = _target(kind, target_id)
    form = CommentForm(prefix="comment")
    back = safe_next(form.next.data, back)
    if form.validate_on_submit():
        try:
            comment = comments.add_comment(session, current_user, form.text.data or "",
                                           article=article, claim=claim)
        except InvalidInput as error:
            session.rollback()
            form.text.errors = [*form.text.errors, error.message]
        else:
            db.commit()
            flash("Comment posted.", "success")
            return redirect(f"{back}#comment-{comment.id}", 303)
    return render_template("desk/comment.html", form=form, back=back, comment=None,
                           action=request.path), 400


@bp.route("/comments/article/<id:article_id>", methods=["POST"])
@requires(Permission.COMMENT)
def comment_article(article_id: int) -> Any:
    return _post_comment("article", article_id)


@bp.route("/comments/claim/<id:claim_id>", methods=["POST"])
@requires(Permission.COMMENT)
def comment_claim(claim_id: int) -> Any:
    return _post_comment("claim", claim_id)


def _thread_url(comment: Comment) -> str:
    if comment.claim_id is not None:
        return url_for("claims.detail", claim_id=comment.claim_id)
    return url_for("articles.detail", article_id=comment.article_id)


@bp.route("/comments/<id:comment_id>/edit", methods=["GET", "POST"])
@requires(Permission.COMMENT)
def edit_comment(comment_id: int) -> Any:
    session = db.session()
    comment = comments.get_comment(session, comment_id)
    back = _thread_url(comment)
    form = CommentForm(prefix="comment")
    if not comments.can_edit_comment(current_user, comment):
        flash("Only its author can edit a comment.", "error")
        return redirect(f"{back}#comment-{comment_id}", 303)
    if request.method == "GET":
        form.text.data, form.version.data = comment.text, str(comment.version)
    if form.validate_on_submit():
        try:
            comments.edit_comment(session, current_user, comment, form.text.data or "",
                                  expected_version=submitted_version(form.version.data))
        except Conflict as error:
            session.rollback()
            form.text.errors = [*form.text.errors, error.message + " Their text: "
                                + str(error.current.get("text", ""))]
            form.version.data = str(error.current.get("version", ""))
        except InvalidInput as error:
            session.rollback()
            form.text.errors = [*form.text.errors, error.message]
        else:
            db.commit()
            flash("Comment saved.", "success")
            return redirect(f"{back}#comment-{comment_id}", 303)
    status = 400 if form.errors else 200
    return render_template("desk/comment.html", form=form, back=back, comment=comment,
                           action=request.path), status


@bp.route("/comments/<id:comment_id>/delete", methods=["POST"])
@requires(Permission.COMMENT)
def delete_comment(comment_id: int) -> Any:
    session = db.session()
    comment = comments.get_comment(session, comment_id)
    back = _thread_url(comment) + "#comments"
    form = ButtonForm()
    if not form.validate_on_submit():
        flash("The form was incomplete; the comment was kept.", "error")
        return redirect(back, 303)
    try:
        comments.delete_comment(session, current_user, comment,
                                expected_version=submitted_version(form.version.data))
    except Conflict as error:
        session.rollback()
        flash(error.message, "error")
        return redirect(back, 303)
    db.commit()
    flash("Comment deleted. The history keeps a record.", "success")
    return redirect(back, 303)
