"""The OpenAPI document stays true: a property-based fuzzer (schemathesis) replays every
operation against the app, with a valid token, and checks that nothing answers 5xx and
every response matches its documented schema. Valid requests (positive) and invalid ones
(negative: wrong types, missing fields) are both sent; neither may crash the app."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from claims_app.api.openapi import build_document
from claims_app.api.tokens import create_token


def test_document_is_openapi_3_1_with_bearer_security(client) -> None:
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"] == "3.1.0"
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert document == build_document()


def test_document_describes_every_api_route(app) -> None:
    documented = {
        (path, method.upper())
        for path, item in build_document()["paths"].items()
        for method in item if method != "parameters"
    }
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.openapi_document":
            path = rule.rule.removeprefix("/api/v1")
            for arg in rule.arguments:
                path = path.replace(f"<id:{arg}>", f"{{{arg}}}")
            routed |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == routed


@pytest.fixture
def fuzz_token(session, users, article, claim) -> str:
    """An admin token (every operation allowed), with an article and a claim to hit."""
    _token, plaintext = create_token(session, users["admin"], "fuzzer")
    session.commit()
    return plaintext


def _fuzz(operation, token: str, mode: GenerationMode) -> None:
    """Up to ten generated requests for one operation (no shrinking, to stay fast)."""

    @given(case=operation.as_strategy(mode))
    @settings(max_examples=10, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        case.call_and_validate(
            headers={"Authorization": f"Bearer {token}"},
            checks=[not_a_server_error, response_schema_conformance],
        )

    run()


def test_api_conforms_to_its_openapi_document(app, fuzz_token) -> None:
    # schemathesis' own pytest integration (schema.parametrize) needs pytest < 9, so each
    # operation's Hypothesis strategy is driven here directly.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        try:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _fuzz(operation, fuzz_token, mode)
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label} ({mode}): {exc}")
    assert operations == sum(len(set(item) - {"parameters"})
                             for item in build_document()["paths"].values())
    assert not failures, "\n\n".join(failures)
