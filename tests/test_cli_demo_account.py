"""``make run``'s demo account: ``users create --if-missing --print-login`` prints a login only
when it works; ``--set-password`` (a DEMO_PASSWORD given to make) sets it on an account that
already exists."""

from __future__ import annotations

from claims_app.accounts.services import authenticate, find_user

FIRST = "check-the-quotes-24"
SECOND = "another-long-passphrase-77"


def _create(runner, password: str, *extra: str):
    return runner.invoke(args=["users", "create", "demo", "--role", "reviewer", "--password",
                               password, "--if-missing", "--print-login", *extra])


def test_a_new_account_prints_its_login(runner, session) -> None:
    result = _create(runner, FIRST)
    assert result.exit_code == 0, result.output
    assert f"Log in as: demo / {FIRST}" in result.output


def test_the_same_password_again_prints_the_login_that_still_works(runner, session) -> None:
    _create(runner, FIRST)
    result = _create(runner, FIRST)
    assert "already exists" in result.output and f"demo / {FIRST}" in result.output


def test_another_password_without_set_password_says_the_old_one_stands(runner, session) -> None:
    _create(runner, FIRST)
    result = _create(runner, SECOND)
    assert result.exit_code == 0
    assert "stands" in result.output and SECOND not in result.output
    assert "Log in as" not in result.output
    session.expire_all()
    assert authenticate(session, "demo", FIRST).username == "demo"


def test_set_password_gives_the_existing_account_the_new_one(runner, session) -> None:
    _create(runner, FIRST)
    result = _create(runner, SECOND, "--set-password")
    assert result.exit_code == 0, result.output
    assert "its password is now the one given" in result.output
    assert f"Log in as: demo / {SECOND}" in result.output
    session.expire_all()
    assert authenticate(session, "demo", SECOND).username == "demo"


def test_a_weak_new_password_is_refused_and_the_old_one_kept(runner, session) -> None:
    _create(runner, FIRST)
    result = _create(runner, "short", "--set-password")
    assert result.exit_code != 0 and "keeps its old password" in result.output
    assert "Log in as" not in result.output
    session.expire_all()
    user = find_user(session, "demo")
    assert user is not None and authenticate(session, "demo", FIRST) is not None
