"""The optimistic lock is required on every write (issue 15, item 13): a web edit, status
change, delete, merge or revert without the version it was made on, and an API delete
without ``?version``, are refused with a clear message and change nothing, on both engines.
Before, leaving the version out skipped the check and overwrote newer saves."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from claims_app.claims.models import Claim, ClaimStatus
from tests.conftest import AuthActions
from tests.security.conftest import World

MESSAGE = "without the version of the record it was made on"


def _refused(response: Any, state: Callable[[], dict[str, Any]], before: dict[str, Any]
             ) -> None:
    assert response.status_code == 400, response.status_code
    assert MESSAGE in response.get_data(as_text=True)
    assert state() == before


@pytest.mark.parametrize("version", [None, "", "seven", "99999999999999999999"])
def test_web_status_change_without_a_version_is_refused(
    client: FlaskClient, auth: AuthActions, world: World, session: Session,
    state: Callable[[], dict[str, Any]], version: str | None,
) -> None:
    auth.login("reviewer")
    before = state()
    data = {"action": "reject"} | ({"version": version} if version is not None else {})
    _refused(client.post(f"/claims/{world.claim_id}/status", data=data), state, before)
    claim = session.get(Claim, world.claim_id)
    assert claim is not None and claim.status is not ClaimStatus.REJECTED


def test_web_claim_edit_without_a_version_is_refused(
    client: FlaskClient, auth: AuthActions, world: World, session: Session,
    state: Callable[[], dict[str, Any]],
) -> None:
    claim = session.get(Claim, world.claim_id)
    assert claim is not None
    auth.login("reviewer")
    before = state()
    response = client.post(f"/claims/{claim.id}/edit", data={
        "start": str(claim.start), "end": str(claim.end), "text": claim.text, "kind": "direct",
        "speaker": "", "speaker_id": "", "note": "OVERWRITE", "tags": ""})
    _refused(response, state, before)
    session.refresh(claim)
    assert claim.note != "OVERWRITE"


@pytest.mark.parametrize("url,data", [
    ("/claims/{claim_id}/delete", {}),
    ("/articles/{article_id}/delete", {}),
    ("/articles/{article_id}/edit", {"title": "Overwritten", "body": "x" * 50,
                                     "published_precision": "day"}),
    ("/speakers/{speaker_id}/edit", {"name": "Overwritten Name", "kind": "person"}),
    ("/speakers/{speaker_id}/merge", {"target_id": "{other_speaker_id}"}),
    ("/history/revert/{update_event_id}", {}),
])
def test_other_web_writes_without_a_version_are_refused(
    client: FlaskClient, auth: AuthActions, world: World,
    state: Callable[[], dict[str, Any]], url: str, data: dict[str, str],
) -> None:
    values = vars(world)
    auth.login("admin")
    before = state()
    response = client.post(url.format(**values),
                           data={k: v.format(**values) for k, v in data.items()})
    _refused(response, state, before)


@pytest.mark.parametrize("kind", ["claims", "articles", "speakers"])
def test_api_delete_without_version_is_a_json_400_and_deletes_nothing(
    client: FlaskClient, world: World, state: Callable[[], dict[str, Any]], kind: str,
) -> None:
    record = {"claims": world.claim_id, "articles": world.article_id,
              "speakers": world.other_speaker_id}[kind]
    before = state()
    response = client.delete(f"/api/v1/{kind}/{record}",
                              headers={"Authorization": f"Bearer {world.tokens['admin']}"})
    assert response.status_code == 400 and response.is_json
    assert response.json["field"] == "version" and "?version=" in response.json["error"]
    assert state() == before


def test_the_openapi_document_says_deletes_need_the_version(client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in ("/claims/{claim_id}", "/articles/{article_id}", "/speakers/{speaker_id}"):
        version = [p for p in paths[path]["delete"]["parameters"] if p["name"] == "version"]
        assert version and version[0]["required"] is True, path


TYPED = "Typed by hand; must survive a refused save"


@pytest.mark.parametrize("form", ["claim", "article", "speaker"])
def test_an_edit_without_its_version_comes_back_with_what_was_typed(
    client: FlaskClient, auth: AuthActions, world: World, session: Session,
    state: Callable[[], dict[str, Any]], form: str,
) -> None:
    """The three forms holding typed content keep it when the version is missing: the form
    is shown again (400) with the typed text, the error above it and the record's current
    version in it, so saving that page applies the change deliberately."""
    claim = session.get(Claim, world.claim_id)
    assert claim is not None
    url, data, stored = {
        "claim": (f"/claims/{claim.id}/edit", {
            "start": str(claim.start), "end": str(claim.end), "text": claim.text,
            "kind": claim.kind.value, "speaker": "", "speaker_id": "", "tags": "",
            "note": TYPED}, claim),
        "article": (f"/articles/{world.article_id}/edit", {
            "title": "Kept title", "body": claim.article.body, "published_precision": "day",
            "notes": TYPED}, claim.article),
        "speaker": (f"/speakers/{world.other_speaker_id}/edit", {
            "name": "Jeyhun Bayramov", "kind": "person", "description": TYPED}, None),
    }[form]
    auth.login("admin")
    before = state()
    response = client.post(url, data=data)
    _refused(response, state, before)
    page = response.get_data(as_text=True)
    assert f"{TYPED}</textarea>" in page
    problem = page.index('id="form-problem"')
    assert problem < page.index('<form method="post" novalidate') and MESSAGE in page[problem:]
    assert "What you typed is kept below" in page
    current = stored.version if stored is not None else None
    if current is not None:
        assert f'name="version" type="hidden" value="{current}"' in page
    # Saving the page shown again (its version now filled in) applies the change.
    kept = re.search(r'name="version" type="hidden" value="(\d+)"', page)
    assert kept is not None
    again = client.post(url, data={**data, "version": kept.group(1)})
    assert again.status_code == 302, again.get_data(as_text=True)[:2000]


def test_a_create_form_needs_no_version(client: FlaskClient, auth: AuthActions,
                                        world: World) -> None:
    """The same forms create records, which have no version yet: nothing is asked of them."""
    auth.login("admin")
    response = client.post("/articles/new", data={
        "title": "A new one", "body": "The minister said the talks went well. " * 3,
        "published_precision": "unknown"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
