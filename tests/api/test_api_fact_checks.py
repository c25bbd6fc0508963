"""``GET /api/v1/claims/{id}/fact-checks``: what the claim page lists, as JSON."""

from __future__ import annotations

import datetime as dt

from claims_app.factchecks.reader import FactCheckDraft
from claims_app.factchecks.services import store_fact_checks
from tests.api.conftest import QUOTE


def test_a_claims_fact_checks_as_json(client, session, claim, token_headers) -> None:
    store_fact_checks(session, None, [
        FactCheckDraft(claim_reviewed="The bridge will open in May.", claimant="Jane Doe",
                       rating_value=2.0, best_rating=5.0, worst_rating=1.0,
                       rating_name="Misleading", publisher="Bridge Check",
                       published=dt.date(2021, 5, 2), url="https://fc.example/bridge",
                       language="en"),
        FactCheckDraft(claim_reviewed="The bridge will not open in May.", claimant=None,
                       rating_value=None, best_rating=None, worst_rating=None,
                       rating_name="True", publisher="Other", published=None,
                       url="https://fc.example/not", language=None),
    ], "two.json")
    session.commit()
    response = client.get(f"/api/v1/claims/{claim.id}/fact-checks",
                          headers=token_headers("viewer"))
    assert response.status_code == 200
    [item] = response.json["items"]
    assert item["claim_reviewed"] == QUOTE and item["rating_name"] == "Misleading"
    assert item["published"] == "2021-05-02" and item["score"] == 1.0
    assert item["same_speaker"] is False  # the claim has no speaker
    missing = client.get("/api/v1/claims/999999/fact-checks", headers=token_headers("viewer"))
    assert missing.status_code == 404
