"""Log in and out."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required, login_user, logout_user

from claims_app import db
from claims_app.accounts.forms import LoginForm
from claims_app.accounts.services import LoginRefused, authenticate

bp = Blueprint("accounts", __name__, template_folder="templates")


def _safe_next(target: str | None) -> str:
    """Only follow a ``next`` that stays on this site (no open redirects)."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("index")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(
                db.session(), form.username.data or "", form.password.data or "",
                request.remote_addr or "unknown",
            )
        except LoginRefused as refused:
            db.commit()  # the failed attempt must count even though the login did not happen
            form.password.errors = [str(refused)]
            return render_template("accounts/login.html", form=form), 401
        db.commit()
        login_user(user)
        flash(f"Logged in as {user.username}.", "success")
        return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Any:
    logout_user()
    flash("Logged out.", "info")
    return redirect(url_for("accounts.login"))
