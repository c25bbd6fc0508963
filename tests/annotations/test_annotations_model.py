"""Every annotation we publish meets the Web Annotation Data Model's MUSTs, and a client
that follows the target and applies the selectors gets each claim's text back exactly.

Checked on the seeds (imported, extracted, a few reviewed, one entered by hand) through
both ways out: the ``webannotation`` export and the ``/annotations/`` container."""

from __future__ import annotations

import io
import json
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from claims_app.claims.models import Claim, segment_texts
from claims_app.export import ExportOptions, write_export
from claims_app.export.query import NO_FILTERS
from tests.annotations.conftest import ANNO_ACCEPT, Seeded, path_of
from tests.annotations.webannotation_rules import (
    as_list,
    check_annotation,
    check_collection,
)


def exported(session: Session) -> dict[str, Any]:
    out = io.StringIO()
    write_export(session, "webannotation", NO_FILTERS, out,
                 ExportOptions(base_url="http://claims.test/"))
    return json.loads(out.getvalue())


def test_the_export_of_the_seeds_is_a_conforming_collection(session, seeded: Seeded) -> None:
    doc = exported(session)
    check_collection(doc)
    items = doc["first"]["items"]
    assert [int(a["id"].rsplit("/", 1)[1]) for a in items] == seeded.claim_ids
    for anno in items:
        check_annotation(anno, embedded=True)


def test_every_annotation_served_alone_conforms(reader: FlaskClient, seeded: Seeded) -> None:
    for claim_id in seeded.claim_ids:
        response = reader.get(f"/annotations/{claim_id}", headers={"Accept": ANNO_ACCEPT})
        assert response.status_code == 200
        check_annotation(response.get_json(force=True), embedded=False)


def test_timestamps_are_utc_written_with_z(session, seeded: Seeded) -> None:
    for anno in exported(session)["first"]["items"]:
        assert anno["created"].endswith("Z") and anno["modified"].endswith("Z")
        assert "+00:00" not in anno["created"] + anno["modified"]


def test_the_speaker_is_an_identifying_specific_resource_not_text(session, seeded) -> None:
    speakers = [b for a in exported(session)["first"]["items"] for b in a["body"]
                if b["purpose"] == "identifying"]
    assert speakers, "the seeds name speakers"
    for body in speakers:
        assert body["type"] == "SpecificResource" and "value" not in body
        assert body["source"]["id"].startswith("http://claims.test/speakers/")
        assert body["source"]["label"]


def test_creator_is_the_reviewer_a_person_or_the_extractor(session, seeded: Seeded) -> None:
    by_id = {int(a["id"].rsplit("/", 1)[1]): a for a in exported(session)["first"]["items"]}
    assert by_id[seeded.reviewed[0]]["creator"] == {"type": "Person", "nickname": "reviewer"}
    assert by_id[seeded.reviewed[1]]["creator"] == {"type": "Person", "nickname": "editor"}
    assert by_id[seeded.manual]["creator"] == {"type": "Person", "nickname": "editor"}
    unreviewed = set(seeded.claim_ids) - {*seeded.reviewed, seeded.manual}
    assert {by_id[i]["creator"]["type"] for i in unreviewed} == {"Software"}
    assert by_id[min(unreviewed)]["creator"]["name"] == "claims_app extractor"
    generators = {json.dumps(a["generator"], sort_keys=True) for a in by_id.values()}
    assert len(generators) == 1 and '"Software"' in generators.pop()


def test_bodies_and_targets_say_their_language_and_format(session, seeded: Seeded) -> None:
    for anno in exported(session)["first"]["items"]:
        for body in anno["body"]:
            if body["type"] == "TextualBody":
                assert body["language"] == "en" and body["format"] == "text/plain"
        for target in as_list(anno["target"]):
            assert target["source"]["format"] == "text/plain"
            assert target["source"]["language"] == "en"


# --- the round trip: what a Web Annotation client does ------------------------------------

def expected_segments(claim: Claim) -> list[str]:
    """The text each target of the claim's annotation must select, in order: one per
    segment (a quote split around its attribution has two)."""
    return segment_texts(claim)


def selected(client: FlaskClient, target: dict[str, Any], cache: dict[str, str]) -> str:
    """Dereference the target's source and apply its selectors as a client would: the
    position selector picks the text, and the quote selector must find the same text with
    its prefix right before and its suffix right after."""
    url = target["source"]["id"]
    if url not in cache:
        response = client.get(path_of(url))
        assert response.status_code == 200
        assert response.content_type == "text/plain; charset=utf-8"
        cache[url] = response.get_data(as_text=True)
    text = cache[url]
    selectors = {s["type"]: s for s in target["selector"]}
    position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
    start, end = position["start"], position["end"]
    assert text[start:end] == quote["exact"]
    assert text[:start].endswith(quote["prefix"])
    assert text[end:].startswith(quote["suffix"])
    return text[start:end]


def test_selectors_applied_to_the_served_text_give_back_each_claim(
        reader: FlaskClient, session: Session, seeded: Seeded) -> None:
    cache: dict[str, str] = {}
    items = exported(session)["first"]["items"]
    for anno in items:
        claim = session.get(Claim, int(anno["id"].rsplit("/", 1)[1]))
        assert claim is not None
        got = [selected(reader, target, cache) for target in as_list(anno["target"])]
        assert got == expected_segments(claim), anno["id"]
    assert len(cache) == 5  # the five seed articles, each fetched once


def test_the_text_served_at_the_target_is_the_stored_body_unchanged(
        reader: FlaskClient, session: Session, seeded: Seeded) -> None:
    claim = session.get(Claim, seeded.claim_ids[0])
    assert claim is not None
    response = reader.get(f"/articles/{claim.article_id}/text")
    assert response.get_data(as_text=True) == claim.article.body


def test_the_downloaded_export_names_the_annotation_profile(reader: FlaskClient) -> None:
    response = reader.get("/export/?format=webannotation")
    assert response.status_code == 200
    assert response.content_type == ANNO_ACCEPT
    check_collection(json.loads(response.get_data(as_text=True)))
