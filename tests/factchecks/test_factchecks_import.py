"""Importing published fact-checks (schema.org ClaimReview): saved pages read with extruct,
JSON (one object, a list, an @graph), JSON Lines, and our own ClaimReview export read back;
duplicates skipped, a bad file refused whole naming the file and line, the rest imported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import func, select

from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Verdict
from claims_app.claims.services import add_review
from claims_app.db import get_db
from claims_app.export.claimreview import export_claimreview
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters
from claims_app.factchecks.models import FactCheck
from claims_app.ingest.importer import FAILED, IMPORTED, PRESENT, import_paths
from tests.worlds.builders import make_article, make_claim

REVIEW = {
    "@context": "https://schema.org", "@type": "ClaimReview",
    "url": "https://factcheck.example/ganja-shelling",
    "claimReviewed": "Armenian forces shelled the city of Ganja overnight, killing two "
                     "civilians.",
    "author": {"@type": "Organization", "name": "Fact Check Caucasus"},
    "datePublished": "2020-10-05",
    "inLanguage": "en",
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Hikmet Hajiyev"}},
    "reviewRating": {"@type": "Rating", "ratingValue": "4", "bestRating": "5",
                     "worstRating": "1", "alternateName": "Mostly true"},
}


def _other(n: int) -> dict:
    return {**REVIEW, "url": f"https://factcheck.example/{n}",
            "claimReviewed": f"Claim number {n} about the shelling of Tartar."}


def _import(app, *paths: Path):
    return import_paths(get_db(app).sessionmaker, list(paths))


def test_a_saved_fact_check_page_is_read_with_its_json_ld(app, session, tmp_path) -> None:
    page = tmp_path / "ganja.html"
    page.write_text(
        "<!doctype html><html><head><title>Fact check: Ganja</title>"
        '<script type="application/ld+json">' + json.dumps(REVIEW) + "</script></head>"
        "<body><article><p>Our verdict: mostly true.</p></article></body></html>",
        encoding="utf-8")
    summary = _import(app, page)
    assert [o.status for o in summary.outcomes] == [IMPORTED]
    assert summary.fact_checks == 1 and "fact-checks" in summary.lines()[0]
    check = session.scalars(select(FactCheck)).one()
    assert check.claim_reviewed.startswith("Armenian forces shelled the city of Ganja")
    assert check.claimant == "Hikmet Hajiyev"
    assert (check.rating_value, check.best_rating, check.worst_rating) == (4.0, 5.0, 1.0)
    assert check.rating_name == "Mostly true" and check.rating_label == "Mostly true"
    assert check.publisher == "Fact Check Caucasus"
    assert check.published == dt.date(2020, 10, 5)
    assert check.url == "https://factcheck.example/ganja-shelling" and check.language == "en"
    assert session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.entity_type == "factcheck", AuditEvent.action == "import")) == 1


def test_a_json_list_and_an_at_graph_both_import(app, session, tmp_path) -> None:
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([_other(1), _other(2)]), encoding="utf-8")
    graph = tmp_path / "graph.json"
    graph.write_text(json.dumps({"@context": "https://schema.org",
                                 "@graph": [{"@type": "WebPage", "name": "x"},
                                            {**_other(3), "@context": None}]}),
                     encoding="utf-8")
    summary = _import(app, listed, graph)
    assert [o.status for o in summary.outcomes] == [IMPORTED] * 3
    assert session.scalar(select(func.count(FactCheck.id))) == 3


def test_the_same_url_and_claim_is_skipped_as_already_present(app, session, tmp_path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(REVIEW), encoding="utf-8")
    assert [o.status for o in _import(app, path).outcomes] == [IMPORTED]
    # The same review inside another file, with the claim quoted differently.
    again = tmp_path / "again.jsonl"
    again.write_text(json.dumps({**REVIEW, "claimReviewed": REVIEW["claimReviewed"].upper()})
                     + "\n" + json.dumps(_other(7)) + "\n", encoding="utf-8")
    assert [o.status for o in _import(app, again).outcomes] == [PRESENT, IMPORTED]
    assert session.scalar(select(func.count(FactCheck.id))) == 2


def test_a_bad_json_lines_line_refuses_its_file_naming_file_and_line_and_the_rest_imports(
        app, session, tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(_other(1)) + "\n" + json.dumps(_other(2)) + "\n{not json\n",
                   encoding="utf-8")
    missing = tmp_path / "missing.jsonl"
    missing.write_text(json.dumps({**_other(4), "claimReviewed": None}) + "\n",
                       encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_other(3)), encoding="utf-8")
    summary = _import(app, bad, missing, good)
    assert [o.status for o in summary.outcomes] == [FAILED, FAILED, IMPORTED]
    assert summary.outcomes[0].source == str(bad)
    assert summary.outcomes[0].message.startswith("line 3: not valid JSON")
    assert summary.outcomes[1].message.startswith("line 1: a ClaimReview without the claim")
    assert f"{bad}: line 3" in "\n".join(summary.lines())
    # Nothing of the refused files: only the good one's fact-check.
    assert session.scalars(select(FactCheck.url)).all() == ["https://factcheck.example/3"]


def test_a_json_file_without_claim_review_is_refused(app, session, tmp_path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([{"title": "t", "body": "b"}]), encoding="utf-8")
    [outcome] = _import(app, path).outcomes
    assert outcome.status == FAILED and "no ClaimReview" in outcome.message


def test_an_article_jsonl_still_goes_to_the_article_reader(app, session, tmp_path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps({"title": "Road", "body": 'The minister said "the road '
                                'opens soon" on Monday.'}) + "\n", encoding="utf-8")
    [outcome] = _import(app, path).outcomes
    assert outcome.status == IMPORTED and outcome.article_id is not None
    assert outcome.fact_check_id is None


def test_our_own_claimreview_export_imports_back(app, session, users, tmp_path) -> None:
    article = make_article(session, 'The minister said "the border is calm" on Monday.')
    claim = make_claim(session, article, "the border is calm")
    add_review(session, users["reviewer"], claim, Verdict.FALSE, rating_text="Not so")
    session.commit()
    exported = "".join(export_claimreview(session, ExportFilters(), ExportOptions(
        base_url="https://claims.example", organization_name="Our desk")))
    path = tmp_path / "ours.json"
    path.write_text(exported, encoding="utf-8")
    [outcome] = _import(app, path).outcomes
    assert outcome.status == IMPORTED
    session.expire_all()
    check = session.get(FactCheck, outcome.fact_check_id)
    assert check is not None
    assert check.claim_reviewed == "the border is calm"
    assert check.rating_name == "False" and check.rating_value == 1.0
    assert check.publisher == "Our desk"
    assert check.url == f"https://claims.example/claims/{claim.id}"


def test_claims_app_import_takes_a_fact_check_file(runner, session, users, tmp_path) -> None:
    path = tmp_path / "reviews.jsonl"
    path.write_text(json.dumps(REVIEW) + "\n" + json.dumps(_other(5)) + "\n",
                    encoding="utf-8")
    result = runner.invoke(args=["import", "--quiet", "--as-user", "editor", str(path)])
    assert result.exit_code == 0, result.output
    assert "imported: 2" in result.output and "2 of the imported are fact-checks" \
        in result.output
    assert sorted(session.scalars(select(FactCheck.imported_by_id))) == [users["editor"].id] * 2
