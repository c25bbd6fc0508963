"""The API refuses contradictory claims as the web does: the same service, the same field."""

from __future__ import annotations

from sqlalchemy import func, select

from claims_app.claims.models import Claim


def _span(article, text: str) -> dict[str, int]:
    start = article.body.index(text)
    return {"start": start, "end": start + len(text)}


def test_an_assertion_with_a_named_speaker_is_a_422_on_kind(
    client, session, article, token_headers
) -> None:
    before = session.scalar(select(func.count(Claim.id)))
    response = client.post("/api/v1/claims", headers=token_headers("reviewer"), json={
        "article_id": article.id, **_span(article, "Critics disagreed."), "kind": "assertion",
        "speaker_name": "Critics Anonymous"})
    assert response.status_code == 422 and response.json["field"] == "kind"
    assert session.scalar(select(func.count(Claim.id))) == before


def test_an_empty_span_is_a_422_on_text(client, article, token_headers) -> None:
    response = client.post("/api/v1/claims", headers=token_headers("reviewer"), json={
        "article_id": article.id, "start": 5, "end": 5, "kind": "direct"})
    assert response.status_code == 422 and response.json["field"] == "text"
