"""Own password changes for everyone; user administration for admins only."""

from __future__ import annotations

from sqlalchemy import select

from claims_app.accounts.models import Role, User
from claims_app.audit.models import AuditEvent
from tests.support import TEST_PASSWORD

NEW_PASSWORD = "a-much-better-passphrase"


def test_password_page_shows_the_policy_beside_the_field(client, auth) -> None:
    auth.login("viewer")
    page = client.get("/account/password").get_data(as_text=True)
    assert "At least 10 characters" in page


def test_viewer_changes_own_password_and_can_log_in_with_it(client, auth) -> None:
    auth.login("viewer")
    response = client.post("/account/password", data={
        "current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    auth.logout()
    assert auth.login("viewer", NEW_PASSWORD).status_code == 302


def test_wrong_current_password_is_shown_beside_that_field(client, auth) -> None:
    auth.login("viewer")
    response = client.post("/account/password", data={
        "current_password": "not-my-password", "new_password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD})
    assert response.status_code == 400
    assert 'id="current_password-error"' in response.get_data(as_text=True)


def test_weak_new_password_gets_the_policy_message(client, auth) -> None:
    auth.login("viewer")
    response = client.post("/account/password", data={
        "current_password": TEST_PASSWORD, "new_password": "short", "confirm": "short"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="new_password-error"' in page and "Use at least 10 characters." in page


def test_mismatched_confirmation_is_refused(client, auth) -> None:
    auth.login("viewer")
    response = client.post("/account/password", data={
        "current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD + "x"})
    assert response.status_code == 400
    assert "The two new passwords differ." in response.get_data(as_text=True)


def test_password_page_needs_login(client, users) -> None:
    assert client.get("/account/password").status_code == 302


def test_editor_cannot_see_user_admin(client, auth) -> None:
    auth.login("editor")
    assert client.get("/admin/users").status_code == 403


def test_editor_cannot_create_users(client, auth) -> None:
    auth.login("editor")
    response = client.post("/admin/users", data={
        "username": "mallory", "password": NEW_PASSWORD, "role": "admin"})
    assert response.status_code == 403


def test_admin_lists_users(client, auth) -> None:
    auth.login("admin")
    page = client.get("/admin/users").get_data(as_text=True)
    assert "reviewer" in page and "New user" in page


def test_admin_creates_a_user_with_a_role(client, auth, session) -> None:
    auth.login("admin")
    response = client.post("/admin/users", data={
        "username": "carol", "password": NEW_PASSWORD, "role": "reviewer"})
    assert response.status_code == 302
    user = session.scalar(select(User).where(User.username == "carol"))
    assert user is not None and user.role is Role.REVIEWER


def test_create_user_with_a_taken_name_keeps_the_input(client, auth) -> None:
    auth.login("admin")
    response = client.post("/admin/users", data={
        "username": "viewer", "display_name": "Typed Name", "password": NEW_PASSWORD,
        "role": "viewer"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="username-error"' in page and 'value="Typed Name"' in page


def test_create_user_with_a_weak_password_shows_the_policy(client, auth) -> None:
    auth.login("admin")
    response = client.post("/admin/users", data={
        "username": "dave", "password": "password12", "role": "viewer"})
    assert response.status_code == 400
    assert "too easy to guess" in response.get_data(as_text=True)


def test_admin_changes_a_role_and_it_is_audited(client, auth, session, users) -> None:
    auth.login("admin")
    uid = users["viewer"].id
    response = client.post(f"/admin/users/{uid}/role", data={f"u{uid}-role": "editor"})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(User, uid).role is Role.EDITOR
    summaries = session.scalars(select(AuditEvent.summary).where(
        AuditEvent.entity_type == "user", AuditEvent.entity_id == uid)).all()
    assert "role set to editor" in summaries


def test_unknown_role_is_refused(client, auth, users) -> None:
    auth.login("admin")
    uid = users["viewer"].id
    response = client.post(f"/admin/users/{uid}/role", data={f"u{uid}-role": "root"})
    assert response.status_code == 400


def test_admin_deactivates_and_the_user_cannot_log_in(client, auth, session, users) -> None:
    auth.login("admin")
    response = client.post(f"/admin/users/{users['reviewer'].id}/active", data={"active": "0"})
    assert response.status_code == 302
    auth.logout()
    assert auth.login("reviewer").status_code == 401


def test_admin_reactivates_a_user(client, auth, session, users) -> None:
    auth.login("admin")
    client.post(f"/admin/users/{users['reviewer'].id}/active", data={"active": "0"})
    client.post(f"/admin/users/{users['reviewer'].id}/active", data={"active": "1"})
    session.expire_all()
    assert session.get(User, users["reviewer"].id).active


def test_admin_cannot_deactivate_themselves(client, auth, session, users) -> None:
    auth.login("admin")
    response = client.post(f"/admin/users/{users['admin'].id}/active", data={"active": "0"})
    assert response.status_code == 400
    session.expire_all()
    assert session.get(User, users["admin"].id).active


def test_unknown_user_is_404(client, auth) -> None:
    auth.login("admin")
    assert client.post("/admin/users/999999/active", data={"active": "0"}).status_code == 404


def test_session_cookie_is_secure_when_configured(app, client, auth) -> None:
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        response = auth.login("viewer")
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert "Secure" in response.headers.get("Set-Cookie", "")
