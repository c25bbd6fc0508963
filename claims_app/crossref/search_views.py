"""The search page, and the download of the claims its filters select.

The text search is ``crossref.search`` (each engine's own full-text index); this module
only turns the form into ``SearchFilters`` and renders the highlighted pieces.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request
from wtforms import SelectChoice

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires
from claims_app.articles.listing import outlet_choices
from claims_app.claims.models import ClaimKind, ClaimStatus
from claims_app.crossref import search_filters as services
from claims_app.crossref.models import SearchEntity
from claims_app.crossref.query import SearchFilters
from claims_app.crossref.search import matching_claim_ids, search
from claims_app.crossref.search_forms import SearchForm
from claims_app.export import FORMATS, ExportFilters
from claims_app.export.views import download
from claims_app.inputs import page_number

bp = Blueprint("search", __name__, url_prefix="/search", template_folder="templates")
PER_PAGE = 20
COUNT_LIMIT = 1_000  # beyond this many hits the page says "more than 1,000 results"
EXPORT_LIMIT = 1_000_000  # a search's claims, all of them, for the download


def _form() -> SearchForm:
    form = SearchForm(request.args)
    form.outlet.choices = [form.outlet.choices[0], *(
        SelectChoice(str(i), name) for i, name in outlet_choices(db.session()))]
    return form


def _speaker_id(form: SearchForm) -> tuple[bool, int | None]:
    """(ok, id) for the speaker box; an unknown name is an error beside the field."""
    if not form.speaker.data:
        return True, None
    speaker = services.speaker_for_filter(db.session(), form.speaker.data)
    if speaker is None:
        form.speaker.errors = [*form.speaker.errors,
                               f"No speaker is called “{form.speaker.data}”."]
        return False, None
    return True, speaker.id


def _filter_values(form: SearchForm, speaker_id: int | None) -> dict[str, Any]:
    return {
        "speaker_id": speaker_id,
        "outlet_id": int(form.outlet.data) if form.outlet.data else None,
        "kind": ClaimKind(form.kind.data) if form.kind.data else None,
        "status": ClaimStatus(form.status.data) if form.status.data else None,
        "reviewed": {"yes": True, "no": False}.get(form.reviewed.data or ""),
        "tag": (form.tag.data or "").strip() or None,
        "said_from": form.said_from.data, "said_to": form.said_to.data,
        "published_from": form.published_from.data, "published_to": form.published_to.data,
    }


def _export_formats() -> list[str]:
    return list(FORMATS)


@bp.route("/")
@requires(Permission.READ)
def index() -> Any:
    form = _form()
    searched = bool(request.args)
    results = None
    status = 200
    valid = form.validate() if searched else True
    ok, speaker_id = _speaker_id(form) if searched else (True, None)
    if searched and (not valid or not ok):
        status = 400
    elif form.q.data:
        entities = frozenset({SearchEntity(form.type.data)}) if form.type.data else None
        filters = SearchFilters(entities=entities, **_filter_values(form, speaker_id))
        results = search(db.session(), form.q.data, filters=filters,
                         page=page_number(), per_page=PER_PAGE,
                         count_limit=COUNT_LIMIT)
    return render_template(
        "search/index.html", form=form, results=results,
        args={"q": form.q.data or "", "type": form.type.data or "", **form.filter_args()},
        filter_args=form.filter_args(), formats=_export_formats(),
    ), status


@bp.route("/export")
@requires(Permission.EXPORT)
def export() -> Any:
    """Download exactly the claims the search shows (every page of them), streamed in the
    chosen format; without search words, the claims the filters select."""
    fmt = request.args.get("format", "csv")
    if fmt not in FORMATS:
        abort(400, f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    form = _form()
    ok, speaker_id = _speaker_id(form)
    if not form.validate() or not ok:
        errors = "; ".join(e for f in form for e in f.errors)
        abort(400, f"The filters are not valid: {errors}")
    values = _filter_values(form, speaker_id)
    if form.q.data:
        ids: list[int] = []
        if form.type.data in ("", None, "claim"):  # articles and speakers carry no claims
            ids = matching_claim_ids(db.session(), form.q.data, SearchFilters(**values),
                                     limit=EXPORT_LIMIT)
        filters = ExportFilters(claim_ids=tuple(ids))
    else:
        reviewed = values.pop("reviewed")
        filters = ExportFilters(**values, reviewed_only=reviewed is True,
                                unreviewed_only=reviewed is False)
    return download(fmt, filters)
