"""The OpenAPI 3.1 document for /api/v1, built from the same field lists the views use.

It is served at /api/v1/openapi.json and a fuzzing test replays it against the app, so
every path, parameter, body and response (errors included) stays true to the code.

Size: one OpenAPI document: the schema helpers at the top and the paths below build a single
dict whose parts refer to each other by name (``$ref``), and it is checked whole against the
app, so it is read and changed as one.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from claims_app.api import queries
from claims_app.api.blueprint import bp
from claims_app.api.schemas import MAX_ID, MAX_PAGE
from claims_app.articles.models import DatePrecision
from claims_app.claims.models import (
    ClaimKind,
    ClaimOrigin,
    ClaimStatus,
    LinkType,
    SaidOnBasis,
    Verdict,
)
from claims_app.speakers.models import SpeakerKind
from claims_app.web.pagination import MAX_PER_PAGE

JSON = "application/json"


def _str(max_length: int | None = None, **extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", **extra}
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    out = dict(schema)
    out["type"] = [schema["type"], "null"]
    if "enum" in out:
        out["enum"] = [*schema["enum"], None]
    return out


def _enum(enum_cls: Any) -> dict[str, Any]:
    return {"type": "string", "enum": [m.value for m in enum_cls]}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(properties: dict[str, Any], required: list[str] | None = None,
         *, closed: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if closed:
        schema["additionalProperties"] = False
    return schema


ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
DATE = _str(format="date")
STAMP = _str(format="date-time")
NSTR = _nullable(_str())
NDATE = _nullable(DATE)


def _record(properties: dict[str, Any]) -> dict[str, Any]:
    """A response record: every listed field is always present."""
    return _obj(properties, list(properties))


ARTICLE_FIELDS_IN = {
    "title": _nullable(_str(500)), "author": _nullable(_str(200)),
    "outlet": _nullable(_str(200)), "published": NDATE,
    "published_precision": _nullable(_enum(DatePrecision)),
    "published_text": _nullable(_str(100)), "dateline": _nullable(_str(200)),
    "place": _nullable(_str(200)), "section": _nullable(_str(100)),
    "url": _nullable(_str(2000)), "language": _nullable(_str(16)),
}
ARTICLE = {
    "id": ID_SCHEMA, "title": NSTR, "author": NSTR, "outlet": NSTR, "published": NDATE,
    "published_precision": _enum(DatePrecision), "published_text": NSTR, "dateline": NSTR,
    "place": NSTR, "section": NSTR, "url": NSTR, "language": _str(), "source_name": NSTR,
    "notes": NSTR, "content_hash": _str(), "imported_at": STAMP, "created_at": STAMP,
    "updated_at": STAMP, "version": {"type": "integer"},
}
CLAIM = {
    "id": ID_SCHEMA, "article_id": ID_SCHEMA, "speaker_id": _nullable({"type": "integer"}),
    "speaker_name": NSTR, "speaker_role": NSTR, "kind": _enum(ClaimKind), "text": _str(),
    "start": {"type": "integer"}, "end": {"type": "integer"}, "cue": NSTR, "said_on": NDATE,
    "said_on_basis": _enum(SaidOnBasis), "said_where": NSTR, "origin": _enum(ClaimOrigin),
    "confidence": _nullable({"type": "number"}), "status": _enum(ClaimStatus),
    "tags": {"type": "array", "items": _str()}, "note": NSTR, "created_at": STAMP,
    "updated_at": STAMP, "version": {"type": "integer"},
    "segments": {"type": "array", "minItems": 1, "items": _record({
        "start": {"type": "integer"}, "end": {"type": "integer"}, "text": _str()}),
        "description": "The claim's pieces in body order: one for most claims, several for "
                       "a quote split around its attribution (start/end are the outer "
                       "bounds)."},
    "runner_up": _nullable({"type": "object", "required": ["name", "score"],
                            "additionalProperties": False,
                            "properties": {"name": _str(),
                                           "score": _nullable({"type": "number"})},
                            "description": "The speaker the extraction nearly chose."}),
}
CLAIM_FIELDS_IN = {
    "start": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
    "end": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
    "kind": _enum(ClaimKind),
    "text": _nullable(_str(description="When given, must equal the body at [start:end].")),
    "speaker_id": _nullable(ID_SCHEMA),
    "speaker_name": _nullable(_str(300, description="Resolved to a speaker, created if new; "
                                                    "not together with speaker_id.")),
    "speaker_role": _nullable(_str(300)), "cue": _nullable(_str(100)), "said_on": NDATE,
    "said_where": _nullable(_str(200)),
    "tags": _nullable({"type": "array", "maxItems": 30, "items": _str(100)}),
    "note": _nullable(_str(20000)),
    "segments": _nullable({
        "type": "array", "maxItems": 20,
        "items": _obj({"start": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
                       "end": {"type": "integer", "minimum": 0, "maximum": MAX_ID}},
                      ["start", "end"]),
        "description": "The pieces of a quote split around its attribution, in order, from "
                       "start to end; null or left out with a new span: one segment. Left "
                       "out on an edit that keeps the span: the stored segments stay."}),
}
SPEAKER = {
    "id": ID_SCHEMA, "name": _str(), "kind": _enum(SpeakerKind), "description": NSTR,
    "external_id": NSTR, "merged_into_id": _nullable({"type": "integer"}),
    "aliases": {"type": "array", "items": _str()},
    "roles": {"type": "array", "items": _record({
        "title": _str(), "organization": NSTR, "first_seen": NDATE, "last_seen": NDATE})},
    "created_at": STAMP, "updated_at": STAMP, "version": {"type": "integer"},
}
SPEAKER_FIELDS_IN = {
    "name": _str(300), "kind": _enum(SpeakerKind), "description": _nullable(_str(20000)),
    "external_id": _nullable(_str(50)),
}
REVIEW = {
    "id": ID_SCHEMA, "claim_id": ID_SCHEMA, "reviewer": NSTR, "verdict": _enum(Verdict),
    "rating_text": NSTR, "evidence_urls": {"type": "array", "items": _str()}, "note": NSTR,
    "created_at": STAMP,
}
LINK = {
    "id": ID_SCHEMA, "source_id": ID_SCHEMA, "target_id": ID_SCHEMA,
    "link_type": _enum(LinkType), "note": NSTR, "created_by": NSTR, "created_at": STAMP,
}
TAG = {"id": ID_SCHEMA, "name": _str(), "claims": {"type": "integer", "minimum": 0}}
VERSION_IN = {"version": {"type": "integer", "minimum": 1, "maximum": MAX_ID,
                          "description": "The version you read; a stale one gets a 409."}}

SCHEMAS: dict[str, Any] = {
    "Error": _obj({"error": _str(), "field": NSTR}, ["error", "field"]),
    "ConflictError": _obj(
        {"error": _str(), "field": NSTR,
         "current": {"type": "object", "description": "The record as now stored."}},
        ["error", "field", "current"]),
    "Article": _record(ARTICLE),
    "ArticleWithBody": _record({**ARTICLE, "body": _str()}),
    "ArticleCreate": _obj({
        "body": _str(2_000_000, minLength=1), "source_name": _nullable(_str(500)),
        "extract": {"type": "boolean", "description": "Propose claims from the text "
                                                      "(default true)."},
        **ARTICLE_FIELDS_IN}, ["body"]),
    "ArticleUpdate": _obj({**VERSION_IN, **ARTICLE_FIELDS_IN,
                           "notes": _nullable(_str(20000))}, ["version"]),
    "Claim": _record(CLAIM),
    "ClaimCreate": _obj({"article_id": ID_SCHEMA, **CLAIM_FIELDS_IN},
                        ["article_id", "start", "end", "kind"]),
    "ClaimUpdate": _obj({**VERSION_IN, **CLAIM_FIELDS_IN,
                         "status": _nullable(_enum(ClaimStatus))}, ["version"]),
    "Speaker": _record(SPEAKER),
    "SpeakerCreate": _obj(SPEAKER_FIELDS_IN, ["name"]),
    "SpeakerUpdate": _obj({**VERSION_IN, **SPEAKER_FIELDS_IN}, ["version"]),
    "Review": _record(REVIEW),
    "ReviewCreate": _obj({
        "verdict": _enum(Verdict), "note": _nullable(_str(20000)),
        "rating_text": _nullable(_str(200)),
        "evidence_urls": _nullable({"type": "array", "maxItems": 50,
                                    "items": _str(2000, description="http(s) URL")}),
    }, ["verdict"]),
    "Link": _record(LINK),
    "LinkCreate": _obj({"source_id": ID_SCHEMA, "target_id": ID_SCHEMA,
                        "link_type": _enum(LinkType), "note": _nullable(_str(5000))},
                       ["source_id", "target_id", "link_type"]),
    "Tag": _record(TAG),
    "Appearances": _obj({
        "earliest": {"oneOf": [_ref("Appearance"), {"type": "null"}],
                     "description": "The earliest appearance in this archive (never called "
                                    "an origin: older ones may exist elsewhere)."},
        "total": {"type": "integer", "minimum": 0,
                  "description": "Appearances in the statement group, this claim included."},
        "appearances": {"type": "array", "maxItems": 50, "items": _ref("Appearance"),
                        "description": "The others, oldest first (at most 50)."},
        "fidelity": {"type": "array", "maxItems": 20, "items": _ref("Fidelity"),
                     "description": "Paraphrase fidelity: for reported speech, the direct "
                                    "quotes of the same speaker on the same occasion it "
                                    "reports (for a direct quote, the reports of it), each "
                                    "with what the report changed."},
    }, ["earliest", "total", "appearances", "fidelity"]),
    "Fidelity": _record({
        "direct_claim_id": ID_SCHEMA, "reported_claim_id": ID_SCHEMA,
        "claim_id": {**ID_SCHEMA, "description": "The other claim of the pair."},
        "article_id": ID_SCHEMA, "kind": _enum(ClaimKind), "text": _str(), "said_on": NDATE,
        "material": {"type": "boolean",
                     "description": "Whether any difference is material (a possible "
                                    "misquote in the report)."},
        "differences": {"type": "array", "items": _ref("Difference"),
                        "description": "``ours``: the direct quote's words, ``theirs``: the "
                                       "report's (pronoun and tense shifts of reported "
                                       "speech folded away)."},
    }),
    "Appearance": _record({
        "claim_id": ID_SCHEMA, "article_id": ID_SCHEMA, "outlet": NSTR, "published": NDATE,
        "text": _str(), "speaker": NSTR,
        "differences": {"type": "array", "items": _ref("Difference")},
    }),
    "Difference": _record({
        "kind": {"type": "string",
                 "enum": ["number", "negation", "hedge", "entity", "speaker", "wording"]},
        "ours": _str(description="This claim's words."),
        "theirs": _str(description="The appearance's words."),
    }),
    "FactCheckList": _obj({"items": {"type": "array", "maxItems": 5, "items": _record({
        "id": ID_SCHEMA, "claim_reviewed": _str(), "claimant": NSTR,
        "rating_value": _nullable({"type": "number"}),
        "best_rating": _nullable({"type": "number"}),
        "worst_rating": _nullable({"type": "number"}),
        "rating_name": NSTR, "publisher": NSTR, "published": NDATE, "url": NSTR,
        "language": NSTR,
        "score": {"type": "number", "minimum": 0, "maximum": 1,
                  "description": "How alike the fact-check's claim and this one are."},
        "same_speaker": {"type": "boolean",
                         "description": "The claimant is this claim's speaker."},
    })}}, ["items"]),
}
# The desk (issue 16): assignments and comment threads.
ASSIGNMENT = {
    "id": ID_SCHEMA, "article_id": _nullable(ID_SCHEMA), "claim_id": _nullable(ID_SCHEMA),
    "assignee": _str(), "assigned_by": NSTR, "assigned_at": STAMP, "due_note": NSTR,
    "done": {"type": "boolean", "description": "What it covers is reviewed."},
    "version": {"type": "integer"},
}
COMMENT = {
    "id": ID_SCHEMA, "article_id": _nullable(ID_SCHEMA), "claim_id": _nullable(ID_SCHEMA),
    "author": _str(), "text": _str(), "created_at": STAMP, "edited_at": _nullable(STAMP),
    "version": {"type": "integer"},
}
SCHEMAS.update({
    "Assignment": _record(ASSIGNMENT),
    "AssignmentCreate": _obj({
        "article_id": ID_SCHEMA, "claim_id": ID_SCHEMA,
        "assignee": _str(80, description="The reviewer's username."),
        "due_note": _nullable(_str(300)),
        "version": {**VERSION_IN["version"], "description": "To reassign: the version of "
                    "the current assignment; left out when there is none (409 if there is)."},
    }, ["assignee"]),
    "Comment": _record(COMMENT),
    "CommentCreate": _obj({"text": _str(10_000, minLength=1)}, ["text"]),
    "CommentList": _obj({"items": {"type": "array", "items": _ref("Comment")}}, ["items"]),
})

for _name in ("Article", "Claim", "Speaker", "Review", "Link", "Tag", "Assignment"):
    SCHEMAS[f"{_name}Page"] = _obj({
        "items": {"type": "array", "items": _ref(_name)},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        "total": {"type": "integer", "minimum": 0},
    }, ["items", "page", "per_page", "total"])

ERRORS = {
    "400": "Malformed request: unreadable JSON or a bad query parameter.",
    "401": "No token, or an unknown or revoked one.",
    "403": "Your role does not allow this.",
    "404": "No such record.",
    "405": "Method not allowed on this path.",
    "409": "Stale version or duplicate; `current` holds the stored record.",
    "413": "The request body is too large.",
    "422": "A field's value cannot be accepted; `field` names it.",
}


def _error(code: str) -> dict[str, Any]:
    schema = _ref("ConflictError") if code == "409" else _ref("Error")
    return {"description": ERRORS[code], "content": {JSON: {"schema": schema}}}


def _ok(code: str, schema: str | None, description: str) -> dict[str, Any]:
    if schema is None:
        return {code: {"description": description}}
    return {code: {"description": description, "content": {JSON: {"schema": _ref(schema)}}}}


def _param(name: str, schema: dict[str, Any], description: str,
           where: str = "query") -> dict[str, Any]:
    return {"name": name, "in": where, "required": where == "path", "schema": schema,
            "description": description}


def _path_id(name: str) -> dict[str, Any]:
    return _param(name, ID_SCHEMA, "The record's id.", "path")


def _page_params(sorts: Any) -> list[dict[str, Any]]:
    options = [*sorts, *(f"-{s}" for s in sorts)]
    return [
        _param("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
               "Page number, from 1."),
        _param("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                            "default": 50}, "Items per page."),
        _param("sort", {"type": "string", "enum": options},
               "Sort field; a leading '-' sorts descending."),
    ]


def _op(op_id: str, summary: str, tag: str, responses: dict[str, Any], *,
        params: list[dict[str, Any]] | None = None, body: str | None = None,
        errors: tuple[str, ...] = ()) -> dict[str, Any]:
    codes = ["400", "401", "403", "405", *errors]
    if body:
        codes += ["413", "422"]
    operation: dict[str, Any] = {
        "operationId": op_id, "summary": summary, "tags": [tag],
        "responses": {**responses, **{c: _error(c) for c in sorted(set(codes))}},
    }
    if params:
        operation["parameters"] = params
    if body:
        operation["requestBody"] = {"required": True,
                                    "content": {JSON: {"schema": _ref(body)}}}
    return operation


def _date_param(name: str, description: str) -> dict[str, Any]:
    return _param(name, DATE, description)


def _paths() -> dict[str, Any]:
    str_q = {"type": "string", "maxLength": 200}
    version_q = {**_param("version", {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                          "Required: the version you mean to delete; refused with 409 "
                          "unless the stored version is this one (400 without it)."),
                 "required": True}
    article_id, claim_id = _path_id("article_id"), _path_id("claim_id")
    return {
        "/articles": {
            "get": _op("listArticles", "List articles", "articles",
                       _ok("200", "ArticlePage", "A page of articles."), params=[
                           _param("q", str_q, "Words in the title."),
                           _param("outlet", str_q, "Outlet name, exactly."),
                           _param("language", str_q, "Language code."),
                           _date_param("published_from", "Published on or after."),
                           _date_param("published_to", "Published on or before."),
                           *_page_params(queries.ARTICLE_SORTS)]),
            "post": _op("createArticle", "Store an article (and propose its claims)",
                        "articles", _ok("201", "ArticleWithBody", "Stored."),
                        body="ArticleCreate", errors=("409",)),
        },
        "/articles/{article_id}": {
            "parameters": [article_id],
            "get": _op("getArticle", "Read an article with its body", "articles",
                       _ok("200", "ArticleWithBody", "The article."), errors=("404",)),
            "patch": _op("updateArticle", "Change an article's description (not its body)",
                         "articles", _ok("200", "ArticleWithBody", "Updated."),
                         body="ArticleUpdate", errors=("404", "409")),
            "delete": _op("deleteArticle", "Delete an article and its claims", "articles",
                          _ok("204", None, "Deleted."), params=[version_q],
                          errors=("404", "409")),
        },
        "/claims": {
            "get": _op("listClaims", "List claims", "claims",
                       _ok("200", "ClaimPage", "A page of claims."), params=[
                           _param("article_id", ID_SCHEMA, "Claims in this article."),
                           _param("speaker_id", ID_SCHEMA, "Claims by this speaker."),
                           _param("status", _enum(ClaimStatus), "Review status."),
                           _param("kind", _enum(ClaimKind), "Kind of claim."),
                           _param("tag", str_q, "Carrying this tag (any case)."),
                           _param("q", str_q, "Words in the claim's text."),
                           _date_param("said_from", "Said on or after."),
                           _date_param("said_to", "Said on or before."),
                           *_page_params(queries.CLAIM_SORTS)]),
            "post": _op("createClaim", "Annotate a claim in an article", "claims",
                        _ok("201", "Claim", "Created."), body="ClaimCreate"),
        },
        "/claims/{claim_id}": {
            "parameters": [claim_id],
            "get": _op("getClaim", "Read a claim", "claims", _ok("200", "Claim", "The claim."),
                       errors=("404",)),
            "patch": _op("updateClaim", "Change a claim (fields left out keep their values)",
                         "claims", _ok("200", "Claim", "Updated."), body="ClaimUpdate",
                         errors=("404", "409")),
            "delete": _op("deleteClaim", "Delete a claim", "claims",
                          _ok("204", None, "Deleted."), params=[version_q],
                          errors=("404", "409")),
        },
        "/claims/{claim_id}/appearances": {
            "parameters": [claim_id],
            "get": _op("getClaimAppearances",
                       "Where else this statement appears, and how its wording differs",
                       "claims", _ok("200", "Appearances",
                                     "The earliest appearance in this archive and the others, "
                                     "each with its differences from this claim's wording."),
                       errors=("404",)),
        },
        "/claims/{claim_id}/reviews": {
            "parameters": [claim_id],
            "get": _op("listClaimReviews", "A claim's reviews", "reviews",
                       _ok("200", "ReviewPage", "A page of reviews."), errors=("404",),
                       params=[_param("verdict", _enum(Verdict), "Only this verdict."),
                               *_page_params(queries.REVIEW_SORTS)]),
            "post": _op("createReview", "Give a verdict on a claim", "reviews",
                        _ok("201", "Review", "Recorded."), body="ReviewCreate",
                        errors=("404",)),
        },
        "/claims/{claim_id}/fact-checks": {
            "parameters": [claim_id],
            "get": _op("listClaimFactChecks",
                       "Imported fact-checks of the same or a similar statement (at most 5, "
                       "the claim's own speaker's first)", "claims",
                       _ok("200", "FactCheckList", "The known fact-checks."),
                       errors=("404",)),
        },
        "/reviews": {
            "get": _op("listReviews", "List reviews", "reviews",
                       _ok("200", "ReviewPage", "A page of reviews."), params=[
                           _param("claim_id", ID_SCHEMA, "Reviews of this claim."),
                           _param("verdict", _enum(Verdict), "Only this verdict."),
                           *_page_params(queries.REVIEW_SORTS)]),
        },
        "/reviews/{review_id}": {
            "parameters": [_path_id("review_id")],
            "get": _op("getReview", "Read a review", "reviews",
                       _ok("200", "Review", "The review."), errors=("404",)),
        },
        "/links": {
            "get": _op("listLinks", "List claim links", "links",
                       _ok("200", "LinkPage", "A page of links."), params=[
                           _param("claim_id", ID_SCHEMA, "Links from or to this claim."),
                           _param("link_type", _enum(LinkType), "Only this type."),
                           *_page_params(queries.LINK_SORTS)]),
            "post": _op("createLink", "Link two claims", "links",
                        _ok("201", "Link", "Created."), body="LinkCreate"),
        },
        "/links/{link_id}": {
            "parameters": [_path_id("link_id")],
            "get": _op("getLink", "Read a link", "links", _ok("200", "Link", "The link."),
                       errors=("404",)),
            "delete": _op("deleteLink", "Remove a link", "links",
                          _ok("204", None, "Removed."), errors=("404",)),
        },
        "/tags": {
            "get": _op("listTags", "Tags with how many claims carry each", "tags",
                       _ok("200", "TagPage", "A page of tags."),
                       params=[_param("q", str_q, "Part of the tag's name."),
                               *_page_params(queries.TAG_SORTS)]),
        },
        "/speakers": {
            "get": _op("listSpeakers", "List speakers", "speakers",
                       _ok("200", "SpeakerPage", "A page of speakers."), params=[
                           _param("q", str_q, "Part of the name (case, accents and spacing aside); "
                                  "merged speakers are not listed."),
                           _param("kind", _enum(SpeakerKind), "Person or organization."),
                           *_page_params(queries.SPEAKER_SORTS)]),
            "post": _op("createSpeaker", "Add a speaker", "speakers",
                        _ok("201", "Speaker", "Created."), body="SpeakerCreate"),
        },
        "/speakers/{speaker_id}": {
            "parameters": [_path_id("speaker_id")],
            "get": _op("getSpeaker", "Read a speaker", "speakers",
                       _ok("200", "Speaker", "The speaker."), errors=("404",)),
            "patch": _op("updateSpeaker", "Change a speaker", "speakers",
                         _ok("200", "Speaker", "Updated."), body="SpeakerUpdate",
                         errors=("404", "409")),
            "delete": _op("deleteSpeaker", "Delete a speaker (their claims stay, "
                          "unattributed)", "speakers", _ok("204", None, "Deleted."),
                          params=[version_q], errors=("404", "409")),
        },
    }


def _desk_paths() -> dict[str, Any]:
    """Assignments and comments (issue 16)."""
    version_q = {**_param("version", {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                          "Required: the assignment's version (409 if it changed since)."),
                 "required": True}
    paging = [
        _param("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
               "Page number, from 1."),
        _param("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                            "default": 50}, "Items per page."),
    ]
    return {
        "/assignments/mine": {
            "get": _op("listMyAssignments", "What is assigned to me, open first", "desk",
                       _ok("200", "AssignmentPage", "A page of my assignments."),
                       params=paging),
        },
        "/assignments": {
            "post": _op("createAssignment", "Assign an article (all its claims) or a claim "
                        "to a reviewer, or reassign it", "desk",
                        _ok("201", "Assignment", "Assigned."), body="AssignmentCreate",
                        errors=("409",)),
        },
        "/assignments/{assignment_id}": {
            "parameters": [_path_id("assignment_id")],
            "delete": _op("deleteAssignment", "Unassign", "desk",
                          _ok("204", None, "Unassigned."), params=[version_q],
                          errors=("404", "409")),
        },
        "/claims/{claim_id}/comments": {
            "parameters": [_path_id("claim_id")],
            "get": _op("listClaimComments", "A claim's comment thread, oldest first", "desk",
                       _ok("200", "CommentList", "The thread."), errors=("404",)),
            "post": _op("createClaimComment", "Comment on a claim", "desk",
                        _ok("201", "Comment", "Posted."), body="CommentCreate",
                        errors=("404",)),
        },
        "/articles/{article_id}/comments": {
            "parameters": [_path_id("article_id")],
            "get": _op("listArticleComments", "An article's comment thread, oldest first",
                       "desk", _ok("200", "CommentList", "The thread."), errors=("404",)),
            "post": _op("createArticleComment", "Comment on an article", "desk",
                        _ok("201", "Comment", "Posted."), body="CommentCreate",
                        errors=("404",)),
        },
    }


def build_document(server_url: str = "/api/v1") -> dict[str, Any]:
    """The whole document; paths are relative to ``server_url``."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "claims_app API",
            "version": "1.0.0",
            "description": (
                "Articles, claims, speakers, reviews, links and tags. Authenticate with a "
                "token from your account page: `Authorization: Bearer <token>`. Errors are "
                "JSON `{\"error\": ..., \"field\": ...}`; a stale `version` gets 409 with "
                "the stored record under `current`."
            ),
        },
        "servers": [{"url": server_url}],
        "security": [{"bearerAuth": []}],
        "paths": {**_paths(), **_desk_paths()},
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                               "description": "An API token."}},
        },
    }


@bp.get("/openapi.json")
def openapi_document() -> Response:
    """Public (no token): a client needs the description before it has a token."""
    return jsonify(build_document())
