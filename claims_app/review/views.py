"""The review queue page. Its buttons post to the claim views, which return here; its
in-place corrections post to ``claims.correct`` and stay here."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from flask_login import current_user
from wtforms import SelectChoice

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires
from claims_app.articles.listing import outlet_choices
from claims_app.claims.forms import KIND_LABELS, ReviewForm, SimpleForm
from claims_app.crossref.search_filters import speaker_for_filter
from claims_app.factchecks.services import fact_checks_for_claims
from claims_app.inputs import page_number
from claims_app.review.forms import QueueFilterForm
from claims_app.review.services import QUEUE_SORTS, QueueFilters, QueuePage, review_page

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="templates")
PER_PAGE = 20


def queue_filters(form: QueueFilterForm) -> QueueFilters | None:
    """The one place the queue's query string becomes filters: the form validated and its
    speaker name (or alias, or number) resolved; None, with the errors beside the fields,
    when something is not valid."""
    valid = form.validate()
    speaker_id = None
    if form.speaker.data:
        speaker = speaker_for_filter(db.session(), form.speaker.data)
        if speaker is None:
            form.speaker.errors = [*form.speaker.errors,
                                   f"No speaker is called “{form.speaker.data}”."]
            valid = False
        else:
            speaker_id = speaker.id
    return form.filters(speaker_id, current_user.id) if valid else None


@bp.route("/")
@requires(Permission.REVIEW)
def queue() -> Any:
    form = QueueFilterForm(request.args)
    form.outlet.choices = [form.outlet.choices[0], *(
        SelectChoice(str(i), name) for i, name in outlet_choices(db.session()))]
    if form.sort.data not in QUEUE_SORTS:
        form.sort.data = "confidence"
    if form.status.data in (None, ""):
        form.status.data = "unreviewed"
    filters = queue_filters(form)
    if filters is None:  # errors beside the filters; no claims rather than the wrong ones
        status, page = 400, QueuePage(items=[], page=1, per_page=PER_PAGE, total=0)
    else:
        status = 200
        page = review_page(db.session(), sort=form.sort.data, page=page_number(),
                           per_page=PER_PAGE, filters=filters,
                           after=request.args.get("after") or None)
    here = request.full_path.rstrip("?")
    return render_template("review/queue.html", page=page, sort=form.sort.data, form=form,
                           args=form.args(), here=here,
                           checked=fact_checks_for_claims(db.session(), page.items),
                           button=SimpleForm(formdata=None),
                           review_form=ReviewForm(formdata=None),
                           kind_labels=KIND_LABELS), status
