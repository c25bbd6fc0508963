"""One input rule for every entry point (issue 15, items 7, 9 and 10), on both engines:

* text with NUL or another C0 control (tab, newline and carriage return aside) is refused
  with a clear message: beside the field in a form, a 400 for a query parameter, a JSON 400
  in the API; never a 500 (PostgreSQL) nor stored (SQLite);
* ids and page numbers beyond what the database holds (2^31 on PostgreSQL, 2^63 on SQLite)
  are a 404 in a URL and a 400 in a query string, for every rule of the URL map;
* a JSON body nested deeper than the API needs is a 400, not a RecursionError.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.claims.models import Claim, Review
from claims_app.inputs import Form
from claims_app.speakers.models import Speaker
from tests.conftest import AuthActions
from tests.security.conftest import World

HUGE = ["2147483648", "9223372036854775808", "99999999999999999999999"]
BAD_TEXT = ["a\x00b", "a\x01b", "\x1b[31mred", "a\x0bb", "\x7f\x00"]


# --- ids and page numbers --------------------------------------------------------------------


def _fill(rule: str, world: World, role: str, huge: str) -> str:
    """The rule's path with every id argument ``huge`` and the others a real value."""
    others = {"username": "viewer", "entity_type": "claim"}

    def value(match: re.Match[str]) -> str:
        converter, name = match.group(1), match.group(2)
        return huge if converter.startswith(("id", "int")) else others.get(name, "x")

    return re.sub(r"<(?:([a-z]+)(?:\([^)]*\))?:)?([a-z_]+)>",
                  lambda m: value(m) if m.group(1) else others.get(m.group(2), "x"), rule)


def _id_rules(app: Flask) -> list[tuple[str, str]]:
    rules = []
    for rule in app.url_map.iter_rules():
        if any(type(c).__name__ in ("IdConverter", "IntegerConverter")
               for c in rule._converters.values()):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                rules.append((rule.rule, method))
    return rules


def test_every_id_in_the_url_map_uses_the_one_bounded_id_converter(app: Flask) -> None:
    plain_int = [rule.rule for rule in app.url_map.iter_rules()
                 if any(type(c).__name__ == "IntegerConverter"
                        for c in rule._converters.values())]
    assert plain_int == []
    assert len(_id_rules(app)) > 25


@pytest.mark.parametrize("huge", HUGE)
def test_huge_ids_in_every_url_are_404_never_500(
    app: Flask, client: FlaskClient, auth: AuthActions, world: World, huge: str,
) -> None:
    auth.login("admin")
    headers = {"Authorization": f"Bearer {world.tokens['admin']}"}
    answers = {}
    for rule, method in _id_rules(app):
        url = _fill(rule, world, "admin", huge)
        body = {"version": 1} if rule.startswith("/api/") and method != "GET" else None
        response = client.open(url, method=method, headers=headers, json=body)
        answers[f"{method} {url}"] = response.status_code
    # A page or a lookup: 404. A write may be refused for its form or body, or a missing
    # version, first (400/422); the history of a record that never was is an empty page.
    wrong = {k: v for k, v in answers.items()
             if v != 404 and not (k.startswith(("POST ", "PATCH ", "DELETE ")) and v in (400, 422))
             and not (k.startswith("GET /history/") and v == 200)}
    assert wrong == {}


@pytest.mark.parametrize("huge", HUGE)
def test_huge_page_numbers_and_ids_in_query_strings_are_400_never_500(
    app: Flask, client: FlaskClient, auth: AuthActions, world: World, huge: str,
) -> None:
    auth.login("admin")
    headers = {"Authorization": f"Bearer {world.tokens['admin']}"}
    params = {name: huge for name in ("page", "article", "article_id", "speaker_id",
                                      "speaker", "outlet", "target_id", "per_page")}
    answers = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or set()) or rule.endpoint == "static":
            continue
        url = _fill(rule.rule, world, "admin", "1")
        response = client.get(url, query_string=params, headers=headers)
        answers[url] = response.status_code
    assert [u for u, status in answers.items() if status >= 500] == []
    for listing in ("/articles/", "/speakers/", "/review/", "/history/deleted", "/api/v1/claims",
                    "/api/v1/articles", "/api/v1/speakers"):
        assert answers[listing] == 400, listing


