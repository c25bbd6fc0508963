"""Blueprints, error pages and template helpers: how the web app is assembled."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template

from claims_app.accounts.permissions import Permission
from claims_app.errors import ServiceError
from claims_app.security import user_can


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

    for code in (400, 403, 404, 405, 409, 413, 500):
        app.register_error_handler(code, _error_page)
    app.register_error_handler(ServiceError, _service_error)

    from claims_app import api

    api.init_app(app)  # JSON API (its own JSON errors) and the account's API token page

    from claims_app.imports.views import bp as imports_bp

    app.register_blueprint(imports_bp)


def _index() -> Any:
    """The start page is the dashboard (it asks for a login like every other page)."""
    from claims_app.dashboard.views import index

    return index()


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
    code = getattr(error, "code", 500) or 500
    description = getattr(error, "description", "Something went wrong.")
    return render_template("errors/error.html", code=code, description=description), code


def _service_error(error: ServiceError) -> Any:
    return (
        render_template("errors/error.html", code=error.status_code, description=error.message),
        error.status_code,
    )
