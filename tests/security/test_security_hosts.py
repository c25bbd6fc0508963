"""Issue 15, item 15: absolute URLs never come from the request's Host header.

Exports and the annotation container write links that others keep (a CSV's ``url`` column,
ClaimReview's ``url``, Web Annotation ids): they start at the configured public address,
``CLAIMS_BASE_URL``. Requests naming a host outside the trusted list are refused outright.
The test app's BASE_URL is http://claims.test/; 127.0.0.1 is a trusted alias."""

from __future__ import annotations

import csv
import io
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from claims_app import create_app
from claims_app.config import public_base_url, trusted_hosts
from tests.support import TEST_PASSWORD

EVIL = "evil.example"
ALIAS = {"Host": "127.0.0.1:8080"}  # trusted, but not the public address


def login_at_alias(client: FlaskClient) -> None:
    """Log in through the alias (the session cookie belongs to the host that set it)."""
    response = client.post("/login", data={"username": "viewer", "password": TEST_PASSWORD},
                           headers=ALIAS)
    assert response.status_code == 302


def test_a_request_for_an_untrusted_host_is_refused(client, auth, world) -> None:
    auth.login("viewer")
    for path in ("/login", "/export/?format=csv", "/annotations/",
                 f"/articles/{world.article_id}/text"):
        response = client.get(path, headers={"Host": EVIL})
        assert response.status_code == 400, path
        assert EVIL not in response.get_data(as_text=True)


def test_a_spoofed_forwarded_host_is_refused_too(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get("/export/?format=csv", headers={"Host": f"{EVIL}:443"})
    assert response.status_code == 400


def test_csv_links_use_the_base_url_whatever_trusted_host_was_used(client, users,
                                                                   world) -> None:
    login_at_alias(client)
    response = client.get("/export/?format=csv", headers=ALIAS)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows and all(r["url"] == f"http://claims.test/claims/{r['claim_id']}" for r in rows)


def test_claimreview_and_annotations_use_the_base_url(client, users, world) -> None:
    login_at_alias(client)
    host = ALIAS
    reviews = json.loads(client.get("/export/?format=claimreview", headers=host).data)
    assert reviews and all(r["url"].startswith("http://claims.test/claims/") for r in reviews)
    annotations = client.get("/export/?format=webannotation", headers=host).get_data(
        as_text=True)
    assert "127.0.0.1" not in annotations and "http://claims.test/annotations/" in annotations
    container = client.get("/annotations/", headers=host).get_json(force=True)
    assert container["id"] == "http://claims.test/annotations/"


def test_trusted_hosts_come_from_the_base_url_server_name_and_the_list() -> None:
    config = {"BASE_URL": "https://claims.example.org/desk/", "SERVER_NAME": "internal:8000",
              "TRUSTED_HOSTS": "proxy.example, .corp.example"}
    assert trusted_hosts(config) == ["claims.example.org", "internal", "proxy.example",
                                     ".corp.example"]


def test_a_site_on_the_loopback_answers_to_each_loopback_name() -> None:
    assert trusted_hosts({"BASE_URL": "http://127.0.0.1:5000/"}) == [
        "127.0.0.1", "localhost", "::1"]
    assert trusted_hosts({"BASE_URL": "http://localhost:5000/"}) == [
        "127.0.0.1", "localhost", "::1"]


@pytest.mark.parametrize("bad", ["", "claims.example.org", "ftp://claims.example.org/",
                                 "https://", "https://claims.example.org/?x=1", 42])
def test_a_malformed_base_url_stops_start_up(bad: object) -> None:
    with pytest.raises(RuntimeError, match="CLAIMS_BASE_URL"):
        public_base_url(bad)


def test_the_base_url_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMS_BASE_URL", "https://claims.example.org")
    app: Flask = create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "k" * 40})
    assert app.config["BASE_URL"] == "https://claims.example.org/"
    assert app.config["TRUSTED_HOSTS"] == ["claims.example.org"]
    assert app.config["ORGANIZATION_URL"] == "https://claims.example.org/"  # ClaimReview's
    assert app.test_client().get("/login").status_code == 400  # Host: localhost
    ok = app.test_client().get("/login", headers={"Host": "claims.example.org"})
    assert ok.status_code == 200
