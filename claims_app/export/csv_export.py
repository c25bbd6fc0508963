"""CSV: one claim per row for spreadsheets.

UTF-8 with a byte-order mark, because Excel otherwise reads UTF-8 as the local code page
and mangles every non-ASCII name. Quoting is the csv module's (RFC 4180): a field with a
comma, quote or line break is quoted, so multi-line quotes stay in one cell. Multi-value
fields are joined with `` | ``. The column order is fixed by ``COLUMNS``; add new columns
at the end so existing spreadsheets keep working.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from claims_app.claims.models import Claim, claim_spans
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters, iter_claims
from claims_app.export.records import enum_value, iso_date, iso_time, latest_review

BOM = "\ufeff"
SEPARATOR = " | "
ROWS_PER_CHUNK = 200

COLUMNS: tuple[str, ...] = (
    "claim_id", "url", "kind", "status", "text", "speaker_id", "speaker", "speaker_kind",
    "speaker_aliases", "speaker_role", "cue", "said_on", "said_on_basis", "said_where",
    "origin", "confidence", "tags", "note", "start", "end",
    "verdict", "rating_text", "evidence_urls", "reviewer", "reviewed_at", "review_count",
    "article_id", "article_title", "article_author", "outlet", "article_published",
    "article_published_precision", "article_url", "article_language", "article_source_name",
    "segments", "runner_up", "runner_up_score",
)


def join(values: Any) -> str:
    return SEPARATOR.join(str(v) for v in values)


def claim_row(claim: Claim, options: ExportOptions) -> list[Any]:
    speaker, article = claim.speaker, claim.article
    review = latest_review(claim)
    row = {
        "claim_id": claim.id,
        "url": options.claim_url(claim.id),
        "kind": enum_value(claim.kind),
        "status": enum_value(claim.status),
        "text": claim.text,
        "speaker_id": speaker.id if speaker else None,
        "speaker": speaker.name if speaker else None,
        "speaker_kind": enum_value(speaker.kind) if speaker else None,
        "speaker_aliases": join(sorted(a.alias for a in speaker.aliases)) if speaker else None,
        "speaker_role": claim.speaker_role,
        "cue": claim.cue,
        "said_on": iso_date(claim.said_on),
        "said_on_basis": enum_value(claim.said_on_basis),
        "said_where": claim.said_where,
        "origin": enum_value(claim.origin),
        "confidence": claim.confidence,
        "tags": join(sorted(t.name for t in claim.tags)),
        "note": claim.note,
        "start": claim.start,
        "end": claim.end,
        "verdict": enum_value(review.verdict) if review else None,
        "rating_text": review.rating_text if review else None,
        "evidence_urls": join(review.evidence_urls or []) if review else None,
        "reviewer": review.reviewer.username if review and review.reviewer else None,
        "reviewed_at": iso_time(review.created_at) if review else None,
        "review_count": len(claim.reviews),
        "article_id": article.id,
        "article_title": article.title,
        "article_author": article.author,
        "outlet": article.outlet.name if article.outlet else None,
        "article_published": iso_date(article.published),
        "article_published_precision": enum_value(article.published_precision),
        "article_url": article.url,
        "article_language": article.language,
        "article_source_name": article.source_name,
        # "12-40 | 52-71": the pieces of a quote split around its attribution.
        "segments": join(f"{start}-{end}" for start, end in claim_spans(claim)),
        "runner_up": claim.runner_up_name,
        "runner_up_score": claim.runner_up_score,
    }
    return ["" if row[c] is None else spreadsheet_safe(row[c]) for c in COLUMNS]


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe.

    Claim texts, notes and names come from outside; opened in Excel, a cell such as
    ``=HYPERLINK(...)`` would execute. The JSON formats keep text verbatim; CSV is for people.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(
    session: Session, filters: ExportFilters, options: ExportOptions
) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield BOM + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    claims = iter_claims(session, filters, batch_size=options.batch_size, speaker_details=True)
    for rows, claim in enumerate(claims, start=1):
        writer.writerow(claim_row(claim, options))
        if rows % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()
