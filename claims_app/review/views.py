"""The review queue page. Its buttons post to the claim views, which return here."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires
from claims_app.claims.forms import KIND_LABELS, ReviewForm, SimpleForm
from claims_app.factchecks.services import fact_checks_for_claims
from claims_app.inputs import page_number, query_id
from claims_app.review.services import QUEUE_SORTS, review_page

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="templates")
PER_PAGE = 20


@bp.route("/")
@requires(Permission.REVIEW)
def queue() -> Any:
    sort = request.args.get("sort", "confidence")
    if sort not in QUEUE_SORTS:
        sort = "confidence"
    article_id = query_id("article")
    factchecked = request.args.get("factchecked") == "1"
    page = review_page(db.session(), sort=sort, page=page_number(),
                       per_page=PER_PAGE, article_id=article_id,
                       after=request.args.get("after") or None, factchecked=factchecked)
    here = request.full_path.rstrip("?")
    return render_template("review/queue.html", page=page, sort=sort, sorts=QUEUE_SORTS,
                           article_id=article_id, factchecked=factchecked,
                           checked=fact_checks_for_claims(db.session(), page.items),
                           here=here, button=SimpleForm(formdata=None),
                           review_form=ReviewForm(formdata=None), kind_labels=KIND_LABELS)
