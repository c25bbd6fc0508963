"""Password hashing (Argon2id) and the password policy: the one place for both.

The policy asks ``zxcvbn`` (Dropbox's estimator, ported to Python) how many guesses a
password would take: it knows the 30,000 most common passwords, English words and names,
keyboard patterns, dates and repeats, so a list kept by hand here is not needed."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

# argon2-cffi's defaults follow RFC 9106's second recommended option (Argon2id, 64 MiB).
PRODUCTION_HASHER = PasswordHasher()
_hasher = PRODUCTION_HASHER

MIN_LENGTH = 10
MAX_LENGTH = 256
# zxcvbn's score: 3 means "safely unguessable" (about 10^8 guesses or more), the level its
# authors recommend for accounts; 2 and below are common passwords, keyboard walks, words
# with digits appended, dates and repeats ("password1234", "qwerty123456", "welcome123").
MIN_STRENGTH = 3
# zxcvbn's matching grows faster than linearly with length; the first 72 characters decide
# (the same prefix bcrypt would use), and a longer password's rest only adds strength.
_ESTIMATE_CHARS = 72


def use_hasher(hasher: PasswordHasher) -> None:
    """Swap the hasher (tests use a cheaper Argon2id); hashes stay verifiable either way."""
    global _hasher, _dummy_hash
    _hasher = hasher
    _dummy_hash = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def policy_problem(password: str, *, username: str = "") -> str | None:
    """Say what is wrong with a new password, or None; the message is shown to the user."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    if username and username.casefold() in password.casefold():
        return "The password must not contain the username."
    estimate = zxcvbn(password[:_ESTIMATE_CHARS], user_inputs=[username] if username else [])
    if estimate["score"] < MIN_STRENGTH:
        hint = estimate["feedback"].get("warning") or ""
        return ("This password is too easy to guess; choose a less common one"
                + (f" ({hint.rstrip('.')})." if hint else "."))
    return None


_dummy_hash: str | None = None


def dummy_hash() -> str:
    """A hash to verify against when the account does not exist, so both paths of a login
    cost the same time. Made on first use, not at import: hashing costs 64 MiB and a
    quarter of a second, which every CLI command (an export, say) would otherwise pay."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("not-a-real-password-for-timing")
    return _dummy_hash
