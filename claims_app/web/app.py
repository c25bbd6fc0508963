"""Blueprints, error pages and template helpers: how the web app is assembled."""

from __future__ import annotations

from typing import Any

from flask import Flask
from markupsafe import Markup

from claims_app import (
    accounts,
    api,
    articles,
    audit,
    claims,
    crossref,
    dashboard,
    desk,
    export,
    ingest,
    jobs,
    positions,
    review,
    speakers,
)
from claims_app import annotations as web_annotations  # not ``annotations``: the __future__ name
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import is_web_link, requires, user_can
from claims_app.articles.passages import body_html
from claims_app.dashboard.views import index as dashboard_index
from claims_app.web import errors

#: The packages that bring pages; each ``init_app`` registers its own blueprints (and the
#: commands that go with them), so adding a page never means editing this module.
PACKAGES = (accounts, articles, claims, review, speakers, audit, dashboard, crossref, api,
            ingest, export, web_annotations, jobs, desk, positions)


def init_app(app: Flask) -> None:
    app.add_url_rule("/", endpoint="index", view_func=_index)

    app.jinja_env.globals.update(user_can=user_can, Permission=Permission)
    app.jinja_env.filters["date_or_unknown"] = date_or_unknown
    app.jinja_env.filters["body_html"] = body_html
    app.jinja_env.filters["article_title"] = article_title
    app.jinja_env.tests["web_link"] = is_web_link

    errors.init_app(app)

    for package in PACKAGES:
        package.init_app(app)


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


def article_title(article: Any, length: int | None = None) -> Markup:
    """An article's title for any list or heading: its own, or (untitled) the one derived
    from its first sentence, in italics and labelled "derived title" for every reader, so
    nobody takes it for the outlet's headline. ``length`` truncates at a word, as
    ``truncate`` would."""
    text = article.display_title
    if length is not None and len(text) > length:
        cut = text.rfind(" ", 0, length)
        text = text[:cut if cut > 0 else length].rstrip() + "…"
    if not article.title_is_derived:
        return Markup("{}").format(text)
    return Markup('<i class="derived-title" title="Derived title: the article has none; '
                  'this is its first sentence">{}</i><span class="derived-label"> '
                  '(derived title)</span>').format(text)
