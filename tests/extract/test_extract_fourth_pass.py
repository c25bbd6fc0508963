"""Rules added from the error classes of PolNeAR's train split (issue 18, fourth pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from claims_app.extract import extract_claims
from tests.extract.passages import indirect


def test_a_name_after_a_long_description_speaks() -> None:
    body = ("Award-winning mystery novelist Carla Brenn said the festival would move to the "
            "harbor next summer.")
    [claim] = indirect(body)
    assert claim.speaker_name == "Carla Brenn"
    assert claim.text == "the festival would move to the harbor next summer"
    assert (claim.start, claim.end) == (body.index("the festival"), len(body) - 1)


def test_a_name_after_an_adjective_speaks() -> None:
    [claim] = indirect("A visibly tired Okafor says he is proud of the campaign his team ran.")
    assert claim.speaker_name == "Okafor"
    assert claim.text == "he is proud of the campaign his team ran"


def test_a_place_after_a_preposition_is_not_a_speaker() -> None:
    body = "The storm over Ridgeway said more about the council than anyone expected of it."
    assert all(c.speaker_name != "Ridgeway" for c in extract_claims(body))


def test_time_between_subject_and_verb_is_no_part_of_the_subject() -> None:
    [claim] = indirect(
        "Party spokesman Ivo Marsh on Thursday evening said the convention was not in a crisis.")
    assert claim.speaker_name == "Ivo Marsh"
    assert claim.text == "the convention was not in a crisis"


def test_an_outlet_that_reported_at_the_end_is_the_source() -> None:
    body = "The mayor's aide resigned on Friday after the budget vote, The Harbor Ledger reported."
    [claim] = indirect(body)
    assert claim.speaker_name == "Harbor Ledger"
    assert claim.text == "The mayor's aide resigned on Friday after the budget vote"
    assert claim.cue == "reported"


def test_a_wire_service_reported_that_is_the_wire_service_claiming() -> None:
    [claim] = indirect("CNN reported that the senator had met the donors twice in March.")
    assert claim.speaker_name == "CNN"
    assert claim.text == "the senator had met the donors twice in March"


def test_the_newspaper_reported_that_keeps_the_claim_unnamed() -> None:
    [claim] = indirect("The newspaper reported that the county had lost its contract in May.")
    assert claim.text == "the county had lost its contract in May"
    assert claim.speaker_name is None


def test_a_described_source_told_a_named_outlet() -> None:
    [claim] = indirect(
        "A campaign source told Channel Nine that the speech would lay out the plan in full.")
    assert claim.text == "the speech would lay out the plan in full"
    assert claim.cue == "told Channel Nine"
    assert claim.speaker_name is None  # a described source, kept unnamed


def test_plural_subjects_point_out_that() -> None:
    [claim] = indirect(
        "Union organizers point out that the plant could reopen if the contract is renewed.")
    assert claim.text == "the plant could reopen if the contract is renewed"


def test_a_named_speaker_boasts_that() -> None:
    [claim] = indirect("Okafor boasts that his campaign has never taken a corporate check.")
    assert claim.speaker_name == "Okafor"
    assert claim.text == "his campaign has never taken a corporate check"


def test_who_said_after_a_quotations_attribution_reports_with_its_speaker() -> None:
    body = ('"It is over," said Ann Lee, 24, from Dover, who said the mayor is best suited to '
            'fix the roads.')
    claims = extract_claims(body)
    assert [(c.kind, c.text, c.speaker_name) for c in claims] == [
        ("direct", "It is over", "Ann Lee"),
        ("indirect", "the mayor is best suited to fix the roads", "Ann Lee")]
    assert claims[1].end == len(body) - 1


def test_a_quotation_after_a_reported_claim_goes_on_with_its_speaker() -> None:
    body = ('The mayor "felt a real duty to fix" the bridges, Ortega said. "This is not a '
            'side project for her. This is the job."')
    claims = extract_claims(body)
    assert [(c.kind, c.speaker_name) for c in claims] == [
        ("indirect", "Ortega"), ("direct", "Ortega")]
    assert claims[1].text == "This is not a side project for her. This is the job."


def test_a_time_after_the_verb_before_a_quotation_keeps_the_attribution() -> None:
    [claim] = extract_claims('The Halvorsen Museum said Thursday on its website, "We have no '
                             'plans to buy the painting."')
    assert claim.kind == "direct"
    assert claim.speaker_name == "Halvorsen Museum"
    assert claim.cue == "said"
    assert claim.text == "We have no plans to buy the painting."


def test_a_described_source_with_what_describes_it_keeps_the_claim() -> None:
    [claim] = indirect(
        "People with knowledge of the talks said a second round would open in the spring.")
    assert claim.text == "a second round would open in the spring"
    assert claim.speaker_name is None
    assert claim.speaker_role == "People with knowledge of the talks"


def test_an_official_familiar_with_the_case_keeps_the_claim() -> None:
    [claim] = indirect("A county official familiar with the audit said that the ledger was "
                        "missing two pages.")
    assert claim.text == "the ledger was missing two pages"
    assert claim.speaker_name is None


def test_a_name_with_a_time_after_it_is_still_the_name() -> None:
    [claim] = indirect("Halvorsen on Tuesday said he wants to close two loopholes in the "
                        "county tax code.")
    assert claim.speaker_name == "Halvorsen"


def test_a_poll_share_in_words_speaks_as_a_group() -> None:
    [claim] = indirect("About one in five say they would stay home if the vote were today.")
    assert claim.text == "they would stay home if the vote were today"
    assert claim.speaker_name is None


def test_a_quotation_attributed_to_the_man_is_kept() -> None:
    [claim] = extract_claims('"They took the whole town," the man shouted at the stage.')
    assert claim.kind == "direct"
    assert claim.text == "They took the whole town"
    assert claim.speaker_name is None


def test_a_quotation_from_a_described_source_with_a_modifier_is_kept() -> None:
    [claim] = extract_claims('"It is a way to take part without signing up," a source '
                             'involved in the founding of the PAC told Channel Nine.')
    assert claim.kind == "direct"
    assert claim.text == "It is a way to take part without signing up"
    assert claim.speaker_name is None
    assert claim.speaker_role == "a source involved in the founding of the PAC"


def test_adding_between_two_quotations_makes_two_statements() -> None:
    body = '"The plan failed," Okafor said, adding, "Nobody checked the numbers."'
    claims = extract_claims(body)
    assert [(c.kind, c.text, c.speaker_name) for c in claims] == [
        ("direct", "The plan failed", "Okafor"),
        ("direct", "Nobody checked the numbers.", "Okafor")]
    assert all(c.segments == () for c in claims)


def test_one_of_the_advisers_is_a_described_source() -> None:
    [claim] = extract_claims('"There is no path for him," said one of those advisers, who '
                             'spoke on the condition of anonymity.')
    assert claim.kind == "direct"
    assert claim.text == "There is no path for him"
    assert claim.speaker_name is None


def test_an_attribution_opening_on_said_names_the_speaker() -> None:
    [claim] = extract_claims('Said Ruth Amsel, who grew up on the same street, "We were all '
                             'so proud of her."')
    assert claim.kind == "direct"
    assert claim.speaker_name == "Ruth Amsel"
    assert claim.text == "We were all so proud of her."
    assert claim.cue == "said"


def test_a_subject_with_a_relative_clause_carries_a_quoted_fragment() -> None:
    [claim] = indirect('Okafor, who has chaired the board for a decade, arrived late and '
                        'admitted that he had only "skimmed the report."')
    assert claim.speaker_name == "Okafor"
    assert claim.text == 'he had only "skimmed the report."'


def test_a_capitalised_preposition_never_opens_a_speakers_name() -> None:
    [claim] = indirect('In TV interviews and tweets, Halvorsen has argued that the committee '
                        'ran a "rigged" tender.')
    assert claim.speaker_name == "Halvorsen"
    assert claim.text == 'the committee ran a "rigged" tender'


def test_a_conjunction_never_opens_a_speakers_name() -> None:
    [claim] = indirect("But Okafor said that the tender was rigged against small firms.")
    assert claim.speaker_name == "Okafor"


def test_a_named_speakers_claim_that_reports_speech() -> None:
    body = ("The count was not over. Halvorsen's claim that the ballots in Ward 4 were never "
            "counted, a charge the clerk denies, has stalled the result.")
    [claim] = indirect(body)
    assert claim.speaker_name == "Halvorsen"
    assert claim.text == "the ballots in Ward 4 were never counted"
    assert claim.cue == "claim that"


def test_a_dotted_acronym_can_close_a_sentence() -> None:
    body = ("Senator Ann Lee spoke this morning in Washington D.C. She recalled that the vote on "
            "the bill had been close.")
    [claim] = indirect(body)
    assert claim.speaker_name == "Ann Lee"
    assert claim.text == "the vote on the bill had been close"


def test_quoted_words_after_what_a_named_speaker_called_are_theirs() -> None:
    body = ('A third option would be what Halvorsen called a "let every town decide" approach '
            '- working with the counties one by one.')
    [claim] = indirect(body)
    assert claim.speaker_name == "Halvorsen"
    assert claim.text == 'a "let every town decide"'
    assert claim.cue == "called"


def test_what_he_called_speaks_for_the_sentences_subject() -> None:
    body = ('Ann Lee spoke first. Okafor is fighting what he called the council\'s "secret '
            'budget" before the vote.')
    [claim] = indirect(body)
    assert claim.speaker_name == "Okafor"
    assert claim.text == 'the council\'s "secret budget"'


def test_then_never_opens_a_speakers_name() -> None:
    [claim] = indirect("Ann Lee spoke first. Then Okafor said the budget had been hidden from "
                        "the council.")
    assert claim.speaker_name == "Okafor"
