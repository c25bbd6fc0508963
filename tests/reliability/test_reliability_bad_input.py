"""Bad input: every file in ``tests/data/bad/`` is either read correctly or refused whole.

Each case runs in one batch with a good article, so these pin down three promises at once:
the bad file's outcome (read, with the result checked, or refused with a one-line message
naming the file and the problem), nothing partial written for a refused file (every table's
row count), and the rest of the batch still importing.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.articles.models import Article
from claims_app.db import get_db
from claims_app.ingest.importer import FAILED, IMPORTED, ImportSummary, import_paths
from claims_app.textnorm import find_lookalikes
from tests.reliability.helpers import table_counts, write_good_article

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
HAS_CSV = importlib.util.find_spec("claims_app.ingest.csv_reader") is not None
HAS_HTML = importlib.util.find_spec("claims_app.ingest.html_reader") is not None

# file -> the problem its refusal must name
REFUSED = {
    "empty.txt": "the file is empty",
    "whitespace-only.txt": "the file holds only white space",
    "picture.png": "unsupported file type '.png'",
    "archive.zip": "unsupported file type '.zip'",
    "invalid-utf8.txt": "not UTF-8 text (byte 0xc3 at offset 49)",
    "windows-1252.txt": "not UTF-8 text (byte 0x93 at offset 75)",
    "one-broken-line.jsonl": "line 3: not valid JSON",
    "nul-character.jsonl": "line 1: the text contains a NUL character",
    "lone-surrogate.jsonl": "line 1: the text contains a lone surrogate",
    "nul-after-8k.txt": "the text contains a NUL character at offset 9350",
    "deeply-nested.jsonl": "line 1: values nested more than 100 levels deep",
    "not-a-number.jsonl": "line 1: not valid JSON (NaN is not a JSON number)",
    "infinite-number.jsonl": "line 1: not valid JSON (1e999 is too large for a JSON number)",
}


def import_batch(app: Flask, *paths: Path, **options) -> ImportSummary:
    return import_paths(get_db(app).sessionmaker, list(paths), **options)


def outcome_for(summary: ImportSummary, path: Path):
    (found,) = [o for o in summary.outcomes if o.source.split(":")[0] == str(path)
                or o.source.startswith(f"{path}:")]
    return found


def assert_refused_whole(app: Flask, session: Session, bad: Path, good: Path,
                         problem: str) -> None:
    """Refused by name with a one-line message; no row from it; the good file imports."""
    before = table_counts(session)
    alone = import_batch(app, bad)
    (failure,) = alone.failed
    assert failure.source == str(bad)
    assert problem in failure.message
    assert "\n" not in failure.message
    (line,) = [x for x in alone.lines() if "failed: " + str(bad) in x]
    assert line.strip() == f"failed: {bad}: {failure.message}"
    assert table_counts(session) == before

    batch = import_batch(app, bad, good)
    assert [o.source for o in batch.failed] == [str(bad)]
    assert outcome_for(batch, good).status == IMPORTED
    assert session.scalar(select(Article).where(Article.source_name == bad.name)) is None


def import_read_case(app: Flask, session: Session, bad: Path, good: Path) -> Article:
    """Import a file expected to be read, with a good one; return its stored article."""
    summary = import_batch(app, bad, good)
    assert summary.ok, summary.lines()
    assert outcome_for(summary, good).status == IMPORTED
    article = session.get(Article, outcome_for(summary, bad).article_id)
    assert article is not None
    for claim in article.claims:
        assert article.body[claim.start:claim.end] == claim.text
    return article


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_file_is_refused_by_name_with_nothing_written_and_the_batch_continues(
    app: Flask, session: Session, tmp_path: Path, name: str
) -> None:
    assert_refused_whole(app, session, BAD / name, write_good_article(tmp_path), REFUSED[name])


@pytest.mark.parametrize(("name", "problem"), [
    ("picture.png", "this is a PNG image, not a text article"),
    ("archive.zip", "this is a ZIP archive (or an Office document), not a text article"),
])
def test_binary_file_named_as_text_is_refused_by_its_signature(
    app: Flask, session: Session, tmp_path: Path, name: str, problem: str
) -> None:
    disguised = tmp_path / (Path(name).stem + ".txt")
    shutil.copy(BAD / name, disguised)
    assert_refused_whole(app, session, disguised, write_good_article(tmp_path), problem)


def test_utf16_with_bom_is_read_as_the_same_text(app, session, tmp_path: Path) -> None:
    article = import_read_case(app, session, BAD / "utf16-bom.txt", write_good_article(tmp_path))
    assert article.title == "UTF-16 story"
    assert article.body.startswith("\u201cWe will rebuild the school,\u201d Mayor Leyla \u018f")
    assert "\ufeff" not in article.body
    assert any(c.text.startswith("We will rebuild") for c in article.claims)


def test_utf8_with_bom_is_read_without_the_bom(app, session, tmp_path: Path) -> None:
    article = import_read_case(app, session, BAD / "utf8-bom.txt", write_good_article(tmp_path))
    assert article.title == "BOM story"
    assert not article.body.startswith("\ufeff") and not article.raw.startswith("\ufeff")


@pytest.mark.parametrize("name", ["crlf.txt", "lone-cr.txt"])
def test_crlf_and_lone_cr_line_ends_are_read_as_lf(app, session, tmp_path, name) -> None:
    article = import_read_case(app, session, BAD / name, write_good_article(tmp_path))
    assert "\r" not in article.body
    assert "\n\n" in article.body
    assert article.claims, "the quote is still found after normalising the line ends"


def test_crlf_and_lf_copies_of_one_article_are_the_same_article(app, session, tmp_path) -> None:
    lf = tmp_path / "lf.txt"
    lf.write_bytes((BAD / "crlf.txt").read_bytes().replace(b"\r\n", b"\n"))
    first = import_batch(app, BAD / "crlf.txt")
    again = import_batch(app, lf)
    assert (first.imported, again.imported, again.present) == (1, 0, 1)


def test_a_100000_character_line_is_read_whole(app, session, tmp_path: Path) -> None:
    article = import_read_case(app, session, BAD / "long-line.txt", write_good_article(tmp_path))
    assert max(len(line) for line in article.body.split("\n")) == 100_000
    assert any(c.text.startswith("We are done") for c in article.claims)


@pytest.mark.parametrize("name", ["unbalanced-quotes.txt", "mixed-quotes.txt"])
def test_unbalanced_and_mixed_quotation_marks_are_read_with_valid_spans(
    app, session, tmp_path: Path, name: str
) -> None:
    article = import_read_case(app, session, BAD / name, write_good_article(tmp_path))
    assert article.body == (BAD / name).read_text(encoding="utf-8").split("\n\n", 3)[3].strip()
    assert article.claims


def test_look_alike_letters_are_kept_verbatim_and_detectable(app, session, tmp_path) -> None:
    article = import_read_case(app, session, BAD / "lookalikes.txt", write_good_article(tmp_path))
    assert "\u0420eace" in article.body and "G\u03bfvernment" in article.body
    assert find_lookalikes(article.body)


@pytest.mark.skipif(not HAS_HTML, reason="claims_app.ingest.html_reader is not written yet")
def test_html_full_of_scripts_is_read_without_any_script_text(app, session, tmp_path) -> None:
    article = import_read_case(app, session, BAD / "scripts.html", write_good_article(tmp_path))
    assert "The library will reopen on Monday" in article.body
    for leaked in ("alert", "Injected", "not a quote", "document.write", "color: red"):
        assert leaked not in article.body
    assert all("script" not in c.text for c in article.claims)


@pytest.mark.skipif(not HAS_HTML, reason="claims_app.ingest.html_reader is not written yet")
def test_html_noscript_fallback_text_is_not_part_of_the_article(app, session, tmp_path) -> None:
    article = import_read_case(app, session, BAD / "scripts.html", write_good_article(tmp_path))
    assert "Enable JavaScript" not in article.body


@pytest.mark.skipif(not HAS_CSV, reason="claims_app.ingest.csv_reader is not written yet")
def test_csv_with_a_row_missing_columns_is_refused_naming_the_row(app, session, tmp_path) -> None:
    assert_refused_whole(app, session, BAD / "missing-columns.csv", write_good_article(tmp_path),
                         "line 3")


def test_cli_import_prints_one_line_naming_the_bad_file_and_still_imports_the_good(
    app, runner, session, tmp_path: Path
) -> None:
    good = write_good_article(tmp_path)
    result = runner.invoke(args=["import", "--quiet", str(BAD / "windows-1252.txt"), str(good)])
    assert result.exit_code == 1
    assert f"failed: {BAD / 'windows-1252.txt'}: not UTF-8 text (byte 0x93" in result.output
    assert "imported: 1, already present: 0, failed: 1" in result.output


# --- size limits ------------------------------------------------------------------------

FIFTY_MB = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def fifty_mb_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50 MB single-article seed file, generated here rather than committed."""
    path = tmp_path_factory.mktemp("big") / "fifty-mb.txt"
    paragraph = ("\u201cThe budget passes,\u201d the minister said. Talks went on all night.\n\n"
                 ).encode()
    with path.open("wb") as fh:
        fh.write(b"date 2021-07-01 A very long story\n\n")
        fh.write(paragraph * (FIFTY_MB // len(paragraph)))
    return path


def test_file_over_the_byte_limit_is_refused_before_it_is_read(
    app, session, tmp_path: Path, fifty_mb_article: Path
) -> None:
    started = time.perf_counter()
    before = table_counts(session)
    summary = import_batch(app, fifty_mb_article, write_good_article(tmp_path),
                           max_bytes=10_000_000)
    (failure,) = summary.failed
    assert failure.source == str(fifty_mb_article)
    assert re.fullmatch(r"the file is 52\.\d MB, over the 10 MB import limit", failure.message)
    assert summary.imported == 1
    assert table_counts(session)["articles"] == before["articles"] + 1
    assert time.perf_counter() - started < 10


def test_fifty_mb_article_under_the_byte_limit_is_refused_unread(
    app, session, tmp_path: Path, fifty_mb_article: Path
) -> None:
    """One 50 MB "article" is not an article: extraction on it would run for hours (it is
    worse than linear), so plain text that cannot fit the per-article limit is refused from
    its size alone, in milliseconds and without reading it."""
    good = write_good_article(tmp_path)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        before = table_counts(session)
        summary = import_batch(app, fifty_mb_article, good)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (failure,) = summary.failed
    assert failure.source == str(fifty_mb_article)
    assert re.fullmatch(r"the file is 52\.\d MB, too long for one article "
                        r"\(the limit is 1,000,000 characters\)", failure.message)
    assert summary.imported == 1
    assert table_counts(session)["articles"] == before["articles"] + 1
    assert elapsed < 5
    assert peak < 20_000_000


def test_article_over_the_character_limit_is_refused_after_reading(
    app, session, tmp_path: Path
) -> None:
    before = table_counts(session)
    summary = import_batch(app, BAD / "long-line.txt", write_good_article(tmp_path),
                           max_article_chars=50_000)
    (failure,) = summary.failed
    assert failure.message == (
        "the article is 100,046 characters, over the 50,000-character limit for one article")
    assert table_counts(session)["articles"] == before["articles"] + 1


def test_json_lines_article_over_the_character_limit_is_refused_by_line(
    app, session, tmp_path: Path
) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text('{"body": "short one"}\n{"body": "%s"}\n' % ("x" * 2000), encoding="utf-8")
    before = table_counts(session)
    summary = import_batch(app, path, max_article_chars=1000)
    (failure,) = summary.failed
    assert failure.message.startswith("line 2: the article is 2,000 characters")
    assert table_counts(session) == before


def test_fifty_mb_json_lines_file_with_a_broken_last_line_writes_nothing(
    app, session, tmp_path: Path
) -> None:
    """The whole file is checked before the first write, however big it is, in bounded
    time and a few times the file's size in memory."""
    path = tmp_path / "big.jsonl"
    paragraph = "\\u201cThe port reopens,\\u201d the director said. " * 100
    with path.open("w", encoding="utf-8") as fh:
        written, n = 0, 0
        while written < FIFTY_MB:
            written += fh.write(f'{{"body": "{paragraph} Number {n}."}}\n')
            n += 1
        fh.write('{"body": broken}\n')
    good = write_good_article(tmp_path)
    before = table_counts(session)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        summary = import_batch(app, path, good)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (failure,) = summary.failed
    assert failure.message.startswith(f"line {n + 1}: not valid JSON")
    assert table_counts(session)["articles"] == before["articles"] + 1
    assert FAILED in {o.status for o in summary.outcomes}
    assert elapsed < 30
    assert peak < 8 * FIFTY_MB
