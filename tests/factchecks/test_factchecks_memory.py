"""Fact-check memory: imported fact-checks matched to the claims saying the same thing
(whichever came first, through the web's session or the importer's bulk path), the claim's
own speaker first, shown on the claim page and in the review queue with its filter; and the
verdicts already given to similar statements beside the verdict form and on the dashboard."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select

from claims_app.claims.annotate import stored_input
from claims_app.claims.models import Claim, Verdict
from claims_app.claims.services import add_review, update_claim
from claims_app.db import get_db
from claims_app.factchecks import evaluate, matching
from claims_app.factchecks.models import FactCheck, FactCheckMatch
from claims_app.factchecks.reader import FactCheckDraft
from claims_app.factchecks.services import (
    fact_checks_for_claim,
    store_fact_checks,
    verdict_conflicts,
)
from claims_app.ingest.importer import import_paths
from claims_app.review.services import QueueFilters, review_page
from claims_app.speakers.services import add_alias, create_speaker
from tests.worlds.builders import make_article, make_claim

GOLD = Path(__file__).resolve().parents[1] / "data" / "factchecks"
BODY = ('Presidential aide Hikmet Hajiyev said "Armenian forces shelled the city of Ganja '
        'overnight, killing two civilians" on Sunday. The ministry said the roads to Tartar '
        'were closed for repairs.')
SHELLING = "Armenian forces shelled the city of Ganja overnight, killing two civilians"


def _check(claim: str, claimant: str | None = None, url: str = "https://fc.example/1",
           rating: str = "False", published: dt.date | None = dt.date(2020, 10, 6)
           ) -> FactCheckDraft:
    return FactCheckDraft(claim_reviewed=claim, claimant=claimant, rating_value=None,
                          best_rating=None, worst_rating=None, rating_name=rating,
                          publisher="Fact Check Caucasus", published=published, url=url,
                          language="en")


def test_the_gold_set_meets_the_goals() -> None:
    result = evaluate.score(GOLD)
    assert result["cases"] >= 10
    assert result["precision"] >= 0.90, result["misses"]
    assert result["recall"] >= 0.80, result["misses"]
    assert result["ranking"] == 1.0, result["misses"]


def test_a_fact_check_imported_after_the_claim_is_matched_at_commit(session, users) -> None:
    hajiyev = create_speaker(session, None, "Hikmet Hajiyev")
    article = make_article(session, BODY)
    claim = make_claim(session, article, SHELLING, hajiyev)
    other = make_claim(session, article, "the roads to Tartar were closed for repairs")
    session.commit()
    store_fact_checks(session, users["editor"], [
        _check(SHELLING + ".", "Hikmet Hajiyev"),
        _check("Armenian forces shelled the city of Ganja, killing two civilians.",
               "Sputnik", url="https://fc.example/2", rating="Mostly true"),
        _check("Azerbaijan closed the roads to Stepanakert.", url="https://fc.example/3"),
    ], "batch.json")
    session.commit()
    shown = fact_checks_for_claim(session, claim)
    assert [k.fact_check.url for k in shown] == ["https://fc.example/1", "https://fc.example/2"]
    assert shown[0].same_speaker and not shown[1].same_speaker
    assert fact_checks_for_claim(session, other) == []


def test_a_claim_made_after_the_fact_check_is_matched_and_rematched_on_edit(session,
                                                                             users) -> None:
    speaker = create_speaker(session, None, "Hikmet Hajiyev")
    add_alias(session, speaker, "Hajiyev")
    store_fact_checks(session, None, [_check(SHELLING, "Hajiyev")], "one.json")
    session.commit()
    article = make_article(session, BODY)
    claim = make_claim(session, article, SHELLING, speaker)
    session.commit()
    [known] = fact_checks_for_claim(session, claim)
    assert known.same_speaker and known.score == 1.0
    data = stored_input(claim)
    data.start, data.end, data.text = BODY.index("the roads"), BODY.index(" for repairs"), None
    update_claim(session, None, claim, data, expected_version=claim.version)
    session.commit()
    assert fact_checks_for_claim(session, claim) == []


def test_claims_the_importer_writes_in_bulk_are_matched(app, session, tmp_path) -> None:
    store_fact_checks(session, None, [_check(
        "The road to Lachin opens again next week after repairs.")], "one.json")
    session.commit()
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps({"title": "Lachin", "published": "2021-05-01", "body":
                                'Minister Anar Valiyev said "the road to Lachin opens again '
                                'next week after repairs" on Monday.'}) + "\n",
                    encoding="utf-8")
    [outcome] = import_paths(get_db(app).sessionmaker, [path]).outcomes
    assert outcome.claims >= 1
    matched = session.scalars(select(FactCheckMatch)).all()
    assert len(matched) == 1 and matched[0].score >= 0.9


def test_the_claim_page_shows_the_fact_check_and_past_verdicts(client, auth, session,
                                                               users) -> None:
    hajiyev = create_speaker(session, None, "Hikmet Hajiyev")
    article = make_article(session, BODY)
    claim = make_claim(session, article, SHELLING, hajiyev)
    twin_article = make_article(session, BODY.replace("on Sunday", "on Monday"),
                                published=dt.date(2019, 3, 13))
    twin = make_claim(session, twin_article, SHELLING, hajiyev)
    add_review(session, users["reviewer"], twin, Verdict.MISLEADING)
    store_fact_checks(session, None, [_check(SHELLING, "Hikmet Hajiyev")], "one.json")
    session.commit()
    auth.login("reviewer")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Already checked by <strong>Fact Check Caucasus</strong>: <strong>False</strong>" \
        in html
    assert "same speaker" in html
    past = html[html.index('id="past-verdicts"'):]
    assert f"claim {twin.id}</a>" in past[:past.index("</div>")]
    assert "<strong>misleading</strong>" in past and "<strong>False</strong> by Fact" in past


def test_the_queue_says_already_checked_and_filters_on_it(client, auth, session,
                                                         users) -> None:
    article = make_article(session, BODY)
    checked = make_claim(session, article, SHELLING)
    unchecked = make_claim(session, article, "the roads to Tartar were closed for repairs")
    store_fact_checks(session, None, [_check(SHELLING, published=dt.date(2021, 5, 2))],
                      "one.json")
    session.commit()
    page = review_page(session, filters=QueueFilters(flags=frozenset({"factchecked"})))
    assert [c.id for c in page.items] == [checked.id] and page.total == 1
    auth.login("reviewer")
    html = client.get("/review/").get_data(as_text=True)
    assert "Already checked by <strong>Fact Check Caucasus</strong>: False, 2021-05-02" in html
    filtered = client.get("/review/?factchecked=1").get_data(as_text=True)
    assert f'data-claim-id="{checked.id}"' in filtered
    assert f'data-claim-id="{unchecked.id}"' not in filtered
    assert "Only claims already fact-checked." in filtered


def test_near_identical_claims_with_different_verdicts_reach_the_dashboard(client, auth,
                                                                          session,
                                                                          users) -> None:
    article = make_article(session, BODY)
    twin_article = make_article(session, BODY.replace("on Sunday", "on Monday"))
    one = make_claim(session, article, SHELLING)
    two = make_claim(session, twin_article, SHELLING)
    same = make_claim(session, article, "the roads to Tartar were closed for repairs")
    add_review(session, users["reviewer"], one, Verdict.TRUE)
    add_review(session, users["reviewer"], two, Verdict.FALSE)
    add_review(session, users["reviewer"], same, Verdict.FALSE)
    store_fact_checks(session, None, [_check("The roads to Tartar were closed for repairs.",
                                             rating="True")], "one.json")
    session.commit()
    conflicts = verdict_conflicts(session)
    pairs = {(c.claim.id, c.other_claim.id if c.other_claim else None,
              c.fact_check.rating_name if c.fact_check else None) for c in conflicts}
    assert pairs == {(two.id, one.id, None), (same.id, None, "True")}
    auth.login("editor")
    html = client.get("/").get_data(as_text=True)
    assert "Near-identical claims with different verdicts" in html
    assert f"/claims/{one.id}" in html and f"/claims/{two.id}" in html


def test_fact_check_rows_cascade_with_their_claim(session) -> None:
    article = make_article(session, BODY)
    claim = make_claim(session, article, SHELLING)
    store_fact_checks(session, None, [_check(SHELLING)], "one.json")
    session.commit()
    assert session.scalars(select(FactCheckMatch.claim_id)).all() == [claim.id]
    session.delete(claim)
    session.commit()
    assert session.scalars(select(FactCheckMatch)).all() == []
    assert session.scalar(select(FactCheck.url)) == "https://fc.example/1"


def test_the_claim_page_reads_its_fact_checks_in_a_fixed_number_of_queries(session,
                                                                           count_queries
                                                                           ) -> None:
    """However many fact-checks match (here 30, kept to ``MATCHES_PER_CLAIM``), the page's
    look-up is the stored matches with their fact-checks, and the speaker's aliases."""
    speaker = create_speaker(session, None, "Hikmet Hajiyev")
    article = make_article(session, BODY)
    claim = make_claim(session, article, SHELLING, speaker)
    session.commit()
    store_fact_checks(session, None, [_check(SHELLING, "Hikmet Hajiyev",
                                             url=f"https://fc.example/{n}")
                                      for n in range(30)], "many.json")
    session.commit()
    assert len(session.scalars(select(FactCheckMatch)).all()) == 20
    session.expire_all()
    claim = session.get(Claim, claim.id)
    before = count_queries()
    shown = fact_checks_for_claim(session, claim)
    assert len(shown) == 5 and all(k.same_speaker for k in shown)
    assert count_queries() - before <= 4


