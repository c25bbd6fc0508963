"""API endpoints of speakers: list, read, create, change and delete.

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
    MAX_NOTE,
    created_response,
    no_content,
    query_version,
    speaker_name_arg,
    stated_version,
)
from claims_app.api.records import page_json, speaker_json
from claims_app.api.schemas import (
    Body,
    invalid,
    json_body,
    page_args,
    query_choice,
    query_str,
    sort_arg,
)
from claims_app.speakers import services as speakers
from claims_app.speakers.models import SpeakerKind


def _speaker_fields(body: Body) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if body.has("name"):
        values["name"] = speaker_name_arg(body, "name")
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
    return created_response(speaker_json(speaker),
                            url_for("api.get_speaker", speaker_id=speaker.id))


@bp.patch("/speakers/" + ID.format("speaker_id"))
@token_required(Permission.EDIT_SPEAKERS)
def update_speaker(speaker_id: int) -> Any:
    body = Body(json_body(), {"version", "name", "kind", "description", "external_id"})
    version = stated_version(body)
    changes = _speaker_fields(body)
    session = db.session()
    speaker = speakers.get_speaker(session, speaker_id)
    speakers.update_speaker(session, api_user(), speaker, changes, expected_version=version)
    db.commit()
    return jsonify(speaker_json(speaker))


@bp.delete("/speakers/" + ID.format("speaker_id"))
@token_required(Permission.DELETE)
def delete_speaker(speaker_id: int) -> Any:
    version = query_version()
    session = db.session()
    speaker = speakers.get_speaker(session, speaker_id)
    speakers.delete_speaker(session, api_user(), speaker, expected_version=version)
    db.commit()
    return no_content()

