"""The benchmark corpus generator is deterministic and writes files the readers take whole."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.generate import Generator, write_corpus
from claims_app.ingest.jsonlines import read_jsonl
from claims_app.ingest.seedtext import read_seed_text


def test_the_same_seed_writes_identical_files(tmp_path: Path) -> None:
    write_corpus(Generator(1), 30, "seed", tmp_path / "a")
    write_corpus(Generator(1), 30, "seed", tmp_path / "b")
    a, b = sorted((tmp_path / "a").iterdir()), sorted((tmp_path / "b").iterdir())
    assert [p.name for p in a] == [p.name for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b, strict=True))


def test_seed_files_parse_back_to_the_body_with_every_quote(tmp_path: Path) -> None:
    articles = list(Generator(1).articles(30))
    write_corpus(Generator(1), 30, "seed", tmp_path)
    for article, path in zip(articles, sorted(tmp_path.iterdir()), strict=True):
        draft = read_seed_text(path)
        assert draft.body == article.body
        assert draft.published in (None, article.published)  # some layouts give no date
        marks = draft.body.count("“") + draft.body.count('"') // 2
        assert marks == article.quotes > 0
        assert all(draft.body[c.start:c.end] == c.text for c in article.claims)


def test_jsonl_holds_one_parsable_article_per_line(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    write_corpus(Generator(1), 25, "jsonl", out)
    drafts = read_jsonl(out)
    assert len(drafts) == 25
    assert drafts[0].body == json.loads(out.read_text().splitlines()[0])["body"]
