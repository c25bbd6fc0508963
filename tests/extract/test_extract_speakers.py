"""Speakers: name/descriptor split and resolution of later references."""

from __future__ import annotations

import pytest

from claims_app.extract import extract_claims
from claims_app.extract.speakers import parse_subject


@pytest.mark.parametrize(
    ("phrase", "name", "role"),
    [
        ("Permanent representative of OIC delegation Rizwan Saeed Sheikh",
         "Rizwan Saeed Sheikh", "Permanent representative of OIC delegation"),
        ("Assistant Secretary-General in charge of Economic Affairs of the OIC Ahmad Kawesa "
         "Sengendo", "Ahmad Kawesa Sengendo",
         "Assistant Secretary-General in charge of Economic Affairs of the OIC"),
        ("Secretary General of the Organization of Islamic Cooperation Hadi Soleimanpour",
         "Hadi Soleimanpour", "Secretary General of the Organization of Islamic Cooperation"),
        ("Azerbaijani Foreign Minister Elmar Mammadyarov", "Elmar Mammadyarov",
         "Azerbaijani Foreign Minister"),
    ],
)
def test_descriptor_is_split_from_the_name_that_follows_it(
    phrase: str, name: str, role: str
) -> None:
    mention = parse_subject(phrase)
    assert mention is not None
    assert (mention.name, mention.role, mention.speaker_kind) == (name, role, "person")


def test_name_inside_an_of_phrase_is_part_of_an_organisation() -> None:
    mention = parse_subject("The Foreign Ministry of Azerbaijan")
    assert mention is not None
    assert (mention.name, mention.speaker_kind) == ("Foreign Ministry of Azerbaijan",
                                                    "organization")


def test_lowercase_verbs_do_not_make_a_subject() -> None:
    assert parse_subject("OIC has been following the crisis and has always") is None


def test_outlet_is_never_a_speaker() -> None:
    assert parse_subject("Trend") is None


def test_pronoun_resolves_to_the_most_recent_person() -> None:
    body = (
        "Finance Minister Samir Sharifov presented the budget. Central Bank governor Elman "
        "Rustamov said that inflation would slow next year. “The manat is stable,” he said."
    )
    *_, quote = extract_claims(body)
    assert quote.speaker_name == "Elman Rustamov"


def test_cyrillic_er_typed_for_h_still_reads_as_he() -> None:
    body = (
        "Minister Inam Karimov visited the region.\n\n"
        "\u0420e noted that the first harvest is expected next autumn."
    )
    [claim] = extract_claims(body)
    assert claim.speaker_name == "Inam Karimov"
    assert claim.cue == "noted"


def test_lookalike_pronoun_lowers_confidence() -> None:
    clean = "Minister Inam Karimov spoke.\n\nHe noted that the harvest is expected in autumn."
    odd = clean.replace("He noted", "\u0420e noted")
    assert extract_claims(odd)[0].confidence < extract_claims(clean)[0].confidence


def test_surname_alone_is_recorded_as_alias_of_the_full_name() -> None:
    body = (
        "Azerbaijani Foreign Minister Elmar Mammadyarov has said that the threat is serious. "
        "The occupation displaced a million people, Mammadyarov reminded."
    )
    first, second = extract_claims(body)
    assert first.speaker_name == second.speaker_name == "Elmar Mammadyarov"
    assert second.speaker_aliases == ("Mammadyarov",)


def test_the_secretary_general_resolves_by_role() -> None:
    body = (
        "NATO Secretary General Jens Stoltenberg arrived on Monday. "
        "“We value our partnership with Azerbaijan,” the secretary general said."
    )
    [claim] = extract_claims(body)
    assert claim.speaker_name == "Jens Stoltenberg"
    assert claim.speaker_role == "NATO Secretary General"


def test_the_organizations_representative_falls_back_to_the_person_in_focus() -> None:
    body = (
        "Assistant Secretary General of the OIC Yousef Aldobeay visited Aghdam.\n\n"
        '"We saw destroyed mosques," added the organization’s representative.'
    )
    [claim] = extract_claims(body)
    assert claim.speaker_name == "Yousef Aldobeay"
