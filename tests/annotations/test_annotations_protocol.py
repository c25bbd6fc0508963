"""The container at /annotations/ follows the Web Annotation Protocol (W3C Recommendation,
23 February 2017) for reading: headers, representations, paging, preferences, conditional
requests, and the same filters and permissions as the exports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from claims_app.annotations import protocol
from tests.annotations.conftest import ANNO_ACCEPT, Seeded, path_of
from tests.annotations.webannotation_rules import check_annotation, check_collection, check_page

LDP = "http://www.w3.org/ns/ldp#"
OA = "http://www.w3.org/ns/oa#"
MINIMAL = f'return=representation;include="{LDP}PreferMinimalContainer"'
IRIS = f'return=representation;include="{OA}PreferContainedIRIs"'
DESCRIPTIONS = f'return=representation;include="{OA}PreferContainedDescriptions"'


def get(client: FlaskClient, path: str, **headers: str) -> TestResponse:
    return client.get(path, headers={"Accept": ANNO_ACCEPT, **headers})


def links(response: TestResponse) -> set[tuple[str, str]]:
    """(target, rel) of every Link header entry."""
    out = set()
    for header in response.headers.getlist("Link"):
        for entry in header.split(","):
            target, _, params = entry.strip().partition(";")
            rel = params.strip().removeprefix("rel=").strip('"')
            out.add((target.strip("<> "), rel))
    return out


def vary(response: TestResponse) -> set[str]:
    return {v.strip().lower() for v in response.headers.get("Vary", "").split(",")}


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    """Pages of 7, so the seeds fill several."""
    monkeypatch.setattr(protocol, "PAGE_SIZE", 7)
    return 7


# --- the container ------------------------------------------------------------------------

def test_container_answers_with_the_annotation_profile_and_ldp_headers(reader, seeded) -> None:
    response = get(reader, "/annotations/")
    assert response.status_code == 200
    assert response.content_type == protocol.MEDIA_TYPE
    assert (f"{LDP}BasicContainer", "type") in links(response)
    assert ("http://www.w3.org/TR/annotation-protocol/", f"{LDP}constrainedBy") \
        in links(response)
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"  # read-only: no POST
    assert {"accept", "prefer"} <= vary(response)
    assert response.headers["ETag"]


def test_container_is_a_basic_container_and_an_annotation_collection(reader, seeded) -> None:
    doc = get(reader, "/annotations/").get_json(force=True)
    check_collection(doc)
    assert doc["@context"] == ["http://www.w3.org/ns/anno.jsonld",
                               "http://www.w3.org/ns/ldp.jsonld"]
    assert set(doc["type"]) == {"BasicContainer", "AnnotationCollection"}
    assert doc["id"] == "http://claims.test/annotations/"
    assert doc["total"] == len(seeded.claim_ids)
    assert [a["id"] for a in doc["first"]["items"]] == [
        f"http://claims.test/annotations/{i}" for i in seeded.claim_ids]


def test_options_and_head_are_allowed_and_writes_are_not(reader, seeded) -> None:
    assert set(reader.options("/annotations/").headers["Allow"].replace(" ", "").split(",")) \
        == {"GET", "HEAD", "OPTIONS"}
    head = reader.head("/annotations/", headers={"Accept": ANNO_ACCEPT})
    assert head.status_code == 200 and head.headers["ETag"] and not head.data
    assert reader.post("/annotations/", json={"type": "Annotation"}).status_code == 405
    first = seeded.claim_ids[0]
    assert reader.put(f"/annotations/{first}", json={}).status_code == 405
    assert reader.delete(f"/annotations/{first}").status_code == 405


def test_a_client_accepting_no_json_ld_is_refused_with_406(reader, seeded) -> None:
    assert reader.get("/annotations/", headers={"Accept": "text/turtle"}).status_code == 406
    assert get(reader, "/annotations/").status_code == 200
    for accept in ("application/ld+json", "application/json", "*/*", "text/html,*/*;q=0.8"):
        assert reader.get("/annotations/", headers={"Accept": accept}).status_code == 200


def test_an_unchanged_container_answers_304_to_its_etag(reader, seeded) -> None:
    etag = get(reader, "/annotations/").headers["ETag"]
    assert get(reader, "/annotations/", **{"If-None-Match": etag}).status_code == 304
    assert get(reader, "/annotations/", **{"If-None-Match": '"other"'}).status_code == 200


# --- preferences --------------------------------------------------------------------------

def test_minimal_preference_leaves_out_the_annotations(reader, seeded) -> None:
    response = get(reader, "/annotations/", Prefer=MINIMAL)
    doc = response.get_json(force=True)
    check_collection(doc)
    assert doc["first"] == "http://claims.test/annotations/?page=0"
    assert doc["total"] == len(seeded.claim_ids)
    assert response.headers["Preference-Applied"] == "return=representation"


def test_iris_preference_lists_annotation_iris_under_its_own_container_iri(
        reader, seeded) -> None:
    doc = get(reader, "/annotations/", Prefer=IRIS).get_json(force=True)
    check_collection(doc, iris_only=True)
    assert doc["id"] == "http://claims.test/annotations/?iris=1"
    assert doc["first"]["items"] == [f"http://claims.test/annotations/{i}"
                                     for i in seeded.claim_ids]
    assert doc["first"]["id"] == "http://claims.test/annotations/?iris=1&page=0"
    # The IRI names that representation: fetching it without the header gives the same.
    again = get(reader, path_of(doc["id"])).get_json(force=True)
    assert again["first"]["items"] == doc["first"]["items"]


def test_descriptions_are_the_default_and_can_be_asked_for(reader, seeded) -> None:
    plain = get(reader, "/annotations/").get_json(force=True)
    asked = get(reader, "/annotations/", Prefer=DESCRIPTIONS).get_json(force=True)
    assert plain == asked
    assert isinstance(plain["first"]["items"][0], dict)


# --- paging -------------------------------------------------------------------------------

def walk(client: FlaskClient, start: str) -> list[dict[str, Any]]:
    pages, url = [], start
    while url:
        response = get(client, path_of(url))
        assert response.status_code == 200
        assert response.content_type == protocol.MEDIA_TYPE and response.headers["ETag"]
        assert "accept" in vary(response)
        page = response.get_json(force=True)
        pages.append(page)
        url = page.get("next")
    return pages


def test_pages_chain_from_first_to_last_with_every_annotation_once(
        reader, seeded: Seeded, small_pages: int) -> None:
    container = get(reader, "/annotations/", Prefer=MINIMAL).get_json(force=True)
    pages = walk(reader, container["first"])
    assert len(pages) == -(-len(seeded.claim_ids) // small_pages) >= 3
    assert pages[-1]["id"] == container["last"]
    ids = [a["id"] for page in pages for a in page["items"]]
    assert ids == [f"http://claims.test/annotations/{i}" for i in seeded.claim_ids]
    for number, page in enumerate(pages):
        check_page(page, embedded=False)
        assert page["startIndex"] == number * small_pages
        assert page["partOf"]["id"] == "http://claims.test/annotations/"
        assert page["partOf"]["total"] == len(seeded.claim_ids)
        assert ("prev" in page) == (number > 0)
        if number:
            assert page["prev"] == pages[number - 1]["id"]


def test_pages_walk_backwards_from_last(reader, seeded: Seeded, small_pages: int) -> None:
    container = get(reader, "/annotations/", Prefer=MINIMAL).get_json(force=True)
    url, seen = container["last"], []
    while url:
        page = get(reader, path_of(url)).get_json(force=True)
        seen[:0] = [a["id"] for a in page["items"]]
        url = page.get("prev")
    assert seen == [f"http://claims.test/annotations/{i}" for i in seeded.claim_ids]


def test_a_page_past_the_end_or_a_bad_page_number_is_refused(reader, seeded) -> None:
    assert get(reader, "/annotations/?page=1").status_code == 404  # one page of 100
    assert get(reader, "/annotations/?page=-1").status_code == 400
    assert get(reader, "/annotations/?page=99999999999999999999").status_code == 400


# --- filters ------------------------------------------------------------------------------

def test_the_export_filters_select_the_same_annotations(reader, seeded: Seeded) -> None:
    doc = get(reader, "/annotations/?reviewed_only=y").get_json(force=True)
    assert doc["id"] == "http://claims.test/annotations/?reviewed_only=y"
    assert doc["total"] == 2
    assert [a["id"] for a in doc["first"]["items"]] == [
        f"http://claims.test/annotations/{i}" for i in seeded.reviewed]
    tagged = get(reader, "/annotations/?tag=TALKS").get_json(force=True)
    assert [a["id"] for a in tagged["first"]["items"]] == [
        f"http://claims.test/annotations/{seeded.manual}"]


def test_a_filter_matching_nothing_gives_an_empty_container_without_pages(
        reader, seeded) -> None:
    doc = get(reader, "/annotations/?tag=nothing-has-this").get_json(force=True)
    check_collection(doc)
    assert doc["total"] == 0 and "first" not in doc
    assert get(reader, "/annotations/?tag=nothing-has-this&page=0").status_code == 404


def test_a_bad_filter_is_a_400_naming_the_field(reader, seeded) -> None:
    response = get(reader, "/annotations/?said_from=yesterday")
    assert response.status_code == 400
    assert response.get_json()["field"] == "said_from"
    response = get(reader, "/annotations/?speaker=Nobody+Atall")
    assert (response.status_code, response.get_json()["field"]) == (400, "speaker")


# --- single annotations -------------------------------------------------------------------

def test_each_annotation_has_its_own_iri_with_etag_and_resource_type(reader, seeded) -> None:
    claim_id = seeded.reviewed[0]
    response = get(reader, f"/annotations/{claim_id}")
    assert response.status_code == 200
    assert response.content_type == protocol.MEDIA_TYPE
    assert (f"{LDP}Resource", "type") in links(response)
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert "accept" in vary(response)
    doc = response.get_json(force=True)
    check_annotation(doc, embedded=False)
    assert doc["id"] == f"http://claims.test/annotations/{claim_id}"
    etag = response.headers["ETag"]
    assert get(reader, f"/annotations/{claim_id}", **{"If-None-Match": etag}).status_code == 304


def test_an_unknown_annotation_is_404(reader, seeded) -> None:
    assert get(reader, "/annotations/999999").status_code == 404
    assert get(reader, "/annotations/99999999999").status_code == 404


# --- who may read -------------------------------------------------------------------------

def test_a_stranger_is_asked_to_authenticate(client: FlaskClient, seeded) -> None:
    for path in ("/annotations/", f"/annotations/{seeded.claim_ids[0]}"):
        response = get(client, path)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_api_token_reads_the_container(client: FlaskClient, seeded,
                                          bearer: Callable[[str], dict[str, str]]) -> None:
    response = get(client, "/annotations/", **bearer("viewer"))
    assert response.status_code == 200
    assert response.get_json(force=True)["total"] == len(seeded.claim_ids)
    bad = get(client, "/annotations/", Authorization="Bearer not-a-token")
    assert bad.status_code == 401
