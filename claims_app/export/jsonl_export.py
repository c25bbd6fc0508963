"""JSON Lines: one claim per line, self-contained (its article without the body, its
speaker, its current verdict), for tools that process records one at a time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from claims_app.claims.models import Claim
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters, iter_claims
from claims_app.export.records import (
    article_record,
    claim_record,
    dumps,
    enum_value,
    latest_review,
    review_record,
)


def claim_line(claim: Claim, options: ExportOptions) -> dict[str, Any]:
    data = claim_record(claim)
    # statement groups travel in the lossless JSON export only (a line is one claim)
    del data["links"], data["reviews"], data["statement_group_id"]
    speaker = claim.speaker
    data["url"] = options.claim_url(claim.id)
    data["speaker"] = None if speaker is None else {
        "id": speaker.id,
        "name": speaker.name,
        "kind": enum_value(speaker.kind),
        "external_id": speaker.external_id,
        "merged_into": speaker.merged_into_id,
    }
    data["article"] = article_record(claim.article, with_text=False)
    review = latest_review(claim)
    data["latest_review"] = review_record(review) if review is not None else None
    data["review_count"] = len(claim.reviews)
    return data


def export_jsonl(
    session: Session, filters: ExportFilters, options: ExportOptions
) -> Iterator[str]:
    for claim in iter_claims(session, filters, batch_size=options.batch_size):
        yield dumps(claim_line(claim, options)) + "\n"