def test_a_new_fact_check_ranks_any_word_matches_within_the_newest_only(
        session, users, monkeypatch) -> None:
    # The any-word probe ranks only the PROBE_WINDOW newest claims holding a probe word
    # (here 2), so an old paraphrase is not found by it, while a recent one is; an old
    # repeat holding every probe word is (the all-words probe reads every age), and so is an
    # old trimmed quote of it (the repeat's statement group).
    monkeypatch.setattr(matching, "PROBE_WINDOW", 2)
    trimmed = "Armenian forces shelled the city of Ganja overnight"
    paraphrase = "Overnight Armenian troops shelled Ganja city, two civilians were killed"

    def said(text: str, day: dt.date | None = None) -> Claim:
        article = make_article(session, f'On {day or "Monday"} he said "{text}".',
                               published=day)
        return make_claim(session, article, text)

    old = dt.date(2020, 10, 4)
    old_repeat = make_claim(session, make_article(session, BODY, published=old), SHELLING)
    old_trim, old_paraphrase = said(trimmed, old), said(paraphrase, old)
    for n in range(3):
        said(f"the city of Ganja held a market on day {n}")
    new_paraphrase = said(paraphrase)
    session.commit()
    store_fact_checks(session, users["editor"], [_check(SHELLING + ".")], "batch.json")
    session.commit()
    matched = set(session.scalars(select(FactCheckMatch.claim_id)))
    assert {old_repeat.id, old_trim.id, new_paraphrase.id} <= matched
    assert old_paraphrase.id not in matched
