"""Exports of a claim in several segments: JSON (restorable, lossless), JSON Lines, CSV and
Web Annotation (one target per segment, from which the claim can be rebuilt)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app import migrate
from claims_app.claims.models import Claim, ClaimKind
from claims_app.claims.services import ClaimInput, create_claim
from claims_app.crossref import sync
from claims_app.db import make_engine
from claims_app.export.csv_export import BOM
from claims_app.ingest.errors import ReadError
from claims_app.ingest.load_export import load_export
from tests.export.exporting import export_text, validator
from tests.split_quote import BETWEEN, BODY, FIRST, RUNNER_UP, SECOND, spans
from tests.support import drop_postgres_database, new_database_url
from tests.worlds.builders import make_article


@pytest.fixture
def split(session: Session, users) -> Claim:
    """The split quote as one claim in two segments with a runner-up, and a plain claim."""
    article = make_article(session, BODY, source_name="split.txt", title="Port talks",
                           published=None, url="https://example.test/port")
    (a, b), (c, d) = spans()
    claim = create_claim(session, users["editor"], article, ClaimInput(
        start=a, end=d, kind=ClaimKind.DIRECT, segments=[(a, b), (c, d)],
        runner_up=RUNNER_UP, confidence=0.8))
    calm = BODY.index("the border was calm")
    create_claim(session, users["editor"], article, ClaimInput(
        start=calm, end=calm + len("the border was calm"), kind=ClaimKind.INDIRECT))
    session.commit()
    return claim


@pytest.fixture
def empty_session(database_kind: str, tmp_path) -> Iterator[Session]:
    url = new_database_url(database_kind, tmp_path)
    engine = make_engine(url)
    try:
        migrate.upgrade(engine, "head")
        with Session(engine, expire_on_commit=False) as sess:
            sync.register(sess)  # derived data (statement groups) as the app's sessions write
            yield sess
    finally:
        engine.dispose()
        if database_kind == "postgresql":
            drop_postgres_database(url)


def _json_claims(text: str) -> list[dict]:
    return [c for a in json.loads(text)["articles"] for c in a["claims"]]


def test_json_lists_each_segment_with_its_offsets_and_text(session, split) -> None:
    text = export_text(session, "json")
    validator("claims-export-v1.schema.json").validate(json.loads(text))
    first, calm = _json_claims(text)
    (a, b), (c, d) = spans()
    assert first["segments"] == [{"start": a, "end": b, "text": FIRST},
                                 {"start": c, "end": d, "text": SECOND}]
    assert (first["start"], first["end"]) == (a, d)
    assert first["runner_up"] == {"name": RUNNER_UP[0], "score": RUNNER_UP[1]}
    assert calm["segments"] == [{"start": calm["start"], "end": calm["end"],
                                 "text": "the border was calm"}]
    assert calm["runner_up"] is None


def test_json_round_trips_through_restore_with_its_segments(session, split,
                                                            empty_session) -> None:
    sync.write_pending(session)  # the derived rows the app's commit writes (groups)
    first = export_text(session, "json")
    load_export(empty_session, io.StringIO(first))
    empty_session.commit()
    assert export_text(empty_session, "json") == first
    restored = empty_session.get(Claim, split.id)
    assert restored.segment_texts == [FIRST, SECOND]
    assert (restored.runner_up_name, restored.runner_up_score) == RUNNER_UP


def test_restore_reads_an_export_without_segments_as_one_segment(session, split,
                                                                 empty_session) -> None:
    doc = json.loads(export_text(session, "json"))
    for claim in doc["articles"][0]["claims"]:
        del claim["segments"], claim["runner_up"]
    load_export(empty_session, io.StringIO(json.dumps(doc)))
    restored = empty_session.get(Claim, split.id)
    assert restored.segments is None and restored.spans == [(restored.start, restored.end)]


def test_restore_refuses_a_segment_that_is_not_the_body_there(session, split,
                                                              empty_session) -> None:
    doc = json.loads(export_text(session, "json"))
    doc["articles"][0]["claims"][0]["segments"][1]["text"] = "Something else entirely."
    with pytest.raises(ReadError, match="segment's text is not the article body"):
        load_export(empty_session, io.StringIO(json.dumps(doc)))
    assert empty_session.scalars(select(Claim)).all() == []


def test_restore_refuses_segments_that_do_not_span_the_claim(session, split,
                                                             empty_session) -> None:
    doc = json.loads(export_text(session, "json"))
    doc["articles"][0]["claims"][0]["segments"].pop()
    with pytest.raises(ReadError, match="single segment must be the claim's span"):
        load_export(empty_session, io.StringIO(json.dumps(doc)))


def test_jsonl_carries_the_segments_too(session, split) -> None:
    lines = [json.loads(line) for line in export_text(session, "jsonl").splitlines()]
    check = validator("claims-export-line-v1.schema.json")
    for line in lines:
        check.validate(line)
    assert [s["text"] for s in lines[0]["segments"]] == [FIRST, SECOND]


def test_web_annotation_has_one_target_per_segment_that_finds_its_text(session, split) -> None:
    doc = json.loads(export_text(session, "webannotation"))
    validator("webannotation-v1.schema.json").validate(doc)
    first, calm = doc["first"]["items"]
    assert isinstance(first["target"], list) and len(first["target"]) == 2
    rebuilt = []
    for target in first["target"]:
        assert target["type"] == "SpecificResource"
        # The source is our stored copy of the text (the offsets count into it); the
        # original address is where it came from.
        assert re.fullmatch(r"https?://.+/articles/\d+/text", target["source"]["id"])
        assert target["source"]["via"] == "https://example.test/port"
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        assert BODY[position["start"]:position["end"]] == quote["exact"]
        # The quote selector finds the same place on its own, by its context.
        assert BODY.count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1
        assert (BODY.index(quote["prefix"] + quote["exact"]) + len(quote["prefix"])
                == position["start"])
        rebuilt.append(quote["exact"])
    assert rebuilt == [FIRST, SECOND]
    assert BETWEEN not in "".join(rebuilt)
    # A claim in one segment keeps its single target object, as before.
    assert isinstance(calm["target"], dict)
    assert calm["target"]["selector"][0]["exact"] == "the border was calm"


def test_csv_has_a_segments_column_and_the_runner_up(session, split) -> None:
    rows = list(csv.DictReader(io.StringIO(export_text(session, "csv").lstrip(BOM))))
    (a, b), (c, d) = spans()
    assert rows[0]["segments"] == f"{a}-{b} | {c}-{d}"
    assert (rows[0]["runner_up"], rows[0]["runner_up_score"]) == (RUNNER_UP[0],
                                                                  str(RUNNER_UP[1]))
    assert rows[1]["segments"] == f"{rows[1]['start']}-{rows[1]['end']}"
    assert rows[1]["runner_up"] == ""
