"""Confirm or dismiss a proposed change of position (from the speaker page or a claim page).

Confirming links the later claim to the earlier one as ``contradicts`` through the same
service the claim page's link form uses; dismissing remembers the pair. Both state the
versions of the two claims the proposal was shown for, so a pair edited meanwhile is looked
at again rather than decided unseen.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, url_for
from flask_login import current_user
from wtforms import HiddenField

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires, safe_next
from claims_app.errors import Conflict, InvalidInput, VersionRequired
from claims_app.inputs import Form, submitted_version
from claims_app.positions import services

bp = Blueprint("positions", __name__, url_prefix="/positions", template_folder="templates")


class PositionForm(Form):
    """The pair's claim versions as shown, what kind of change was proposed, and where to
    go back to."""

    earlier_version = HiddenField()
    later_version = HiddenField()
    kind = HiddenField()
    next = HiddenField()


def _decide(earlier_id: int, later_id: int, confirm: bool) -> Any:
    session = db.session()
    services.claim_pair(session, earlier_id, later_id)  # a 404 for a claim not there
    form = PositionForm()
    back = safe_next(form.next.data, url_for("claims.detail", claim_id=later_id))
    if not form.validate_on_submit():
        flash("The form was incomplete; nothing was changed.", "error")
        return redirect(back, 303)
    try:
        versions = (submitted_version(form.earlier_version.data, "earlier_version"),
                    submitted_version(form.later_version.data, "later_version"))
        if confirm:
            services.confirm_position_change(session, current_user, earlier_id, later_id,
                                             versions=versions)
        else:
            services.dismiss_position_change(session, current_user, earlier_id, later_id,
                                             form.kind.data or "", versions=versions)
    except Conflict:
        session.rollback()
        flash("One of the two claims changed after the page was shown, so nothing was "
              "decided. Here they are as now stored.", "error")
        return redirect(back, 303)
    except (InvalidInput, VersionRequired) as error:
        session.rollback()
        flash(error.message, "error")
        return redirect(back, 303)
    db.commit()
    if confirm:
        flash(f"Linked: claim {later_id} contradicts claim {earlier_id}.", "success")
    else:
        flash(f"Dismissed: claims {earlier_id} and {later_id} will not be proposed again.",
              "success")
    return redirect(back, 303)


@bp.route("/<id:earlier_id>/<id:later_id>/confirm", methods=["POST"])
@requires(Permission.LINK)
def confirm(earlier_id: int, later_id: int) -> Any:
    return _decide(earlier_id, later_id, confirm=True)


@bp.route("/<id:earlier_id>/<id:later_id>/dismiss", methods=["POST"])
@requires(Permission.LINK)
def dismiss(earlier_id: int, later_id: int) -> Any:
    return _decide(earlier_id, later_id, confirm=False)
