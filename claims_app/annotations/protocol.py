"""The W3C Web Annotation Protocol's read side, as plain functions of the request's headers
and the claims: which representation a client asked for, and the container, page and
annotation documents. The view (``views``) only wires these to HTTP.

What the protocol asks of a read-only server and where it is met:

- JSON-LD with the annotation profile is the one representation (``MEDIA_TYPE``); a client
  that accepts nothing of the kind gets 406 (``acceptable``).
- The container is an LDP BasicContainer and an AnnotationCollection; its annotations come
  in pages (``first``/``last`` on the container, ``next``/``prev``/``partOf``/``startIndex``
  on each page) of at most ``PAGE_SIZE``.
- ``Prefer: return=representation; include="..."`` chooses the container's form: minimal
  (no embedded page), IRIs only, or full descriptions (the default). The two page forms
  have their own IRIs (``?iris=1``), as the protocol requires of differing representations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from claims_app.claims.models import Claim
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters
from claims_app.export.webannotation import CONTEXT, annotation, annotation_url, container_url

MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
ALLOW = "GET, HEAD, OPTIONS"  # read-only: no POST, PUT or DELETE through the protocol
PAGE_SIZE = 100
MAX_PAGE = 10**9

LDP = "http://www.w3.org/ns/ldp#"
OA = "http://www.w3.org/ns/oa#"
CONSTRAINED_BY = "http://www.w3.org/TR/annotation-protocol/"
CONTAINER_LINKS = (f'<{LDP}BasicContainer>; rel="type", '
                   f'<{CONSTRAINED_BY}>; rel="{LDP}constrainedBy"')
RESOURCE_LINKS = f'<{LDP}Resource>; rel="type"'

PREFER_MINIMAL = f"{LDP}PreferMinimalContainer"
PREFER_IRIS = (f"{OA}PreferContainedIRIs", f"{LDP}PreferContainedIRIs")
PREFER_DESCRIPTIONS = (f"{OA}PreferContainedDescriptions", f"{LDP}PreferContainedDescriptions")

_ACCEPTED = {"application/ld+json", "application/json", "application/*", "*/*"}
_INCLUDE = re.compile(r'include\s*=\s*"([^"]*)"', re.IGNORECASE)


def acceptable(accept: str | None) -> bool:
    """Whether the Accept header admits JSON-LD (no header admits everything).

    Parameters such as the annotation profile are not compared: JSON-LD with our profile
    is still JSON-LD to a client asking for another profile or none.
    """
    if not accept or not accept.strip():
        return True
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media.lower() in _ACCEPTED and quality > 0:
            return True
    return False


@dataclass(frozen=True)
class Preference:
    """What the client's Prefer header asked of the container (RFC 7240, LDP 7.2)."""

    minimal: bool = False
    iris: bool | None = None  # None: no preference given
    applied: bool = False  # a return=representation preference was understood


def preference(prefer: str | None) -> Preference:
    if not prefer or "return=representation" not in prefer.replace(" ", "").lower():
        return Preference()
    included: set[str] = set()
    for match in _INCLUDE.finditer(prefer):
        included.update(match.group(1).split())
    iris: bool | None = None
    if included.intersection(PREFER_IRIS):
        iris = True
    elif included.intersection(PREFER_DESCRIPTIONS):
        iris = False
    minimal = PREFER_MINIMAL in included
    return Preference(minimal=minimal, iris=iris, applied=minimal or iris is not None)


def page_count(total: int) -> int:
    return (total + PAGE_SIZE - 1) // PAGE_SIZE


def page_document(
    claims: list[Claim], filters: ExportFilters, options: ExportOptions, *, number: int,
    total: int, iris: bool, embedded: bool = False,
) -> dict[str, Any]:
    """One AnnotationPage: annotations (or their IRIs), the container it is part of and its
    neighbours. ``embedded`` leaves out the ``@context`` (inside the container document)."""
    last = page_count(total) - 1
    page: dict[str, Any] = {} if embedded else {"@context": CONTEXT}
    page.update({
        "id": container_url(filters, options, iris=iris, page=number),
        "type": "AnnotationPage",
        "partOf": {"id": container_url(filters, options, iris=iris), "total": total},
        "startIndex": number * PAGE_SIZE,
        "items": [annotation_url(c.id, options) if iris else annotation(c, options)
                  for c in claims],
    })
    if number < last:
        page["next"] = container_url(filters, options, iris=iris, page=number + 1)
    if number > 0:
        page["prev"] = container_url(filters, options, iris=iris, page=number - 1)
    return page


def container_document(
    first_page: list[Claim] | None, filters: ExportFilters, options: ExportOptions, *,
    total: int, iris: bool,
) -> dict[str, Any]:
    """The container: what it is, how many annotations, its first and last pages, the first
    embedded unless ``first_page`` is None (a minimal container). With nothing in it there
    are no pages at all (a page holds one annotation or more)."""
    doc: dict[str, Any] = {
        "@context": [CONTEXT, LDP_CONTEXT],
        "id": container_url(filters, options, iris=iris),
        "type": ["BasicContainer", "AnnotationCollection"],
        "label": "Claims",
        "total": total,
    }
    if total == 0:
        return doc
    doc["last"] = container_url(filters, options, iris=iris, page=page_count(total) - 1)
    if first_page is None:
        doc["first"] = container_url(filters, options, iris=iris, page=0)
    else:
        doc["first"] = page_document(first_page, filters, options, number=0, total=total,
                                     iris=iris, embedded=True)
    return doc
