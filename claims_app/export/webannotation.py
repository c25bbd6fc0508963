"""W3C Web Annotation (JSON-LD): each claim an Annotation on its article's text, so
annotation tools (Hypothesis-style clients, IIIF/annotation stores) can show the claims
in place.

The target carries both selectors the data model defines for text: a TextQuoteSelector
(exact text plus prefix/suffix, which survives edits to the page) and a
TextPositionSelector (code-point offsets into the body as imported; Python string offsets
are code points, as the model requires). Reviewed claims are "assessing", others
"highlighting".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from claims_app.claims.models import Claim
from claims_app.export.claimreview import VERDICT_RATINGS
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters, count_claims, iter_claims
from claims_app.export.records import dumps, enum_value, iso_time, latest_review

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def article_source(claim: Claim) -> str:
    return claim.article.url or f"urn:claims-app:article:{claim.article_id}"


def _textual(value: str, purpose: str, **extra: Any) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "purpose": purpose,
            "format": "text/plain", **extra}


def annotation(claim: Claim, options: ExportOptions) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if claim.speaker is not None:
        bodies.append(_textual(claim.speaker.name, "identifying",
                               id=f"urn:claims-app:speaker:{claim.speaker.id}"))
    bodies.append(_textual(f"kind: {enum_value(claim.kind)}", "describing"))
    bodies.append(_textual(f"status: {enum_value(claim.status)}", "describing"))
    bodies += [_textual(tag.name, "tagging") for tag in sorted(claim.tags, key=lambda t: t.name)]
    review = latest_review(claim)
    if review is not None:
        label = VERDICT_RATINGS[review.verdict][0]
        bodies.append(_textual(review.rating_text or label, "assessing"))
    out: dict[str, Any] = {
        "id": options.claim_url(claim.id),
        "type": "Annotation",
        "motivation": "assessing" if review is not None else "highlighting",
        "created": iso_time(claim.created_at),
        "modified": iso_time(claim.updated_at),
        "body": bodies,
        "target": {
            "source": article_source(claim),
            "selector": [
                {"type": "TextQuoteSelector", "exact": claim.text,
                 "prefix": claim.prefix, "suffix": claim.suffix},
                {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
            ],
        },
    }
    if claim.article.title:
        out["target"]["label"] = claim.article.title
    return out


def export_webannotation(
    session: Session, filters: ExportFilters, options: ExportOptions
) -> Iterator[str]:
    """One AnnotationCollection with its single AnnotationPage embedded, items streamed."""
    base = options.base_url if options.base_url.endswith("/") else options.base_url + "/"
    collection = f"{base}export/annotations"
    head = {
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": "Claims",
        "total": count_claims(session, filters),
    }
    page = {"id": f"{collection}?page=1", "type": "AnnotationPage", "partOf": collection,
            "startIndex": 0}
    yield dumps(head)[:-1] + ',"first":' + dumps(page)[:-1] + ',"items":['
    first = True
    for claim in iter_claims(session, filters, batch_size=options.batch_size):
        yield ("\n" if first else ",\n") + dumps(annotation(claim, options))
        first = False
    yield "\n]}}\n"
