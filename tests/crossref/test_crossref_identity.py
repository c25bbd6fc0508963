"""Speaker identity: name keys, and duplicate suggestions with their evidence."""

from __future__ import annotations

from claims_app.crossref.identity import (
    acronym,
    duplicate_suggestions,
    name_key,
    same_speaker_candidates,
)
from claims_app.speakers.models import SpeakerKind, SpeakerRole
from tests.worlds.builders import make_article, make_claim, make_speaker

ORG = SpeakerKind.ORGANIZATION


def pairs(suggestions):
    return {frozenset({s.a.name, s.b.name}): s for s in suggestions}


def test_name_key_strips_titles_and_folds_lookalikes() -> None:
    assert name_key("FM Elmar M\u0430mmadyarov") == "elmar mammadyarov"
    assert name_key("President Ilham Aliyev") == name_key("ilham ALIYEV")
    assert name_key("Dr. Jane Doe") == name_key("Mr Jane Doe") == "jane doe"


def test_british_and_american_spellings_share_a_key() -> None:
    assert name_key("Organisation of Islamic Cooperation") == name_key(
        "Organization of Islamic Cooperation")


def test_acronym_of_an_organization() -> None:
    assert acronym("Organization of Islamic Cooperation") == "oic"


def test_acronym_is_suggested_with_its_evidence(session) -> None:
    make_speaker(session, "OIC", ORG)
    make_speaker(session, "Organization of Islamic Cooperation", ORG)
    s = pairs(duplicate_suggestions(session))[frozenset({"OIC",
                                                         "Organization of Islamic Cooperation"})]
    assert any(e.startswith("acronym") for e in s.evidence)


def test_spelling_variants_are_suggested_as_the_same_name(session) -> None:
    make_speaker(session, "Organisation of Islamic Cooperation", ORG)
    make_speaker(session, "Organization of Islamic Cooperation", ORG)
    (s,) = duplicate_suggestions(session)
    assert s.score >= 0.9 and s.evidence[0].startswith("same name")


def test_short_and_full_person_names_share_a_surname(session) -> None:
    make_speaker(session, "Mammadyarov")
    make_speaker(session, "Elmar Mammadyarov")
    (s,) = duplicate_suggestions(session)
    assert any("same surname" in e for e in s.evidence)


def test_different_given_names_are_not_suggested(session) -> None:
    make_speaker(session, "Elmar Mammadyarov")
    make_speaker(session, "Rashad Mammadyarov")
    assert duplicate_suggestions(session) == []


def test_shared_roles_and_articles_add_evidence(session) -> None:
    short = make_speaker(session, "Mammadyarov")
    full = make_speaker(session, "Elmar Mammadyarov")
    for s in (short, full):
        session.add(SpeakerRole(speaker=s, title="Foreign Minister"))
    article = make_article(session, "Mammadyarov spoke. Elmar Mammadyarov spoke again later.",
                           title=None, published=None)
    make_claim(session, article, "Mammadyarov spoke", short)
    make_claim(session, article, "Elmar Mammadyarov spoke again", full)
    session.flush()
    session.expire_all()
    (s,) = duplicate_suggestions(session)
    assert any(e.startswith("shared role") for e in s.evidence)
    assert any(e.startswith("quoted in the same article") for e in s.evidence)
    assert s.score == 0.8


def test_suggestions_never_merge(session) -> None:
    a = make_speaker(session, "OIC", ORG)
    make_speaker(session, "Organization of Islamic Cooperation", ORG)
    duplicate_suggestions(session)
    assert a.merged_into_id is None


def test_candidates_for_a_bare_name(session) -> None:
    oic = make_speaker(session, "Organization of Islamic Cooperation", ORG)
    found = same_speaker_candidates(session, "OIC")
    assert [s.b.id for s in found] == [oic.id]
