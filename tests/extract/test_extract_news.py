"""Issue 18's rule families on passages written for them (one passage per rule).

Each test asserts the claim's words, its kind, its span in the body and its speaker, the four
things a reviewer would otherwise have to fix by hand.
"""

from __future__ import annotations

import datetime

from claims_app.extract import ExtractedClaim, extract_claims


def _claims(body: str) -> list[ExtractedClaim]:
    claims = extract_claims(body)
    for c in claims:
        assert body[c.start : c.end] == c.text
    return claims


def _only(body: str) -> ExtractedClaim:
    claims = _claims(body)
    assert len(claims) == 1, [(c.kind, c.text, c.speaker_name) for c in claims]
    return claims[0]


def _at(body: str, words: str) -> tuple[int, int]:
    start = body.index(words)
    return start, start + len(words)


def test_doubled_marks_of_some_outlets_quote_like_double_quotes() -> None:
    body = "''The budget will balance by spring,'' said Ms. Okafor, the treasurer."
    claim = _only(body)
    assert (claim.kind, claim.text) == ("direct", "The budget will balance by spring")
    assert (claim.start, claim.end) == _at(body, "The budget will balance by spring")
    assert claim.speaker_name == "Okafor"


def test_a_post_posed_speaker_keeps_an_honorific_and_stops_at_the_party_label() -> None:
    body = ('"The vote is not close, and it will not be close," said Sen. Maria Lindqvist '
            '(D-Ore.), who chairs the panel.')
    claim = _only(body)
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == _at(body, "The vote is not close, and it will not be close")
    assert claim.speaker_name is not None and "Lindqvist" in claim.speaker_name


def test_speech_verbs_beyond_said_attribute_a_quote() -> None:
    body = '"You will have to ask the council about that," Halvorsen shot back.'
    claim = _only(body)
    assert (claim.kind, claim.cue) == ("direct", "shot back")
    assert (claim.start, claim.end) == _at(body, "You will have to ask the council about that")
    assert claim.speaker_name == "Halvorsen"


def test_told_takes_any_hearer_as_its_object() -> None:
    body = '"The plant stays open through winter," Reyes told a packed union hall in Toledo.'
    claim = _only(body)
    assert claim.kind == "direct"
    assert claim.cue == "told a packed union hall"
    assert (claim.start, claim.end) == _at(body, "The plant stays open through winter")
    assert claim.speaker_name == "Reyes"


def test_a_participle_cue_gives_the_quote_to_the_sentence_subject() -> None:
    body = 'Moreau shrugged off the poll, telling reporters, "Polls in June mean nothing at all."'
    claim = _only(body)
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == _at(body, "Polls in June mean nothing at all.")
    assert claim.speaker_name == "Moreau"


def test_an_age_between_commas_does_not_hide_the_speaker() -> None:
    body = '"I have voted here for forty years," Dolores Vance, 81, told the local paper.'
    claim = _only(body)
    assert (claim.start, claim.end) == _at(body, "I have voted here for forty years")
    assert claim.speaker_name == "Dolores Vance"


def test_a_lower_case_descriptor_before_a_full_name_is_the_role() -> None:
    body = "Veteran budget hawk Ian Torres said the levy would pass easily in November."
    claim = _only(body)
    assert (claim.kind, claim.text) == ("indirect", "the levy would pass easily in November")
    assert (claim.start, claim.end) == _at(body, "the levy would pass easily in November")
    assert (claim.speaker_name, claim.speaker_role) == ("Ian Torres", "Veteran budget hawk")


def test_a_paraphrase_with_a_quoted_fragment_is_one_claim_keeping_the_fragment() -> None:
    body = ('Council member Jo Park said the new stadium deal was "a gift to the owners" '
            'and little else.')
    claim = _only(body)
    content = 'the new stadium deal was "a gift to the owners" and little else'
    assert (claim.kind, claim.text) == ("indirect", content)
    assert (claim.start, claim.end) == _at(body, content)
    assert claim.speaker_name == "Jo Park"


def test_calling_something_a_quoted_label_is_a_claim_of_the_caller() -> None:
    body = 'Mayor Glenn Ortiz called the audit "a hatchet job."'
    # (eleventh pass: the quoted label is also his direct quotation, as PolNeAR marks it)
    claim, label = _claims(body)
    assert (claim.kind, claim.cue) == ("indirect", "called")
    assert (claim.start, claim.end) == _at(body, 'the audit "a hatchet job."')
    assert claim.speaker_name == label.speaker_name == "Glenn Ortiz"
    assert (label.kind, label.text) == ("direct", "a hatchet job.")


