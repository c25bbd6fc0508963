"""The Web Annotation Data Model's requirements (W3C Recommendation, 23 February 2017),
as checks on one JSON-LD document. Written from the specification's text: each check names
the section and the requirement it holds.

``check_annotation`` is every MUST for an Annotation and the resources it uses here
(TextualBody, SpecificResource, the two text selectors); ``check_collection`` and
``check_page`` those of AnnotationCollection and AnnotationPage (section 5).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

# 3.3.5 Motivation and Purpose: the thirteen motivations the model defines.
MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing",
               "editing", "highlighting", "identifying", "linking", "moderating",
               "questioning", "replying", "tagging"}
AGENT_TYPES = {"Person", "Organization", "Software"}
# 3.3.1 created/modified: xsd:dateTime, UTC written as "Z".
XSD_DATETIME_Z = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
MEDIA_TYPE = re.compile(r"^[\w.+-]+/[\w.+-]+$")  # 3.2.1 format: a media type
BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")  # 3.2.1 language


def is_iri(value: Any) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return bool(parts and parts.scheme and (parts.netloc or parts.scheme in ("urn", "mailto")))


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def check_context(doc: dict[str, Any]) -> None:
    """3.1: one or more contexts, the annotation context among them; a single one is a
    string."""
    context = doc["@context"]
    if isinstance(context, list):
        assert ANNO_CONTEXT in context and len(context) >= 1
    else:
        assert context == ANNO_CONTEXT


def check_time(value: Any) -> None:
    assert isinstance(value, str) and XSD_DATETIME_Z.match(value), value
    dt.datetime.fromisoformat(value.replace("Z", "+00:00"))  # a real instant


def check_agent(agent: Any) -> None:
    """3.3.3 Agents: an IRI or a description; its type, if given, one of the three."""
    if isinstance(agent, str):
        assert is_iri(agent)
        return
    if "id" in agent:
        assert is_iri(agent["id"])
    for kind in as_list(agent.get("type", [])):
        assert kind in AGENT_TYPES, kind
    for key in ("name", "nickname"):
        if key in agent:
            assert isinstance(agent[key], str) and agent[key]


def check_resource_properties(resource: dict[str, Any]) -> None:
    """3.2.1: format is a media type, language a BCP47 tag, at most one... of each here."""
    for fmt in as_list(resource.get("format", [])):
        assert MEDIA_TYPE.match(fmt), fmt
    for lang in as_list(resource.get("language", [])):
        assert BCP47.match(lang), lang


def check_selector(selector: dict[str, Any]) -> None:
    """4.2.4 TextQuoteSelector: exactly one ``exact``, at most one ``prefix``/``suffix``
    (strings); 4.2.5 TextPositionSelector: exactly one ``start`` and ``end``, non-negative
    integers (code points), start not after end."""
    kind = selector["type"]
    if kind == "TextQuoteSelector":
        assert isinstance(selector["exact"], str) and selector["exact"]
        for key in ("prefix", "suffix"):
            assert isinstance(selector.get(key, ""), str)
    elif kind == "TextPositionSelector":
        start, end = selector["start"], selector["end"]
        assert type(start) is int and type(end) is int  # noqa: E721 (bool is no integer)
        assert 0 <= start <= end
    else:
        raise AssertionError(f"unexpected selector {kind}")


def check_specific_resource(resource: dict[str, Any]) -> None:
    """4: a SpecificResource MUST have exactly one source (an IRI or a resource with one)."""
    source = resource["source"]
    assert not isinstance(source, list), "exactly one source"
    assert is_iri(source if isinstance(source, str) else source["id"])
    if isinstance(source, dict):
        check_resource_properties(source)
        if "via" in source:
            for via in as_list(source["via"]):
                assert is_iri(via)
    for selector in as_list(resource.get("selector", [])):
        check_selector(selector)


def check_body(body: Any) -> None:
    if isinstance(body, str):
        assert is_iri(body)
        return
    if "purpose" in body:
        for purpose in as_list(body["purpose"]):
            assert purpose in MOTIVATIONS, purpose
    kinds = as_list(body.get("type", []))
    if "TextualBody" in kinds:
        # 3.2.4: a TextualBody MUST have exactly one value, a string; its IRI (if any)
        # names the body, never another resource.
        assert isinstance(body["value"], str)
        check_resource_properties(body)
    elif "SpecificResource" in kinds:
        assert "value" not in body
        check_specific_resource(body)
    else:
        assert is_iri(body["id"])


def check_target(target: Any) -> None:
    if isinstance(target, str):
        assert is_iri(target)
        return
    if "source" in target:
        check_specific_resource(target)
    else:
        assert is_iri(target["id"])
        check_resource_properties(target)


def check_annotation(anno: dict[str, Any], *, embedded: bool) -> None:
    """Section 3.1 and what it refers to, for one Annotation (``embedded`` in a collection
    or page: its context is the enclosing document's)."""
    if not embedded:
        check_context(anno)
    assert is_iri(anno["id"]) and not isinstance(anno["id"], list)  # exactly one IRI
    assert "Annotation" in as_list(anno["type"])
    targets = as_list(anno["target"])
    assert len(targets) >= 1  # one or more targets
    for target in targets:
        check_target(target)
    assert not ("body" in anno and "bodyValue" in anno)  # 3.2.5: never both
    if "bodyValue" in anno:
        assert isinstance(anno["bodyValue"], str)
    for body in as_list(anno.get("body", [])):
        check_body(body)
    for motivation in as_list(anno.get("motivation", [])):
        assert motivation in MOTIVATIONS
    for key in ("created", "modified", "generated"):
        if key in anno:
            assert not isinstance(anno[key], list)  # at most one
            check_time(anno[key])
    for key in ("creator", "generator"):
        for agent in as_list(anno.get(key, [])):
            check_agent(agent)


def check_page(page: dict[str, Any], *, embedded: bool, iris_only: bool = False) -> None:
    """5.2: an AnnotationPage MUST have an IRI, the AnnotationPage type and one or more
    items; next/prev/partOf are IRIs (or the collection's description); startIndex is a
    non-negative integer."""
    if not embedded:
        check_context(page)
    assert is_iri(page["id"])
    assert "AnnotationPage" in as_list(page["type"])
    items = page["items"]
    assert isinstance(items, list) and len(items) >= 1
    for item in items:
        if iris_only:
            assert is_iri(item)
        else:
            check_annotation(item, embedded=True)
    for key in ("next", "prev"):
        if key in page:
            assert is_iri(page[key])
    if "partOf" in page:
        part = page["partOf"]
        assert is_iri(part if isinstance(part, str) else part["id"])
    if "startIndex" in page:
        assert type(page["startIndex"]) is int and page["startIndex"] >= 0  # noqa: E721


def check_collection(doc: dict[str, Any], *, iris_only: bool = False) -> None:
    """5.1: an AnnotationCollection MUST have an IRI and the AnnotationCollection type;
    total is a non-negative integer; first/last are a page (first may be embedded) or its
    IRI, present only when there are annotations."""
    check_context(doc)
    assert is_iri(doc["id"])
    assert "AnnotationCollection" in as_list(doc["type"])
    assert type(doc["total"]) is int and doc["total"] >= 0  # noqa: E721
    if doc["total"] == 0:
        assert "first" not in doc and "last" not in doc
        return
    first = doc["first"]
    if isinstance(first, dict):
        check_page(first, embedded=True, iris_only=iris_only)
    else:
        assert is_iri(first)
    assert is_iri(doc["last"])
