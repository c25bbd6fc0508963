"""Articles through the API: create (with proposed claims), read, update, delete."""

from __future__ import annotations

from sqlalchemy import select

from claims_app.articles.models import Article
from claims_app.audit.models import AuditEvent

NEW_BODY = 'Mayor Ann Lee said: "Taxes will fall next year." The council disagreed.'


def test_create_article_stores_it_and_returns_201_with_location(
    client, session, token_headers
) -> None:
    response = client.post("/api/v1/articles", headers=token_headers("editor"), json={
        "body": NEW_BODY, "title": "Taxes", "outlet": "City Paper",
        "published": "2021-04-06", "extract": False})
    assert response.status_code == 201
    data = response.json
    assert data["title"] == "Taxes" and data["outlet"] == "City Paper"
    assert data["published"] == "2021-04-06" and data["published_precision"] == "day"
    assert response.headers["Location"].endswith(f"/api/v1/articles/{data['id']}")
    assert session.get(Article, data["id"]).body == NEW_BODY


def test_creating_the_same_article_twice_is_409_naming_the_stored_one(
    client, article, token_headers
) -> None:
    response = client.post("/api/v1/articles", headers=token_headers("editor"),
                           json={"body": article.body})
    assert response.status_code == 409
    assert response.json["current"]["id"] == article.id


def test_read_article_includes_its_body(client, article, token_headers) -> None:
    response = client.get(f"/api/v1/articles/{article.id}", headers=token_headers("viewer"))
    assert response.status_code == 200 and response.json["body"] == article.body


def test_update_article_changes_fields_and_bumps_version(
    client, session, article, token_headers
) -> None:
    response = client.patch(f"/api/v1/articles/{article.id}", headers=token_headers("editor"),
                            json={"version": article.version, "title": "New title",
                                  "notes": "checked"})
    assert response.status_code == 200
    assert response.json["title"] == "New title" and response.json["notes"] == "checked"
    assert response.json["version"] == article.version + 1
    event = session.scalar(select(AuditEvent).where(
        AuditEvent.entity_type == "article", AuditEvent.action == "update"))
    assert event is not None and event.actor_name == "editor"


def test_update_article_with_stale_version_is_409_with_current(
    client, article, token_headers
) -> None:
    response = client.patch(f"/api/v1/articles/{article.id}", headers=token_headers("editor"),
                            json={"version": article.version + 5, "title": "x"})
    assert response.status_code == 409
    assert response.json["current"]["version"] == article.version
    assert response.json["current"]["title"] == "Bridge opening"


def test_article_body_cannot_be_changed(client, article, token_headers) -> None:
    response = client.patch(f"/api/v1/articles/{article.id}", headers=token_headers("editor"),
                            json={"version": article.version, "body": "rewritten"})
    assert response.status_code == 422 and response.json["field"] == "body"


def test_delete_article_removes_it(client, session, article, token_headers) -> None:
    article_id = article.id
    response = client.delete(f"/api/v1/articles/{article_id}?version={article.version}",
                             headers=token_headers("editor"))
    assert response.status_code == 204
    session.expire_all()
    assert session.get(Article, article_id) is None


def test_unknown_article_is_404(client, token_headers) -> None:
    response = client.get("/api/v1/articles/999999", headers=token_headers("viewer"))
    assert response.status_code == 404 and "999999" in response.json["error"]
