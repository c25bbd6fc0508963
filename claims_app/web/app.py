"""Blueprints, error pages and template helpers: how the web app is assembled."""

from __future__ import annotations

from typing import Any

from flask import Flask

from claims_app import api
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import is_web_link, requires, user_can
from claims_app.accounts.views import bp as accounts_bp
from claims_app.annotations.views import bp as annotations_bp
from claims_app.articles.passages import body_html
from claims_app.articles.views import bp as articles_bp
from claims_app.audit.views import bp as audit_bp
from claims_app.claims.views import bp as claims_bp
from claims_app.crossref.questions_views import bp as questions_bp
from claims_app.crossref.search_views import bp as search_bp
from claims_app.dashboard.views import bp as dashboard_bp
from claims_app.dashboard.views import index as dashboard_index
from claims_app.export.views import bp as export_bp
from claims_app.ingest.views import bp as imports_bp
from claims_app.jobs.views import bp as jobs_bp
from claims_app.review.views import bp as review_bp
from claims_app.speakers.views import bp as speakers_bp
from claims_app.web import errors


def init_app(app: Flask) -> None:
    for blueprint in (accounts_bp, articles_bp, claims_bp, review_bp, speakers_bp, audit_bp,
                      dashboard_bp, search_bp):
        app.register_blueprint(blueprint)
    app.add_url_rule("/", endpoint="index", view_func=_index)

    app.jinja_env.globals.update(user_can=user_can, Permission=Permission)
    app.jinja_env.filters["date_or_unknown"] = date_or_unknown
    app.jinja_env.filters["body_html"] = body_html
    app.jinja_env.tests["web_link"] = is_web_link

    errors.init_app(app)

    api.init_app(app)  # JSON API (its own JSON errors) and the account's API token page

    for blueprint in (imports_bp, export_bp, questions_bp, annotations_bp, jobs_bp):
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
