"""Property tests: no input makes a reader or the importer fail any other way than a ReadError.

Readers see arbitrary bytes (and near-valid variations of their format); the store path
sees arbitrary article text. The extractor's own properties live in tests/extract.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.errors import ReadError
from claims_app.ingest.importer import store_draft
from claims_app.ingest.jsonlines import read_jsonl
from claims_app.ingest.readers import read_file
from claims_app.ingest.seedtext import read_seed_text

HAS_CSV = importlib.util.find_spec("claims_app.ingest.csv_reader") is not None
HAS_HTML = importlib.util.find_spec("claims_app.ingest.html_reader") is not None

# Text a file could really hold: anything but lone surrogates (UTF-8 cannot encode them).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)
quote_heavy = st.text(st.sampled_from(list("abc XYZ.,\n\r\t\"'\u201c\u201d\u00ab\u00bb\u0420:-"))
                      | st.characters(exclude_categories=("Cs",)), max_size=300)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])


def assert_valid_drafts(drafts: list[ArticleDraft]) -> None:
    """What the importer relies on from every reader: a stored body it can hash and slice."""
    assert drafts
    for draft in drafts:
        assert isinstance(draft, ArticleDraft)
        assert draft.body.strip() and "\r" not in draft.body and "\x00" not in draft.body
        assert len(draft.content_hash) == 64


def read_or_refuse(reader, path: Path, data: bytes) -> None:
    try:
        drafts = reader(path, data)
    except ReadError as exc:
        assert str(exc).startswith(str(path))
        assert "\n" not in exc.message
        return
    assert_valid_drafts(drafts if isinstance(drafts, list) else [drafts])


@settings(deadline=None, max_examples=200)
@given(st.binary(max_size=600))
def test_seed_text_reader_reads_or_refuses_any_bytes(data: bytes) -> None:
    read_or_refuse(read_seed_text, Path("any.txt"), data)


@settings(deadline=None, max_examples=200)
@given(st.one_of(any_text, quote_heavy), encodings)
def test_seed_text_reader_reads_or_refuses_any_text_in_any_encoding(text: str, enc: str) -> None:
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        return
    read_or_refuse(read_seed_text, Path("any.txt"), data)


@settings(deadline=None, max_examples=200)
@given(st.binary(max_size=600))
def test_json_lines_reader_reads_or_refuses_any_bytes(data: bytes) -> None:
    read_or_refuse(read_jsonl, Path("any.jsonl"), data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
    | st.sampled_from(["\ud800", "a\x00b", "\udfff\ud800"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=8,
)


@settings(deadline=None, max_examples=200)
@given(st.lists(st.dictionaries(
    st.sampled_from(["body", "title", "published", "author", "outlet", "x", "\u0000"]),
    json_values | st.text(max_size=80), max_size=5), min_size=1, max_size=4),
    st.booleans())
def test_json_lines_reader_reads_or_refuses_any_objects(objs: list, escape: bool) -> None:
    """Near-valid files: real JSON objects with any keys and values (NaN, NUL and lone
    surrogates included, since JSON escapes can spell them)."""
    lines = [json.dumps(o, ensure_ascii=escape) for o in objs]
    try:
        data = "\n".join(lines).encode("utf-8", "surrogatepass")
    except UnicodeEncodeError:
        return
    read_or_refuse(read_jsonl, Path("any.jsonl"), data)


@pytest.mark.skipif(not HAS_CSV, reason="claims_app.ingest.csv_reader is not written yet")
@settings(deadline=None, max_examples=150)
@given(st.one_of(st.binary(max_size=600), quote_heavy.map(lambda t: t.encode())))
def test_csv_reader_reads_or_refuses_any_bytes(data: bytes) -> None:
    from claims_app.ingest.readers import READERS

    read_or_refuse(READERS[".csv"], Path("any.csv"), data)


@pytest.mark.skipif(not HAS_HTML, reason="claims_app.ingest.html_reader is not written yet")
def test_html_reader_refuses_a_script_tag_before_the_html_tag() -> None:
    from claims_app.ingest.readers import READERS

    read_or_refuse(READERS[".html"], Path("any.html"), b"<body><script><html>")


@pytest.mark.skipif(not HAS_HTML, reason="claims_app.ingest.html_reader is not written yet")
@settings(deadline=None, max_examples=150)
@given(st.one_of(st.binary(max_size=600),
                 st.lists(st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<html>",
                                           "<body>", "<!--", "-->", "<article>", "&amp;",
                                           "\u201cHi,\u201d he said. ", "text "]),
                          max_size=30).map(lambda parts: "".join(parts).encode())))
def test_html_reader_reads_or_refuses_any_bytes(data: bytes) -> None:
    from claims_app.ingest.readers import READERS

    read_or_refuse(READERS[".html"], Path("any.html"), data)


@settings(deadline=None, max_examples=60)
@given(st.binary(max_size=300), st.sampled_from([".txt", ".jsonl", ".md", ""]))
def test_read_file_dispatch_reads_or_refuses_any_file(tmp_path_factory, data: bytes,
                                                      suffix: str) -> None:
    path = tmp_path_factory.mktemp("any") / f"file{suffix}"
    path.write_bytes(data)
    try:
        assert_valid_drafts(read_file(path, max_bytes=1000, max_article_chars=200))
    except ReadError as exc:
        assert exc.path == str(path) and "\n" not in exc.message


# --- the store path ---------------------------------------------------------------------

stored_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00\r"),
                      min_size=1, max_size=400).filter(str.strip)
quoted_text = st.lists(st.sampled_from([
    "\u201cWe will win,\u201d ", "Minister John Smith said. ", "\"Never,\" he told reporters. ",
    "The mayor said that the dam is safe. ", "\u00abNo\u00bb, ", "\n\n", "\u0420eace ", "x",
]), min_size=1, max_size=12).map("".join).filter(str.strip)


@settings(deadline=None, max_examples=40,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(stored_text, quoted_text))
def test_any_article_text_is_stored_verbatim_with_valid_claim_offsets(
    session: Session, body: str
) -> None:
    """On both engines: the body reads back identical and every claim is a slice of it."""
    nested = session.begin_nested()
    try:
        article, created = store_draft(session, ArticleDraft(body=body, source_name="p.txt"),
                                       None)
        assert created
        session.flush()
        session.expire_all()
        stored = session.get(type(article), article.id)
        assert stored is not None and stored.body == body
        for claim in stored.claims:
            assert 0 <= claim.start < claim.end <= len(body)
            assert body[claim.start:claim.end] == claim.text
    finally:
        nested.rollback()
