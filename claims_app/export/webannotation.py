"""W3C Web Annotation (JSON-LD): each claim an Annotation on its article's text, so
annotation tools (Hypothesis-style clients, IIIF/annotation stores) can show the claims
in place.

The target carries both selectors the data model defines for text: a TextQuoteSelector
(exact text plus prefix/suffix, which survives edits to the page) and a
TextPositionSelector (code-point offsets into the body as imported; Python string offsets
are code points, as the model requires). A claim in several segments (a quote split around
its attribution) has one such target per segment. Reviewed claims are "assessing", others
"highlighting".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from claims_app.claims.models import Claim, claim_spans, segment_texts
from claims_app.claims.services import ANCHOR_CONTEXT
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
    return {
        "id": options.claim_url(claim.id),
        "type": "Annotation",
        "motivation": "assessing" if review is not None else "highlighting",
        "created": iso_time(claim.created_at),
        "modified": iso_time(claim.updated_at),
        "body": bodies,
        "target": targets(claim),
    }


def targets(claim: Claim) -> dict[str, Any] | list[dict[str, Any]]:
    """Where the claim sits in its article: one target with a quote and a position selector;
    for a claim in several segments, a list of targets, one SpecificResource per segment
    in body order (the W3C model's multiple targets; several selectors on one target would
    mean alternative ways to find the same text, not several pieces)."""
    pieces = [_target(claim, start, end, text) for (start, end), text
              in zip(claim_spans(claim), segment_texts(claim), strict=True)]
    if len(pieces) == 1:
        return pieces[0]
    for piece in pieces:
        piece["type"] = "SpecificResource"
    return pieces


def _target(claim: Claim, start: int, end: int, exact: str) -> dict[str, Any]:
    """One segment's target; its prefix and suffix come from the claim's own stored text
    and context (the article body is not loaded for exports)."""
    around = claim.prefix + claim.text + claim.suffix
    at = len(claim.prefix) + start - claim.start
    stop = at + len(exact)
    out: dict[str, Any] = {
        "source": article_source(claim),
        "selector": [
            {"type": "TextQuoteSelector", "exact": exact,
             "prefix": around[max(0, at - ANCHOR_CONTEXT):at],
             "suffix": around[stop:stop + ANCHOR_CONTEXT]},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }
    if claim.article.title:
        out["label"] = claim.article.title
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
