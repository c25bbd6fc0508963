"""No lock-out as a weapon: failed logins slow down one (account, address) pair, never the
right password from elsewhere, never every account behind one address; the address is the
connection's unless a configured number of proxies vouch for ``X-Forwarded-For``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.middleware.proxy_fix import ProxyFix

from claims_app import create_app
from claims_app.db import get_db
from tests.support import TEST_PASSWORD

STRANGER = {"REMOTE_ADDR": "198.51.100.7"}
OWNER = {"REMOTE_ADDR": "192.0.2.10"}
WRONG = "wrong-password-1"


def attempt(client: FlaskClient, username: str, password: str, environ: dict[str, str],
            headers: dict[str, str] | None = None) -> int:
    return client.post("/login", data={"username": username, "password": password},
                       environ_base=environ, headers=headers or {}).status_code


def test_a_strangers_failures_do_not_lock_the_owner_out(client, users) -> None:
    for _ in range(30):
        attempt(client, "editor", WRONG, STRANGER)
    assert attempt(client, "editor", TEST_PASSWORD, STRANGER) == 429
    assert attempt(client, "editor", TEST_PASSWORD, OWNER) == 302


def test_the_right_password_still_works_after_a_few_mistakes(client, users) -> None:
    for _ in range(4):
        assert attempt(client, "editor", WRONG, OWNER) == 401
    assert attempt(client, "editor", TEST_PASSWORD, OWNER) == 302


def test_successful_logins_do_not_count(client, users) -> None:
    for _ in range(8):
        assert attempt(client, "viewer", TEST_PASSWORD, OWNER) == 302


def test_one_address_failing_on_many_accounts_blocks_none_of_the_others(client, users
                                                                        ) -> None:
    # Behind a proxy the whole organisation is one address: 25 failures there (the old
    # per-address lock-out took 20) must not keep anyone else out.
    for name in ("ghost1", "ghost2", "ghost3", "ghost4", "ghost5"):
        for _ in range(5):
            attempt(client, name, WRONG, OWNER)
    for role in ("viewer", "reviewer", "admin"):
        assert attempt(client, role, TEST_PASSWORD, OWNER) == 302


def test_the_throttle_counts_the_account_in_its_normalised_form(client, users) -> None:
    for spelling in ("Editor", "EDITOR", "editor", "ｅｄｉｔｏｒ", " editor"):
        attempt(client, spelling, WRONG, STRANGER)
    assert attempt(client, "eDiToR", TEST_PASSWORD, STRANGER) == 429


def test_throttled_login_says_how_long_to_wait(client, users) -> None:
    for _ in range(5):
        attempt(client, "editor", WRONG, STRANGER)
    response = client.post("/login", data={"username": "editor", "password": WRONG},
                           environ_base=STRANGER)
    assert response.status_code == 429
    wait = int(response.headers["Retry-After"])
    assert 1 <= wait <= 61  # the first window is a minute (reset times are whole seconds)
    assert f"Wait {wait} second" in response.get_data(as_text=True)


def test_forwarded_for_is_ignored_without_a_configured_proxy(client, users) -> None:
    for n in range(5):
        attempt(client, "editor", WRONG, STRANGER, {"X-Forwarded-For": f"203.0.113.{n}"})
    assert attempt(client, "editor", TEST_PASSWORD, STRANGER,
                   {"X-Forwarded-For": "203.0.113.99"}) == 429


@pytest.fixture
def proxied_app(database_url: str, app: Flask) -> Iterator[Flask]:
    """The app as deployed behind one reverse proxy (``CLAIMS_PROXY_COUNT=1``)."""
    behind = create_app({"TESTING": True, "DATABASE_URL": database_url,
                         "SECRET_KEY": "proxy-test-" + "k" * 32, "WTF_CSRF_ENABLED": False,
                         "PROXY_COUNT": 1})
    yield behind
    get_db(behind).engine.dispose()
    from claims_app.accounts.security import limiter

    limiter.init_app(app)  # the shared limiter goes back to the suite's app


def test_behind_one_proxy_its_forwarded_address_is_the_clients(proxied_app: Flask) -> None:
    assert isinstance(proxied_app.wsgi_app, ProxyFix)
    client = proxied_app.test_client()
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        attempt(client, "nobody", WRONG, proxy, {"X-Forwarded-For": "203.0.113.5"})
    assert attempt(client, "nobody", WRONG, proxy, {"X-Forwarded-For": "203.0.113.5"}) == 429
    # Another client behind the same proxy is another address.
    assert attempt(client, "nobody", WRONG, proxy, {"X-Forwarded-For": "203.0.113.6"}) == 401
    # Only the entry the proxy appended is trusted: a forged first entry changes nothing.
    assert attempt(client, "nobody", WRONG, proxy,
                   {"X-Forwarded-For": "1.2.3.4, 203.0.113.5"}) == 429


@pytest.mark.parametrize("count", [-1, "two", True])
def test_a_proxy_count_that_is_not_a_whole_number_stops_start_up(count: object,
                                                                 database_url: str) -> None:
    with pytest.raises(RuntimeError, match="PROXY_COUNT"):
        create_app({"DATABASE_URL": database_url, "SECRET_KEY": "k" * 40,
                    "PROXY_COUNT": count})


# --- The export's account list ---------------------------------------------------------------


def export_users(client: FlaskClient) -> list[dict[str, object]]:
    response = client.get("/export/?format=json")
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))["users"]


@pytest.fixture
def imported(app: Flask, session, users) -> None:
    """An article imported by the editor, so the export names an account."""
    from claims_app.ingest.importer import import_paths

    seed = sorted((Path(__file__).resolve().parents[2] / "seeds").iterdir())[0]
    summary = import_paths(get_db(app).sessionmaker, [seed], actor_id=users["editor"].id)
    assert summary.ok, summary.lines()


def test_the_json_export_lists_no_accounts_to_a_viewer(client, auth, imported) -> None:
    auth.login("viewer")
    assert export_users(client) == []


def test_the_json_export_lists_accounts_to_an_administrator(client, auth, imported) -> None:
    auth.login("admin")
    assert {u["username"]: u["role"] for u in export_users(client)} == {"editor": "editor"}
