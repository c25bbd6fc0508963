"""The JSON Lines reader: one article per line, everything checked before anything is kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from claims_app.ingest.errors import ReadError
from claims_app.ingest.jsonlines import read_jsonl


def write(tmp_path: Path, *objs: object, raw: str | None = None) -> Path:
    f = tmp_path / "articles.jsonl"
    f.write_text(raw if raw is not None else "\n".join(json.dumps(o) for o in objs),
                 encoding="utf-8")
    return f


def test_reads_every_documented_field(tmp_path: Path) -> None:
    (d,) = read_jsonl(write(tmp_path, {
        "body": "Text.", "title": "T", "author": "A", "outlet": "O", "published": "2020-10-05",
        "dateline": "BAKU, Oct. 5", "url": "https://example.org/a", "language": "en",
        "source_name": "feed-1"}))
    assert (d.title, d.author, d.outlet, d.published, d.published_precision) == (
        "T", "A", "O", dt.date(2020, 10, 5), "day")
    assert (d.dateline, d.url, d.language, d.source_name) == (
        "BAKU, Oct. 5", "https://example.org/a", "en", "feed-1")


def test_month_only_date_keeps_month_precision(tmp_path: Path) -> None:
    (d,) = read_jsonl(write(tmp_path, {"body": "x", "published": "2020-10"}))
    assert (d.published, d.published_precision) == (dt.date(2020, 10, 1), "month")


def test_year_only_date_keeps_year_precision(tmp_path: Path) -> None:
    (d,) = read_jsonl(write(tmp_path, {"body": "x", "published": "2020"}))
    assert (d.published, d.published_precision) == (dt.date(2020, 1, 1), "year")


def test_unknown_keys_are_kept_in_extra(tmp_path: Path) -> None:
    (d,) = read_jsonl(write(tmp_path, {"body": "x", "wire_id": "AZ-1", "tags": ["a"]}))
    assert d.extra == {"wire_id": "AZ-1", "tags": ["a"]}


def test_broken_line_refuses_the_file_naming_the_line(tmp_path: Path) -> None:
    f = write(tmp_path, raw='{"body": "good"}\n{"body": "bad"\n{"body": "good too"}\n')
    with pytest.raises(ReadError, match=r"articles\.jsonl:2: not valid JSON"):
        read_jsonl(f)


def test_missing_body_names_the_line(tmp_path: Path) -> None:
    f = write(tmp_path, {"body": "ok"}, {"title": "no body"})
    with pytest.raises(ReadError, match=r"articles\.jsonl:2: the article has no \"body\""):
        read_jsonl(f)


def test_impossible_published_date_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r":1: \"published\" is not a real date: '2021-02-30'"):
        read_jsonl(write(tmp_path, {"body": "x", "published": "2021-02-30"}))


def test_wrong_type_for_a_field_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"\"title\" must be a string, not int"):
        read_jsonl(write(tmp_path, {"body": "x", "title": 5}))


def test_blank_lines_are_skipped_and_lines_numbered_as_in_the_file(tmp_path: Path) -> None:
    drafts = read_jsonl(write(tmp_path, raw='{"body": "a"}\n\n{"body": "b"}\n'))
    assert [d.line for d in drafts] == [1, 3]
