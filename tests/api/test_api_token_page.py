"""The account's API token page: create (shown once, stored hashed), list, revoke."""

from __future__ import annotations

import re

from sqlalchemy import select

from claims_app.accounts.models import ApiToken
from claims_app.api.tokens import hash_token


def _create(client, name: str = "export script") -> str:
    page = client.post("/account/tokens", data={"name": name}).get_data(as_text=True)
    match = re.search(r'<code id="new-token">([^<]+)</code>', page)
    assert match, page
    return match.group(1)


def test_token_page_needs_login(client) -> None:
    response = client.get("/account/tokens")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_created_token_is_shown_once(client, auth) -> None:
    auth.login("viewer")
    plaintext = _create(client)
    again = client.get("/account/tokens").get_data(as_text=True)
    assert plaintext not in again and "export script" in again


def test_created_token_is_stored_only_as_its_hash(client, session, users, auth) -> None:
    auth.login("viewer")
    plaintext = _create(client)
    token = session.scalar(select(ApiToken).where(ApiToken.user_id == users["viewer"].id))
    assert token.token_hash == hash_token(plaintext) and plaintext not in token.token_hash


def test_created_token_authenticates_api_requests(client, auth) -> None:
    auth.login("viewer")
    plaintext = _create(client)
    auth.logout()
    response = client.get("/api/v1/claims", headers={"Authorization": f"Bearer {plaintext}"})
    assert response.status_code == 200


def test_revoked_token_stops_working(client, session, users, auth) -> None:
    auth.login("viewer")
    plaintext = _create(client)
    token = session.scalar(select(ApiToken).where(ApiToken.user_id == users["viewer"].id))
    response = client.post(f"/account/tokens/{token.id}/revoke")
    assert response.status_code == 302
    assert "revoked" in client.get("/account/tokens").get_data(as_text=True)
    api = client.get("/api/v1/claims", headers={"Authorization": f"Bearer {plaintext}"})
    assert api.status_code == 401


def test_cannot_revoke_someone_elses_token(client, session, users, auth) -> None:
    auth.login("viewer")
    _create(client)
    token = session.scalar(select(ApiToken).where(ApiToken.user_id == users["viewer"].id))
    auth.logout()
    auth.login("admin")
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404
    session.expire_all()
    assert session.get(ApiToken, token.id).revoked_at is None


def test_token_needs_a_name(client, auth) -> None:
    auth.login("viewer")
    response = client.post("/account/tokens", data={"name": ""})
    assert response.status_code == 400 and 'id="new-token"' not in response.get_data(
        as_text=True)
