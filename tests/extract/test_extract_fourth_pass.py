"""Rules added from the error classes of PolNeAR's train split (issue 18, fourth pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from claims_app.extract import ExtractedClaim, extract_claims


def _indirect(body: str) -> list[ExtractedClaim]:
    return [c for c in extract_claims(body) if c.kind == "indirect"]


def test_a_name_after_a_long_description_speaks() -> None:
    body = ("Award-winning mystery novelist Carla Brenn said the festival would move to the "
            "harbor next summer.")
    [claim] = _indirect(body)
    assert claim.speaker_name == "Carla Brenn"
    assert claim.text == "the festival would move to the harbor next summer"
    assert (claim.start, claim.end) == (body.index("the festival"), len(body) - 1)


def test_a_name_after_an_adjective_speaks() -> None:
    [claim] = _indirect("A visibly tired Okafor says he is proud of the campaign his team ran.")
    assert claim.speaker_name == "Okafor"
    assert claim.text == "he is proud of the campaign his team ran"


def test_a_place_after_a_preposition_is_not_a_speaker() -> None:
    body = "The storm over Ridgeway said more about the council than anyone expected of it."
    assert all(c.speaker_name != "Ridgeway" for c in extract_claims(body))


def test_time_between_subject_and_verb_is_no_part_of_the_subject() -> None:
    [claim] = _indirect(
        "Party spokesman Ivo Marsh on Thursday evening said the convention was not in a crisis.")
    assert claim.speaker_name == "Ivo Marsh"
    assert claim.text == "the convention was not in a crisis"
