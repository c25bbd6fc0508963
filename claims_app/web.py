"""Blueprints, error pages and template helpers: how the web app is assembled."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from sqlalchemy.orm.exc import StaleDataError

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.errors import ServiceError
from claims_app.security import requires, user_can


def init_app(app: Flask) -> None:
    from claims_app.accounts.views import bp as accounts_bp
    from claims_app.articles.views import bp as articles_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(articles_bp)
    from claims_app.claims.views import bp as claims_bp
    from claims_app.review.views import bp as review_bp

    app.register_blueprint(claims_bp)
    app.register_blueprint(review_bp)
    from claims_app.audit.views import bp as audit_bp
    from claims_app.dashboard.views import bp as dashboard_bp
    from claims_app.search.views import bp as search_bp
    from claims_app.speakers.views import bp as speakers_bp

    app.register_blueprint(speakers_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(search_bp)
    app.add_url_rule("/", endpoint="index", view_func=_index)

    app.jinja_env.globals.update(user_can=user_can, Permission=Permission)
    app.jinja_env.filters["date_or_unknown"] = date_or_unknown
    from claims_app.articles.passages import body_html

    app.jinja_env.filters["body_html"] = body_html
    app.jinja_env.tests["web_link"] = is_web_link

    for code in (400, 403, 404, 405, 409, 413, 500):
        app.register_error_handler(code, _error_page)
    app.register_error_handler(ServiceError, _service_error)
    app.register_error_handler(StaleDataError, _stale_data)

    from claims_app import api

    api.init_app(app)  # JSON API (its own JSON errors) and the account's API token page

    from claims_app.imports.views import bp as imports_bp

    app.register_blueprint(imports_bp)
    from claims_app.export.views import bp as export_bp
    from claims_app.questions.views import bp as questions_bp

    app.register_blueprint(export_bp)
    app.register_blueprint(questions_bp)
    from claims_app.jobs.views import bp as jobs_bp

    app.register_blueprint(jobs_bp)


@requires(Permission.READ)
def _index() -> Any:
    """The start page is the dashboard (it asks for a login like every other page)."""
    from claims_app.dashboard.views import index

    return index()


def is_web_link(value: Any) -> bool:
    """Only http(s) addresses may become links: a stored ``javascript:`` or ``data:`` URL
    (imported, restored or typed) is shown as text, never made clickable."""
    if not isinstance(value, str):
        return False
    scheme, sep, rest = value.strip().partition(":")
    return bool(sep) and scheme.lower() in ("http", "https") and rest.startswith("//")


def date_or_unknown(value: Any, precision: str | None = None, partial: str | None = None) -> str:
    """Show a date as precisely as it is known, and say "unknown" rather than invent one."""
    if value is None:
        return f"unknown (source says “{partial}”)" if partial else "unknown"
    if precision == "year":
        return f"{value:%Y}"
    if precision == "month":
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def _error_page(error: Any) -> Any:
    # The failed request's transaction may be broken; the page must not need it.
    db.rollback()
    code = getattr(error, "code", 500) or 500
    description = getattr(error, "description", "Something went wrong.")
    if code == 413:
        description = (f"The request is larger than the {size_limit()} this server accepts "
                       "at once. Send less at a time (for imports: fewer or smaller files).")
    return render_template("errors/error.html", code=code, description=description), code


def size_limit() -> str:
    """MAX_CONTENT_LENGTH as a person reads it (e.g. "60 MB")."""
    from flask import current_app

    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit} bytes"


def _stale_data(error: StaleDataError) -> Any:
    """Two saves of one record raced past the version check; the later one lost.

    The version column made the database refuse it, so nothing was overwritten; the person is
    told to reload and re-apply, like any other conflict (JSON for the API).
    """
    db.rollback()
    message = ("Someone else saved this record at the same moment, so your change was not "
               "saved. Reload it, check their change, and apply yours again.")
    if request.path.startswith("/api/"):
        return jsonify({"error": message}), 409
    return render_template("errors/error.html", code=409, description=message), 409


def _service_error(error: ServiceError) -> Any:
    return (
        render_template("errors/error.html", code=error.status_code, description=error.message),
        error.status_code,
    )
