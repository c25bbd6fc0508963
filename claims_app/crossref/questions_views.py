"""The question pages: an index of five forms, and one page per question.

Each page validates its GET form, calls one ``crossref.questions`` service and lists the
claims it answers with; bad input is shown beside the field (400), never a server error.
"""

from __future__ import annotations

from collections.abc import Callable
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
from claims_app.inputs import Form, page_number
from claims_app.speakers.models import Speaker

bp = Blueprint("questions", __name__, url_prefix="/questions", template_folder="templates")


def _speaker(form: Any) -> Speaker:
    """The speaker a picker names (number, name or alias); unknown: an error on the field."""
    speaker = speaker_for_filter(db.session(), form.speaker.data or "")
    if speaker is None:
        raise NotFound(f"No speaker is called “{form.speaker.data}”.", field="speaker")
    return speaker


def _render(template: str, form: Any, status: int = 200, **context: Any) -> Any:
    return render_template(f"questions/{template}", form=form, asked=True, **context), status


def _ask(form_class: type[Form], template: str,
         answer: Callable[[Any], dict[str, Any]], *, missing: str = "claim") -> Any:
    """Every question page's one shape: no question asked yet shows the empty form; a form
    that does not validate is shown again with its errors (400); else ``answer`` (one
    service call) gives the page's context. A record ``answer`` cannot find (``NotFound``)
    is an error beside its field (the error's ``field``, else ``missing``), never a 404 page."""
    form = form_class(request.args)
    if not request.args:
        return render_template(f"questions/{template}", form=form, asked=False)
    if not form.validate():
        return _render(template, form, 400)
    try:
        context = answer(form)
    except NotFound as error:
        field = form[error.field or missing]
        field.errors = [*field.errors, error.message]
        return _render(template, form, 400)
    return _render(template, form, **context)


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
    def answer(form: SaidAboutForm) -> dict[str, Any]:
        speaker = _speaker(form)
        return {"speaker": speaker, "page": questions.said_about(
            db.session(), speaker.id, form.topic.data, page=page_number())}
    return _ask(SaidAboutForm, "said_about.html", answer)


@bp.route("/who-else-said")
@requires(Permission.READ)
def who_else_said() -> Any:
    """Who else said this claim (or something worded like it, or on its topic)."""
    return _ask(WhoElseForm, "who_else_said.html", lambda form: {
        "similar": questions.who_else_said(db.session(), form.claim.data),
        "claim_id": form.claim.data})


@bp.route("/first-said")
@requires(Permission.READ)
def first_said() -> Any:
    """When was this first said, and by whom."""
    return _ask(FirstSaidForm, "first_said.html", lambda form: {
        "answer": first_said_answer(db.session(), form.text.data, form.claim.data)})


@bp.route("/said-between")
@requires(Permission.READ)
def said_between() -> Any:
    """What a speaker said between two dates (inclusive)."""
    def answer(form: SaidBetweenForm) -> dict[str, Any]:
        speaker = _speaker(form)
        return {"speaker": speaker, "page": questions.said_between(
            db.session(), speaker.id, form.start.data, form.end.data, page=page_number())}
    return _ask(SaidBetweenForm, "said_between.html", answer)


@bp.route("/contradictions")
@requires(Permission.READ)
def contradictions() -> Any:
    """Which claims about a topic contradict each other."""
    return _ask(ContradictionsForm, "contradictions.html", lambda form: {
        "links": questions.contradictions_about(db.session(), form.topic.data)})
