"""The profile page's API token section: list, create (the token is shown once), revoke."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires
from claims_app.api import tokens
from claims_app.errors import InvalidInput
from claims_app.inputs import Form

bp = Blueprint("tokens", __name__, url_prefix="/account", template_folder="templates")


class NewTokenForm(Form):
    name = StringField("Name", validators=[DataRequired(), Length(max=tokens.MAX_NAME_LENGTH)],
                       description="What will use it, e.g. “nightly export script”.")
    submit = SubmitField("Create token")


class RevokeForm(Form):
    """CSRF only: revoking is a change, so it is a POST with a token."""

    submit = SubmitField("Revoke")


@bp.route("/tokens", methods=["GET", "POST"])
@requires(Permission.READ)
def index() -> Any:
    form = NewTokenForm()
    new_token: str | None = None
    status = 200
    if form.validate_on_submit():
        try:
            _token, new_token = tokens.create_token(db.session(), current_user,
                                                    form.name.data or "")
        except InvalidInput as exc:
            form.name.errors = [exc.message]
            status = 400
        else:
            db.commit()
            form = NewTokenForm(formdata=None)
    elif form.is_submitted():
        status = 400
    # The plaintext is rendered in this one response only, never stored or flashed.
    return render_template(
        "accounts/tokens.html", form=form, new_token=new_token, revoke_form=RevokeForm(),
        tokens=tokens.list_tokens(db.session(), current_user),
    ), status


@bp.post("/tokens/<id:token_id>/revoke")
@requires(Permission.READ)
def revoke(token_id: int) -> Any:
    form = RevokeForm()
    if not form.validate_on_submit():
        flash("The form expired; try again.", "error")
        return redirect(url_for("tokens.index"))
    token = tokens.revoke_token(db.session(), current_user, token_id)
    db.commit()
    flash(f"Token “{token.name}” revoked; requests using it are now refused.", "success")
    return redirect(url_for("tokens.index"))