def test_pledged_to_a_quoted_fragment_is_a_claim() -> None:
    body = 'Hollis pledged to "cancel every one of these contracts" on her first day.'
    claim = _only(body)
    assert claim.kind == "indirect"
    assert (claim.start, claim.end) == _at(
        body, 'to "cancel every one of these contracts" on her first day')
    assert claim.speaker_name == "Hollis"


def test_adding_that_after_a_reported_clause_starts_a_second_claim() -> None:
    body = ('Dunmore said the district had "run out of patience," adding that the teachers '
            'would strike on Monday.')
    first, second = _claims(body)
    assert (first.kind, first.text) == ("indirect", 'the district had "run out of patience,"')
    assert (second.kind, second.cue) == ("indirect", "adding")
    assert (second.start, second.end) == _at(body, "the teachers would strike on Monday")
    assert first.speaker_name == second.speaker_name == "Dunmore"


def test_a_show_title_before_the_speaker_is_not_a_quote() -> None:
    body = ('Speaking on "Weekend Roundup," Sen. Alma Reyes said the budget talks had '
            '"collapsed for good" this week.')
    claim = _only(body)
    assert claim.kind == "indirect"
    assert (claim.start, claim.end) == _at(
        body, 'the budget talks had "collapsed for good" this week')
    assert claim.speaker_name is not None and "Reyes" in claim.speaker_name


def test_a_whole_quotation_straight_after_the_cue_is_direct() -> None:
    body = 'Pruitt said "We are not selling the land, not now and not ever."'
    claim = _only(body)
    assert claim.kind == "direct"
    words = "We are not selling the land, not now and not ever."
    assert (claim.start, claim.end) == _at(body, words)
    assert claim.speaker_name == "Pruitt"


def test_a_colon_lead_in_without_a_speech_verb_names_the_speaker() -> None:
    body = 'Asked about the deficit, Lamberti put it this way: "We spent money we never had."'
    claim = _only(body)
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == _at(body, "We spent money we never had.")
    assert claim.speaker_name == "Lamberti"


def test_a_paragraph_ending_in_a_colon_introduces_the_next_paragraphs_quote() -> None:
    body = 'Osei went on:\n\n"Nobody in this room voted for a tax on bread, and nobody will."'
    claim = _only(body)
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == _at(
        body, "Nobody in this room voted for a tax on bread, and nobody will.")
    assert claim.speaker_name == "Osei"


def test_a_name_and_outlet_listing_before_a_colon_gives_the_name() -> None:
    body = 'Priya Nair, Radio Four: "The polls close at ten and counting starts at once."'
    claim = _only(body)
    assert (claim.start, claim.end) == _at(
        body, "The polls close at ten and counting starts at once.")
    assert claim.speaker_name == "Priya Nair"


def test_a_name_with_a_capitalised_appositive_is_the_speaker() -> None:
    body = ('"We were rivals, never enemies," Tomas Lind, Governor Hale\'s former deputy, '
            'said of the campaign.')
    claim = _only(body)
    assert (claim.start, claim.end) == _at(body, "We were rivals, never enemies")
    assert (claim.speaker_name, claim.speaker_role) == (
        "Tomas Lind", "Governor Hale's former deputy")


def test_a_quote_split_around_its_attribution_is_one_claim_with_two_segments() -> None:
    body = '"We will appeal," said Tom Berg, the family\'s lawyer, "because the ruling is wrong."'
    claim = _only(body)
    a, b = _at(body, "We will appeal"), _at(body, "because the ruling is wrong.")
    assert claim.kind == "direct"
    assert claim.segments == (a, b)
    assert (claim.start, claim.end) == (a[0], b[1])
    assert claim.speaker_name == "Tom Berg"


def test_a_split_quote_across_sentences_is_one_claim_but_a_new_speaker_is_not() -> None:
    body = ('"The bridge is safe," Ines Ward said. "We checked every bolt." '
            '"That is not enough," Karl Ode replied.')
    first, second = _claims(body)
    assert [body[s:e] for s, e in first.segments] == [
        "The bridge is safe", "We checked every bolt."]
    assert first.speaker_name == "Ines Ward"
    assert (second.text, second.segments, second.speaker_name) == (
        "That is not enough", (), "Karl Ode")


def test_a_pronoun_between_two_close_speakers_keeps_the_runner_up() -> None:
    body = ('"We have a deal," Ada Ames said. "Not yet," Ben Brody said. '
            "He added that the vote would come next week.")
    claim = _claims(body)[-1]
    assert (claim.kind, claim.text) == ("indirect", "the vote would come next week")
    assert (claim.start, claim.end) == _at(body, "the vote would come next week")
    assert claim.speaker_name == "Ben Brody"
    assert claim.runner_up is not None and claim.runner_up[0] == "Ada Ames"
    assert 0 < claim.runner_up[1] < claim.confidence


