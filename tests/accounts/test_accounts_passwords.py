"""Passwords: Argon2id at a memory-hard production cost, and a policy that says what is wrong."""

from __future__ import annotations

import pytest
from argon2 import Type

from claims_app.accounts import passwords


def test_production_hasher_is_argon2id_with_at_least_64_mib() -> None:
    params = passwords.PRODUCTION_HASHER
    assert params.type is Type.ID
    assert params.memory_cost >= 65536 and params.time_cost >= 3


def test_hash_verifies_and_wrong_password_does_not() -> None:
    h = passwords.hash_password("a-long-passphrase")
    assert h.startswith("$argon2id$")
    assert passwords.verify_password(h, "a-long-passphrase")
    assert not passwords.verify_password(h, "a-long-passphrasf")


def test_garbage_hash_does_not_verify() -> None:
    assert not passwords.verify_password("not a hash", "whatever-password")


def test_policy_wants_ten_characters() -> None:
    assert passwords.policy_problem("short") == "Use at least 10 characters."


def test_policy_refuses_common_passwords() -> None:
    assert "too easy to guess" in (passwords.policy_problem("password123") or "")


def test_policy_refuses_the_username_inside() -> None:
    assert passwords.policy_problem("maria-2024-x", username="maria") == (
        "The password must not contain the username.")


def test_policy_accepts_a_passphrase() -> None:
    assert passwords.policy_problem("correct horse battery") is None


def test_the_unknown_user_hash_is_made_by_the_hasher_in_use() -> None:
    from claims_app.accounts import passwords

    assert not passwords.needs_rehash(passwords.dummy_hash())


@pytest.mark.parametrize("password", [
    "password1234", "qwerty123456", "welcome123", "iloveyou2024", "1q2w3e4r5t6y", "aaaaaaaaaaaa",
])
def test_policy_refuses_common_and_predictable_passwords(password: str) -> None:
    assert "too easy to guess" in (passwords.policy_problem(password) or "")


def test_policy_judges_only_a_bounded_prefix_of_a_long_password() -> None:
    # zxcvbn's cost grows faster than the length; the longest password allowed is still
    # judged (and a strong one accepted) without error.
    assert passwords.policy_problem("Tq8#vL2!pZ" + "x" * (passwords.MAX_LENGTH - 10)) is None
