"""The fact-checker's questions: said about, who else, first said, said between, contradictions."""

from __future__ import annotations

import datetime as dt

import pytest

from claims_app.claims.models import ClaimLink, LinkType
from claims_app.crossref.questions import (
    contradictions_about,
    first_said,
    said_about,
    said_between,
    who_else_said,
)
from tests.worlds.builders import make_article, make_claim, make_speaker

LINE = "the occupation of Azerbaijani territories threatens regional security"


@pytest.fixture
def world(session):
    minister = make_speaker(session, "Elmar Mammadyarov")
    envoy = make_speaker(session, "Rizwan Saeed Sheikh")
    early = make_article(session, f"The envoy said {LINE}. Trade grew.",
                         published=dt.date(2018, 2, 1), title=None)
    late = make_article(session, f"The minister said {LINE}. He also said the ceasefire holds.",
                        published=dt.date(2020, 6, 1), title=None)
    other = make_article(session, "The envoy said the ceasefire does not hold.",
                         published=dt.date(2020, 6, 2), title=None)
    c_envoy = make_claim(session, early, LINE, envoy)
    c_minister = make_claim(session, late, LINE, minister)
    c_holds = make_claim(session, late, "the ceasefire holds", minister)
    c_not = make_claim(session, other, "the ceasefire does not hold", envoy)
    session.add(ClaimLink(source_claim_id=c_not.id, target_claim_id=c_holds.id,
                          link_type=LinkType.CONTRADICTS))
    session.flush()
    return {"minister": minister, "envoy": envoy, "c_envoy": c_envoy,
            "c_minister": c_minister, "c_holds": c_holds, "c_not": c_not, "early": early}


def test_said_about_finds_the_speakers_claims_on_a_topic(session, world) -> None:
    found = said_about(session, world["minister"].id, "ceasefire").items
    assert [c.id for c in found] == [world["c_holds"].id]


def test_who_else_said_finds_other_speakers_with_the_same_words(session, world) -> None:
    found = who_else_said(session, world["c_minister"].id)
    assert [s.claim.id for s in found] == [world["c_envoy"].id]


def test_first_said_is_the_earliest_occurrence(session, world) -> None:
    first = first_said(session, world["c_minister"])
    assert first.claim_id == world["c_envoy"].id and first.date == dt.date(2018, 2, 1)


def test_first_said_for_plain_text(session, world) -> None:
    first = first_said(session, LINE.upper())
    assert first.article_id == world["early"].id


def test_first_said_of_unknown_text_is_none(session, world) -> None:
    assert first_said(session, "Nothing anyone ever said about penguins in Antarctica.") is None


def test_said_between_is_inclusive_and_ordered(session, world) -> None:
    found = said_between(session, world["minister"].id, dt.date(2020, 6, 1),
                         dt.date(2020, 6, 1)).items
    assert {c.id for c in found} == {world["c_minister"].id, world["c_holds"].id}
    assert said_between(session, world["minister"].id, dt.date(2021, 1, 1), None).items == []


def test_contradictions_about_a_topic(session, world) -> None:
    (link,) = contradictions_about(session, "ceasefire")
    assert {link.source_claim_id, link.target_claim_id} == {world["c_not"].id,
                                                            world["c_holds"].id}
    assert contradictions_about(session, "occupation") == []
