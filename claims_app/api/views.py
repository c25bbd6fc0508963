"""API endpoints. Each one: authenticate, validate, call one service, commit once, answer.

Writes only ever go through the domain services, so the API leaves the same audit trail as
the web pages; the request commits once at the end, and any refusal leaves nothing behind.

This module holds the claims, their reviews and links, and tags; articles and speakers are
``views_articles.py`` and ``views_speakers.py``, the desk ``views_desk.py``, and what they all
share ``endpoint.py``.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, url_for

from claims_app import db
from claims_app.accounts.permissions import Permission, can
from claims_app.api import errors, queries
from claims_app.api.auth import api_user, token_required
from claims_app.api.blueprint import bp
from claims_app.api.endpoint import (
    ID,
    MAX_BODY_CHARS,
    MAX_NOTE,
    created_response,
    no_content,
    query_version,
    speaker_name_arg,
    stated_version,
)
from claims_app.api.records import (
    claim_json,
    fact_check_json,
    link_json,
    page_json,
    review_json,
    tag_json,
)
from claims_app.api.schemas import (
    ApiError,
    Body,
    invalid,
    json_body,
    page_args,
    query_choice,
    query_date,
    query_int,
    query_str,
    sort_arg,
)
from claims_app.articles.models import Article
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
from claims_app.provenance.services import appearances, paraphrase_fidelity
from claims_app.speakers.models import Speaker

errors.register(bp)


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
    name = speaker_name_arg(body, "speaker_name")
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
    return created_response(claim_json(claim), url_for("api.get_claim", claim_id=claim.id))


@bp.patch("/claims/" + ID.format("claim_id"))
@token_required(Permission.ANNOTATE)
def update_claim(claim_id: int) -> Any:
    body = Body(json_body(), {"version", "status", *CLAIM_FIELDS})
    version: int | None = stated_version(body)
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
    version = query_version()
    session = db.session()
    claim = claims.get_claim(session, claim_id)
    claims.delete_claim(session, api_user(), claim, expected_version=version)
    db.commit()
    return no_content()


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
    return created_response(review_json(review), url_for("api.get_review", review_id=review.id))


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
    return created_response(link_json(link), url_for("api.get_link", link_id=link.id))


@bp.delete("/links/" + ID.format("link_id"))
@token_required(Permission.LINK)
def delete_link(link_id: int) -> Any:
    session = db.session()
    claims.remove_link(session, api_user(), queries.get_link(session, link_id))
    db.commit()
    return no_content()


# Tags ---------------------------------------------------------------------------------------

@bp.get("/tags")
@token_required(Permission.READ)
def list_tags() -> Any:
    q = query_str("q")
    page_no, per_page = page_args()
    sort = sort_arg(queries.TAG_SORTS, "name")
    page = queries.list_tags(db.session(), q=q, sort=sort, page=page_no, per_page=per_page)
    return jsonify(page_json(page, [tag_json(tag, n) for tag, n in page.items]))