def test_a_page_number_that_is_no_number_is_400(client: FlaskClient, auth: AuthActions) -> None:
    auth.login("viewer")
    response = client.get("/articles/?page=two")
    assert response.status_code == 400 and b"page must be a whole number" in response.data


# --- control characters ----------------------------------------------------------------------


def _refused_beside(response: Any, status: int = 400) -> None:
    assert response.status_code == status, response.status_code
    page = response.get_data(as_text=True)
    assert "control character" in page or "NUL character" in page, page[-3000:]


@pytest.mark.parametrize("bad", BAD_TEXT[:3])
def test_login_form_refuses_control_characters_beside_the_field(
    client: FlaskClient, users: dict[str, User], bad: str,
) -> None:
    response = client.post("/login", data={"username": "admin" + bad, "password": bad})
    assert response.status_code in (200, 400)
    page = response.get_data(as_text=True)
    assert "control character" in page or "NUL character" in page


@pytest.mark.parametrize("bad", BAD_TEXT[:3])
def test_user_creation_refuses_control_characters(
    client: FlaskClient, auth: AuthActions, session: Session, bad: str,
) -> None:
    auth.login("admin")
    response = client.post("/admin/users", data={
        "username": "new" + bad, "password": "correct-horse-battery-staple", "role": "viewer"})
    assert response.status_code in (200, 400)
    page = response.get_data(as_text=True)
    assert "control character" in page or "NUL character" in page
    assert session.scalar(select(User).where(User.username.like("new%"))) is None


@pytest.mark.parametrize("bad", BAD_TEXT)
def test_article_form_refuses_control_characters_beside_the_field(
    client: FlaskClient, auth: AuthActions, bad: str,
) -> None:
    auth.login("editor")
    response = client.post("/articles/new", data={
        "title": "Title " + bad, "body": 'Anar Valiyev said "the bridge opens" today.'})
    _refused_beside(response)


def test_token_name_refuses_control_characters(client: FlaskClient, auth: AuthActions) -> None:
    auth.login("reviewer")
    _refused_beside(client.post("/account/tokens", data={"name": "laptop\x00"}))


def test_review_and_link_notes_refuse_control_characters(
    client: FlaskClient, auth: AuthActions, world: World, session: Session,
) -> None:
    auth.login("editor")
    before = session.scalar(select(Review.id).order_by(Review.id.desc()).limit(1))
    _refused_beside(client.post(f"/claims/{world.claim_id}/reviews", data={
        "verdict": "accurate_quote", "note": "checked\x00"}))
    assert session.scalar(select(Review.id).order_by(Review.id.desc()).limit(1)) == before
    _refused_beside(client.post(f"/claims/{world.claim_id}/links", data={
        "target_id": str(world.other_claim_id), "link_type": "repeats", "note": "x\x01"}))


def test_tabs_and_line_breaks_are_text_and_are_kept(
    client: FlaskClient, auth: AuthActions, world: World, session: Session,
) -> None:
    auth.login("editor")
    response = client.post(f"/claims/{world.claim_id}/reviews", data={
        "verdict": "accurate_quote", "note": "line one\r\n\tline two"})
    assert response.status_code == 303
    note = session.scalar(select(Review.note).order_by(Review.id.desc()).limit(1))
    assert note is not None and "\tline two" in note


@pytest.mark.parametrize("url", [
    "/articles/?q=a%00b", "/search/?q=%01talks", "/speakers/?q=x%00",
    "/export/?format=csv&tag=a%00b", "/export/?format=json&status=%1b", "/review/?sort=%00",
    "/questions/said-about?topic=a%00", "/articles/?a%00b=1",
])
def test_filters_and_exports_with_control_characters_are_400(
    client: FlaskClient, auth: AuthActions, world: World, url: str,
) -> None:
    auth.login("viewer")
    response = client.get(url)
    assert response.status_code == 400
    assert b"control character" in response.data or b"NUL character" in response.data


