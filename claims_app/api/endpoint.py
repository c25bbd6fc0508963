"""What the API's endpoint modules share: the id route converter, the version a write states
(in its body, or in ``?version=`` for a delete), a speaker name's checks, and the 201 and
204 answers."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from claims_app.api.schemas import Body, bad_request, invalid, query_int
from claims_app.name_rules import speaker_name_problem
from claims_app.speakers.names import name_key

ID = "<id:{}>"
#: Parsing bound only: an article body's real limit is MAX_ARTICLE_CHARS, checked by the
#: services every way in shares (articles/limits.py); MAX_CONTENT_LENGTH bounds the request.
MAX_BODY_CHARS = 100_000_000
MAX_NOTE = 20000


def created_response(payload: dict[str, Any], location: str) -> Response:
    response = jsonify(payload)
    response.status_code = 201
    response.headers["Location"] = location
    return response


def no_content() -> Response:
    return Response(status=204)


def stated_version(body: Body) -> int:
    """Updates state the version they started from, so a lost update becomes a 409."""
    version = body.integer("version", required=True, minimum=1)
    assert version is not None
    return version


def query_version() -> int:
    """Deletes state the version they saw in ``?version=``, like updates in their body: a
    delete without it could remove a record someone changed since, so it is refused."""
    version = query_int("version")
    if version is None:
        raise bad_request("version is required: add ?version=N, the version of the record "
                          "you mean to delete (a 409 tells you if it changed since).",
                          "version")
    return version


def speaker_name_arg(body: Body, field: str) -> str | None:
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

