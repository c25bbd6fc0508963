"""``GET /api/v1/claims/{id}/appearances``: the statement group of a claim, with the earliest
appearance in this archive and each other appearance's differences from this wording,
matching the OpenAPI document's ``Appearances`` schema."""

from __future__ import annotations

import datetime as dt

import jsonschema
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.api.openapi import build_document
from claims_app.claims.models import Claim
from claims_app.claims.services import ClaimInput, create_claim
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import store_draft
from tests.worlds.builders import make_speaker

SAID = "We will send five thousand troops to the northern border before winter."
CHANGED = "We will send 15 thousand troops to the northern border before winter."


def _reported(session: Session, user: User, quote: str, outlet: str, day: int) -> Claim:
    body = f'The defence minister said on Monday: "{quote}" Officials declined to comment.'
    article, _ = store_draft(session, ArticleDraft(
        body=body, source_name=f"{outlet}.txt", title="Troops", outlet=outlet,
        published=dt.date(2024, 5, day)), user, extract=False)
    start = body.index(quote)
    return create_claim(session, user, article,
                        ClaimInput(start=start, end=start + len(quote), kind="direct"))


def _schema(name: str) -> dict[str, object]:
    document = build_document()
    return {"$ref": f"#/components/schemas/{name}", "components": document["components"]}


def test_appearances_list_the_earliest_and_the_changed_number(
        client, session, users, token_headers) -> None:
    first = _reported(session, users["editor"], SAID, "Wire One", 2)
    later = _reported(session, users["editor"], CHANGED, "Daily Two", 6)
    session.commit()
    answer = client.get(f"/api/v1/claims/{later.id}/appearances",
                        headers=token_headers("viewer"))
    assert answer.status_code == 200
    jsonschema.validate(answer.json, _schema("Appearances"))
    assert answer.json["total"] == 2
    assert answer.json["earliest"]["claim_id"] == first.id
    assert answer.json["earliest"]["outlet"] == "Wire One"
    assert answer.json["earliest"]["published"] == "2024-05-02"
    assert answer.json["appearances"] == [{
        "claim_id": first.id, "article_id": first.article_id, "outlet": "Wire One",
        "published": "2024-05-02", "text": SAID, "speaker": None,
        "differences": [{"kind": "number", "ours": "15", "theirs": "five"}]}]


def test_a_claim_reported_once_has_no_other_appearances(
        client, session, users, token_headers) -> None:
    alone = _reported(session, users["editor"], SAID, "Wire One", 2)
    session.commit()
    answer = client.get(f"/api/v1/claims/{alone.id}/appearances",
                        headers=token_headers("viewer"))
    assert answer.status_code == 200
    jsonschema.validate(answer.json, _schema("Appearances"))
    assert answer.json["appearances"] == [] and answer.json["total"] == 1
    assert answer.json["earliest"]["claim_id"] == alone.id


def test_appearances_of_an_unknown_claim_are_404(client, token_headers) -> None:
    answer = client.get("/api/v1/claims/999999/appearances", headers=token_headers("viewer"))
    assert answer.status_code == 404


def test_a_report_carries_its_paraphrase_fidelity_against_the_direct_quote(
        client, session, users, token_headers) -> None:
    # The minister's own words and, in the same article, reported speech of them that drops
    # the "not": the report's entry names the quote and the dropped negation, in the same
    # ``differences`` shape as an appearance's.
    quote = "We will not sign the agreement on the border this year."
    report = "she would sign the agreement on the border this year"
    body = f"\u201c{quote}\u201d Petrosyan said. Later she said {report}, aides added."
    article, _ = store_draft(session, ArticleDraft(
        body=body, source_name="fidelity.txt", title="Border", outlet="Wire One",
        published=dt.date(2024, 5, 2)), users["editor"], extract=False)
    minister = make_speaker(session, "Anna Petrosyan")
    start = body.index(quote)
    direct = create_claim(session, users["editor"], article, ClaimInput(
        start=start, end=start + len(quote), kind="direct", speaker_id=minister.id))
    start = body.index(report)
    reported = create_claim(session, users["editor"], article, ClaimInput(
        start=start, end=start + len(report), kind="indirect", speaker_id=minister.id))
    session.commit()
    answer = client.get(f"/api/v1/claims/{reported.id}/appearances",
                        headers=token_headers("viewer"))
    assert answer.status_code == 200
    jsonschema.validate(answer.json, _schema("Appearances"))
    assert answer.json["fidelity"] == [{
        "direct_claim_id": direct.id, "reported_claim_id": reported.id,
        "claim_id": direct.id, "article_id": article.id, "kind": "direct", "text": quote,
        "said_on": None, "material": True,
        "differences": [{"kind": "negation", "ours": "not", "theirs": ""}]}]
    # Seen from the quote, the same pair names the report as the other claim.
    answer = client.get(f"/api/v1/claims/{direct.id}/appearances",
                        headers=token_headers("viewer"))
    [pair] = answer.json["fidelity"]
    assert (pair["claim_id"], pair["kind"], pair["text"]) == (reported.id, "indirect", report)


def test_a_direct_quote_with_no_report_of_it_has_no_fidelity_entries(
        client, session, users, token_headers) -> None:
    alone = _reported(session, users["editor"], SAID, "Wire One", 2)
    session.commit()
    answer = client.get(f"/api/v1/claims/{alone.id}/appearances",
                        headers=token_headers("viewer"))
    assert answer.json["fidelity"] == []
