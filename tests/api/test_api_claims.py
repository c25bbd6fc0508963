"""Claims through the API: annotate, read, edit with optimistic locking, delete."""

from __future__ import annotations

from sqlalchemy import select

from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim
from claims_app.speakers.models import Speaker

BODY_START = "Minister Jane Doe"


def _span(article, text: str) -> dict[str, int]:
    start = article.body.index(text)
    return {"start": start, "end": start + len(text)}


def test_create_claim_with_speaker_name_resolves_the_speaker(
    client, session, article, token_headers
) -> None:
    response = client.post("/api/v1/claims", headers=token_headers("reviewer"), json={
        "article_id": article.id, **_span(article, "It will not,"), "kind": "direct",
        "text": "It will not,", "speaker_name": "John Roe", "cue": "said",
        "said_on": "2021-04-05", "tags": ["rebuttal", "rebuttal "], "note": "short"})
    assert response.status_code == 201, response.json
    data = response.json
    assert data["text"] == "It will not," and data["speaker_name"] == "John Roe"
    assert data["tags"] == ["rebuttal"] and data["status"] == "unreviewed"
    assert data["origin"] == "manual" and data["said_on"] == "2021-04-05"
    speaker = session.scalar(select(Speaker).where(Speaker.name == "John Roe"))
    assert speaker is not None and data["speaker_id"] == speaker.id


def test_a_speaker_name_with_a_role_notes_the_role_on_the_speaker(
    client, session, article, token_headers
) -> None:
    """The API annotates through the web's service (``annotate_claim``); the role and date
    it gives reach the speaker as they did when the API resolved names itself."""
    response = client.post("/api/v1/claims", headers=token_headers("reviewer"), json={
        "article_id": article.id, **_span(article, "It will not,"), "kind": "direct",
        "speaker_name": "John Roe", "speaker_role": "opposition leader",
        "said_on": "2021-04-05"})
    assert response.status_code == 201, response.json
    speaker = session.get(Speaker, response.json["speaker_id"])
    assert [(r.title, str(r.first_seen)) for r in speaker.roles] == [
        ("opposition leader", "2021-04-05")]


def test_create_claim_writes_an_audit_event(client, session, article, token_headers) -> None:
    response = client.post("/api/v1/claims", headers=token_headers("reviewer"), json={
        "article_id": article.id, **_span(article, "Critics disagreed."), "kind": "assertion"})
    event = session.scalar(select(AuditEvent).where(
        AuditEvent.entity_type == "claim", AuditEvent.entity_id == response.json["id"]))
    assert event.action == "create" and event.actor_name == "reviewer"


def test_claim_text_must_match_the_article(client, article, token_headers) -> None:
    response = client.post("/api/v1/claims", headers=token_headers("reviewer"), json={
        "article_id": article.id, "start": 0, "end": 8, "kind": "direct", "text": "Not this"})
    assert response.status_code == 422 and response.json["field"] == "text"


def test_claim_span_outside_the_article_is_422(client, article, token_headers) -> None:
    response = client.post("/api/v1/claims", headers=token_headers("reviewer"), json={
        "article_id": article.id, "start": 5, "end": 100000, "kind": "direct"})
    assert response.status_code == 422 and response.json["field"] == "start"


def test_claim_in_unknown_article_is_422_naming_article_id(client, users, token_headers) -> None:
    response = client.post("/api/v1/claims", headers=token_headers("reviewer"), json={
        "article_id": 987654, "start": 0, "end": 3, "kind": "direct"})
    assert response.status_code == 422 and response.json["field"] == "article_id"


def test_read_claim(client, claim, token_headers) -> None:
    response = client.get(f"/api/v1/claims/{claim.id}", headers=token_headers("viewer"))
    assert response.status_code == 200
    assert response.json["text"] == claim.text and response.json["tags"] == ["infrastructure"]


def test_update_claim_keeps_fields_left_out(client, claim, token_headers) -> None:
    response = client.patch(f"/api/v1/claims/{claim.id}", headers=token_headers("reviewer"),
                            json={"version": claim.version, "cue": "said"})
    assert response.status_code == 200, response.json
    assert response.json["cue"] == "said" and response.json["tags"] == ["infrastructure"]
    assert response.json["text"] == claim.text


def test_update_claim_with_stale_version_is_409_with_current_version(
    client, session, claim, token_headers
) -> None:
    stale = claim.version
    headers = token_headers("reviewer")
    first = client.patch(f"/api/v1/claims/{claim.id}", headers=headers,
                         json={"version": stale, "kind": "indirect"})
    assert first.status_code == 200
    second = client.patch(f"/api/v1/claims/{claim.id}", headers=headers,
                          json={"version": stale, "note": "late edit"})
    assert second.status_code == 409
    assert second.json["current"]["version"] == first.json["version"]
    assert second.json["current"]["kind"] == "indirect"
    session.expire_all()
    assert session.get(Claim, claim.id).note is None


def test_update_claim_status_needs_review_permission_not_just_annotate(
    client, claim, token_headers
) -> None:
    response = client.patch(f"/api/v1/claims/{claim.id}", headers=token_headers("reviewer"),
                            json={"version": claim.version, "status": "confirmed"})
    assert response.status_code == 200 and response.json["status"] == "confirmed"


def test_update_claim_requires_version(client, claim, token_headers) -> None:
    response = client.patch(f"/api/v1/claims/{claim.id}", headers=token_headers("reviewer"),
                            json={"cue": "said"})
    assert response.status_code == 422 and response.json["field"] == "version"


def test_delete_claim(client, session, claim, token_headers) -> None:
    claim_id = claim.id
    response = client.delete(f"/api/v1/claims/{claim_id}?version={claim.version}",
                             headers=token_headers("editor"))
    assert response.status_code == 204
    session.expire_all()
    assert session.get(Claim, claim_id) is None


def test_delete_claim_with_stale_version_is_409(client, claim, token_headers) -> None:
    response = client.delete(f"/api/v1/claims/{claim.id}?version={claim.version + 1}",
                             headers=token_headers("editor"))
    assert response.status_code == 409 and response.json["current"]["id"] == claim.id
