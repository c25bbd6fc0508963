"""The CSV and HTML article readers: the same ArticleDraft shape as every reader, and a
ReadError naming the file (and line) for input they cannot take."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claims_app.ingest.csv_reader import read_csv
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.errors import ReadError
from claims_app.ingest.html_reader import read_html
from claims_app.ingest.readers import read_file

DATA = Path(__file__).resolve().parent / "data"


# --- csv ----------------------------------------------------------------------------------

def test_csv_reads_one_draft_per_row_with_the_default_columns() -> None:
    first, second = read_csv(DATA / "articles.csv")
    assert isinstance(first, ArticleDraft)
    assert (first.title, first.author, first.outlet, first.dateline, first.url) == (
        "Minister speaks", "Jeila Aliyeva", "Trend", "BAKU, April 6", "https://example.test/a1")
    assert (first.published, first.published_precision) == (dt.date(2021, 4, 6), "day")
    assert (first.source_name, first.language, first.line) == ("trend-1", "en", 2)


def test_csv_keeps_a_multiline_quoted_body_with_unix_line_ends() -> None:
    first = read_csv(DATA / "articles.csv")[0]
    assert first.body == ("Foreign Minister Elmar Mammadyarov said the talks were "
                          "\u201cconstructive\u201d.\nHe added: \"We will meet again.\"")


def test_csv_row_line_numbers_count_physical_lines() -> None:
    assert [d.line for d in read_csv(DATA / "articles.csv")] == [2, 4]


def test_csv_partial_date_keeps_its_precision() -> None:
    second = read_csv(DATA / "articles.csv")[1]
    assert (second.published, second.published_precision) == (dt.date(2020, 10, 1), "month")
    assert second.source_name == "articles.csv:4"


def test_csv_keeps_unmapped_columns_in_extra() -> None:
    first, second = read_csv(DATA / "articles.csv")
    assert first.extra == {"desk": "politics"} and second.extra == {}


def test_csv_mapping_reads_other_headings_and_delimiters() -> None:
    (draft,) = read_csv(DATA / "articles_custom.csv",
                        mapping={"title": "Headline", "body": "text", "published": "Date"})
    assert (draft.title, draft.published_precision) == ("Budget passed", "year")
    assert draft.body.startswith("Parliament passed")


def test_csv_without_a_body_column_is_one_error_naming_the_file() -> None:
    with pytest.raises(ReadError) as err:
        read_csv(DATA / "no_body.csv")
    assert err.value.path.endswith("no_body.csv") and err.value.line is None
    assert "body" in err.value.message and "text" in err.value.message


def test_csv_bad_row_is_an_error_naming_the_file_and_line() -> None:
    with pytest.raises(ReadError) as err:
        read_csv(DATA / "bad_date.csv")
    assert (Path(err.value.path).name, err.value.line) == ("bad_date.csv", 3)
    assert "2021-02-30" in err.value.message


def test_csv_row_without_body_text_is_refused_with_its_line(tmp_path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("title,body\nA,text\nB,\n", encoding="utf-8")
    with pytest.raises(ReadError, match="no body text") as err:
        read_csv(path)
    assert err.value.line == 3


def test_csv_row_with_more_fields_than_the_header_is_refused(tmp_path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("title,body\nA,text,surplus\n", encoding="utf-8")
    with pytest.raises(ReadError, match="3 fields") as err:
        read_csv(path)
    assert err.value.line == 2


def test_csv_with_only_a_header_is_refused(tmp_path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("title,body\n", encoding="utf-8")
    with pytest.raises(ReadError, match="no articles"):
        read_csv(path)


def test_csv_is_chosen_by_the_reader_table_for_csv_files() -> None:
    assert len(read_file(DATA / "articles.csv", max_bytes=10_000)) == 2


# --- html ---------------------------------------------------------------------------------

def test_html_reads_title_author_outlet_date_and_url() -> None:
    draft = read_html(DATA / "article.html")
    assert (draft.title, draft.author, draft.outlet) == (
        "Minister speaks on talks", "Jeila Aliyeva", "Trend")
    assert (draft.published, draft.published_precision) == (dt.date(2021, 4, 6), "day")
    assert draft.url == "https://en.trend.az/azerbaijan/politics/minister-speaks"
    assert (draft.language, draft.source_name) == ("en-gb", "article.html")


def test_html_body_is_the_story_without_scripts_navigation_or_headline() -> None:
    body = read_html(DATA / "article.html").body
    assert body.startswith("BAKU, April 6. Foreign Minister Elmar Mammadyarov")
    assert "\u201cconstructive and useful\u201d" in body and "meet again" in body
    for junk in ("analytics", "ad slot", "Home", "Share on", "All rights reserved"):
        assert junk not in body


def test_html_keeps_the_page_as_raw() -> None:
    assert "<article>" in read_html(DATA / "article.html").raw


def test_html_page_without_an_article_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="no article text") as err:
        read_html(DATA / "no_article.html")
    assert err.value.path.endswith("no_article.html")


def test_html_empty_file_is_a_read_error(tmp_path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match="empty"):
        read_html(path)


def test_html_is_chosen_by_the_reader_table_for_html_files() -> None:
    (draft,) = read_file(DATA / "article.html", max_bytes=100_000)
    assert draft.title == "Minister speaks on talks"
