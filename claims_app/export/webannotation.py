"""W3C Web Annotation (JSON-LD): each claim an Annotation on its article's text, so
annotation tools (Hypothesis-style clients, IIIF/annotation stores) can show the claims
in place.

Written to the letter of the Web Annotation Data Model, because clients check it:

- The target is a SpecificResource whose source is the article text *as we stored it*,
  served at ``{BASE_URL}articles/N/text``: the offsets count into that text, so it is the
  only source a client can anchor them in. The article's original address, when known, is
  the source's ``via`` (where our copy came from).
- Each stretch of text gets both selectors the model defines for text: a TextQuoteSelector
  (exact text plus prefix/suffix, which survives edits) and a TextPositionSelector (code-point
  offsets; Python string offsets are code points, as the model requires). Two selectors on
  one target are alternatives describing the same stretch.
- The speaker is an identifying SpecificResource body pointing at the speaker's page (an IRI
  is not text, so it is not a TextualBody); kind, status, tags and verdict are TextualBodies
  in the desk's language.
- ``created``/``modified`` are xsd:dateTime in UTC with ``Z``; every URL starts at the
  configured public base URL.

Reviewed claims are "assessing", others "highlighting".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from claims_app.claims.models import Claim, ClaimOrigin, segment_texts
from claims_app.claims.models import claim_spans as segment_spans
from claims_app.claims.services import ANCHOR_CONTEXT
from claims_app.export.claimreview import VERDICT_RATINGS
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters, count_claims, iter_claims
from claims_app.export.records import dumps, enum_value, latest_review, w3c_time

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
TEXT_FORMAT = "text/plain"
EXTRACTOR = {"type": "Software", "name": "claims_app extractor"}


@dataclass(frozen=True)
class Span:
    """One stretch of an article's text that a claim covers: offsets into the stored body,
    the exact text there and up to 32 characters either side."""

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""


def claim_spans(claim: Claim) -> list[Span]:
    """The stretches of text a claim covers, in reading order. Every target is built from
    this list (one target per span), so a claim made of several segments needs only to
    return one span per segment here."""
    prefix, suffix = claim.prefix or "", claim.suffix or ""
    # Each segment's context comes from the claim's own stored text and context (the
    # article body is not loaded for exports).
    around = prefix + claim.text + suffix
    out: list[Span] = []
    for (start, end), exact in zip(segment_spans(claim), segment_texts(claim), strict=True):
        at = len(prefix) + start - claim.start
        stop = at + len(exact)
        out.append(Span(start, end, exact, around[max(0, at - ANCHOR_CONTEXT):at],
                        around[stop:stop + ANCHOR_CONTEXT]))
    return out


def span_selectors(span: Span) -> list[dict[str, Any]]:
    """The two equivalent selectors of one stretch: quote (robust) and position (exact)."""
    return [
        {"type": "TextQuoteSelector", "exact": span.exact, "prefix": span.prefix,
         "suffix": span.suffix},
        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
    ]


def text_url(article_id: int, options: ExportOptions) -> str:
    """Where the article's stored text is served (``articles.text``): the target source."""
    return options.url(f"articles/{article_id}/text")


def text_source(claim: Claim, options: ExportOptions) -> dict[str, Any]:
    """The article text as a described external resource: format, language, its title and
    the original address it was copied from."""
    article = claim.article
    source: dict[str, Any] = {"id": text_url(article.id, options), "type": "Text",
                              "format": TEXT_FORMAT, "language": article.language or "en"}
    if article.title:
        source["label"] = article.title
    if article.url:
        source["via"] = article.url
    return source


def targets(claim: Claim, options: ExportOptions) -> list[dict[str, Any]]:
    """One SpecificResource per span of the claim, all on the same source."""
    source = text_source(claim, options)
    return [{"type": "SpecificResource", "source": source, "selector": span_selectors(span)}
            for span in claim_spans(claim)]


def _textual(value: str, purpose: str, language: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "purpose": purpose,
            "format": TEXT_FORMAT, "language": language}


def bodies(claim: Claim, options: ExportOptions) -> list[dict[str, Any]]:
    lang = options.language
    out: list[dict[str, Any]] = []
    if claim.speaker is not None:
        out.append({"type": "SpecificResource", "purpose": "identifying",
                    "source": {"id": options.url(f"speakers/{claim.speaker.id}"),
                               "label": claim.speaker.name}})
    out.append(_textual(f"kind: {enum_value(claim.kind)}", "describing", lang))
    out.append(_textual(f"status: {enum_value(claim.status)}", "describing", lang))
    out += [_textual(tag.name, "tagging", lang)
            for tag in sorted(claim.tags, key=lambda t: t.name)]
    review = latest_review(claim)
    if review is not None:
        label = VERDICT_RATINGS[review.verdict][0]
        out.append(_textual(review.rating_text or label, "assessing", lang))
    return out


