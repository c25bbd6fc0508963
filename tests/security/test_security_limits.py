"""Request limits, session cookies and CSRF: an oversized request is refused with the limit
stated (a page for people, JSON for the API); an over-long field is a field error, not a
500; session cookies are HttpOnly, SameSite=Lax and Secure when configured; and with CSRF on
every web POST without a token is refused with 400 and changes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection

from claims_app import create_app
from claims_app.accounts.models import User
from claims_app.db import get_db
from tests.conftest import AuthActions
from tests.security.conftest import World
from tests.security.test_security_permissions import build_url, endpoints, form_for
from tests.support import TEST_PASSWORD

ONE_MB = 1024 * 1024
HUGE = "x" * 200_000


def test_oversized_web_request_gets_413_page_naming_the_limit_in_mb(
    app: Flask, client: FlaskClient, auth: AuthActions, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", ONE_MB)
    auth.login("editor")
    response = client.post("/articles/new", data={"body": "x" * (2 * ONE_MB)})
    assert response.status_code == 413
    assert "1 MB" in response.get_data(as_text=True)


def test_oversized_upload_gets_413_on_the_import_page_naming_the_limit(
    app: Flask, client: FlaskClient, auth: AuthActions, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", ONE_MB)
    auth.login("editor")
    # A hand-made multipart body, so the test client spools nothing to a temporary file.
    body = (b'--B\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n" + b"x" * (2 * ONE_MB) + b"\r\n--B--\r\n")
    response = client.post("/import", data=body, content_type="multipart/form-data; boundary=B")
    assert response.status_code == 413
    assert "1 MB" in response.get_data(as_text=True)


def test_oversized_api_request_gets_json_413_naming_the_limit(
    app: Flask, client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", ONE_MB)
    response = client.post("/api/v1/articles", json={"body": "x" * (2 * ONE_MB)},
                           headers={"Authorization": f"Bearer {world.tokens['editor']}"})
    assert response.status_code == 413 and response.is_json
    assert "1 MB" in response.get_data(as_text=True)


@pytest.mark.parametrize("url_of, form", [
    (lambda w: "/articles/new", {"body": "Some text.", "title": HUGE, "author": HUGE,
                                 "outlet": HUGE, "url": HUGE, "notes": HUGE}),
    (lambda w: f"/claims/{w.claim_id}/reviews", {"verdict": "misquoted", "note": HUGE,
                                                 "rating_text": HUGE, "evidence_urls": HUGE}),
    (lambda w: f"/claims/{w.claim_id}/links", {"target_id": HUGE, "link_type": "repeats",
                                               "note": HUGE}),
    (lambda w: f"/speakers/{w.speaker_id}/edit", {"name": HUGE, "kind": "person",
                                                  "description": HUGE, "aliases": HUGE}),
    (lambda w: "/admin/users", {"username": HUGE, "password": HUGE, "role": "viewer",
                                "display_name": HUGE}),
    (lambda w: "/account/tokens", {"name": HUGE}),
    (lambda w: "/account/password", {"current_password": HUGE, "new_password": HUGE,
                                     "confirm": HUGE}),
    (lambda w: "/search/?q=" + "x" * 5000, None),
], ids=["article", "review", "link", "speaker", "user", "token", "password", "search"])
def test_over_long_fields_give_a_field_error_not_a_500(
    client: FlaskClient, auth: AuthActions, world: World,
    state: Callable[[], dict[str, Any]], url_of: Callable[[World], str],
    form: dict[str, str] | None,
) -> None:
    auth.login("admin")
    before = state()
    url = url_of(world)
    response = client.get(url) if form is None else client.post(url, data=form)
    assert response.status_code == 400, f"{url}: {response.status_code}"
    assert re.search(r'class="[^"]*error', response.get_data(as_text=True)), \
        "the page should say which field is wrong"
    assert state() == before


# --- Cookies and CSRF on an app of their own, bound to the test's transaction ---------------


def _app_on(connection: Connection, app: Flask, **config: Any) -> Flask:
    made = create_app({"TESTING": True, "DATABASE_URL": app.config["DATABASE_URL"],
                       "SECRET_KEY": "security-" + "s" * 32, "SERVER_NAME": "claims.test",
                       **config})
    get_db(made).bind(connection, join_transaction_mode="create_savepoint")
    return made


@pytest.fixture
def secure_app(connection: Connection, app: Flask) -> Iterator[Flask]:
    made = _app_on(connection, app, WTF_CSRF_ENABLED=False, SESSION_COOKIE_SECURE=True)
    yield made
    get_db(made).engine.dispose()


@pytest.fixture
def csrf_app(connection: Connection, app: Flask) -> Iterator[Flask]:
    made = _app_on(connection, app, WTF_CSRF_ENABLED=True)
    yield made
    get_db(made).engine.dispose()


def _session_cookie_header(response: Any) -> str:
    cookies = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert cookies, "logging in sets the session cookie"
    return cookies[-1]


def test_session_cookie_is_httponly_and_samesite_lax(
    client: FlaskClient, users: dict[str, User],
) -> None:
    response = client.post("/login", data={"username": "viewer", "password": TEST_PASSWORD})
    cookie = _session_cookie_header(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_cookie_is_secure_when_configured(
    secure_app: Flask, users: dict[str, User],
) -> None:
    client = secure_app.test_client()
    response = client.post("/login", data={"username": "viewer", "password": TEST_PASSWORD},
                           base_url="https://claims.test")
    cookie = _session_cookie_header(response)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def _csrf_login(client: FlaskClient, username: str) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or \
        re.search(r'value="([^"]+)"[^>]*name="csrf_token"', page)
    assert token, "the login form carries a CSRF token"
    response = client.post("/login", data={"username": username, "password": TEST_PASSWORD,
                                           "csrf_token": token.group(1)})
    assert response.status_code == 302


def test_login_without_csrf_token_is_refused(
    csrf_app: Flask, users: dict[str, User],
) -> None:
    response = csrf_app.test_client().post(
        "/login", data={"username": "admin", "password": TEST_PASSWORD})
    assert response.status_code == 400


def test_every_web_post_without_csrf_token_gets_400_and_changes_nothing(
    csrf_app: Flask, world: World, state: Callable[[], dict[str, Any]],
) -> None:
    client = csrf_app.test_client()
    _csrf_login(client, "admin")
    posts = 0
    for rule, method, _permission in endpoints(csrf_app, api=False):
        if method not in {"POST", "PUT", "PATCH", "DELETE"}:
            continue
        url = build_url(csrf_app, rule, world, "admin")
        before = state()
        response = client.open(url, method=method, data=form_for(rule, world))
        assert response.status_code == 400, f"{method} {url}: {response.status_code}"
        assert state() == before, f"{method} {url} changed the database without a token"
        posts += 1
    assert posts > 15


def test_api_needs_no_csrf_token_because_only_bearer_tokens_authenticate_it(
    csrf_app: Flask, world: World,
) -> None:
    client = csrf_app.test_client()
    _csrf_login(client, "admin")
    # The browser's session cookie alone does not open the API ...
    assert client.post("/api/v1/speakers", json={"name": "Cookie Only"}).status_code == 401
    # ... and a bearer token works without any CSRF token.
    response = client.post("/api/v1/speakers", json={"name": "Bearer Made"},
                           headers={"Authorization": f"Bearer {world.tokens['admin']}"})
    assert response.status_code == 201