@pytest.mark.parametrize("url", ["/api/v1/claims?q=a%00b", "/api/v1/speakers?q=%01"])
def test_api_query_parameters_with_control_characters_are_a_json_400(
    client: FlaskClient, world: World, url: str,
) -> None:
    response = client.get(url, headers={"Authorization": f"Bearer {world.tokens['viewer']}"})
    assert response.status_code == 400 and response.is_json
    assert "control character" in response.json["error"] or "NUL" in response.json["error"]


@pytest.mark.parametrize("body,field", [
    ({"name": "Anar\x00 Valiyev"}, "name"),
    ({"name": "Anar Valiyev", "description": "a\x02b"}, "description"),
    ({"name": "Anar Valiyev", "kind": "person", "x\x00": 1}, "x\x00"),
])
def test_api_fields_with_control_characters_are_a_json_400_naming_the_field(
    client: FlaskClient, world: World, session: Session, body: dict[str, Any], field: str,
) -> None:
    response = client.post("/api/v1/speakers", json=body,
                           headers={"Authorization": f"Bearer {world.tokens['editor']}"})
    assert response.status_code == 400 and response.json["field"] == field
    assert session.scalar(select(Speaker).where(Speaker.name_key == "anar valiyev")) is None


def test_api_list_fields_with_control_characters_are_refused(
    client: FlaskClient, world: World, session: Session,
) -> None:
    claim = session.get(Claim, world.claim_id)
    assert claim is not None
    response = client.patch(f"/api/v1/claims/{claim.id}",
                            json={"version": claim.version, "tags": ["ok", "bad\x00"]},
                            headers={"Authorization": f"Bearer {world.tokens['editor']}"})
    assert response.status_code == 400 and response.json["field"] == "tags"


def test_every_form_is_built_on_the_checking_base_form() -> None:
    from flask_wtf import FlaskForm

    import claims_app.web.app  # noqa: F401  (imports every blueprint, so every form)

    def all_subclasses(cls: type) -> list[type]:
        found: list[type] = []
        for sub in cls.__subclasses__():
            found += [sub, *all_subclasses(sub)]
        return found

    ours = [c for c in all_subclasses(FlaskForm) if c.__module__.startswith("claims_app")]
    assert len(ours) > 10
    assert [c.__qualname__ for c in ours if not issubclass(c, Form)] == []


# --- deeply nested JSON ------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"[" * 100_000, b'{"name": ' + b"[" * 50_000 + b"]" * 50_000
                                 + b"}", b'{"name": "x", "description": ' + b'{"a": ' * 30
                                 + b"1" + b"}" * 30 + b"}"])
def test_deeply_nested_json_is_a_400_before_it_is_parsed(
    client: FlaskClient, world: World, raw: bytes,
) -> None:
    response = client.post("/api/v1/speakers", data=raw, content_type="application/json",
                           headers={"Authorization": f"Bearer {world.tokens['editor']}"})
    assert response.status_code == 400 and response.is_json
    assert "levels deep" in response.json["error"]


def test_brackets_inside_strings_do_not_count_as_nesting(
    client: FlaskClient, world: World,
) -> None:
    response = client.post("/api/v1/speakers", json={"name": "Anar [" * 40 + "Valiyev"},
                           headers={"Authorization": f"Bearer {world.tokens['editor']}"})
    assert response.status_code == 201


# --- the importer --------------------------------------------------------------------------------


def test_an_article_file_with_a_nul_is_refused_naming_file_and_line_and_the_rest_imports(
    app: Flask, session: Session, tmp_path: Path,
) -> None:
    from claims_app.db import get_db
    from claims_app.ingest.importer import import_paths

    bad = tmp_path / "bad.txt"
    bad.write_text("Title\n\nFirst paragraph.\n" + "x" * 9000 + "\nA NUL\x00 here.\n",
                   encoding="utf-8")
    early = tmp_path / "early.txt"
    early.write_text("Title\n\nThe NUL\x00 comes early.\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text('Good\n\nAnar Valiyev said "the bridge opens" today.\n', encoding="utf-8")
    summary = import_paths(get_db(app).sessionmaker, [bad, early, good])
    failed = {o.source: o.message for o in summary.failed}
    assert failed.keys() == {str(bad), str(early)}
    assert "line 5" in failed[str(bad)] and "NUL" in failed[str(bad)]
    assert "line 3" in failed[str(early)] and "NUL" in failed[str(early)]
    assert summary.imported == 1

