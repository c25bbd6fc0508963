"""What each export format writes for the annotated sample, checked against its schema."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from claims_app.crossref import sync
from claims_app.export import FORMATS, ExportFilters
from claims_app.export.claimreview import VERDICT_RATINGS
from claims_app.export.csv_export import BOM, COLUMNS
from tests.export.exporting import FIXED_TIME, claim_ids, export_text, validator
from tests.worlds.builders import make_article, make_claim

ALL_FORMATS = sorted(FORMATS)


# --- json ---------------------------------------------------------------------------------

def test_json_export_matches_its_schema(session, sample) -> None:
    validator("claims-export-v1.schema.json").validate(json.loads(export_text(session, "json")))


def test_json_export_keeps_claimless_articles_when_unfiltered(session, sample) -> None:
    doc = json.loads(export_text(session, "json"))
    assert [a["id"] for a in doc["articles"]] == sorted(sample.articles.values())


def test_json_export_lists_claims_in_id_order_within_their_article(session, sample) -> None:
    doc = json.loads(export_text(session, "json"))
    by_article = {a["id"]: [c["id"] for c in a["claims"]] for a in doc["articles"]}
    assert by_article[sample.articles["a1"]] == sorted(sample.ids("c1", "c2", "c3"))


def test_json_export_records_reviews_oldest_first_with_reviewer_names(session, sample) -> None:
    doc = json.loads(export_text(session, "json"))
    c4 = next(c for a in doc["articles"] for c in a["claims"] if c["id"] == sample.claims["c4"])
    assert [(r["verdict"], r["reviewer"]) for r in c4["reviews"]] == [
        ("misattributed", "reviewer"), ("false", "editor")]


def test_json_export_records_outgoing_links_by_target_id(session, sample) -> None:
    doc = json.loads(export_text(session, "json"))
    c2 = next(c for a in doc["articles"] for c in a["claims"] if c["id"] == sample.claims["c2"])
    assert c2["links"][0] | {"created_at": None} == {
        "type": "repeats", "target": sample.claims["c1"], "note": "same press conference",
        "created_by": "editor", "created_at": None}


def test_json_export_records_speaker_merges_aliases_and_roles(session, sample) -> None:
    speakers = {s["id"]: s for s in json.loads(export_text(session, "json"))["speakers"]}
    duplicate = speakers[sample.speakers["duplicate"]]
    assert duplicate["merged_into"] == sample.speakers["minister"]
    assert duplicate["aliases"] == ["Mammadyarov E."]
    assert speakers[sample.speakers["minister"]]["roles"] == [
        {"title": "Foreign Minister", "organization": None,
         "first_seen": "2021-04-06", "last_seen": "2021-04-06"}]


def test_json_export_names_referenced_users_without_password_hashes(session, sample) -> None:
    text = export_text(session, "json")
    assert json.loads(text)["users"] == [
        {"username": "editor", "display_name": None, "role": "editor"},
        {"username": "reviewer", "display_name": None, "role": "reviewer"},
    ]
    assert "argon2" not in text and "password" not in text


def test_json_export_writes_the_given_export_time(session, sample) -> None:
    assert json.loads(export_text(session, "json"))["exported_at"] == FIXED_TIME.isoformat()


def test_json_export_is_the_same_bytes_when_repeated(session, sample) -> None:
    assert export_text(session, "json") == export_text(session, "json")


def test_json_export_of_an_empty_database_is_valid_and_empty(session) -> None:
    doc = json.loads(export_text(session, "json"))
    validator("claims-export-v1.schema.json").validate(doc)
    assert (doc["articles"], doc["speakers"], doc["users"]) == ([], [], [])


def test_filtered_json_export_leaves_out_articles_without_matching_claims(session, sample) -> None:
    doc = json.loads(export_text(session, "json", ExportFilters(kind="indirect")))
    assert [a["id"] for a in doc["articles"]] == [sample.articles["a2"]]
    assert [s["id"] for s in doc["speakers"]] == [sample.speakers["ministry"]]
    assert doc["filters"] == {"kind": "indirect"}


def test_filtered_json_export_includes_the_speaker_a_named_one_was_merged_into(
    session, sample
) -> None:
    from claims_app.claims.models import Claim

    session.get(Claim, sample.claims["c4"]).speaker_id = sample.speakers["duplicate"]
    session.flush()
    doc = json.loads(export_text(session, "json", ExportFilters(kind="indirect")))
    assert sorted(s["id"] for s in doc["speakers"]) == sorted(
        [sample.speakers["duplicate"], sample.speakers["minister"]])


# --- jsonl --------------------------------------------------------------------------------

def test_every_jsonl_line_matches_the_line_schema(session, sample) -> None:
    check = validator("claims-export-line-v1.schema.json")
    lines = export_text(session, "jsonl").splitlines()
    assert len(lines) == 4
    for line in lines:
        check.validate(json.loads(line))


def test_jsonl_line_embeds_the_latest_review_and_the_article_without_body(
    session, sample
) -> None:
    lines = [json.loads(line) for line in export_text(session, "jsonl").splitlines()]
    c4 = next(line for line in lines if line["id"] == sample.claims["c4"])
    assert c4["latest_review"]["verdict"] == "false" and c4["review_count"] == 2
    assert c4["article"]["title"] == "Talks cancelled" and "body" not in c4["article"]


# --- csv ----------------------------------------------------------------------------------

def test_csv_starts_with_a_byte_order_mark_and_the_documented_header(session, sample) -> None:
    text = export_text(session, "csv")
    assert text.startswith(BOM)
    assert next(csv.reader(io.StringIO(text[1:]))) == list(COLUMNS)


def test_csv_keeps_a_multiline_quote_in_one_cell(session, sample) -> None:
    rows = list(csv.DictReader(io.StringIO(export_text(session, "csv")[1:])))
    c2 = next(r for r in rows if int(r["claim_id"]) == sample.claims["c2"])
    assert c2["text"] == "No agreement was reached on the schedule,\nbut we will meet again."
    assert len(rows) == 4


def test_csv_joins_tags_and_evidence_urls_with_a_bar(session, sample) -> None:
    rows = list(csv.DictReader(io.StringIO(export_text(session, "csv")[1:])))
    c1 = next(r for r in rows if int(r["claim_id"]) == sample.claims["c1"])
    assert c1["tags"] == "Diplomacy | talks"
    assert c1["evidence_urls"] == "https://example.test/video | https://example.test/transcript"
    assert (c1["said_on"], c1["article_published"]) == ("2021-04-05", "2021-04-06")


def test_csv_joins_speaker_aliases_with_a_bar(session, sample) -> None:
    from claims_app.claims.models import Claim

    session.get(Claim, sample.claims["c3"]).speaker_id = sample.speakers["duplicate"]
    session.flush()
    rows = list(csv.DictReader(io.StringIO(export_text(session, "csv")[1:])))
    c3 = next(r for r in rows if int(r["claim_id"]) == sample.claims["c3"])
    assert c3["speaker_aliases"] == "Mammadyarov E."


# --- claimreview --------------------------------------------------------------------------

def test_claimreview_export_matches_the_fact_check_schema(session, sample) -> None:
    validator("claimreview-v1.schema.json").validate(
        json.loads(export_text(session, "claimreview")))


def test_claimreview_covers_only_reviewed_claims(session, sample) -> None:
    assert claim_ids("claimreview", export_text(session, "claimreview")) == sorted(
        sample.ids("c1", "c4"))


def test_claimreview_rates_by_the_latest_verdict(session, sample) -> None:
    items = json.loads(export_text(session, "claimreview"))
    c4 = next(i for i in items if i["url"].endswith(f"/claims/{sample.claims['c4']}"))
    assert c4["reviewRating"] == {
        "@type": "Rating", "alternateName": "False", "ratingValue": 1, "bestRating": 5,
        "worstRating": 1, "ratingExplanation": "The talks went ahead"}


def test_claimreview_names_the_organization_passed_in(session, sample) -> None:
    items = json.loads(export_text(session, "claimreview", organization_name="Fact Desk",
                                   organization_url="https://facts.test/"))
    assert {json.dumps(i["author"]) for i in items} == {json.dumps(
        {"@type": "Organization", "name": "Fact Desk", "url": "https://facts.test/"})}


def test_claimreview_claim_author_is_a_person_with_job_title(session, sample) -> None:
    items = json.loads(export_text(session, "claimreview"))
    c1 = next(i for i in items if i["url"] == f"https://claims.test/claims/{sample.claims['c1']}")
    assert c1["itemReviewed"]["author"] == {
        "@type": "Person", "name": "Elmar Mammadyarov", "jobTitle": "Foreign Minister",
        "sameAs": "https://www.wikidata.org/wiki/Q466519"}
    assert c1["itemReviewed"]["datePublished"] == "2021-04-05"


def test_claimreview_appearance_keeps_a_month_precision_date_partial(session, sample) -> None:
    items = json.loads(export_text(session, "claimreview"))
    c4 = next(i for i in items if i["url"].endswith(f"/claims/{sample.claims['c4']}"))
    assert c4["itemReviewed"]["author"]["@type"] == "Organization"
    assert c4["itemReviewed"]["appearance"]["datePublished"] == "2020-10"
    assert c4["itemReviewed"]["appearance"]["publisher"]["name"] == "Reuters"


def test_every_verdict_has_a_label_and_a_rating_within_the_scale() -> None:
    from claims_app.claims.models import Verdict

    assert set(VERDICT_RATINGS) == set(Verdict)
    assert all(v is None or 1 <= v <= 5 for _, v in VERDICT_RATINGS.values())


# --- webannotation ------------------------------------------------------------------------

def test_webannotation_export_matches_its_schema(session, sample) -> None:
    doc = json.loads(export_text(session, "webannotation"))
    validator("webannotation-v1.schema.json").validate(doc)
    assert doc["total"] == len(doc["first"]["items"]) == 4


def test_webannotation_targets_the_stored_text_and_credits_the_original_address(
        session, sample) -> None:
    items = json.loads(export_text(session, "webannotation"))["first"]["items"]
    by_claim = {int(i["id"].rsplit("/", 1)[1]): i for i in items}
    c1 = by_claim[sample.claims["c1"]]["target"]["source"]
    c4 = by_claim[sample.claims["c4"]]["target"]["source"]
    assert c1["id"] == f"https://claims.test/articles/{sample.articles['a1']}/text"
    assert c1["via"] == "https://example.test/a1"
    assert c4["id"] == f"https://claims.test/articles/{sample.articles['a2']}/text"
    assert "via" not in c4  # no original address known


def test_webannotation_motivation_is_assessing_only_for_reviewed_claims(session, sample) -> None:
    items = json.loads(export_text(session, "webannotation"))["first"]["items"]
    assessing = {int(i["id"].rsplit("/", 1)[1]) for i in items if i["motivation"] == "assessing"}
    assert assessing == sample.ids("c1", "c4")


def test_webannotation_body_tags_identifies_and_describes(session, sample) -> None:
    items = json.loads(export_text(session, "webannotation"))["first"]["items"]
    c1 = next(i for i in items if i["id"].endswith(f"/annotations/{sample.claims['c1']}"))
    texts = {(b["purpose"], b["value"]) for b in c1["body"] if b["type"] == "TextualBody"}
    assert {("describing", "kind: direct"), ("describing", "status: confirmed"),
            ("tagging", "Diplomacy"), ("tagging", "talks")} <= texts
    speaker = [b for b in c1["body"] if b["purpose"] == "identifying"]
    assert speaker == [{"type": "SpecificResource", "purpose": "identifying",
                        "source": {"id": f"https://claims.test/speakers/{sample.speakers['minister']}",
                                   "label": "Elmar Mammadyarov"}}]


# --- every format -------------------------------------------------------------------------

def test_unknown_format_is_refused_naming_the_known_ones(session) -> None:
    with pytest.raises(ValueError, match="json, jsonl, csv, claimreview, webannotation"):
        export_text(session, "yaml")


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_export_of_an_empty_database_is_well_formed(session, fmt) -> None:
    assert claim_ids(fmt, export_text(session, fmt)) == []


def test_jsonl_lines_carry_the_statement_group_the_lossless_json_names(session) -> None:
    # One quote reported by two outlets and a short one too generic to group: the lines name
    # the group by its earliest claim exactly as the lossless JSON does, batch after batch
    # (a batch of one claim: each line's group is read with its own batch).
    quote = "We will send five thousand troops to the northern border before winter."
    first = make_claim(session, make_article(session, f"\u201c{quote}\u201d he said.",
                                             published=dt.date(2024, 5, 2), title=None), quote)
    later = make_claim(session, make_article(session, f"Minister: \u201c{quote}\u201d",
                                             published=dt.date(2024, 5, 6), title=None), quote)
    short = make_claim(session, make_article(session, "\u201cNo comment.\u201d", title=None,
                                             published=None), "No comment.")
    sync.write_pending(session)
    lines = {line["id"]: line for line in map(
        json.loads, export_text(session, "jsonl", batch_size=1).splitlines())}
    assert {cid: line["statement_group_id"] for cid, line in lines.items()} == {
        first.id: first.id, later.id: first.id, short.id: None}
    check = validator("claims-export-line-v1.schema.json")
    for line in lines.values():
        check.validate(line)
    lossless = {c["id"]: c["statement_group_id"]
                for a in json.loads(export_text(session, "json"))["articles"]
                for c in a["claims"]}
    assert lossless == {cid: line["statement_group_id"] for cid, line in lines.items()}
