"""Log in and out, change one's own password, and (admins) manage user accounts."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask.wrappers import Response
from flask_limiter import RequestLimit
from flask_login import current_user

from claims_app import db
from claims_app.accounts import services
from claims_app.accounts.forms import (
    ActiveForm,
    ChangePasswordForm,
    CreateUserForm,
    LoginForm,
    LogoutEverywhereForm,
    RoleForm,
    policy_help,
)
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import (
    failed_login,
    limiter,
    log_in,
    log_out,
    login_rate_limits,
    login_throttle_key,
    requires,
    retry_after_seconds,
    safe_next,
)
from claims_app.accounts.services import LoginRefused, authenticate
from claims_app.errors import ServiceError

bp = Blueprint("accounts", __name__, template_folder="templates")


def _throttled(limit: RequestLimit) -> Response:
    """The login page again, saying how long to wait; the typed username is kept."""
    wait = retry_after_seconds(limit)
    form = LoginForm()
    form.password.errors = [
        f"Too many failed attempts for this account from your address. Wait {wait} "
        f"second{'s' if wait != 1 else ''} and try again."]
    response = make_response(render_template("accounts/login.html", form=form), 429)
    response.headers["Retry-After"] = str(wait)
    return response


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_rate_limits, key_func=login_throttle_key, methods=["POST"],
               deduct_when=failed_login, on_breach=_throttled)
def login() -> Any:
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(db.session(), form.username.data or "",
                                form.password.data or "")
        except LoginRefused as refused:
            db.session().rollback()
            form.password.errors = [str(refused)]
            return render_template("accounts/login.html", form=form), 401
        log_in(user)
        db.commit()
        flash(f"Logged in as {user.username}.", "success")
        return redirect(safe_next(request.args.get("next"), url_for("index")))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@requires(Permission.READ)
def logout() -> Any:
    log_out()
    db.commit()
    flash("Logged out.", "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account", methods=["GET"])
@requires(Permission.READ)
def account() -> Any:
    """The account page: who you are, your password, tokens, and your open sessions."""
    return render_template(
        "accounts/account.html", logout_form=LogoutEverywhereForm(),
        sessions=services.count_login_sessions(db.session(), current_user))


@bp.route("/account/logout-everywhere", methods=["POST"])
@requires(Permission.READ)
def logout_everywhere() -> Any:
    """End every session of this account, on every device, this browser's included."""
    form = LogoutEverywhereForm()
    if not form.validate_on_submit():
        flash("The form expired; try again.", "error")
        return redirect(url_for("accounts.account"))
    ended = services.end_all_login_sessions(db.session(), current_user)
    log_out()
    db.commit()
    flash(f"Logged out everywhere ({ended} session{'s' if ended != 1 else ''} ended).",
          "info")
    return redirect(url_for("accounts.login"))


# --- Own password ------------------------------------------------------------------------


def _field_error(form: Any, error: ServiceError) -> None:
    """A service's refusal beside the field it names (or on the form's first field)."""
    target = getattr(form, error.field or "", None)
    if target is None or not hasattr(target, "errors"):
        flash(error.message, "error")
        return
    target.errors = [*target.errors, error.message]


@bp.route("/account/password", methods=["GET", "POST"])
@requires(Permission.READ)
def change_password() -> Any:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(db.session(), current_user, form.current_password.data or "",
                                     form.new_password.data or "")
        except ServiceError as error:
            db.session().rollback()
            _field_error(form, error)
            return render_template("accounts/password.html", form=form,
                                   policy=policy_help()), error.status_code
        # The change ended every session of the account; this browser gets a new one.
        log_in(current_user._get_current_object())
        db.commit()
        flash("Your password was changed; your other sessions were logged out.", "success")
        return redirect(url_for("index"))
    status = 400 if form.errors else 200
    return render_template("accounts/password.html", form=form, policy=policy_help()), status


# --- User administration (admins only) ----------------------------------------------------


def _users_page(create: CreateUserForm, status: int = 200) -> Any:
    users = services.list_users(db.session())
    role_forms = {u.id: RoleForm(formdata=None, data={"role": u.role.value}, prefix=f"u{u.id}")
                  for u in users}
    return render_template("accounts/users.html", users=users, create=create,
                           role_forms=role_forms, policy=policy_help()), status


@bp.route("/admin/users", methods=["GET"])
@requires(Permission.MANAGE_USERS)
def users() -> Any:
    return _users_page(CreateUserForm(formdata=None))


@bp.route("/admin/users", methods=["POST"])
@requires(Permission.MANAGE_USERS)
def create_user() -> Any:
    form = CreateUserForm()
    if not form.validate_on_submit():
        return _users_page(form, 400)
    try:
        user = services.create_user(db.session(), current_user, form.username.data or "",
                                    form.password.data or "", form.role.data or "viewer",
                                    display_name=form.display_name.data or None)
    except ServiceError as error:
        db.session().rollback()
        _field_error(form, error)
        return _users_page(form, error.status_code)
    db.commit()
    flash(f"Created {user.username} ({user.role.value}).", "success")
    return redirect(url_for("accounts.users"))


def _not_self(user: Any, what: str) -> Any | None:
    """Admins may not lock themselves out; another admin has to do it."""
    if user.id == current_user.id:
        flash(f"You cannot {what} your own account; ask another administrator.", "error")
        return _users_page(CreateUserForm(formdata=None), 400)
    return None


@bp.route("/admin/users/<id:user_id>/role", methods=["POST"])
@requires(Permission.MANAGE_USERS)
def set_role(user_id: int) -> Any:
    session = db.session()
    user = services.get_user_by_id(session, user_id)
    form = RoleForm(prefix=f"u{user.id}")
    if not form.validate_on_submit():
        flash("Choose one of the listed roles.", "error")
        return _users_page(CreateUserForm(formdata=None), 400)
    refused = _not_self(user, "change the role of")
    if refused is not None:
        return refused
    services.set_role(session, current_user, user, form.role.data or "viewer")
    db.commit()
    flash(f"{user.username} is now {user.role.value}.", "success")
    return redirect(url_for("accounts.users"))


@bp.route("/admin/users/<id:user_id>/active", methods=["POST"])
@requires(Permission.MANAGE_USERS)
def set_active(user_id: int) -> Any:
    session = db.session()
    user = services.get_user_by_id(session, user_id)
    form = ActiveForm()
    if not form.validate_on_submit():
        flash("Say whether the account should be active.", "error")
        return _users_page(CreateUserForm(formdata=None), 400)
    active = form.active.data == "1"
    if not active:
        refused = _not_self(user, "deactivate")
        if refused is not None:
            return refused
    services.set_active(session, current_user, user, active)
    db.commit()
    flash(f"{user.username} is {'active' if active else 'deactivated'}.", "success")
    return redirect(url_for("accounts.users"))
