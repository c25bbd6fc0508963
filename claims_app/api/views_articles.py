"""API endpoints of articles: list, read, create (stored like an import, claims extracted),
change and delete.

Same rules as the other endpoints (``api.views``): token auth with the web's permission
table, one service per write (so the audit trail is the web's), one commit.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, url_for

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.api import queries
from claims_app.api.auth import api_user, token_required
from claims_app.api.blueprint import bp
from claims_app.api.endpoint import (
    ID,
    MAX_BODY_CHARS,
    MAX_NOTE,
    created_response,
    no_content,
    query_version,
    stated_version,
)
from claims_app.api.records import article_json, page_json
from claims_app.api.schemas import (
    ApiError,
    Body,
    invalid,
    json_body,
    page_args,
    query_date,
    query_str,
    sort_arg,
)
from claims_app.articles import services as articles
from claims_app.articles.models import DatePrecision
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import store_draft

ARTICLE_TEXT_FIELDS = {
    "title": 500, "author": 200, "outlet": 200, "published_text": 100, "dateline": 200,
    "place": 200, "section": 100, "url": 2000, "language": 16,
}


def _article_fields(body: Body) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, limit in ARTICLE_TEXT_FIELDS.items():
        if body.has(name):
            values[name] = body.string(name, max_length=limit) or None
    if body.has("published"):
        values["published"] = body.date("published")
    if body.has("published_precision"):
        values["published_precision"] = body.choice("published_precision", DatePrecision)
    return values


@bp.get("/articles")
@token_required(Permission.READ)
def list_articles() -> Any:
    flt = queries.ArticleFilter(
        q=query_str("q"), outlet=query_str("outlet"), language=query_str("language"),
        published_from=query_date("published_from"), published_to=query_date("published_to"),
    )
    page_no, per_page = page_args()
    sort = sort_arg(queries.ARTICLE_SORTS, "-published")
    page = queries.list_articles(db.session(), flt, sort=sort, page=page_no, per_page=per_page)
    return jsonify(page_json(page, [article_json(a) for a in page.items]))


@bp.get("/articles/" + ID.format("article_id"))
@token_required(Permission.READ)
def get_article(article_id: int) -> Any:
    article = articles.get_article(db.session(), article_id)
    return jsonify(article_json(article, with_body=True))


@bp.post("/articles")
@token_required(Permission.EDIT_ARTICLES)
def create_article() -> Any:
    body = Body(json_body(), {"body", "source_name", "extract", *ARTICLE_TEXT_FIELDS,
                              "published", "published_precision"})
    text = body.string("body", max_length=MAX_BODY_CHARS, required=True, strip=False)
    if not text or not text.strip():
        raise invalid("body must contain the article's text.", "body")
    source_name = body.string("source_name", max_length=500) or "api"
    extract = body.data.get("extract", True)
    if not isinstance(extract, bool):
        raise invalid("extract must be true or false.", "extract")
    fields = _article_fields(body)
    precision = fields.pop("published_precision", None)
    if fields.get("published") is not None and precision in (None, DatePrecision.UNKNOWN):
        precision = DatePrecision.DAY
    if fields.get("published") is None and precision not in (None, DatePrecision.UNKNOWN):
        raise invalid("published_precision needs a published date.", "published_precision")
    draft = ArticleDraft(body=text, source_name=source_name,
                         published_precision=(precision or DatePrecision.UNKNOWN).value,
                         **fields)
    session = db.session()
    article, created = store_draft(session, draft, api_user(), extract=extract)
    if not created:
        raise ApiError(409, f"This article is already stored as article {article.id}.",
                       field="body", current=article_json(article))
    db.commit()
    return created_response(article_json(article, with_body=True),
                    url_for("api.get_article", article_id=article.id))


@bp.patch("/articles/" + ID.format("article_id"))
@token_required(Permission.EDIT_ARTICLES)
def update_article(article_id: int) -> Any:
    body = Body(json_body(), {"version", "notes", *ARTICLE_TEXT_FIELDS, "published",
                              "published_precision"})
    version = stated_version(body)
    changes = _article_fields(body)
    if body.has("notes"):
        changes["notes"] = body.string("notes", max_length=MAX_NOTE) or None
    session = db.session()
    article = articles.get_article(session, article_id)
    articles.edit_article(session, api_user(), article, changes, expected_version=version)
    db.commit()
    return jsonify(article_json(article, with_body=True))


@bp.delete("/articles/" + ID.format("article_id"))
@token_required(Permission.DELETE)
def delete_article(article_id: int) -> Any:
    version = query_version()
    session = db.session()
    article = articles.get_article(session, article_id)
    articles.delete_article(session, api_user(), article, expected_version=version)
    db.commit()
    return no_content()

