"""Claims in several segments through the API: read, annotated, edited (a moved span drops
the segments unless new ones are given), refused when they do not tile the span."""

from __future__ import annotations

from claims_app.claims.services import ClaimInput, create_claim

FIRST = "The bridge will open in May."
SECOND = "It will not,"


def _pieces(article) -> list[dict[str, int]]:
    return [{"start": article.body.index(t), "end": article.body.index(t) + len(t)}
            for t in (FIRST, SECOND)]


def _create(client, article, token_headers, **extra):
    a, b = _pieces(article)
    return client.post("/api/v1/claims", headers=token_headers("reviewer"), json={
        "article_id": article.id, "start": a["start"], "end": b["end"], "kind": "direct",
        "segments": [a, b], **extra})


def test_a_claim_reads_with_one_segment_and_no_runner_up(client, claim, token_headers) -> None:
    data = client.get(f"/api/v1/claims/{claim.id}", headers=token_headers("viewer")).json
    assert data["segments"] == [{"start": claim.start, "end": claim.end, "text": claim.text}]
    assert data["runner_up"] is None


def test_a_claim_is_annotated_in_segments(client, article, token_headers) -> None:
    response = _create(client, article, token_headers)
    assert response.status_code == 201, response.json
    assert [s["text"] for s in response.json["segments"]] == [FIRST, SECOND]
    a, b = _pieces(article)
    assert (response.json["start"], response.json["end"]) == (a["start"], b["end"])


def test_the_runner_up_is_read_back(client, session, article, token_headers, users) -> None:
    start = article.body.index(FIRST)
    made = create_claim(session, users["editor"], article, ClaimInput(
        start=start, end=start + len(FIRST), kind="direct", runner_up=("John Roe", 0.5)))
    session.commit()
    data = client.get(f"/api/v1/claims/{made.id}", headers=token_headers("viewer")).json
    assert data["runner_up"] == {"name": "John Roe", "score": 0.5}


def test_patching_other_fields_keeps_the_segments(client, article, token_headers) -> None:
    made = _create(client, article, token_headers).json
    response = client.patch(f"/api/v1/claims/{made['id']}", headers=token_headers("reviewer"),
                            json={"version": made["version"], "note": "checked"})
    assert response.status_code == 200, response.json
    assert [s["text"] for s in response.json["segments"]] == [FIRST, SECOND]


def test_patching_the_span_resets_to_one_segment(client, article, token_headers) -> None:
    made = _create(client, article, token_headers).json
    a, _ = _pieces(article)
    response = client.patch(f"/api/v1/claims/{made['id']}", headers=token_headers("reviewer"),
                            json={"version": made["version"], **a})
    assert response.status_code == 200, response.json
    assert [s["text"] for s in response.json["segments"]] == [FIRST]


def test_patching_segments_to_null_makes_one_segment(client, article, token_headers) -> None:
    made = _create(client, article, token_headers).json
    response = client.patch(f"/api/v1/claims/{made['id']}", headers=token_headers("reviewer"),
                            json={"version": made["version"], "segments": None})
    assert response.status_code == 200, response.json
    assert len(response.json["segments"]) == 1
    assert response.json["segments"][0]["text"] == response.json["text"]


def test_segments_that_do_not_tile_the_span_are_422(client, article, token_headers) -> None:
    a, b = _pieces(article)
    response = client.post("/api/v1/claims", headers=token_headers("reviewer"), json={
        "article_id": article.id, "start": a["start"], "end": b["end"], "kind": "direct",
        "segments": [b, a]})
    assert response.status_code == 422 and response.json["field"] == "segments"


def test_segments_of_the_wrong_shape_are_422(client, article, token_headers) -> None:
    for bad in ([[1, 2]], [{"start": 1}], [{"start": 1, "end": 2, "x": 3}], "1-2",
                [{"start": "1", "end": 2}]):
        response = _create(client, article, token_headers, segments=bad)
        assert response.status_code == 422, bad
        assert response.json["field"] == "segments", bad


def test_the_openapi_document_describes_segments(client, token_headers) -> None:
    doc = client.get("/api/v1/openapi.json").json
    schemas = doc["components"]["schemas"]
    assert "segments" in schemas["ClaimCreate"]["properties"]
    assert "segments" in schemas["ClaimUpdate"]["properties"]
    assert {"segments", "runner_up"} <= set(schemas["Claim"]["required"])
