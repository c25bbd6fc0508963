"""The question pages: an index of five forms, and one page per question.

Each page validates its GET form, calls one ``crossref.questions`` service and lists the
claims it answers with; bad input is shown beside the field (400), never a server error.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires
from claims_app.crossref import questions
from claims_app.crossref.questions_forms import (
    ContradictionsForm,
    FirstSaidForm,
    SaidAboutForm,
    SaidBetweenForm,
    WhoElseForm,
)
from claims_app.crossref.questions_pages import first_said_answer
from claims_app.crossref.search_filters import speaker_for_filter
from claims_app.errors import NotFound
from claims_app.speakers.models import Speaker

bp = Blueprint("questions", __name__, url_prefix="/questions", template_folder="templates")


def _speaker(field: Any) -> Speaker | None:
    """The speaker a picker names (number, name or alias); unknown: an error on the field."""
    speaker = speaker_for_filter(db.session(), field.data or "")
    if speaker is None:
        field.errors = [*field.errors, f"No speaker is called “{field.data}”."]
    return speaker


def _render(template: str, form: Any, status: int = 200, **context: Any) -> Any:
    return render_template(f"questions/{template}", form=form, asked=True, **context), status


@bp.route("/")
@requires(Permission.READ)
def index() -> Any:
    return render_template(
        "questions/index.html",
        about=SaidAboutForm(formdata=None).with_ids("about"),
        who=WhoElseForm(formdata=None).with_ids("who"),
        first=FirstSaidForm(formdata=None).with_ids("first"),
        between=SaidBetweenForm(formdata=None).with_ids("between"),
        contra=ContradictionsForm(formdata=None).with_ids("contra"),
    )


@bp.route("/said-about")
@requires(Permission.READ)
def said_about() -> Any:
    """Everything a speaker said about a topic."""
    form = SaidAboutForm(request.args)
    if not request.args:
        return render_template("questions/said_about.html", form=form, asked=False)
    speaker = _speaker(form.speaker) if form.validate() else None
    if speaker is None:
        return _render("said_about.html", form, 400)
    claims = questions.said_about(db.session(), speaker.id, form.topic.data)
    return _render("said_about.html", form, speaker=speaker, claims=claims)


@bp.route("/who-else-said")
@requires(Permission.READ)
def who_else_said() -> Any:
    """Who else said this claim (or something worded like it, or on its topic)."""
    form = WhoElseForm(request.args)
    if not request.args:
        return render_template("questions/who_else_said.html", form=form, asked=False)
    if not form.validate():
        return _render("who_else_said.html", form, 400)
    try:
        similar = questions.who_else_said(db.session(), form.claim.data)
    except NotFound as error:
        form.claim.errors = [*form.claim.errors, error.message]
        return _render("who_else_said.html", form, 400)
    return _render("who_else_said.html", form, similar=similar, claim_id=form.claim.data)


@bp.route("/first-said")
@requires(Permission.READ)
def first_said() -> Any:
    """When was this first said, and by whom."""
    form = FirstSaidForm(request.args)
    if not request.args:
        return render_template("questions/first_said.html", form=form, asked=False)
    if not form.validate():
        return _render("first_said.html", form, 400)
    try:
        answer = first_said_answer(db.session(), form.text.data, form.claim.data)
    except NotFound as error:
        form.claim.errors = [*form.claim.errors, error.message]
        return _render("first_said.html", form, 400)
    return _render("first_said.html", form, answer=answer)


@bp.route("/said-between")
@requires(Permission.READ)
def said_between() -> Any:
    """What a speaker said between two dates (inclusive)."""
    form = SaidBetweenForm(request.args)
    if not request.args:
        return render_template("questions/said_between.html", form=form, asked=False)
    speaker = _speaker(form.speaker) if form.validate() else None
    if speaker is None:
        return _render("said_between.html", form, 400)
    claims = questions.said_between(db.session(), speaker.id, form.start.data, form.end.data)
    return _render("said_between.html", form, speaker=speaker, claims=claims)


@bp.route("/contradictions")
@requires(Permission.READ)
def contradictions() -> Any:
    """Which claims about a topic contradict each other."""
    form = ContradictionsForm(request.args)
    if not request.args:
        return render_template("questions/contradictions.html", form=form, asked=False)
    if not form.validate():
        return _render("contradictions.html", form, 400)
    links = questions.contradictions_about(db.session(), form.topic.data)
    return _render("contradictions.html", form, links=links)
