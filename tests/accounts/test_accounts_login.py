"""Logging in and out; the login page never says which of name or password was wrong."""

from __future__ import annotations

from tests.support import TEST_PASSWORD


def test_login_page_renders_labelled_fields(client) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert '<label for="username">Username</label>' in page
    assert '<label for="password">Password</label>' in page


def test_reviewer_logs_in_and_reaches_articles(client, auth) -> None:
    response = auth.login("reviewer")
    assert response.status_code == 302
    assert client.get("/articles/").status_code == 200


def test_wrong_password_and_unknown_user_get_the_same_message(client, auth) -> None:
    wrong = client.post("/login", data={"username": "reviewer", "password": "nope-nope-nope"})
    unknown = client.post("/login", data={"username": "nobody", "password": TEST_PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    for response in (wrong, unknown):
        assert "Unknown username or wrong password." in response.get_data(as_text=True)


def test_login_keeps_the_typed_username_after_a_failure(client, auth) -> None:
    page = client.post("/login", data={"username": "reviewer", "password": "x" * 12})
    assert 'value="reviewer"' in page.get_data(as_text=True)


def test_failed_logins_are_throttled_for_that_account_and_address(client, auth) -> None:
    for _ in range(5):
        client.post("/login", data={"username": "editor", "password": "wrong-password-1"})
    response = auth.login("editor")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1
    assert "Too many failed attempts" in response.get_data(as_text=True)


def test_deactivated_user_cannot_log_in(client, auth, session, users) -> None:
    users["viewer"].active = False
    session.commit()
    assert auth.login("viewer").status_code == 401


def test_pages_need_a_login(client) -> None:
    response = client.get("/articles/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_logout_ends_the_session(client, auth) -> None:
    auth.login("viewer")
    auth.logout()
    assert client.get("/articles/").status_code == 302


def test_login_does_not_redirect_off_site(client, auth) -> None:
    response = client.post("/login?next=//evil.example/x",
                           data={"username": "viewer", "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/"


def test_responses_carry_security_headers(client) -> None:
    headers = client.get("/login").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_httponly_and_samesite(client, auth) -> None:
    response = auth.login("viewer")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
