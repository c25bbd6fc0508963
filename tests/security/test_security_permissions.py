"""The one permission table decides every check: a walk over every endpoint of the web app
and the API, for every role, finds each cell of the table holding (allowed gets through,
refused gets 403 and changes nothing), and no state-changing endpoint without a permission.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from claims_app.accounts.models import Role, User
from claims_app.accounts.permissions import PERMISSIONS, Permission, can
from tests.conftest import AuthActions
from tests.security.conftest import World

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Pages anyone may open: logging in is how a person gets a role at all, and the API's
# description of itself is public.
PUBLIC = {"static", "accounts.login", "api.openapi"}


def endpoints(app: Flask, *, api: bool) -> Iterator[tuple[Rule, str, Permission | None]]:
    """(rule, method, required permission) for every endpoint of the web app or the API;
    state-changing ones go last so deleting a record does not hide the others' checks."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC or rule.endpoint.startswith("api.openapi"):
            continue
        view = app.view_functions[rule.endpoint]
        # Resources read by token or session (article texts, annotations) are walked as
        # both: by every role's token and by every role's login.
        if rule.endpoint.startswith("api.") != api and not getattr(view, "accepts_token", False):
            continue
        permission = getattr(view, "required_permission", None)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule, method, permission))
    found.sort(key=lambda item: (item[1] in WRITES, "delete" in item[0].endpoint,
                                 item[0].rule, item[1]))
    yield from found


def url_values(world: World, role: str) -> dict[str, Any]:
    return {
        "article_id": world.article_id, "claim_id": world.claim_id,
        "speaker_id": world.speaker_id, "link_id": world.link_id,
        "review_id": world.review_id, "token_id": world.token_ids[role],
        "user_id": world.user_ids["viewer" if role != "viewer" else "reviewer"],
        "entity_type": "claim", "entity_id": world.claim_id, "job_id": world.job_id,
        "assignment_id": world.assignment_id, "comment_id": world.comment_id,
        "earlier_id": world.claim_id, "later_id": world.other_claim_id,
    }


def event_for(rule: Rule, world: World) -> int:
    return world.delete_event_id if "restore" in rule.endpoint else world.update_event_id


def build_url(app: Flask, rule: Rule, world: World, role: str) -> str:
    values = {name: value for name, value in url_values(world, role).items()
              if name in rule.arguments}
    if "event_id" in rule.arguments:
        values["event_id"] = event_for(rule, world)
    missing = rule.arguments - set(values)
    assert not missing, f"no fixture value for {sorted(missing)} in {rule.rule}"
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


def form_for(rule: Rule, world: World) -> dict[str, str]:
    """A plausible, complete form for each kind of POST, so an allowed request really acts."""
    by_endpoint: dict[str, dict[str, str]] = {
        "claims.status": {"action": "accept"},
        "claims.review": {"verdict": "accurate_quote", "note": "walked"},
        "claims.add_link": {"target_id": str(world.other_claim_id), "link_type": "repeats"},
        "speakers.merge_confirmed": {"target_id": str(world.other_speaker_id)},
        "accounts.set_role": {"uviewer-role": "viewer"},
        "accounts.set_active": {"active": "1"},
        "tokens.index": {"name": "walked token"},
    }
    return by_endpoint.get(rule.endpoint, {})


# --- The table itself ----------------------------------------------------------------------


def test_every_state_changing_endpoint_declares_a_permission(app: Flask) -> None:
    holes = [f"{method} {rule.rule} ({rule.endpoint})"
             for api in (False, True)
             for rule, method, permission in endpoints(app, api=api)
             if permission is None and method in WRITES]
    assert not holes, "state-changing endpoints without a required permission: " + \
        ", ".join(holes)


def test_every_page_declares_a_permission(app: Flask) -> None:
    unguarded = sorted({rule.endpoint for api in (False, True)
                        for rule, _method, permission in endpoints(app, api=api)
                        if permission is None})
    assert not unguarded


def test_every_role_has_an_entry_in_the_permission_table() -> None:
    assert set(PERMISSIONS) == set(Role)
    assert all(Permission.READ in granted for granted in PERMISSIONS.values())


# --- The walk -------------------------------------------------------------------------------