def test_a_named_speaker_has_no_runner_up() -> None:
    claim = _only('"Not yet," Ben Brody said on the steps of the court house.')
    assert claim.runner_up is None


def test_a_question_attributed_in_the_next_short_sentence_gets_its_speaker() -> None:
    body = '"Who pays for the new roads?" Alvarez asked. The room went quiet for a while.'
    claim = _only(body)
    assert (claim.kind, claim.cue) == ("direct", "asked")
    assert (claim.start, claim.end) == _at(body, "Who pays for the new roads?")
    assert claim.speaker_name == "Alvarez"


def test_a_colon_lead_in_with_an_appositive_and_an_object_names_the_subject() -> None:
    body = ('Council Leader Mara Quist, D-Elm., sent a short note to the board: '
            '"Fix the roof before you buy new chairs."')
    claim = _only(body)
    assert (claim.start, claim.end) == _at(body, "Fix the roof before you buy new chairs.")
    assert claim.speaker_name == "Mara Quist"


def test_a_heading_before_a_colon_is_no_speaker() -> None:
    body = 'Full statement as follows: "We regret the delay and will refund every ticket sold."'
    claim = _only(body)
    assert claim.speaker_name is None


def test_a_described_source_keeps_the_claim_with_the_description_as_role() -> None:
    body = "Six in 10 likely voters said the city should spend less on the new stadium."
    claim = _only(body)
    assert (claim.kind, claim.text) == (
        "indirect", "the city should spend less on the new stadium")
    assert (claim.start, claim.end) == _at(body, "the city should spend less on the new stadium")
    assert (claim.speaker_name, claim.speaker_role) == (None, "Six in 10 likely voters")


def test_a_described_subject_of_a_non_speech_sense_reports_nothing() -> None:
    assert _claims("The fighting continued into October, when both sides dug in for winter.") == []


def test_two_reports_joined_by_and_are_two_claims_of_one_speaker() -> None:
    body = ('Mayor Lena Fisk praised the plan as "long overdue" but described the budget '
            'as "a fantasy."')
    first, second = _claims(body)
    assert (first.kind, first.text) == ("indirect", 'the plan as "long overdue"')
    assert (second.cue, second.text) == ("described", 'the budget as "a fantasy."')
    assert (second.start, second.end) == _at(body, 'the budget as "a fantasy."')
    assert first.speaker_name == second.speaker_name == "Lena Fisk"


def test_an_introductory_phrase_and_a_conjunction_leave_the_subject_alone() -> None:
    body = ('In a memo to staff, however, Director Omar Haddad wrote that the merger was '
            '"good for everyone." And he added that layoffs were not planned.')
    first, second = _claims(body)
    assert first.speaker_name == "Omar Haddad"
    assert first.text == 'the merger was "good for everyone."'
    assert (second.start, second.end) == _at(body, "layoffs were not planned")
    assert second.speaker_name == "Omar Haddad"


def test_an_introductory_phrase_is_not_the_subject_of_a_participle_cue() -> None:
    body = ('Hours later, Dana Cole thanked the volunteers, telling the crowd, '
            '"You carried this town through the flood."')
    claim = _only(body)
    assert (claim.start, claim.end) == _at(body, "You carried this town through the flood.")
    assert claim.speaker_name == "Dana Cole"


def test_a_dateline_is_never_the_speaker() -> None:
    body = ("PORTLAND — Rep. Ivo Brandt defended the levy on Tuesday, saying the schools "
            "could not wait another year.")
    claim = _only(body)
    assert (claim.start, claim.end) == _at(body, "the schools could not wait another year")
    assert claim.speaker_name is not None and "Brandt" in claim.speaker_name


def test_a_dash_after_a_quotation_signs_it() -> None:
    body = '"Every vote in this county will be counted twice." - Nora Bell.'
    claim = _only(body)
    assert (claim.start, claim.end) == _at(body, "Every vote in this county will be counted twice.")
    assert claim.speaker_name == "Nora Bell"


def test_the_sentence_attributing_a_question_is_not_a_claim_itself() -> None:
    body = ('"Who signed off on this?" Judge Amos Reed asked, adding a warning - '
            "that the court would not wait.")
    claim = _only(body)
    assert (claim.kind, claim.text) == ("direct", "Who signed off on this?")
    assert claim.speaker_name == "Amos Reed"


def test_as_and_a_time_phrase_around_the_cue_still_attribute() -> None:
    body = 'As Ruth Ng said last week in Dayton, "The plant will reopen in the spring."'
    claim = _only(body)
    assert (claim.start, claim.end) == _at(body, "The plant will reopen in the spring.")
    assert claim.speaker_name == "Ruth Ng"


