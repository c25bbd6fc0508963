"""Sessions end on the server: a login is a row, and a cookie is worth only as long as its row.

Logging out, "log out everywhere", a password change, a role change and deactivation each
end sessions so that even a copy of the cookie, replayed later, logs nobody in; tokens
revoked by a deactivation stay revoked when the account comes back.
"""

from __future__ import annotations

import datetime as dt

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from claims_app.accounts import services
from claims_app.accounts.models import ApiToken, LoginSession, User
from claims_app.api.tokens import create_token
from tests.conftest import AuthActions
from tests.support import TEST_PASSWORD

PAGE = "/articles/"


def logged_in(client: FlaskClient) -> bool:
    return client.get(PAGE).status_code == 200


def second_browser(app: Flask, username: str) -> FlaskClient:
    other = app.test_client()
    assert AuthActions(other).login(username).status_code == 302
    return other


def stolen_copy(app: Flask, client: FlaskClient) -> FlaskClient:
    """Another client holding the exact session cookie ``client`` has now (a replay)."""
    domain = app.config["SERVER_NAME"]
    cookie = client.get_cookie("session", domain=domain)
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value, domain=domain)
    return thief


def test_a_cookie_replayed_after_logout_no_longer_logs_in(app, client, auth) -> None:
    auth.login("reviewer")
    thief = stolen_copy(app, client)
    assert logged_in(thief)
    auth.logout()
    assert not logged_in(client)
    response = thief.get(PAGE)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_logout_ends_only_that_browsers_session(app, client, auth) -> None:
    auth.login("reviewer")
    other = second_browser(app, "reviewer")
    auth.logout()
    assert logged_in(other)


def test_log_out_everywhere_ends_every_session_of_the_account(app, client, auth, session,
                                                              users) -> None:
    auth.login("reviewer")
    other = second_browser(app, "reviewer")
    thief = stolen_copy(app, client)
    someone_else = second_browser(app, "editor")
    response = client.post("/account/logout-everywhere")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert not any(logged_in(c) for c in (client, other, thief))
    assert logged_in(someone_else)
    assert session.scalars(select(LoginSession).where(
        LoginSession.user_id == users["reviewer"].id)).all() == []


def test_the_account_page_offers_log_out_everywhere(client, auth) -> None:
    auth.login("viewer")
    page = client.get("/account").get_data(as_text=True)
    assert "Log out everywhere" in page
    assert 'action="/account/logout-everywhere"' in page


def test_a_password_change_ends_the_other_sessions_but_not_the_changers(app, client, auth
                                                                         ) -> None:
    auth.login("reviewer")
    other = second_browser(app, "reviewer")
    thief = stolen_copy(app, client)
    response = client.post("/account/password", data={
        "current_password": TEST_PASSWORD, "new_password": "a-much-better-passphrase",
        "confirm": "a-much-better-passphrase"})
    assert response.status_code == 302
    assert logged_in(client)
    assert not logged_in(other)
    assert not logged_in(thief)  # the changer's old cookie too: it got a new session


def test_a_role_change_ends_the_users_sessions(app, client, auth, users) -> None:
    viewer = second_browser(app, "viewer")
    auth.login("admin")
    uid = users["viewer"].id
    assert client.post(f"/admin/users/{uid}/role",
                       data={f"u{uid}-role": "editor"}).status_code == 302
    assert not logged_in(viewer)


def test_deactivation_ends_sessions_and_reactivation_revives_none(app, client, auth, session,
                                                                 users) -> None:
    reviewer = users["reviewer"]
    _token, plaintext = create_token(session, reviewer, "script")
    session.commit()
    browser = second_browser(app, "reviewer")
    thief = stolen_copy(app, browser)
    bearer = {"Authorization": f"Bearer {plaintext}"}
    assert client.get("/api/v1/claims", headers=bearer).status_code == 200

    auth.login("admin")
    url = f"/admin/users/{reviewer.id}/active"
    assert client.post(url, data={"active": "0"}).status_code == 302
    assert client.post(url, data={"active": "1"}).status_code == 302
    auth.logout()

    assert not logged_in(browser)
    assert not logged_in(thief)
    assert client.get("/api/v1/claims", headers=bearer).status_code == 401
    session.expire_all()
    assert all(t.revoked_at is not None for t in session.scalars(
        select(ApiToken).where(ApiToken.user_id == reviewer.id)))
    assert AuthActions(client).login("reviewer").status_code == 302  # a fresh login works


def test_a_session_older_than_its_lifetime_is_refused(app, client, auth, session, users
                                                      ) -> None:
    auth.login("viewer")
    too_old = dt.datetime.now(dt.UTC) - app.permanent_session_lifetime - dt.timedelta(minutes=1)
    session.execute(update(LoginSession).where(LoginSession.user_id == users["viewer"].id)
                    .values(created_at=too_old))
    session.commit()
    assert not logged_in(client)


def test_only_the_keys_digest_is_stored(session: Session, users: dict[str, User]) -> None:
    key = services.start_login_session(session, users["viewer"], dt.timedelta(days=1))
    stored = session.scalars(select(LoginSession.key_hash)).all()
    assert key not in stored and len(stored[-1]) == 64
    assert services.user_for_login_session(session, users["viewer"].id, key,
                                           dt.timedelta(days=1)) is users["viewer"]
    # The key is bound to its user: another user id with the same key is nobody.
    assert services.user_for_login_session(session, users["admin"].id, key,
                                           dt.timedelta(days=1)) is None
