"""API endpoints. Each one: authenticate, validate, call one service, commit once, answer.

Writes only ever go through the domain services, so the API leaves the same audit trail as
the web pages; the request commits once at the end, and any refusal leaves nothing behind.

Size: the route table of the API's core resources (articles, claims, reviews, links, tags,
speakers), one section each, sharing the request helpers at the top (``_version``,
``_query_version``, ``_created``, ``_speaker_name``); the desk's endpoints are
``views_desk.py``. Split by resource, those helpers would first move to a module of their
own.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, url_for

from claims_app import db
from claims_app.accounts.permissions import Permission, can
from claims_app.api import errors, queries
from claims_app.api.auth import api_user, token_required
from claims_app.api.blueprint import bp
from claims_app.api.schemas import (
    ApiError,
    Body,
    article_json,
    bad_request,
    claim_json,
    fact_check_json,
    invalid,
    json_body,
    link_json,
    page_args,
    page_json,
    query_choice,
    query_date,
    query_int,
    query_str,
    review_json,
    sort_arg,
    speaker_json,
    tag_json,
)
from claims_app.articles import services as articles
from claims_app.articles.models import Article, DatePrecision
from claims_app.claims import annotate as claim_annotate
from claims_app.claims import services as claims
from claims_app.claims.models import (
    Claim,
    ClaimKind,
    ClaimStatus,
    LinkType,
    Verdict,
)
from claims_app.factchecks.services import fact_checks_for_claim
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import store_draft
from claims_app.name_rules import speaker_name_problem
from claims_app.provenance.services import appearances, paraphrase_fidelity
from claims_app.speakers import services as speakers
from claims_app.speakers.models import Speaker, SpeakerKind
from claims_app.speakers.names import name_key

errors.register(bp)

ID = "<id:{}>"
#: Parsing bound only: an article body's real limit is MAX_ARTICLE_CHARS, checked by the
#: services every way in shares (articles/limits.py); MAX_CONTENT_LENGTH bounds the request.
MAX_BODY_CHARS = 100_000_000
MAX_NOTE = 20000


def _created(payload: dict[str, Any], location: str) -> Response:
    response = jsonify(payload)
    response.status_code = 201
    response.headers["Location"] = location
    return response


def _no_content() -> Response:
    return Response(status=204)


def _version(body: Body) -> int:
    """Updates state the version they started from, so a lost update becomes a 409."""
    version = body.integer("version", required=True, minimum=1)
    assert version is not None
    return version


def _query_version() -> int:
    """Deletes state the version they saw in ``?version=``, like updates in their body: a
    delete without it could remove a record someone changed since, so it is refused."""
    version = query_int("version")
    if version is None:
        raise bad_request("version is required: add ?version=N, the version of the record "
                          "you mean to delete (a 409 tells you if it changed since).",
                          "version")
    return version


def _speaker_name(body: Body, field: str) -> str | None:
    name = body.string(field, max_length=300)
    if name is not None:
        problem = speaker_name_problem(name)
        if problem:
            raise invalid(problem, field)
        key = name_key(name)
        if not key:
            raise invalid(f"{field} must contain a letter or digit.", field)
        if len(key) > 300:
            raise invalid(f"{field} is too long once normalised (300 characters at most).",
                          field)
    return name


# Articles -----------------------------------------------------------------------------------

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
    return _created(article_json(article, with_body=True),
                    url_for("api.get_article", article_id=article.id))


@bp.patch("/articles/" + ID.format("article_id"))
@token_required(Permission.EDIT_ARTICLES)
def update_article(article_id: int) -> Any:
    body = Body(json_body(), {"version", "notes", *ARTICLE_TEXT_FIELDS, "published",
                              "published_precision"})
    version = _version(body)
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
    version = _query_version()
    session = db.session()
    article = articles.get_article(session, article_id)
    articles.delete_article(session, api_user(), article, expected_version=version)
    db.commit()
    return _no_content()


# Claims -------------------------------------------------------------------------------------

CLAIM_FIELDS = {"start", "end", "kind", "text", "speaker_id", "speaker_name", "speaker_role",
                "cue", "said_on", "said_where", "tags", "note", "segments"}


def _claim_speaker(body: Body, data: claims.ClaimInput, current: int | None
                   ) -> claim_annotate.SpeakerChoice | None:
    """Sets ``data.speaker_id`` as given (or keeps ``current``), or returns the choice a
    ``speaker_name`` makes: the speaker it resolves to, created if new (as extraction does)."""
    if body.has("speaker_id") and body.has("speaker_name"):
        raise invalid("Give speaker_id or speaker_name, not both.", "speaker_name")
    if body.has("speaker_id"):
        speaker_id = body.ident("speaker_id")
        if speaker_id is not None and db.session().get(Speaker, speaker_id) is None:
            raise invalid(f"There is no speaker {speaker_id}.", "speaker_id")
        data.speaker_id = speaker_id
        return None
    name = _speaker_name(body, "speaker_name")
    if name is None:
        data.speaker_id = None if body.has("speaker_name") else current
        return None
    return claim_annotate.SpeakerChoice(name=name, create_new=True, role=data.speaker_role,
                                        seen_on=data.said_on)


def _claim_input(body: Body, claim: Claim | None
                 ) -> tuple[claims.ClaimInput, claim_annotate.SpeakerChoice | None]:
    start = body.integer("start", required=claim is None)
    end = body.integer("end", required=claim is None)
    kind = body.choice("kind", ClaimKind, required=claim is None)
    text = body.string("text", max_length=MAX_BODY_CHARS, strip=False)
    role = body.string("speaker_role", max_length=300)
    cue = body.string("cue", max_length=100)
    said_on = body.date("said_on")
    said_where = body.string("said_where", max_length=200)
    tags = body.strings("tags", max_items=claims.MAX_TAGS, max_length=100)
    note = body.string("note", max_length=MAX_NOTE)
    segments = body.spans("segments", max_items=claims.MAX_SEGMENTS)

    def pick(name: str, given: Any, attr: str | None = None) -> Any:
        if claim is None or body.has(name):
            return given
        return getattr(claim, attr or name)

    span_changed = claim is not None and (body.has("start") or body.has("end"))
    data = claims.ClaimInput(
        start=pick("start", start), end=pick("end", end), kind=pick("kind", kind),
        text=text if body.has("text") else (None if claim is None or span_changed
                                            else claim.text),
        speaker_role=pick("speaker_role", role), cue=pick("cue", cue),
        said_on=pick("said_on", said_on), said_where=pick("said_where", said_where),
        note=pick("note", note),
        tags=tags if tags is not None else ([] if claim is None or body.has("tags")
                                            else [t.name for t in claim.tags]),
    )
    if segments is not None:  # given: these pieces, or (null, []) one segment start..end
        data.segments = segments or [(data.start, data.end)]
    if claim is not None and not body.has("said_on"):
        data.said_on_basis = claim.said_on_basis
    return data, _claim_speaker(body, data, claim.speaker_id if claim else None)


@bp.get("/claims")
@token_required(Permission.READ)
def list_claims() -> Any:
    flt = queries.ClaimFilter(
        article_id=query_int("article_id"), speaker_id=query_int("speaker_id"),
        status=query_choice("status", ClaimStatus), kind=query_choice("kind", ClaimKind),
        tag=query_str("tag"), q=query_str("q"), said_from=query_date("said_from"),
        said_to=query_date("said_to"),
    )
    page_no, per_page = page_args()
    sort = sort_arg(queries.CLAIM_SORTS, "id")
    page = queries.list_claims(db.session(), flt, sort=sort, page=page_no, per_page=per_page)
    return jsonify(page_json(page, [claim_json(c) for c in page.items]))


@bp.get("/claims/" + ID.format("claim_id"))
@token_required(Permission.READ)
def get_claim(claim_id: int) -> Any:
    return jsonify(claim_json(claims.get_claim(db.session(), claim_id)))


@bp.get("/claims/" + ID.format("claim_id") + "/fact-checks")
@token_required(Permission.READ)
def list_claim_fact_checks(claim_id: int) -> Any:
    """What the claim page lists under "Fact-checks of this statement"."""
    session = db.session()
    known = fact_checks_for_claim(session, claims.get_claim(session, claim_id))
    return jsonify({"items": [fact_check_json(k) for k in known]})


@bp.post("/claims")
@token_required(Permission.ANNOTATE)
def create_claim() -> Any:
    body = Body(json_body(), {"article_id", *CLAIM_FIELDS})
    article_id = body.ident("article_id", required=True)
    session = db.session()
    article = session.get(Article, article_id)
    if article is None:
        raise invalid(f"There is no article {article_id}.", "article_id")
    data, speaker = _claim_input(body, None)
    claim = claim_annotate.annotate_claim(session, api_user(), article, data, speaker)
    db.commit()
    return _created(claim_json(claim), url_for("api.get_claim", claim_id=claim.id))


@bp.patch("/claims/" + ID.format("claim_id"))
@token_required(Permission.ANNOTATE)
def update_claim(claim_id: int) -> Any:
    body = Body(json_body(), {"version", "status", *CLAIM_FIELDS})
    version: int | None = _version(body)
    status = body.choice("status", ClaimStatus)
    if status is not None and not can(api_user().role, Permission.REVIEW):
        raise ApiError(403, "Your role does not allow changing a claim's review status.",
                       field="status")
    session = db.session()
    claim = claims.get_claim(session, claim_id)
    if set(body.data) & CLAIM_FIELDS:
        data, speaker = _claim_input(body, claim)
        claim_annotate.revise_claim(session, api_user(), claim, data, speaker,
                                    expected_version=version)
        version = None  # checked; the edit itself may have moved it on
    if status is not None:
        claims.set_status(session, api_user(), claim, status, expected_version=version)
    elif version is not None:
        claims.check_version(claim, version)
    db.commit()
    return jsonify(claim_json(claims.get_claim(session, claim_id)))


@bp.delete("/claims/" + ID.format("claim_id"))
@token_required(Permission.DELETE)
def delete_claim(claim_id: int) -> Any:
    version = _query_version()
    session = db.session()
    claim = claims.get_claim(session, claim_id)
    claims.delete_claim(session, api_user(), claim, expected_version=version)
    db.commit()
    return _no_content()


@bp.get("/claims/" + ID.format("claim_id") + "/appearances")
@token_required(Permission.READ)
def get_claim_appearances(claim_id: int) -> Any:
    session = db.session()
    claim = claims.get_claim(session, claim_id)
    found = appearances(session, claim)
    return jsonify({"earliest": found.earliest.as_dict() if found.earliest else None,
                    "total": found.total,
                    "appearances": [a.as_dict() for a in found.items],
                    "fidelity": [f.as_dict(claim) for f in paraphrase_fidelity(session, claim)]})


# Reviews ------------------------------------------------------------------------------------

@bp.get("/claims/" + ID.format("claim_id") + "/reviews")
@token_required(Permission.READ)
def list_claim_reviews(claim_id: int) -> Any:
    claims.get_claim(db.session(), claim_id)
    return _reviews_page(claim_id)


@bp.get("/reviews")
@token_required(Permission.READ)
def list_reviews() -> Any:
    return _reviews_page(query_int("claim_id"))


def _reviews_page(claim_id: int | None) -> Any:
    verdict = query_choice("verdict", Verdict)
    page_no, per_page = page_args()
    sort = sort_arg(queries.REVIEW_SORTS, "id")
    page = queries.list_reviews(db.session(), claim_id=claim_id, verdict=verdict, sort=sort,
                                page=page_no, per_page=per_page)
    return jsonify(page_json(page, [review_json(r) for r in page.items]))


@bp.get("/reviews/" + ID.format("review_id"))
@token_required(Permission.READ)
def get_review(review_id: int) -> Any:
    return jsonify(review_json(queries.get_review(db.session(), review_id)))


@bp.post("/claims/" + ID.format("claim_id") + "/reviews")
@token_required(Permission.REVIEW)
def create_review(claim_id: int) -> Any:
    body = Body(json_body(), {"verdict", "note", "rating_text", "evidence_urls"})
    verdict = body.choice("verdict", Verdict, required=True)
    assert verdict is not None
    note = body.string("note", max_length=MAX_NOTE)
    rating_text = body.string("rating_text", max_length=200)
    urls = body.strings("evidence_urls", max_items=50, max_length=2000) or []
    session = db.session()
    claim = claims.get_claim(session, claim_id)
    review = claims.add_review(session, api_user(), claim, verdict, note=note,
                               rating_text=rating_text, evidence_urls=urls)
    db.commit()
    return _created(review_json(review), url_for("api.get_review", review_id=review.id))


# Links --------------------------------------------------------------------------------------

@bp.get("/links")
@token_required(Permission.READ)
def list_links() -> Any:
    claim_id = query_int("claim_id")
    link_type = query_choice("link_type", LinkType)
    page_no, per_page = page_args()
    sort = sort_arg(queries.LINK_SORTS, "id")
    page = queries.list_links(db.session(), claim_id=claim_id, link_type=link_type, sort=sort,
                              page=page_no, per_page=per_page)
    return jsonify(page_json(page, [link_json(link) for link in page.items]))


@bp.get("/links/" + ID.format("link_id"))
@token_required(Permission.READ)
def get_link(link_id: int) -> Any:
    return jsonify(link_json(queries.get_link(db.session(), link_id)))


@bp.post("/links")
@token_required(Permission.LINK)
def create_link() -> Any:
    body = Body(json_body(), {"source_id", "target_id", "link_type", "note"})
    source_id = body.ident("source_id", required=True)
    target_id = body.ident("target_id", required=True)
    link_type = body.choice("link_type", LinkType, required=True)
    note = body.string("note", max_length=5000)
    session = db.session()
    source, target = session.get(Claim, source_id), session.get(Claim, target_id)
    if source is None:
        raise invalid(f"There is no claim {source_id}.", "source_id")
    if target is None:
        raise invalid(f"There is no claim {target_id}.", "target_id")
    assert link_type is not None
    link = claims.add_link(session, api_user(), source, target, link_type, note=note)
    db.commit()
    return _created(link_json(link), url_for("api.get_link", link_id=link.id))


@bp.delete("/links/" + ID.format("link_id"))
@token_required(Permission.LINK)
def delete_link(link_id: int) -> Any:
    session = db.session()
    claims.remove_link(session, api_user(), queries.get_link(session, link_id))
    db.commit()
    return _no_content()


# Tags ---------------------------------------------------------------------------------------

@bp.get("/tags")
@token_required(Permission.READ)
def list_tags() -> Any:
    q = query_str("q")
    page_no, per_page = page_args()
    sort = sort_arg(queries.TAG_SORTS, "name")
    page = queries.list_tags(db.session(), q=q, sort=sort, page=page_no, per_page=per_page)
    return jsonify(page_json(page, [tag_json(tag, n) for tag, n in page.items]))


# Speakers -----------------------------------------------------------------------------------

def _speaker_fields(body: Body) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if body.has("name"):
        values["name"] = _speaker_name(body, "name")
        if values["name"] is None:
            raise invalid("name must be a string, not null.", "name")
    if body.has("kind"):
        values["kind"] = body.choice("kind", SpeakerKind, required=True)
    if body.has("description"):
        values["description"] = body.string("description", max_length=MAX_NOTE) or None
    if body.has("external_id"):
        values["external_id"] = body.string("external_id", max_length=50) or None
    return values


@bp.get("/speakers")
@token_required(Permission.READ)
def list_speakers() -> Any:
    q = query_str("q")
    kind = query_choice("kind", SpeakerKind)
    page_no, per_page = page_args()
    sort = sort_arg(queries.SPEAKER_SORTS, "name")
    page = queries.list_speakers(db.session(), q=q, kind=kind, sort=sort, page=page_no,
                                 per_page=per_page)
    return jsonify(page_json(page, [speaker_json(s) for s in page.items]))


@bp.get("/speakers/" + ID.format("speaker_id"))
@token_required(Permission.READ)
def get_speaker(speaker_id: int) -> Any:
    return jsonify(speaker_json(speakers.get_speaker(db.session(), speaker_id)))


@bp.post("/speakers")
@token_required(Permission.EDIT_SPEAKERS)
def create_speaker() -> Any:
    body = Body(json_body(), {"name", "kind", "description", "external_id"})
    if not body.has("name"):
        raise invalid("name is required.", "name")
    fields = _speaker_fields(body)
    speaker = speakers.create_speaker(db.session(), api_user(), fields.pop("name"), **fields)
    db.commit()
    return _created(speaker_json(speaker), url_for("api.get_speaker", speaker_id=speaker.id))


@bp.patch("/speakers/" + ID.format("speaker_id"))
@token_required(Permission.EDIT_SPEAKERS)
def update_speaker(speaker_id: int) -> Any:
    body = Body(json_body(), {"version", "name", "kind", "description", "external_id"})
    version = _version(body)
    changes = _speaker_fields(body)
    session = db.session()
    speaker = speakers.get_speaker(session, speaker_id)
    speakers.update_speaker(session, api_user(), speaker, changes, expected_version=version)
    db.commit()
    return jsonify(speaker_json(speaker))


@bp.delete("/speakers/" + ID.format("speaker_id"))
@token_required(Permission.DELETE)
def delete_speaker(speaker_id: int) -> Any:
    version = _query_version()
    session = db.session()
    speaker = speakers.get_speaker(session, speaker_id)
    speakers.delete_speaker(session, api_user(), speaker, expected_version=version)
    db.commit()
    return _no_content()
