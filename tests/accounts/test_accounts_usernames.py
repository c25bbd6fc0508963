"""Usernames: one normalised form (NFKC, case-folded), no invisible or text-direction
characters, no look-alike letters from a second script, and every account manageable from
the users page whatever its name holds."""

from __future__ import annotations

import re

import pytest

from claims_app.accounts.models import User
from claims_app.accounts.services import create_user, find_user
from claims_app.errors import InvalidInput
from claims_app.name_rules import normalize_username, speaker_name_problem, username_problem
from tests.support import TEST_PASSWORD


@pytest.mark.parametrize("typed", ["Maria", "MARIA", "ｍａｒｉａ", "  maria "])
def test_usernames_are_stored_and_found_in_one_form(session, typed: str) -> None:
    user = create_user(session, None, typed, TEST_PASSWORD)
    assert user.username == "maria"
    assert find_user(session, "MaRiA") is user


def test_a_username_differing_only_in_case_or_width_is_taken(session) -> None:
    create_user(session, None, "maria", TEST_PASSWORD)
    with pytest.raises(InvalidInput, match="taken"):
        create_user(session, None, "ＭＡＲＩＡ", TEST_PASSWORD)


@pytest.mark.parametrize("name", [
    "admin\u200b",        # zero-width space
    "ad\u200dmin",        # zero-width joiner
    "\u202eadmin",        # right-to-left override
    "admin\u2066",        # left-to-right isolate
    "ad\u00admin",        # soft hyphen
    "\u3164admin",        # Hangul filler
    "admin\ufe0f",        # variation selector
    "admin\x07",          # a control character
])
def test_invisible_and_direction_characters_are_refused(session, name: str) -> None:
    with pytest.raises(InvalidInput, match="invisible or text-direction") as refused:
        create_user(session, None, name, TEST_PASSWORD)
    assert refused.value.field == "username"


def test_a_cyrillic_look_alike_of_a_latin_name_is_refused(session) -> None:
    with pytest.raises(InvalidInput, match="Cyrillic, Latin"):
        create_user(session, None, "\u0430dmin1", TEST_PASSWORD)  # Cyrillic а


@pytest.mark.parametrize("name", ["josé.garcía", "дмитрий", "山田たろう", "김민준", "o'brien-2",
                                  "a/b", "ana maria"])
def test_names_in_one_script_are_accepted(name: str) -> None:
    assert username_problem(normalize_username(name)) is None


def test_username_length_is_checked_after_normalising() -> None:
    assert username_problem(normalize_username("   ")) == "A username needs 1 to 80 characters."
    assert username_problem("x" * 81) == "A username needs 1 to 80 characters."


def test_the_admin_page_refuses_a_look_alike_beside_the_field(client, auth, session) -> None:
    auth.login("admin")
    response = client.post("/admin/users", data={
        "username": "\u0430dmin1", "password": TEST_PASSWORD, "role": "viewer"})
    assert response.status_code == 400
    assert "mixes letters from different scripts" in response.get_data(as_text=True)
    assert find_user(session, "\u0430dmin1") is None


def test_login_accepts_any_spelling_of_the_username(client, auth) -> None:
    assert auth.login("ReViEwEr").status_code == 302


@pytest.mark.parametrize("name", ["a/b", "x?y#z", "50%", "dot.", "..", "a b"])
def test_every_username_can_be_deactivated_and_reactivated_from_the_users_page(
    client, auth, session, name: str,
) -> None:
    user = create_user(session, None, name, TEST_PASSWORD)
    session.commit()
    auth.login("admin")
    page = client.get("/admin/users").get_data(as_text=True)
    actions = re.findall(r'action="(/admin/users/\d+/active)"', page)
    assert f"/admin/users/{user.id}/active" in actions
    assert client.post(f"/admin/users/{user.id}/active",
                       data={"active": "0"}).status_code == 302
    session.expire_all()
    assert session.get(User, user.id).active is False
    assert client.post(f"/admin/users/{user.id}/role",
                       data={f"u{user.id}-role": "editor"}).status_code == 302


# --- The same invisible-character rule for speaker names -------------------------------------


def test_speaker_names_share_the_invisible_character_rule() -> None:
    assert speaker_name_problem("Ana Brnabić") is None
    assert speaker_name_problem("Владимир Путин") is None
    assert "invisible" in (speaker_name_problem("Ana\u200b Brnabić") or "")
    assert "invisible" in (speaker_name_problem("\u202eAna Brnabić") or "")


def test_the_speaker_form_refuses_an_invisible_character(client, auth, session) -> None:
    from claims_app.speakers.services import create_speaker

    speaker = create_speaker(session, None, "Ana Brnabić")
    session.commit()
    auth.login("editor")
    response = client.post(f"/speakers/{speaker.id}/edit", data={
        "name": "Ana\u200b Brnabić", "kind": "person", "version": str(speaker.version)})
    assert response.status_code == 400
    assert "U+200B" in response.get_data(as_text=True)
    session.refresh(speaker)
    assert speaker.name == "Ana Brnabić"


def test_the_api_refuses_an_invisible_character_in_a_speaker_name(client, session, users
                                                                  ) -> None:
    from claims_app.api.tokens import create_token

    _token, plaintext = create_token(session, users["editor"], "script")
    session.commit()
    response = client.post("/api/v1/speakers", json={"name": "Ana\u2060 Brnabić"},
                           headers={"Authorization": f"Bearer {plaintext}"})
    assert response.status_code == 422
    assert response.get_json()["field"] == "name"
