"""Sources the name rules alone cannot read, met in published news (issue 18, families 3-5).

Each passage is written for the rule it specifies: the claim is kept, with its kind, its
span and the speaker (or, for a described source, no speaker and the description as role).
"""

from __future__ import annotations

from claims_app.extract import ExtractedClaim, extract_claims


def _one(body: str) -> ExtractedClaim:
    [claim] = extract_claims(body)
    return claim


def test_a_campaign_named_after_its_candidate_is_an_organisation_speaker() -> None:
    body = "The Harlow campaign said the county audit was incomplete and would be appealed."
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "the county audit was incomplete and would be appealed"
    assert body[claim.start : claim.end] == claim.text
    assert claim.speaker_name == "Harlow campaign"
    assert claim.speaker_kind == "organization"


def test_a_possessive_campaign_drops_the_possessive_from_the_name() -> None:
    claim = _one("Mendel's campaign said it would publish the tax returns before June.")
    assert claim.kind == "indirect"
    assert claim.text == "it would publish the tax returns before June"
    assert claim.speaker_name == "Mendel campaign"


def test_a_description_with_capitalised_modifiers_keeps_the_claim_without_a_name() -> None:
    body = "One Nevada delegate said he gave his guest passes to friends from the union hall."
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "he gave his guest passes to friends from the union hall"
    assert claim.speaker_name is None
    assert claim.speaker_role == "One Nevada delegate"


def test_adverbs_and_auxiliaries_between_subject_and_cue_are_not_the_subject() -> None:
    body = (
        "Senator Alma Ruiz backed the measure in March. "
        "She has since said that she regrets the vote on the water bill."
    )
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "she regrets the vote on the water bill"
    assert claim.speaker_name == "Alma Ruiz"
    assert claim.cue == "said"


def test_a_cue_coordinated_after_an_apposed_subject_takes_the_sentence_subject() -> None:
    body = (
        "Dana Whitcomb, a former county party chairman, became a delegate and said he is "
        "leaning toward the governor."
    )
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "he is leaning toward the governor"
    assert claim.speaker_name == "Dana Whitcomb"


def test_a_conjunction_after_a_comma_is_not_part_of_the_subject() -> None:
    body = "The vote was delayed twice, and Okafor said the board had lost the minutes of May."
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "the board had lost the minutes of May"
    assert claim.speaker_name == "Okafor"


def test_a_cue_that_is_also_a_plural_noun_needs_a_named_subject() -> None:
    body = "The vote moves south in March, when 15 states will hold primaries on one day."
    assert [c for c in extract_claims(body) if c.kind == "indirect"] == []


def test_who_said_speaks_for_the_name_before_the_relative_clause() -> None:
    body = "The crowd cheered for Lena Ortiz, who said the clinic would reopen by the fall."
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "the clinic would reopen by the fall"
    assert claim.speaker_name == "Lena Ortiz"


def test_a_cue_inside_a_subordinate_clause_takes_that_clause_subject() -> None:
    body = (
        "Mayor Ines Laurent spoke first. "
        "The crowd booed at the town hall when she said the levy was an attack on renters."
    )
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "the levy was an attack on renters"
    assert claim.speaker_name == "Ines Laurent"


def test_a_cue_after_a_colon_takes_the_subject_after_the_colon() -> None:
    body = "The tactic is paying off for Ruth Baker: Baker said she raised $40,000 in three days."
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "she raised $40,000 in three days"
    assert claim.speaker_name == "Ruth Baker"


def test_an_honorific_and_surname_resolve_to_the_full_name_met_earlier() -> None:
    body = (
        "Marcus T. Whitfield toured the flooded district on Monday. "
        "Later, Mr. Whitfield said the levee repairs would start before the spring rains."
    )
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "the levee repairs would start before the spring rains"
    assert claim.speaker_name == "Marcus T. Whitfield"
    assert "Whitfield" in claim.speaker_aliases


def test_a_surname_shared_by_two_named_people_stays_a_surname() -> None:
    body = (
        "Ann Moreau and Paul Moreau both ran for the council. "
        '"We will appeal," Ms. Moreau said.'
    )
    claim = _one(body)
    assert claim.kind == "direct"
    assert claim.text == "We will appeal"
    assert claim.speaker_name == "Moreau"


def test_a_pronoun_refers_to_a_full_name_that_opened_an_earlier_sentence() -> None:
    body = (
        "Teodor Vasquez toured the shipyard on Friday. "
        "He said the contract would keep 900 workers employed through 2030."
    )
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "the contract would keep 900 workers employed through 2030"
    assert claim.speaker_name == "Teodor Vasquez"


def test_a_fragment_before_a_quoted_utterance_in_the_same_sentence_is_kept() -> None:
    body = (
        'In a radio interview, Priya Nand insisted it was "too early" to back the merger '
        'while adding on pensions, "I have no doubt the board means well on this issue."'
    )
    claims = extract_claims(body)
    fragment = next(c for c in claims if c.kind == "indirect")
    assert fragment.text.startswith('it was "too early" to back the merger')
    assert fragment.speaker_name == "Priya Nand"
    direct = next(c for c in claims if c.kind == "direct")
    assert direct.text == "I have no doubt the board means well on this issue."


def test_a_clause_opener_is_no_part_of_the_speaker_name() -> None:
    body = (
        "When Okonkwo said the bridge tolls would double next year, "
        "commuters in the valley began to organise a protest."
    )
    claims = [c for c in extract_claims(body) if c.kind == "indirect"]
    assert [c.speaker_name for c in claims] == ["Okonkwo"]
    assert claims[0].text.startswith("the bridge tolls would double next year")


def test_a_verb_that_is_also_a_noun_reports_speech_with_its_that() -> None:
    body = "Senator Ilse Brandt charges that the tender was rigged in favour of one bidder."
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "the tender was rigged in favour of one bidder"
    assert claim.speaker_name == "Ilse Brandt"
    assert claim.cue == "charges that"


def test_an_outlet_reported_that_is_the_outlet_claiming() -> None:
    body = "The Valley Courier reported that the mill had filed for bankruptcy in March."
    claim = _one(body)
    assert claim.kind == "indirect"
    assert claim.text == "the mill had filed for bankruptcy in March"
    assert claim.speaker_name == "Valley Courier"
