"""Bad input gets a 400/422 naming the problem, as JSON, and never a 500."""

from __future__ import annotations

import pytest


def _post_claim(client, headers, article, **fields):
    body = {"article_id": article.id, "start": 0, "end": 8, "kind": "direct", **fields}
    return client.post("/api/v1/claims", headers=headers, json=body)


def test_body_that_is_not_json_is_400(client, token_headers) -> None:
    response = client.post("/api/v1/speakers", headers={
        **token_headers("editor"), "Content-Type": "application/json"}, data="{not json")
    assert response.status_code == 400 and "JSON" in response.json["error"]


def test_body_that_is_a_list_is_400(client, token_headers) -> None:
    response = client.post("/api/v1/speakers", headers=token_headers("editor"), json=[1, 2])
    assert response.status_code == 400 and "object" in response.json["error"]


def test_impossible_date_is_422_naming_the_date(client, article, token_headers) -> None:
    response = _post_claim(client, token_headers("reviewer"), article, said_on="2021-02-30")
    assert response.status_code == 422
    assert response.json["field"] == "said_on" and "2021-02-30" in response.json["error"]


@pytest.mark.parametrize("field,value", [
    ("start", "zero"), ("start", True), ("start", 1.5), ("kind", "shout"),
    ("tags", "not-a-list"), ("tags", [1]), ("cue", 7), ("said_on", "06/04/2021"),
    ("speaker_id", 0), ("speaker_id", 2**40), ("note", "x" * 20001),
    ("text", "\ud800"),
])
def test_wrong_type_or_value_is_422_naming_the_field(
    client, article, token_headers, field, value
) -> None:
    response = _post_claim(client, token_headers("reviewer"), article, **{field: value})
    assert response.status_code == 422, response.json
    assert response.json["field"] == field


def test_missing_required_field_is_422(client, article, token_headers) -> None:
    response = client.post("/api/v1/claims", headers=token_headers("reviewer"),
                           json={"article_id": article.id, "start": 0, "end": 8})
    assert response.status_code == 422 and response.json["field"] == "kind"


def test_unknown_field_is_422(client, article, token_headers) -> None:
    response = _post_claim(client, token_headers("reviewer"), article, colour="red")
    assert response.status_code == 422 and response.json["field"] == "colour"


def test_unknown_speaker_id_is_422(client, article, token_headers) -> None:
    response = _post_claim(client, token_headers("reviewer"), article, speaker_id=99999)
    assert response.status_code == 422 and response.json["field"] == "speaker_id"


def test_over_long_speaker_name_is_422(client, token_headers) -> None:
    response = client.post("/api/v1/speakers", headers=token_headers("editor"),
                           json={"name": "N" * 301})
    assert response.status_code == 422 and response.json["field"] == "name"


def test_id_beyond_the_database_range_is_404_not_500(client, token_headers) -> None:
    response = client.get("/api/v1/claims/99999999999999999999",
                          headers=token_headers("viewer"))
    assert response.status_code == 404 and response.is_json


@pytest.mark.parametrize("query", [
    "page=0", "page=abc", "per_page=201", "sort=body", "sort=--id", "status=maybe",
    "said_from=2021-13-01", "article_id=-3", "q=%00",
])
def test_bad_query_parameter_is_400(client, users, token_headers, query) -> None:
    response = client.get(f"/api/v1/claims?{query}", headers=token_headers("viewer"))
    assert response.status_code == 400, response.json
    assert response.json["field"] == query.split("=")[0]


def test_oversized_request_body_is_json_413(app, client, token_headers) -> None:
    headers = token_headers("editor")
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        response = client.post("/api/v1/speakers", headers=headers,
                               json={"name": "x", "description": "y" * 5000})
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 60 * 1024 * 1024
    assert response.status_code == 413 and response.is_json
