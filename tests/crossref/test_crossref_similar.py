"""Similar claims, a speaker's claims in date order, and a speaker's record."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.crossref.questions import said_between
from claims_app.crossref.similar import similar_claims, speaker_record
from tests.worlds.builders import make_article, make_claim, make_outlet, make_speaker

B1 = ("Azerbaijan said on Monday that the occupation of its territories by Armenia "
      "threatens regional security. Farmers planted wheat.")
B2 = ("The minister said that the occupation of Azerbaijani territories by Armenia "
      "threatens regional security, reporters were told.")
B3 = ("An analyst warned that regional security depends on ending the occupation of "
      "territories. Elsewhere, wheat prices fell.")
B4 = "Wheat prices fell sharply as farmers planted early."


@pytest.fixture
def claims(session):
    trend, azernews = make_outlet(session, "Trend"), make_outlet(session, "AzerNews")
    minister = make_speaker(session, "Elmar Mammadyarov")
    analyst = make_speaker(session, "Jane Analyst")
    farmer = make_speaker(session, "Old Farmer")
    a1 = make_article(session, B1, outlet=trend, published=dt.date(2020, 1, 10), title=None)
    a2 = make_article(session, B2, outlet=azernews, published=dt.date(2019, 5, 1), title=None)
    a3 = make_article(session, B3, outlet=trend, published=dt.date(2021, 3, 3), title=None)
    a4 = make_article(session, B4, outlet=trend, published=dt.date(2021, 3, 4), title=None)
    return {
        "first": make_claim(session, a1, "the occupation of its territories by Armenia threatens "
                            "regional security", minister, tags=["occupation"]),
        "again": make_claim(session, a2, "the occupation of Azerbaijani territories by Armenia "
                            "threatens regional security", minister, tags=["occupation"],
                            said_on=dt.date(2019, 4, 28)),
        "analyst": make_claim(session, a3, "regional security depends on ending the occupation "
                              "of territories", analyst),
        "wheat": make_claim(session, a4, "Wheat prices fell sharply", farmer, tags=["economy"]),
        "minister": minister, "analyst_speaker": analyst,
    }


def test_near_identical_wording_is_suggested_first_whoever_said_it(session, claims) -> None:
    found = similar_claims(session, claims["first"])
    assert found[0].claim.id == claims["again"].id and found[0].kind == "near_identical"


def test_topically_similar_claims_by_other_speakers_follow(session, claims) -> None:
    found = similar_claims(session, claims["first"])
    topical = [s for s in found if s.kind == "topical"]
    assert [s.claim.id for s in topical] == [claims["analyst"].id]


def test_unrelated_claims_are_not_suggested(session, claims) -> None:
    ids = {s.claim.id for s in similar_claims(session, claims["first"])}
    assert claims["wheat"].id not in ids and claims["first"].id not in ids


def test_speaker_claims_are_in_said_date_order_else_published(session, claims) -> None:
    ordered = said_between(session, claims["minister"].id, None, None).items
    assert [c.id for c in ordered] == [claims["again"].id, claims["first"].id]


def test_speaker_claims_between_dates(session, claims) -> None:
    found = said_between(session, claims["minister"].id, dt.date(2019, 4, 28),
                         dt.date(2019, 4, 30)).items
    assert [c.id for c in found] == [claims["again"].id]


def test_speaker_record_counts_outlets_and_tags(session, claims) -> None:
    record = speaker_record(session, claims["minister"].id)
    assert record.claims == 2
    assert record.first_said == dt.date(2019, 4, 28) and record.last_said == dt.date(2020, 1, 10)
    assert record.by_outlet == [("AzerNews", 1), ("Trend", 1)]
    assert record.by_tag == [("occupation", 2)]


def test_merged_speaker_claims_count_for_the_survivor(session, claims) -> None:
    claims["analyst_speaker"].merged_into_id = claims["minister"].id
    session.flush()
    assert speaker_record(session, claims["minister"].id).claims == 3


def test_only_the_suggestions_shown_are_loaded_with_their_articles(session, claims) -> None:
    """The pool of search candidates (up to 200) is scored on ids and texts; only the shown
    claims are loaded, with their articles (not 200 article bodies per claim page)."""
    first_id = claims["first"].id
    session.commit()
    session.expunge_all()
    first = session.get(Claim, first_id)
    loaded: list[object] = []

    def note(_session, obj) -> None:
        loaded.append(obj)

    event.listen(session, "loaded_as_persistent", note)
    try:
        found = similar_claims(session, first, limit=1)
    finally:
        event.remove(session, "loaded_as_persistent", note)
    assert [s.kind for s in found] == ["near_identical"]
    assert {o.id for o in loaded if isinstance(o, Claim)} == {found[0].claim.id}
    assert {o.id for o in loaded if isinstance(o, Article)} == {found[0].claim.article_id}
