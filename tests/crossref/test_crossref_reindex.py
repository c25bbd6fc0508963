"""``claims-app reindex`` and keeping speakers searchable after edits (from their commit on:
``claims_app.crossref.sync``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select

from claims_app.crossref.models import PassageSignature, SearchDocument
from claims_app.crossref.repeats import passage_repeats
from claims_app.crossref.search import search
from claims_app.factchecks.models import FactCheck, FactCheckMatch, FactCheckTerm
from claims_app.factchecks.reader import FactCheckDraft
from claims_app.factchecks.services import fact_checks_for_claim, store_fact_checks
from claims_app.speakers.services import create_speaker, update_speaker


def test_reindex_rebuilds_the_search_index(runner, session, world) -> None:
    session.execute(delete(SearchDocument))
    session.commit()
    result = runner.invoke(args=["reindex", "--quiet"])
    assert result.exit_code == 0, result.output
    assert search(session, "ceasefire").total == 2  # the claim and its article


def test_reindex_rebuilds_passage_signatures(runner, session, world) -> None:
    session.execute(delete(PassageSignature))
    session.commit()
    assert passage_repeats(session, world.first.id) == []
    result = runner.invoke(args=["reindex", "--quiet", "--batch-size", "1"])
    assert result.exit_code == 0, result.output
    assert "passage signatures: 3 articles" in result.output
    assert [r.text for r in passage_repeats(session, world.first.id)] != []


def test_reindex_reports_what_it_indexed(runner, world) -> None:
    result = runner.invoke(args=["reindex", "--quiet"])
    assert "search index: 3 claims, 3 articles, 2 speakers" in result.output


def test_a_renamed_speaker_is_found_by_the_new_name(session, world) -> None:
    update_speaker(session, None, world.envoy, {"name": "Rizwan Saeed Sheikh Junior"},
                   expected_version=None)
    session.commit()
    hits = search(session, "Junior").hits
    assert [(h.entity.value, h.id) for h in hits] == [("speaker", world.envoy.id)]


def test_a_created_speaker_is_searchable_once_committed(session, world) -> None:
    speaker = create_speaker(session, None, "Hikmet Hajiyev")
    session.commit()
    assert [h.id for h in search(session, "Hajiyev").hits] == [speaker.id]


def test_a_speaker_search_document_is_not_duplicated_by_edits(session, world) -> None:
    for name in ("First Name", "Second Name"):
        update_speaker(session, None, world.envoy, {"name": name}, expected_version=None)
        session.commit()
    count = session.scalar(select(func.count(SearchDocument.id))
                           .where(SearchDocument.speaker_id == world.envoy.id))
    assert count == 1


def _check(claim: str, url: str) -> FactCheckDraft:
    return FactCheckDraft(claim_reviewed=claim, claimant="Rizwan Sheikh", rating_value=None,
                          best_rating=None, worst_rating=None, rating_name="False",
                          publisher="Fact Check Caucasus", published=dt.date(2020, 10, 6),
                          url=url, language="en")


def test_reindex_rebuilds_fact_check_matches_an_older_archive_never_had(
        runner, session, users, world) -> None:
    # Fact-checks whose matches and terms are missing (an archive from before fact-check
    # matching, or one whose tables were emptied): reindex writes them and says so.
    store_fact_checks(session, users["editor"], [
        _check("The ceasefire does not hold.", "https://fc.example/1"),
        _check("Trade between the two countries fell sharply last year.",
               "https://fc.example/2")], "batch.json")
    session.commit()
    assert [k.fact_check.url for k in fact_checks_for_claim(session, world.ceasefire)] == [
        "https://fc.example/1"]
    session.execute(delete(FactCheckMatch))
    session.execute(delete(FactCheckTerm))
    session.commit()
    assert fact_checks_for_claim(session, world.ceasefire) == []
    result = runner.invoke(args=["reindex", "--quiet", "--batch-size", "1"])
    assert result.exit_code == 0, result.output
    assert "fact-check matches: 3 claims matched against 2 fact-checks, 1 matches" \
        in result.output
    session.expire_all()
    assert [k.fact_check.url for k in fact_checks_for_claim(session, world.ceasefire)] == [
        "https://fc.example/1"]
    assert fact_checks_for_claim(session, world.useful) == []
    assert session.scalar(select(func.count()).select_from(FactCheckTerm)) > 0


def test_reindex_without_fact_checks_says_there_is_nothing_to_match(runner, session,
                                                                     world) -> None:
    assert session.scalar(select(func.count(FactCheck.id))) == 0
    result = runner.invoke(args=["reindex", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "fact-check matches: no fact-checks imported, nothing to match" in result.output
