"""Rules added from the error classes of PolNeAR's train split (issue 18, third pass).

Each passage is invented wire copy in the shape of an error class, never corpus text; each test
fails without its rule.
"""

from __future__ import annotations

from claims_app.extract import ExtractedClaim, extract_claims


def _indirect(body: str) -> list[ExtractedClaim]:
    return [c for c in extract_claims(body) if c.kind == "indirect"]


def test_name_with_an_appositive_over_several_commas_speaks() -> None:
    [claim] = _indirect(
        "Dana Whitfield, a pollster who advises Forward Ohio, a labor-backed group, said the "
        "county had swung toward the governor since spring.")
    assert claim.speaker_name == "Dana Whitfield"
    assert claim.text == "the county had swung toward the governor since spring"


def test_name_with_a_relative_clause_speaks() -> None:
    [claim] = _indirect(
        "Marlow, who chairs the board of Lakeside Transit, a county agency, said the audit "
        "would be finished by the end of March.")
    assert claim.speaker_name == "Marlow"
    assert claim.text == "the audit would be finished by the end of March"


def test_subject_after_a_conjunction_inside_the_clause() -> None:
    claims = _indirect(
        "The council did not answer the letter, but it was read aloud at the meeting and "
        "Priya Nandakumar said the vote would be delayed until the fall.")
    assert [(c.speaker_name, c.text) for c in claims] == [
        ("Priya Nandakumar", "the vote would be delayed until the fall")]


def test_two_speakers_in_one_sentence_give_two_claims() -> None:
    claims = _indirect(
        "Senator Paula Greer said the bill would pass easily, while Representative Tom Okafor "
        "said the votes were not there yet.")
    assert [(c.speaker_name, c.text) for c in claims] == [
        ("Paula Greer", "the bill would pass easily"),
        ("Tom Okafor", "the votes were not there yet"),
    ]


def test_attribution_between_commas_gives_one_claim_in_two_parts() -> None:
    body = ("Mayor Lena Ortiz spoke at the depot. The new line, she said, will open to "
            "riders in the spring.")
    [claim] = _indirect(body)
    assert claim.speaker_name == "Lena Ortiz"
    assert [body[s:e] for s, e in claim.segments] == ["The new line",
                                                      "will open to riders in the spring"]
    assert claim.text == "The new line, she said, will open to riders in the spring"


def test_inverted_trailing_attribution_with_an_appositive() -> None:
    [claim] = _indirect(
        "The plant will stay open through the winter, said Gordon Pike, a union steward who "
        "has worked there for thirty years.")
    assert claim.speaker_name == "Gordon Pike"
    assert claim.text == "The plant will stay open through the winter"


def test_a_poll_share_speaks_as_a_described_group() -> None:
    [claim] = _indirect("About 3 in 10 say they would back a third-party candidate this fall.")
    assert claim.text == "they would back a third-party candidate this fall"
    assert claim.speaker_name is None
    assert claim.speaker_role == "About 3 in 10"


def test_a_poll_share_with_a_capitalised_group() -> None:
    [claim] = _indirect("41 percent of Independents said the economy was getting worse.")
    assert claim.speaker_role == "41 percent of Independents"
    assert claim.speaker_name is None


def test_content_opening_with_a_number() -> None:
    [claim] = _indirect("The county clerk says 12,400 ballots arrived after the deadline.")
    assert claim.text == "12,400 ballots arrived after the deadline"
    assert claim.speaker_role == "The county clerk"


def _direct(body: str) -> list[ExtractedClaim]:
    return [c for c in extract_claims(body) if c.kind == "direct"]


def test_told_her_audience_is_one_hearer_before_a_quotation() -> None:
    [claim] = _direct('Ruiz, who won by nine points, told her volunteers, "We did this together."')
    assert claim.speaker_name == "Ruiz"
    assert claim.cue == "told her volunteers"


