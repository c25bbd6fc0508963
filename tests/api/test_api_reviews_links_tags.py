"""Reviews, links between claims, and tag counts through the API."""

from __future__ import annotations

from claims_app.claims.models import ClaimLink
from tests.api.conftest import BODY


def _second_claim(client, headers, article) -> dict:
    start = BODY.index("It will not,")
    return client.post("/api/v1/claims", headers=headers, json={
        "article_id": article.id, "start": start, "end": start + 12, "kind": "direct",
        "tags": ["infrastructure", "rebuttal"]}).json


def test_add_review_records_verdict_and_confirms_claim(client, claim, token_headers) -> None:
    headers = token_headers("reviewer")
    response = client.post(f"/api/v1/claims/{claim.id}/reviews", headers=headers, json={
        "verdict": "accurate_quote", "note": "matches the video",
        "evidence_urls": ["https://example.org/video"]})
    assert response.status_code == 201
    assert response.json["verdict"] == "accurate_quote"
    assert response.json["reviewer"] == "reviewer"
    assert client.get(f"/api/v1/claims/{claim.id}", headers=headers).json["status"] == \
        "confirmed"


def test_review_evidence_must_be_web_links(client, claim, token_headers) -> None:
    response = client.post(f"/api/v1/claims/{claim.id}/reviews",
                           headers=token_headers("reviewer"),
                           json={"verdict": "false", "evidence_urls": ["file:///etc/passwd"]})
    assert response.status_code == 422 and response.json["field"] == "evidence_urls"


def test_review_of_unknown_claim_is_404(client, users, token_headers) -> None:
    response = client.post("/api/v1/claims/424242/reviews", headers=token_headers("reviewer"),
                           json={"verdict": "false"})
    assert response.status_code == 404


def test_list_reviews_of_a_claim(client, claim, token_headers) -> None:
    headers = token_headers("reviewer")
    for verdict in ("misquoted", "accurate_quote"):
        client.post(f"/api/v1/claims/{claim.id}/reviews", headers=headers,
                    json={"verdict": verdict})
    listed = client.get(f"/api/v1/claims/{claim.id}/reviews?sort=-id", headers=headers).json
    assert [r["verdict"] for r in listed["items"]] == ["accurate_quote", "misquoted"]
    review_id = listed["items"][0]["id"]
    assert client.get(f"/api/v1/reviews/{review_id}", headers=headers).json["claim_id"] == \
        claim.id


def test_create_and_delete_link(client, session, article, claim, token_headers) -> None:
    headers = token_headers("reviewer")
    other = _second_claim(client, headers, article)
    created = client.post("/api/v1/links", headers=headers, json={
        "source_id": other["id"], "target_id": claim.id, "link_type": "contradicts"})
    assert created.status_code == 201 and created.json["link_type"] == "contradicts"
    listed = client.get(f"/api/v1/links?claim_id={claim.id}", headers=headers).json
    assert listed["total"] == 1
    deleted = client.delete(f"/api/v1/links/{created.json['id']}", headers=headers)
    assert deleted.status_code == 204
    session.expire_all()
    assert session.get(ClaimLink, created.json["id"]) is None


def test_link_to_itself_is_422(client, claim, token_headers) -> None:
    response = client.post("/api/v1/links", headers=token_headers("reviewer"), json={
        "source_id": claim.id, "target_id": claim.id, "link_type": "repeats"})
    assert response.status_code == 422 and response.json["field"] == "target_id"


def test_link_to_unknown_claim_is_422(client, claim, token_headers) -> None:
    response = client.post("/api/v1/links", headers=token_headers("reviewer"), json={
        "source_id": claim.id, "target_id": 777777, "link_type": "repeats"})
    assert response.status_code == 422 and response.json["field"] == "target_id"


def test_tags_are_listed_with_claim_counts(client, article, claim, token_headers) -> None:
    headers = token_headers("reviewer")
    _second_claim(client, headers, article)
    listed = client.get("/api/v1/tags?sort=-claims", headers=headers).json
    assert [(t["name"], t["claims"]) for t in listed["items"]] == [
        ("infrastructure", 2), ("rebuttal", 1)]
    assert listed["total"] == 2
