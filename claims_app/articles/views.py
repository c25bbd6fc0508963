"""Article pages."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.articles import services
from claims_app.security import requires

bp = Blueprint("articles", __name__, url_prefix="/articles", template_folder="templates")


@bp.route("/")
@requires(Permission.READ)
def index() -> Any:
    page = services.list_articles(db.session(), page=request.args.get("page", 1, type=int))
    return render_template("articles/list.html", page=page)


@bp.route("/<int:article_id>")
@requires(Permission.READ)
def detail(article_id: int) -> Any:
    article = services.get_article(db.session(), article_id)
    segments = services.highlight_segments(article.body, article.claims)
    return render_template("articles/detail.html", article=article, segments=segments)