def creator(claim: Claim) -> dict[str, Any]:
    """Who stands behind the annotation as published: the reviewer of the current verdict;
    before any verdict, whoever entered the claim, or the extractor that proposed it."""
    review = latest_review(claim)
    person = review.reviewer if review is not None else None
    if person is None and enum_value(claim.origin) != ClaimOrigin.EXTRACTED.value:
        person = claim.created_by
    if person is None:
        return dict(EXTRACTOR)
    return {"type": "Person", "nickname": person.username}


def generator(options: ExportOptions) -> dict[str, Any]:
    return {"id": options.url(""), "type": "Software", "name": "claims_app",
            "homepage": options.url("")}


def annotation_url(claim_id: int, options: ExportOptions) -> str:
    """The annotation's own IRI, served by the annotation container."""
    return options.url(f"annotations/{claim_id}")


def annotation(claim: Claim, options: ExportOptions) -> dict[str, Any]:
    """One claim as an Annotation (no ``@context``: embedded in a page or collection;
    ``annotation_document`` adds it for a stand-alone annotation)."""
    found = targets(claim, options)
    review = latest_review(claim)
    return {
        "id": annotation_url(claim.id, options),
        "type": "Annotation",
        "motivation": "assessing" if review is not None else "highlighting",
        "created": w3c_time(claim.created_at),
        "modified": w3c_time(claim.updated_at),
        "creator": creator(claim),
        "generator": generator(options),
        "body": bodies(claim, options),
        "target": found[0] if len(found) == 1 else found,
    }


def annotation_document(claim: Claim, options: ExportOptions) -> dict[str, Any]:
    return {"@context": CONTEXT, **annotation(claim, options)}


def container_url(filters: ExportFilters, options: ExportOptions, *, iris: bool = False,
                  page: int | None = None) -> str:
    """The annotation container's address for these filters (``{base}annotations/?...``),
    optionally its IRIs-only form and one of its pages. The export's collection is the
    container with the same filters, so its id can be dereferenced; a search's id selection
    cannot be named in a query string and is named by a digest of the ids instead."""
    pairs = filter_pairs(filters)
    if iris:
        pairs.append(("iris", "1"))
    if page is not None:
        pairs.append(("page", str(page)))
    return options.url("annotations/") + ("?" + urlencode(pairs) if pairs else "")


def filter_pairs(filters: ExportFilters) -> list[tuple[str, str]]:
    """The filters as the container's query parameters (the Export form's field names)."""
    pairs: list[tuple[str, str]] = []
    for name, value in (("status", enum_value(filters.status)), ("kind", enum_value(filters.kind)),
                        ("speaker", filters.speaker_id), ("outlet", filters.outlet_id),
                        ("tag", filters.tag), ("said_from", filters.said_from),
                        ("said_to", filters.said_to), ("published_from", filters.published_from),
                        ("published_to", filters.published_to)):
        if value is not None:
            pairs.append((name, str(value)))
    if filters.reviewed_only:
        pairs.append(("reviewed_only", "y"))
    if filters.claim_ids is not None:
        ids = ",".join(str(i) for i in sorted(set(filters.claim_ids)))
        pairs.append(("selection", hashlib.sha256(ids.encode("ascii")).hexdigest()[:16]))
    return pairs


def export_webannotation(
    session: Session, filters: ExportFilters, options: ExportOptions
) -> Iterator[str]:
    """One AnnotationCollection with its single AnnotationPage embedded, items streamed.

    A page must hold at least one annotation, so when nothing matches the collection is
    written with ``total`` 0 and no page at all.
    """
    collection = container_url(filters, options)
    head = {
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": "Claims",
        "total": count_claims(session, filters),
    }
    claims = iter_claims(session, filters, batch_size=options.batch_size)
    first_claim = next(claims, None)
    if first_claim is None:
        yield dumps({**head, "total": 0}) + "\n"
        return
    page_id = collection + "#page-1"
    head["last"] = page_id
    page = {"id": page_id, "type": "AnnotationPage", "partOf": collection, "startIndex": 0}
    yield dumps(head)[:-1] + ',"first":' + dumps(page)[:-1] + ',"items":[\n'
    yield dumps(annotation(first_claim, options))
    for claim in claims:
        yield ",\n" + dumps(annotation(claim, options))
    yield "\n]}}\n"