def _refused_changes_nothing(state: Callable[[], dict[str, Any]], send: Callable[[], Any],
                             what: str) -> Any:
    before = state()
    response = send()
    assert response.status_code == 403, f"{what}: expected 403, got {response.status_code}"
    assert state() == before, f"{what} was refused but changed the database"
    return response


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_web_permission_table_holds_for_every_endpoint(
    app: Flask, client: FlaskClient, auth: AuthActions, world: World,
    state: Callable[[], dict[str, Any]], role: str,
) -> None:
    assert auth.login(role).status_code == 302
    checked = 0
    for rule, method, permission in endpoints(app, api=False):
        assert permission is not None, f"{rule.endpoint} declares no permission"
        url = build_url(app, rule, world, role)
        what = f"{role} {method} {url}"

        def send(rule: Rule = rule, method: str = method, url: str = url) -> Any:
            data = form_for(rule, world) if method in WRITES else None
            return client.open(url, method=method, data=data)

        if can(role, permission):
            response = send()
            assert response.status_code not in (403, 500), \
                f"{what}: allowed by the table but answered {response.status_code}"
            if rule.endpoint in ("accounts.logout", "accounts.logout_everywhere"):
                auth.login(role)
        else:
            _refused_changes_nothing(state, send, what)
        checked += 1
    assert checked > 30


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_api_permission_table_holds_for_every_endpoint(
    app: Flask, client: FlaskClient, world: World, state: Callable[[], dict[str, Any]],
    role: str,
) -> None:
    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
    checked = 0
    for rule, method, permission in endpoints(app, api=True):
        assert permission is not None, f"{rule.endpoint} declares no permission"
        url = build_url(app, rule, world, role)
        what = f"{role} {method} {url}"

        def send(method: str = method, url: str = url) -> Any:
            body = {} if method in {"POST", "PATCH", "PUT"} else None
            return client.open(url, method=method, json=body, headers=headers)

        if can(role, permission):
            response = send()
            assert response.status_code not in (401, 403, 500), \
                f"{what}: allowed by the table but answered {response.status_code}"
        else:
            response = _refused_changes_nothing(state, send, what)
            assert response.is_json
        checked += 1
    assert checked > 20


def test_anonymous_web_requests_are_sent_to_login(
    app: Flask, client: FlaskClient, world: World, state: Callable[[], dict[str, Any]],
) -> None:
    for rule, method, _permission in endpoints(app, api=False):
        url = build_url(app, rule, world, "viewer")
        before = state()
        response = client.open(url, method=method, data=form_for(rule, world))
        if getattr(app.view_functions[rule.endpoint], "accepts_token", False):
            # Read by programs as well as browsers: asked to authenticate, not redirected.
            assert response.status_code == 401 and response.is_json, f"anonymous {url}"
        else:
            assert response.status_code == 302, \
                f"anonymous {method} {url}: {response.status_code}"
            assert "/login" in response.headers["Location"]
        assert state() == before


def test_api_requests_without_a_valid_token_get_401(
    app: Flask, client: FlaskClient, world: World, state: Callable[[], dict[str, Any]],
) -> None:
    for rule, method, _permission in endpoints(app, api=True):
        url = build_url(app, rule, world, "viewer")
        before = state()
        for headers in ({}, {"Authorization": "Bearer ca_not-a-token"}):
            response = client.open(url, method=method, headers=headers,
                                   json={} if method in WRITES - {"DELETE"} else None)
            assert response.status_code == 401, f"{method} {url}: {response.status_code}"
            assert response.is_json
        assert state() == before


def test_api_token_of_a_deactivated_account_gets_401(
    client: FlaskClient, world: World, session: Any, users: dict[str, User],
) -> None:
    users["editor"].active = False
    session.commit()
    response = client.get("/api/v1/claims",
                          headers={"Authorization": f"Bearer {world.tokens['editor']}"})
    assert response.status_code == 401


def test_cli_acting_for_a_user_asks_the_same_permission_table(
    runner: Any, users: dict[str, User], state: Callable[[], dict[str, Any]],
) -> None:
    from pathlib import Path

    from claims_app.ingest.commands import import_command

    seeds = str(Path(__file__).resolve().parents[2] / "seeds")
    before = state()
    refused = runner.invoke(import_command, [seeds, "--as-user", "viewer", "--quiet"])
    assert refused.exit_code != 0 and "may not" in refused.output
    assert state() == before
