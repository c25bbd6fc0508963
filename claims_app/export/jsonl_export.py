"""JSON Lines: one claim per line, self-contained (its article without the body, its
speaker, its current verdict, its statement group), for tools that process records one at
a time."""

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
from claims_app.provenance.services import group_names


def claim_line(claim: Claim, options: ExportOptions,
               statement_group: int | None = None) -> dict[str, Any]:
    """One line's record; ``statement_group`` names the claim's statement group as the
    lossless JSON export does (the id of the group's earliest claim)."""
    data = claim_record(claim, statement_group=statement_group)
    del data["links"], data["reviews"]
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
    """The lines, a batch at a time: each batch's records are made while its claims are
    valid, then its statement groups are read in one query (``group_names``: an ``IN`` on
    the members' key), so groups cost one statement per batch, never one per claim."""
    pending: list[dict[str, Any]] = []
    for claim in iter_claims(session, filters, batch_size=options.batch_size):
        pending.append(claim_line(claim, options))
        if len(pending) >= options.batch_size:
            yield from _with_groups(session, pending)
            pending = []
    yield from _with_groups(session, pending)


def _with_groups(session: Session, records: list[dict[str, Any]]) -> Iterator[str]:
    groups = group_names(session, [r["id"] for r in records])
    for record in records:
        record["statement_group_id"] = groups.get(record["id"])
        yield dumps(record) + "\n"
