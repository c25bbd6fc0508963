"""Blueprints, error pages and template helpers: how the web app is assembled."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import SecurityError, default_exceptions

from claims_app import api, db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.views import bp as accounts_bp
from claims_app.annotations.views import bp as annotations_bp
from claims_app.articles.passages import body_html
from claims_app.articles.views import bp as articles_bp
from claims_app.audit.views import bp as audit_bp
from claims_app.claims.views import bp as claims_bp
from claims_app.config import size_limit
from claims_app.dashboard.views import bp as dashboard_bp
from claims_app.dashboard.views import index as dashboard_index
from claims_app.errors import ServiceError
from claims_app.export.views import bp as export_bp
from claims_app.imports.views import bp as imports_bp
from claims_app.jobs.views import bp as jobs_bp
from claims_app.positions.views import bp as positions_bp
from claims_app.questions.views import bp as questions_bp
from claims_app.review.views import bp as review_bp
from claims_app.search.views import bp as search_bp
from claims_app.security import is_web_link, requires, user_can
from claims_app.speakers.views import bp as speakers_bp


def init_app(app: Flask) -> None:
    for blueprint in (accounts_bp, articles_bp, claims_bp, review_bp, speakers_bp, audit_bp,
                      dashboard_bp, search_bp):
        app.register_blueprint(blueprint)
    app.add_url_rule("/", endpoint="index", view_func=_index)

    app.jinja_env.globals.update(user_can=user_can, Permission=Permission)
    app.jinja_env.filters["date_or_unknown"] = date_or_unknown
    app.jinja_env.filters["body_html"] = body_html
    app.jinja_env.tests["web_link"] = is_web_link

    for code in (400, 403, 404, 405, 409, 413, 500):
        app.register_error_handler(code, _error_page)
    app.register_error_handler(ServiceError, _service_error)
    app.register_error_handler(SecurityError, _untrusted_host)
    app.register_error_handler(StaleDataError, _stale_data)

    api.init_app(app)  # JSON API (its own JSON errors) and the account's API token page

    for blueprint in (imports_bp, export_bp, questions_bp, annotations_bp, jobs_bp,
                      positions_bp):
        app.register_blueprint(blueprint)


@requires(Permission.READ)
def _index() -> Any:
    """The start page is the dashboard (it asks for a login like every other page)."""
    return dashboard_index()


def date_or_unknown(value: Any, precision: str | None = None, partial: str | None = None) -> str:
    """Show a date as precisely as it is known, and say "unknown" rather than invent one."""
    if value is None:
        return f"unknown (source says “{partial}”)" if partial else "unknown"
    if precision == "year":
        return f"{value:%Y}"
    if precision == "month":
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


#: Our sentence for an error raised without one of its own (Werkzeug's stock description is
#: written for a web server's operator, not for the person at the page).
OUR_WORDS: dict[int, str] = {
    403: "Your account may not open this page. Ask an administrator if your work needs it.",
    404: "There is nothing at this address: the record may have been deleted, or the link "
         "may be mistyped.",
    405: "This address does not accept that kind of request; follow a link or button on "
         "the site instead.",
    500: "Something went wrong on our side and nothing was saved. Try again; if it happens "
         "again, tell an administrator what you were doing.",
}


def _error_page(error: Any) -> Any:
    # The failed request's transaction may be broken; the page must not need it.
    db.rollback()
    code = getattr(error, "code", 500) or 500
    description = getattr(error, "description", "Something went wrong.")
    server_words = getattr(default_exceptions.get(code), "description", None)
    if description == server_words and code in OUR_WORDS:
        description = OUR_WORDS[code]
    if code == 413:
        description = (f"The request is larger than the {size_limit()} this server accepts "
                       "at once. Send less at a time (for imports: fewer or smaller files).")
    return render_template("errors/error.html", code=code, description=description), code


def _untrusted_host(error: SecurityError) -> Any:
    """A Host header outside TRUSTED_HOSTS: 400 in plain text. No page template, since no
    URL can be built for a host we do not serve, and nothing the client sent is echoed."""
    return Response("This server does not answer to that host name.\n", status=400,
                    mimetype="text/plain")


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
