""""Reviewed" means one thing: the dashboard's figure, the search filter, the export filter
and the ClaimReview export all count the claims ``reviewed_condition()`` selects, on the
seed articles with a claim accepted, one rejected, one corrected and two given verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.claims import services as claims
from claims_app.claims.conditions import reviewed_condition
from claims_app.claims.models import Claim, ClaimStatus, Verdict
from claims_app.crossref.query import SearchFilters
from claims_app.crossref.search import matching_claim_ids
from claims_app.dashboard.services import totals
from claims_app.db import get_db
from claims_app.export.claimreview import export_claimreview
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters, iter_claims
from claims_app.ingest.importer import import_paths
from claims_app.review.services import review_page

ROOT = Path(__file__).resolve().parents[2]


def _seed_and_review(app: Flask, session: Session, users: dict[str, Any]) -> list[Claim]:
    summary = import_paths(get_db(app).sessionmaker, [ROOT / "seeds"])
    assert summary.ok, summary.lines()
    found = list(session.scalars(select(Claim).order_by(Claim.id)))
    assert len(found) >= 6
    reviewer = users["reviewer"]
    claims.set_status(session, reviewer, found[0], ClaimStatus.CONFIRMED)
    claims.set_status(session, reviewer, found[1], ClaimStatus.REJECTED)
    claims.set_status(session, reviewer, found[2], ClaimStatus.CORRECTED)
    claims.add_review(session, reviewer, found[3], Verdict.FALSE, note="never said")
    claims.add_review(session, reviewer, found[0], Verdict.ACCURATE_QUOTE)
    session.commit()
    return found


def test_every_place_counts_the_same_reviewed_claims(
        app: Flask, session: Session, users: dict[str, Any]) -> None:
    found = _seed_and_review(app, session, users)
    reviewed = set(session.scalars(select(Claim.id).where(reviewed_condition())))
    assert reviewed == {found[0].id, found[1].id, found[2].id, found[3].id}

    assert totals(session).reviewed == len(reviewed)

    # The search filter, on a query finding every claim (any of their opening words).
    words = " ".join({w for c in found for w in c.text.split()[:2]})
    everything = set(matching_claim_ids(session, words, any_word=True, limit=100_000))
    assert reviewed <= everything
    only = set(matching_claim_ids(session, words, SearchFilters(reviewed=True), any_word=True,
                                  limit=100_000))
    never = set(matching_claim_ids(session, words, SearchFilters(reviewed=False),
                                   any_word=True, limit=100_000))
    assert only == reviewed
    assert never == everything - reviewed

    exported = {c.id for c in iter_claims(session, ExportFilters(reviewed_only=True))}
    assert exported == reviewed
    assert {c.id for c in iter_claims(session, ExportFilters(unreviewed_only=True))} == \
        {c.id for c in found} - reviewed

    # ClaimReview publishes a verdict's rating: the reviewed claims that carry one.
    document = json.loads("".join(export_claimreview(session, ExportFilters(),
                                                     ExportOptions())))
    urls = sorted(d["url"] for d in document)
    assert urls == sorted(ExportOptions().claim_url(i) for i in (found[0].id, found[3].id))

    # The queue is the complement: no reviewed claim waits in it.
    queued = {c.id for c in review_page(session, per_page=100).items}
    assert queued.isdisjoint(reviewed)
    assert queued == {c.id for c in found} - reviewed or len(queued) == 100
