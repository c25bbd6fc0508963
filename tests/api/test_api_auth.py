"""API authentication: bearer tokens only, checked against the one permission table."""

from __future__ import annotations

from sqlalchemy import func, select

from claims_app.accounts.models import ApiToken
from claims_app.api.tokens import revoke_token
from claims_app.articles.models import Article
from claims_app.claims.models import Claim


def test_request_without_token_is_401_json(client) -> None:
    response = client.get("/api/v1/claims")
    assert response.status_code == 401
    assert response.is_json and "token" in response.json["error"].lower()
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_unknown_token_is_401(client, users) -> None:
    response = client.get("/api/v1/claims", headers={"Authorization": "Bearer ca_nonsense"})
    assert response.status_code == 401


def test_revoked_token_is_401(client, session, users, token_headers) -> None:
    headers = token_headers("viewer")
    token = session.scalar(select(ApiToken).where(ApiToken.user_id == users["viewer"].id))
    revoke_token(session, users["viewer"], token.id)
    session.commit()
    assert client.get("/api/v1/claims", headers=headers).status_code == 401


def test_token_of_deactivated_user_is_401(client, session, users, token_headers) -> None:
    headers = token_headers("editor")
    users["editor"].active = False
    session.commit()
    assert client.get("/api/v1/claims", headers=headers).status_code == 401


def test_valid_token_reads_and_records_last_use(client, session, users, token_headers) -> None:
    headers = token_headers("viewer")
    response = client.get("/api/v1/claims", headers=headers)
    assert response.status_code == 200
    session.expire_all()
    token = session.scalar(select(ApiToken).where(ApiToken.user_id == users["viewer"].id))
    assert token.last_used_at is not None


def test_viewer_cannot_create_a_claim_and_nothing_changes(
    client, session, article, token_headers
) -> None:
    before = session.scalar(select(func.count()).select_from(Claim))
    response = client.post("/api/v1/claims", headers=token_headers("viewer"), json={
        "article_id": article.id, "start": 0, "end": 8, "kind": "direct"})
    assert response.status_code == 403
    assert response.is_json and "viewer" in response.json["error"]
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Claim)) == before


def test_reviewer_cannot_delete_an_article(client, session, article, token_headers) -> None:
    response = client.delete(f"/api/v1/articles/{article.id}",
                             headers=token_headers("reviewer"))
    assert response.status_code == 403
    session.expire_all()
    assert session.get(Article, article.id) is not None


def test_session_cookie_is_not_api_authentication(client, auth) -> None:
    auth.login("admin")
    assert client.get("/api/v1/claims").status_code == 401


def test_api_posts_need_no_csrf_token(app, client, article, token_headers) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/api/v1/speakers", headers=token_headers("editor"),
                               json={"name": "Jane Doe"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 201


def test_unknown_api_path_is_json_404(client) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404 and response.is_json


def test_wrong_method_is_json_405(client) -> None:
    response = client.put("/api/v1/claims")
    assert response.status_code == 405 and response.is_json
