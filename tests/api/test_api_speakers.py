"""Speakers through the API."""

from __future__ import annotations

from claims_app.speakers.models import Speaker


def _create(client, headers, **fields):
    return client.post("/api/v1/speakers", headers=headers, json=fields)


def test_create_speaker(client, token_headers) -> None:
    response = _create(client, token_headers("editor"), name="Jane Doe", kind="person",
                       external_id="Q42")
    assert response.status_code == 201
    assert response.json["name"] == "Jane Doe" and response.json["external_id"] == "Q42"


def test_reviewer_cannot_create_speaker(client, token_headers) -> None:
    assert _create(client, token_headers("reviewer"), name="Jane Doe").status_code == 403


def test_rename_speaker_keeps_old_name_as_alias(client, token_headers) -> None:
    headers = token_headers("editor")
    created = _create(client, headers, name="J. Doe").json
    response = client.patch(f"/api/v1/speakers/{created['id']}", headers=headers,
                            json={"version": created["version"], "name": "Jane Doe"})
    assert response.status_code == 200
    assert response.json["name"] == "Jane Doe" and response.json["aliases"] == ["J. Doe"]


def test_update_speaker_with_stale_version_is_409(client, token_headers) -> None:
    headers = token_headers("editor")
    created = _create(client, headers, name="Jane Doe").json
    response = client.patch(f"/api/v1/speakers/{created['id']}", headers=headers,
                            json={"version": created["version"] + 1, "description": "x"})
    assert response.status_code == 409
    assert response.json["current"]["version"] == created["version"]


def test_delete_speaker_leaves_claims_unattributed(client, session, claim, token_headers) -> None:
    headers = token_headers("editor")
    speaker = _create(client, headers, name="Jane Doe").json
    client.patch(f"/api/v1/claims/{claim.id}", headers=headers,
                 json={"version": claim.version, "speaker_id": speaker["id"]})
    response = client.delete(f"/api/v1/speakers/{speaker['id']}?version={speaker['version']}",
                             headers=headers)
    assert response.status_code == 204
    session.expire_all()
    assert session.get(Speaker, speaker["id"]) is None
    assert client.get(f"/api/v1/claims/{claim.id}", headers=headers).json["speaker_id"] is None


def test_read_and_list_speakers(client, token_headers) -> None:
    editor = token_headers("editor")
    created = _create(client, editor, name="Acme Corp", kind="organization").json
    viewer = token_headers("viewer")
    assert client.get(f"/api/v1/speakers/{created['id']}", headers=viewer).json["kind"] == \
        "organization"
    listed = client.get("/api/v1/speakers?kind=organization", headers=viewer).json
    assert [s["name"] for s in listed["items"]] == ["Acme Corp"] and listed["total"] == 1