def test_later_statements_of_a_speaker_follow_the_event_placed_earlier() -> None:
    body = ('"The harbour will be dredged by June," Harbour Master Ines Vale said at the port '
            'board meeting in Gdansk on March 3.\n\n'
            'Vale stressed that the dredging would not close the ferry line.')
    first, second = extract_claims(body, published=datetime.date(2024, 3, 5))
    assert second.kind == "indirect"
    assert (second.start, second.end) == _at(body, "the dredging would not close the ferry line")
    assert second.speaker_name == first.speaker_name
    assert second.speaker_name is not None and second.speaker_name.endswith("Ines Vale")
    assert (second.said_on, second.said_on_basis, second.said_where) == (
        datetime.date(2024, 3, 3), "stated", "Gdansk")


def test_an_unattributed_quote_takes_the_named_subject_of_the_sentence_before() -> None:
    body = ("The budget fight went on.\n\nSenator Rhea Pike kept up her attack on the plan. "
            '"Nobody in this chamber has read the whole bill, and everybody knows it."')
    claim = _only(body)
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == _at(
        body, "Nobody in this chamber has read the whole bill, and everybody knows it.")
    assert (claim.speaker_name, claim.cue) == ("Rhea Pike", None)
    assert claim.confidence < 0.7  # carried from the context, not stated


def test_a_headline_is_never_the_context_speaker() -> None:
    body = ('Mayor Olsen Wins Again\n\n"Nobody in this chamber has read the whole bill, '
            'and everybody knows it."')
    claim = _only(body)
    assert claim.speaker_name is None


def test_a_transcript_line_is_spoken_by_its_label() -> None:
    body = ('Part of the exchange follows:\n\n"HOST: Will the mayor run again next year?\n\n'
            '"OKAFOR: I have not decided, and I will not decide before the budget passes."')
    first, second = _claims(body)
    assert (first.kind, first.text, first.speaker_name) == (
        "direct", "Will the mayor run again next year?", "HOST")
    assert (second.start, second.end) == _at(
        body, "I have not decided, and I will not decide before the budget passes.")
    assert (second.speaker_name, second.cue) == ("OKAFOR", ":")


def test_a_speaker_named_with_of_and_a_group_is_the_person() -> None:
    body = '"We came to win this floor fight," said Rosa Imbert of the Ohio delegation.'
    claim = _only(body)
    assert (claim.start, claim.end) == _at(body, "We came to win this floor fight")
    assert claim.speaker_name == "Rosa Imbert"


def test_a_described_person_after_the_quote_resolves_like_a_role() -> None:
    body = ('"The levy passes or the library closes," Clara Voss said on Monday. '
            '"There is no third way," said the veteran librarian.')
    first, second = _claims(body)
    assert (second.kind, second.text) == ("direct", "There is no third way")
    assert (second.start, second.end) == _at(body, "There is no third way")
    assert second.speaker_name == "Clara Voss"
    assert second.confidence < first.confidence  # resolved from a description


def test_any_verb_after_a_named_subject_reports_the_quoted_words_that_follow() -> None:
    body = 'Governor Tess Ruiz ridiculed the union\'s offer to make "a one-time exception" for May.'
    claim = _only(body)
    assert (claim.kind, claim.cue) == ("indirect", "ridiculed")
    assert (claim.start, claim.end) == _at(
        body, 'the union\'s offer to make "a one-time exception" for May')
    assert claim.speaker_name == "Tess Ruiz"


def test_a_title_in_quotes_after_a_verb_is_not_reported_speech() -> None:
    assert _claims('Dana Holt hosts "The Late Ledger" on Channel 4 every weeknight.') == []


def test_a_coordinated_speech_verb_shares_the_sentence_subject() -> None:
    body = ("Mayor Ada Quinn thanked the crews for their work, then said the last roads "
            "would reopen by Friday.")
    claim = _only(body)
    assert (claim.kind, claim.cue) == ("indirect", "said")
    assert (claim.start, claim.end) == _at(body, "the last roads would reopen by Friday")
    assert claim.speaker_name == "Ada Quinn"


def test_plural_speech_verbs_report_and_a_stance_pair_stays_one_claim() -> None:
    body = "Local farmers argue that the new dam will dry out the valley by August."
    claim = _only(body)
    assert (claim.kind, claim.cue) == ("indirect", "argue")
    assert (claim.start, claim.end) == _at(body, "the new dam will dry out the valley by August")
    assert claim.speaker_role == "Local farmers"
    body = "The council welcomed the audit and called for a second one next year."
    claim = _only(body)
    assert claim.text == "the audit and called for a second one next year"
