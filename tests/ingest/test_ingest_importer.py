"""Importing: idempotent, atomic per article, and a bad file never stops the batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims_app.articles.models import Article, Outlet
from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim, ClaimOrigin, ClaimStatus
from claims_app.db import get_db
from claims_app.ingest.importer import FAILED, PRESENT, import_paths
from claims_app.speakers.models import Speaker

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run_import(app: Flask, *paths: Path):
    return import_paths(get_db(app).sessionmaker, list(paths))


def counts(session: Session) -> tuple[int, int, int, int]:
    session.expire_all()
    return tuple(  # type: ignore[return-value]
        session.scalar(select(func.count()).select_from(m))
        for m in (Article, Claim, Speaker, Outlet)
    )


def test_importing_the_seed_folder_stores_five_articles(app, session) -> None:
    summary = run_import(app, SEEDS)
    assert (summary.imported, summary.present, summary.failed) == (5, 0, [])
    assert counts(session)[0] == 5


def test_importing_the_seeds_twice_leaves_five_articles_and_says_five_present(app, session) -> None:
    run_import(app, SEEDS)
    again = run_import(app, SEEDS)
    assert (again.imported, again.present) == (0, 5)
    assert all(o.status == PRESENT for o in again.outcomes)
    assert counts(session)[0] == 5


def test_summary_line_counts_each_outcome(app, session) -> None:
    run_import(app, SEEDS)
    assert run_import(app, SEEDS).lines() == ["imported: 0, already present: 5, failed: 0"]


def test_import_stores_metadata_and_verbatim_body(app, session) -> None:
    run_import(app, SEEDS)
    first = session.scalar(select(Article).where(Article.source_name.like("000_%")))
    assert first.author == "Jeila Aliyeva" and first.outlet.name == "Trend"
    assert first.published.isoformat() == "2021-04-06"
    assert "\u0420e noted" in first.body
    assert first.raw.startswith(" date 2021-04-06")


def test_import_proposes_claims_with_exact_offsets_unreviewed(app, session) -> None:
    run_import(app, SEEDS)
    claims = session.scalars(select(Claim)).all()
    assert claims
    for claim in claims:
        assert claim.article.body[claim.start:claim.end] == claim.text
        assert claim.origin is ClaimOrigin.EXTRACTED
        assert claim.status is ClaimStatus.UNREVIEWED
        assert claim.confidence is not None


def test_import_attributes_the_first_seed_quote_to_rizwan_saeed_sheikh(app, session) -> None:
    run_import(app, SEEDS)
    claim = session.scalar(select(Claim).where(
        Claim.text.like("We have seen the devastation%")))
    assert claim.speaker.name == "Rizwan Saeed Sheikh"
    assert claim.speaker_role == "Permanent representative of OIC delegation"


def test_import_writes_one_audit_event_per_article(app, session) -> None:
    run_import(app, SEEDS)
    n = session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "import"))
    assert n == 5


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"  \n\t\n", "only white space"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("binary.txt", b"abc\x00\x01\x02def", "binary file"),
        ("latin1.txt", "Caf\u00e9 said \u201chi\u201d".encode("cp1252"), "not UTF-8 text"),
        ("broken.jsonl", b'{"body": "fine"}\n{"body": \n', "line 2: not valid JSON"),
        ("nobody.jsonl", b'{"title": "no body here"}\n', "line 1: the article has no \"body\""),
    ],
)
def test_bad_file_is_refused_by_name_and_writes_nothing(
    app, session, tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    before = counts(session)
    summary = run_import(app, bad)
    (failure,) = summary.failed
    assert failure.source == str(bad) and problem in failure.message
    assert counts(session) == before


def test_bad_file_in_a_batch_leaves_the_rest_importable(app, session, tmp_path: Path) -> None:
    (tmp_path / "a-bad.jsonl").write_text('{"body": "x"}\nnot json\n', encoding="utf-8")
    (tmp_path / "b-good.jsonl").write_text(
        json.dumps({"body": "Officials said the bridge reopened.", "title": "Bridge"}) + "\n",
        encoding="utf-8")
    summary = run_import(app, tmp_path, SEEDS)
    assert summary.imported == 6
    assert [o.source for o in summary.failed] == [str(tmp_path / "a-bad.jsonl")]
    assert not summary.ok


def test_failed_outcome_status_is_failed(app, session, tmp_path: Path) -> None:
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.7")
    (failure,) = run_import(app, bad).outcomes
    assert failure.status == FAILED and "unsupported file type '.pdf'" in failure.message


def test_same_speaker_is_shared_across_articles(app, session) -> None:
    run_import(app, SEEDS)
    names = session.scalars(select(Speaker.name).where(Speaker.name.like("%Mammadyarov%"))).all()
    assert names == ["Elmar Mammadyarov"]
