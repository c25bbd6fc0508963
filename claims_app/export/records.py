"""Plain-dict views of the records, shared by the json, jsonl and csv exports.

One module decides how each field is written (ISO dates, UTC timestamps, enum values,
usernames instead of user ids), so the formats cannot drift apart and the json export
stays deterministic: the same rows always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

from claims_app.accounts.models import User
from claims_app.articles.models import Article, Outlet
from claims_app.claims.models import Claim, ClaimLink, Review, claim_spans, segment_texts
from claims_app.speakers.models import Speaker, SpeakerRole

SCHEMA_VERSION = 1


def iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def iso_time(value: dt.datetime | None) -> str | None:
    """UTC, so the same instant is written the same way whatever zone the driver used."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def w3c_time(value: dt.datetime | None) -> str | None:
    """xsd:dateTime in UTC written with ``Z``, as the Web Annotation model requires of
    ``created``/``modified`` (``+00:00`` is the same instant but not the required form)."""
    text = iso_time(value)
    return text[:-6] + "Z" if text is not None and text.endswith("+00:00") else text


def enum_value(value: enum.Enum | str | None) -> str | None:
    if isinstance(value, enum.Enum):
        return str(value.value)
    return value


def username(user: User | None) -> str | None:
    return user.username if user is not None else None


def dumps(obj: Any) -> str:
    """Compact, key-sorted, non-ASCII kept: the one serialisation every JSON format uses."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def review_record(review: Review) -> dict[str, Any]:
    return {
        "verdict": enum_value(review.verdict),
        "rating_text": review.rating_text,
        "evidence_urls": list(review.evidence_urls or []),
        "note": review.note,
        "reviewer": username(review.reviewer),
        "created_at": iso_time(review.created_at),
    }


def link_record(link: ClaimLink) -> dict[str, Any]:
    return {
        "type": enum_value(link.link_type),
        "target": link.target_claim_id,
        "note": link.note,
        "created_by": username(link.created_by),
        "created_at": iso_time(link.created_at),
    }


def latest_review(claim: Claim) -> Review | None:
    """The current verdict: the review with the highest id (reviews are loaded in id order)."""
    return max(claim.reviews, key=lambda r: r.id) if claim.reviews else None


def segment_records(claim: Claim) -> list[dict[str, Any]]:
    """Each piece of the claim with its body offsets and text: one for most claims, two
    or more for a quote split around its attribution (``start``/``end`` are the outer
    bounds, and the text between pieces is not in any of them)."""
    return [{"start": start, "end": end, "text": text}
            for (start, end), text in zip(claim_spans(claim), segment_texts(claim),
                                                 strict=True)]


def runner_up_record(claim: Claim) -> dict[str, Any] | None:
    """The speaker the extractor nearly chose, or None."""
    if claim.runner_up_name is None:
        return None
    return {"name": claim.runner_up_name, "score": claim.runner_up_score}


def claim_record(claim: Claim, links: list[ClaimLink] | None = None,
                 statement_group: int | None = None) -> dict[str, Any]:
    """Every stored field of a claim, its reviews (oldest first) and outgoing links, and
    (in the lossless JSON export) its statement group, named by the id of the group's
    earliest claim: the name survives a restore, which keeps claim ids and rebuilds the
    groups (they are derived data)."""
    speaker = claim.speaker
    return {
        "id": claim.id,
        "kind": enum_value(claim.kind),
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "segments": segment_records(claim),
        "prefix": claim.prefix,
        "suffix": claim.suffix,
        "speaker": {"id": speaker.id, "name": speaker.name} if speaker is not None else None,
        "runner_up": runner_up_record(claim),
        "speaker_role": claim.speaker_role,
        "cue": claim.cue,
        "said_on": iso_date(claim.said_on),
        "said_on_basis": enum_value(claim.said_on_basis),
        "said_where": claim.said_where,
        "status": enum_value(claim.status),
        "origin": enum_value(claim.origin),
        "confidence": claim.confidence,
        "tags": sorted(t.name for t in claim.tags),
        "note": claim.note,
        "reviews": [review_record(r) for r in sorted(claim.reviews, key=lambda r: r.id)],
        "links": sorted(
            (link_record(link) for link in links or []),
            key=lambda r: (r["target"], r["type"]),
        ),
        "statement_group_id": statement_group,
        "created_by": username(claim.created_by),
        "updated_by": username(claim.updated_by),
        "created_at": iso_time(claim.created_at),
        "updated_at": iso_time(claim.updated_at),
    }


def article_record(article: Article, *, with_text: bool = True) -> dict[str, Any]:
    """An article's fields; ``with_text=False`` leaves out body and raw (per-claim formats)."""
    out: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "outlet": article.outlet.name if article.outlet is not None else None,
        "published": iso_date(article.published),
        "published_precision": enum_value(article.published_precision),
        "published_text": article.published_text,
        "dateline": article.dateline,
        "place": article.place,
        "section": article.section,
        "url": article.url,
        "language": article.language,
        "source_name": article.source_name,
        "content_hash": article.content_hash,
        "extra": article.extra or {},
        "notes": article.notes,
        "imported_at": iso_time(article.imported_at),
        "imported_by": username(article.imported_by),
    }
    if with_text:
        out["body"] = article.body
        out["raw"] = article.raw
    return out


def role_record(role: SpeakerRole) -> dict[str, Any]:
    return {
        "title": role.title,
        "organization": role.organization,
        "first_seen": iso_date(role.first_seen),
        "last_seen": iso_date(role.last_seen),
    }


def _role_order(role: SpeakerRole) -> tuple[bool, dt.date, str]:
    # NULLs sort first on SQLite and last on PostgreSQL; sorting here makes them agree.
    return (role.first_seen is None, role.first_seen or dt.date.min, role.title)


def speaker_record(speaker: Speaker) -> dict[str, Any]:
    return {
        "id": speaker.id,
        "name": speaker.name,
        "kind": enum_value(speaker.kind),
        "description": speaker.description,
        "external_id": speaker.external_id,
        "merged_into": speaker.merged_into_id,
        "aliases": sorted(a.alias for a in speaker.aliases),
        "roles": [role_record(r) for r in sorted(speaker.roles, key=_role_order)],
    }


def user_record(user: User) -> dict[str, Any]:
    """Who an account is and what it may do; never its password hash or tokens."""
    return {"username": user.username, "display_name": user.display_name,
            "role": enum_value(user.role)}


def outlet_record(outlet: Outlet) -> dict[str, Any]:
    return {"name": outlet.name, "homepage": outlet.homepage}
