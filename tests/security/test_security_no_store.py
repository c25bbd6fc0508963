"""Pages seen when logged in (records, the token page with its one-time plaintext) and API
answers are never kept by a browser or proxy cache; static files still may be."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/", "/articles/", "/account", "/account/tokens",
                                  "/account/password"])
def test_authenticated_pages_send_no_store(client, auth, path: str) -> None:
    auth.login("viewer")
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_the_page_showing_a_new_tokens_plaintext_is_not_stored(client, auth) -> None:
    auth.login("viewer")
    response = client.post("/account/tokens", data={"name": "nightly"})
    assert "ca_" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_api_answers_send_no_store(client, session, users) -> None:
    from claims_app.api.tokens import create_token

    _token, plaintext = create_token(session, users["viewer"], "script")
    session.commit()
    response = client.get("/api/v1/claims", headers={"Authorization": f"Bearer {plaintext}"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_stay_cacheable(client, auth) -> None:
    auth.login("viewer")
    response = client.get("/static/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    response.close()
