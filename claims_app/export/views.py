"""The Export page, and the one streamed download every "export" button on the site uses.

A download is a GET (it changes nothing), streamed chunk by chunk from ``generate`` so memory
stays flat however many claims there are.
"""

from __future__ import annotations

from typing import Any, TypeVar

from flask import (
    Blueprint,
    Response,
    current_app,
    render_template,
    request,
    stream_with_context,
)
from wtforms import SelectChoice

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires, user_can
from claims_app.articles.listing import outlet_choices
from claims_app.claims.models import ClaimKind, ClaimStatus
from claims_app.crossref import search_filters as lookups
from claims_app.db import utcnow
from claims_app.export.formats import FORMATS, generate
from claims_app.export.forms import ExportFilterForm, ExportForm
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters

FormT = TypeVar("FormT", bound=ExportFilterForm)

bp = Blueprint("export", __name__, url_prefix="/export", template_folder="templates")


def export_options() -> ExportOptions:
    """Claim links start at the configured public address (``CLAIMS_BASE_URL``), not the
    request's Host header; the publisher is the configured organization."""
    return ExportOptions.from_config(current_app.config,
                                     include_accounts=user_can(Permission.MANAGE_USERS))


def download(fmt: str, filters: ExportFilters) -> Response:
    """Stream an export as an attachment named for its format and the day, e.g.
    ``claims-2026-12-06.csv`` (see ``ExportFormat.filename``)."""
    spec = FORMATS[fmt]
    filename = spec.filename(utcnow().date())
    chunks = generate(db.session(), fmt, filters, export_options())
    return Response(
        # content_type, not mimetype: werkzeug adds "; charset=utf-8" to a text/* mimetype,
        # and the CSV's media type already names its charset (it said it twice).
        stream_with_context(chunks), content_type=spec.media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _form(form_class: type[FormT]) -> FormT:
    form = form_class(request.args)
    form.outlet.choices = [form.outlet.choices[0], *(
        SelectChoice(str(i), name) for i, name in outlet_choices(db.session()))]
    return form


def request_filters() -> tuple[ExportFilterForm, ExportFilters | None]:
    """The export filters in the query string (the annotation container reads them too);
    ``None`` when one is invalid, the reason then beside its field in the form's errors."""
    form = _form(ExportFilterForm)
    valid = form.validate()
    ok, speaker_id = _speaker_id(form)
    return form, (_filters(form, speaker_id) if valid and ok else None)


def _speaker_id(form: ExportFilterForm) -> tuple[bool, int | None]:
    """(ok, id): a number is a speaker id, anything else a name or alias."""
    if not form.speaker.data:
        return True, None
    speaker = lookups.speaker_for_filter(db.session(), form.speaker.data)
    if speaker is None:
        form.speaker.errors = [*form.speaker.errors,
                               f"No speaker is called “{form.speaker.data}”."]
        return False, None
    return True, speaker.id


def _filters(form: ExportFilterForm, speaker_id: int | None) -> ExportFilters:
    return ExportFilters(
        status=ClaimStatus(form.status.data) if form.status.data else None,
        kind=ClaimKind(form.kind.data) if form.kind.data else None,
        speaker_id=speaker_id,
        outlet_id=int(form.outlet.data) if form.outlet.data else None,
        tag=(form.tag.data or "").strip() or None,
        said_from=form.said_from.data, said_to=form.said_to.data,
        published_from=form.published_from.data, published_to=form.published_to.data,
        reviewed_only=bool(form.reviewed_only.data),
    )


@bp.route("/")
@requires(Permission.EXPORT)
def index() -> Any:
    """The form; submitted (any query string), the download of the claims it selects."""
    form = _form(ExportForm)
    if not request.args:
        return render_template("export/index.html", form=form)
    valid = form.validate()
    ok, speaker_id = _speaker_id(form)
    if not valid or not ok:
        return render_template("export/index.html", form=form), 400
    return download(form.format.data, _filters(form, speaker_id))
