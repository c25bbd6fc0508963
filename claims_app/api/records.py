"""Records written as the API's JSON: one function per resource, and a page of them.

Timestamps always carry their zone and dates are ISO 8601, so a client parses every record
the same way; the OpenAPI document (``openapi.py``) describes these shapes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from claims_app.articles.models import Article
from claims_app.claims.models import Claim, ClaimLink, Review, Tag
from claims_app.export.records import role_record, runner_up_record, segment_records
from claims_app.factchecks.services import KnownCheck
from claims_app.speakers.models import Speaker


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    """ISO 8601; timestamps always carry their zone (SQLite returns them naive, in UTC)."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat() if value is not None else None


def article_json(article: Article, *, with_body: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "outlet": article.outlet.name if article.outlet else None,
        "published": _iso(article.published),
        "published_precision": article.published_precision.value,
        "published_text": article.published_text,
        "dateline": article.dateline,
        "place": article.place,
        "section": article.section,
        "url": article.url,
        "language": article.language,
        "source_name": article.source_name,
        "notes": article.notes,
        "content_hash": article.content_hash,
        "imported_at": _iso(article.imported_at),
        "created_at": _iso(article.created_at),
        "updated_at": _iso(article.updated_at),
        "version": article.version,
    }
    if with_body:
        out["body"] = article.body
    return out


def speaker_json(speaker: Speaker) -> dict[str, Any]:
    return {
        "id": speaker.id,
        "name": speaker.name,
        "kind": speaker.kind.value,
        "description": speaker.description,
        "external_id": speaker.external_id,
        "merged_into_id": speaker.merged_into_id,
        "aliases": [a.alias for a in speaker.aliases],
        "roles": [role_record(r) for r in speaker.roles],
        "created_at": _iso(speaker.created_at),
        "updated_at": _iso(speaker.updated_at),
        "version": speaker.version,
    }


def claim_json(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "speaker_id": claim.speaker_id,
        "speaker_name": claim.speaker.name if claim.speaker else None,
        "speaker_role": claim.speaker_role,
        "kind": claim.kind.value,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "cue": claim.cue,
        "said_on": _iso(claim.said_on),
        "said_on_basis": claim.said_on_basis.value,
        "said_where": claim.said_where,
        "origin": claim.origin.value,
        "confidence": claim.confidence,
        "status": claim.status.value,
        "tags": [t.name for t in claim.tags],
        "note": claim.note,
        "segments": segment_records(claim),
        "runner_up": runner_up_record(claim),
        "created_at": _iso(claim.created_at),
        "updated_at": _iso(claim.updated_at),
        "version": claim.version,
    }


def review_json(review: Review) -> dict[str, Any]:
    return {
        "id": review.id,
        "claim_id": review.claim_id,
        "reviewer": review.reviewer.username if review.reviewer else None,
        "verdict": review.verdict.value,
        "rating_text": review.rating_text,
        "evidence_urls": list(review.evidence_urls or []),
        "note": review.note,
        "created_at": _iso(review.created_at),
    }


def fact_check_json(known: KnownCheck) -> dict[str, Any]:
    check = known.fact_check
    return {
        "id": check.id, "claim_reviewed": check.claim_reviewed, "claimant": check.claimant,
        "rating_value": check.rating_value, "best_rating": check.best_rating,
        "worst_rating": check.worst_rating, "rating_name": check.rating_name,
        "publisher": check.publisher,
        "published": check.published.isoformat() if check.published else None,
        "url": check.url, "language": check.language, "score": known.score,
        "same_speaker": known.same_speaker,
    }


def link_json(link: ClaimLink) -> dict[str, Any]:
    return {
        "id": link.id,
        "source_id": link.source_claim_id,
        "target_id": link.target_claim_id,
        "link_type": link.link_type.value,
        "note": link.note,
        "created_by": link.created_by.username if link.created_by else None,
        "created_at": _iso(link.created_at),
    }


def tag_json(tag: Tag, count: int) -> dict[str, Any]:
    return {"id": tag.id, "name": tag.name, "claims": count}


def page_json(page: Any, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"items": items, "page": page.page, "per_page": page.per_page, "total": page.total}

