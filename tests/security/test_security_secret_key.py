"""The secret key signs every session cookie: start-up refuses one that is short or not text
(a number read from the environment used to become an int, and every request then failed)."""

from __future__ import annotations

import pytest

from claims_app import create_app
from claims_app.__main__ import main

GOOD = "s3cr3t-" + "q" * 40


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv("CLAIMS_SECRET_KEY", raising=False)
    return monkeypatch


def build(database_url: str, **config: object):
    return create_app({"DATABASE_URL": database_url, **config})


@pytest.mark.parametrize("key", ["a", "x" * 31, " " * 40 + "short"])
def test_a_short_secret_key_stops_start_up(clean_env, database_url: str, key: str) -> None:
    with pytest.raises(RuntimeError, match="at least 32"):
        build(database_url, SECRET_KEY=key)


@pytest.mark.parametrize("key", [12345678901234567890123456789012345, 1.5e40, ["k" * 40],
                                 b"k" * 40])
def test_a_secret_key_that_is_not_text_stops_start_up(clean_env, database_url: str,
                                                      key: object) -> None:
    with pytest.raises(RuntimeError, match="must be text"):
        build(database_url, SECRET_KEY=key)


def test_a_short_key_in_the_environment_stops_start_up(clean_env, database_url: str) -> None:
    clean_env.setenv("CLAIMS_SECRET_KEY", "a")
    with pytest.raises(RuntimeError, match="at least 32"):
        build(database_url)


def test_a_numeric_key_in_the_environment_is_kept_as_written(clean_env,
                                                             database_url: str) -> None:
    digits = "0012345678901234567890123456789012345678"
    clean_env.setenv("CLAIMS_SECRET_KEY", digits)
    app = build(database_url)
    assert app.config["SECRET_KEY"] == digits
    assert app.test_client().get("/login").status_code == 200


def test_a_good_key_in_the_environment_is_used(clean_env, database_url: str) -> None:
    clean_env.setenv("CLAIMS_SECRET_KEY", GOOD)
    assert build(database_url).config["SECRET_KEY"] == GOOD


def test_the_cli_says_what_is_wrong_without_a_traceback(
    clean_env, database_url: str, capsys: pytest.CaptureFixture[str],
) -> None:
    clean_env.setenv("CLAIMS_SECRET_KEY", "a")
    clean_env.setenv("CLAIMS_DATABASE_URL", database_url)
    clean_env.setattr("sys.argv", ["claims-app", "users", "list"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "Error: cannot start: SECRET_KEY has 1 characters; it needs at least 32" in err
    assert "Traceback" not in err