def test_manner_adverb_between_subject_and_cue() -> None:
    [claim] = _direct('Harlan Voss cheerfully said, "The roads will be open by noon."')
    assert claim.speaker_name == "Harlan Voss"


def test_aside_after_the_cue_before_a_quotation() -> None:
    [claim] = _direct('Nia Castell conceded, however, "The schedule was too ambitious."')
    assert claim.speaker_name == "Nia Castell"


def test_second_verb_of_the_clause_introduces_the_quotation() -> None:
    [claim] = _direct(
        'Asked about the strike, Mr. Delgado shrugged and said, "We will keep talking."')
    assert claim.speaker_name == "Delgado"
    assert claim.cue == "said"


def test_verb_whose_object_is_what_was_said() -> None:
    [claim] = _indirect("Governor Alma Reyes accused the utility of hiding the cost of the "
                        "outage.")
    assert claim.cue == "accused"
    assert claim.text == "the utility of hiding the cost of the outage"
    assert claim.speaker_name == "Alma Reyes"


def test_talked_about_gives_its_topic() -> None:
    [claim] = _indirect("Senator Joel Marsh talked about the closing of the rail yard.")
    assert claim.cue == "talked about"
    assert claim.text == "the closing of the rail yard"


def test_a_passive_stance_verb_reports_nothing() -> None:
    assert _indirect("Senator Joel Marsh was praised the loudest by the unions.") == []


def test_a_stance_verb_with_a_preposition_after_it_reports_nothing() -> None:
    assert _indirect("Senator Joel Marsh praised in the strongest terms.") == []


def test_described_group_with_a_relative_clause_speaks() -> None:
    [claim] = _indirect("Parents in the district who attended the hearing said the new "
                        "schedule was unworkable.")
    assert claim.speaker_role == "Parents in the district"
    assert claim.text == "the new schedule was unworkable"


def test_relative_clause_reporting_a_speaker_inside_it() -> None:
    [claim] = _indirect("The board pointed to rising costs, which the auditor said had doubled "
                        "since 2019.")
    assert claim.speaker_role == "auditor"
    assert claim.text == "had doubled since 2019"


def test_who_speaks_for_the_noun_phrase_before_it() -> None:
    [claim] = _indirect("The loudest applause came from a retired nurse, who said the clinic "
                        "had saved her life.")
    assert claim.speaker_role == "a retired nurse"
    assert claim.text == "the clinic had saved her life"


def test_a_country_is_never_she() -> None:
    [claim] = _indirect("Mayor Ann Lee met the envoy on Monday. The United States would not "
                        "tolerate such pressure from any other country, she said.")
    assert claim.speaker_name == "Ann Lee"


def test_participle_after_a_quotations_attribution_reports_with_its_speaker() -> None:
    body = ('"We are not finished," Coach Dana Price said, adding that the team would '
            'appeal the ruling next week.')
    quote, claim = extract_claims(body)
    assert quote.kind == "direct"
    assert claim.kind == "indirect"
    assert claim.cue == "adding"
    assert claim.text == "the team would appeal the ruling next week"
    assert claim.speaker_name == quote.speaker_name == "Coach Dana Price"


def test_said_in_a_statement_then_a_clause_without_that() -> None:
    [claim] = _indirect("Harbor Freightways said in a statement Friday night they had "
                        "suspended the route.")
    assert claim.speaker_name == "Harbor Freightways"
    assert claim.text == "they had suspended the route"


def test_participle_after_by_speaks_for_the_clause_subject() -> None:
    [claim] = _indirect("Senator Ruth Vale ended the hearing by saying the agency had misled "
                        "the committee.")
    assert claim.speaker_name == "Ruth Vale"
    assert claim.text == "the agency had misled the committee"


def test_chanted_introduces_a_quotation() -> None:
    [claim] = _direct('Outside the hall, the protesters chanted, "Staff the wards, save the '
                      'patients."')
    assert claim.cue == "chanted"
    assert claim.speaker_role == "protesters"
