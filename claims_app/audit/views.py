"""History pages: a record's audit trail with diffs, revert, and undelete of deleted records."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires
from claims_app.audit import history as services
from claims_app.errors import ServiceError
from claims_app.inputs import page_number, submitted_version

bp = Blueprint("audit", __name__, url_prefix="/history", template_folder="templates")

_RECORD_ENDPOINTS = {"claim": ("claims.detail", "claim_id"),
                     "article": ("articles.detail", "article_id"),
                     "speaker": ("speakers.detail", "speaker_id")}


def record_url(entity_type: str, entity_id: int) -> str | None:
    """The page of a record, when that page exists in this build (claims pages may not)."""
    target = _RECORD_ENDPOINTS.get(entity_type)
    if target is None or target[0] not in current_app.view_functions:
        return None
    endpoint, arg = target
    values: dict[str, Any] = {arg: entity_id}
    return url_for(endpoint, **values)


@bp.route("/<entity_type>/<id:entity_id>")
@requires(Permission.READ)
def history(entity_type: str, entity_id: int) -> Any:
    session = db.session()
    entries = services.history(session, entity_type, entity_id)
    version = services.current_version(session, entity_type, entity_id)
    return render_template("audit/history.html", entries=entries, entity_type=entity_type,
                           entity_id=entity_id, version=version,
                           record_url=record_url(entity_type, entity_id) if version else None)


@bp.route("/revert/<id:event_id>", methods=["POST"])
@requires(Permission.REVERT)
def revert(event_id: int) -> Any:
    session = db.session()
    event = services.get_event(session, event_id)
    target = url_for("audit.history", entity_type=event.entity_type, entity_id=event.entity_id)
    expected = submitted_version(request.form.get("expected_version"), "expected_version")
    try:
        services.revert_event(session, current_user, event_id, expected_version=expected)
    except ServiceError as error:
        session.rollback()
        flash(error.message, "error")
        entries = services.history(session, event.entity_type, event.entity_id)
        version = services.current_version(session, event.entity_type, event.entity_id)
        return render_template(
            "audit/history.html", entries=entries, entity_type=event.entity_type,
            entity_id=event.entity_id, version=version,
            record_url=record_url(event.entity_type, event.entity_id),
        ), error.status_code
    db.commit()
    flash(f"Reverted change #{event_id}.", "success")
    return redirect(target)


@bp.route("/deleted")
@requires(Permission.READ)
def deleted() -> Any:
    entity_type = request.args.get("type") or None
    page = services.deleted_records(db.session(), entity_type=entity_type,
                                    page=page_number())
    return render_template("audit/deleted.html", page=page, entity_type=entity_type,
                           types=services.ENTITY_TYPES)


@bp.route("/undelete/<id:event_id>", methods=["POST"])
@requires(Permission.DELETE)
def undelete(event_id: int) -> Any:
    session = db.session()
    try:
        event = services.undelete(session, current_user, event_id)
    except ServiceError as error:
        session.rollback()
        flash(error.message, "error")
        page = services.deleted_records(session)
        return render_template("audit/deleted.html", page=page, entity_type=None,
                               types=services.ENTITY_TYPES), error.status_code
    db.commit()
    flash(f"Undeleted {event.entity_type} {event.entity_id}.", "success")
    return redirect(record_url(event.entity_type, event.entity_id)
                    or url_for("audit.history", entity_type=event.entity_type,
                               entity_id=event.entity_id))
