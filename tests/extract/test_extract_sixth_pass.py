"""Rules added from the error classes of PolNeAR's train split (issue 18, sixth pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from claims_app.extract import extract_claims
from tests.extract.passages import direct, indirect, span


def test_a_short_clause_after_said_is_a_claim() -> None:
    # two or three words, a subject pronoun and its verb: still a statement
    body = ("Mayor Ilse Brandt was asked whether the flooded depot would reopen. Ilse Brandt "
            "said it would not.")
    [claim] = indirect(body)
    assert claim.text == "it would not"
    assert claim.kind == "indirect"
    assert (claim.start, claim.end) == span(body, "it would not")
    assert claim.speaker_name == "Ilse Brandt"


def test_a_short_clause_with_a_contraction_is_a_claim() -> None:
    body = "Asked about the audit, Tomas Reyes said he's not worried."
    [claim] = indirect(body)
    assert claim.text == "he's not worried"
    assert (claim.start, claim.end) == span(body, "he's not worried")
    assert claim.speaker_name == "Tomas Reyes"
    # "said it last June", "said it all": a pronoun object, no clause of its own
    assert indirect("Tomas Reyes said it last June.") == []
    assert indirect("Tomas Reyes said it all.") == []


def test_a_poll_share_with_a_leading_qualifier_says_what_follows() -> None:
    body = "A full 64 percent of Republicans say the subsidy should be renewed next year."
    [claim] = indirect(body)
    assert claim.text == "the subsidy should be renewed next year"
    assert claim.kind == "indirect"
    assert (claim.start, claim.end) == span(body, "the subsidy should be renewed next year")
    assert claim.speaker_name is None
    assert claim.speaker_role == "A full 64 percent of Republicans"


def test_those_surveyed_say_is_a_reported_claim() -> None:
    body = "By wide margins, those surveyed say the port should stay in public hands."
    [claim] = indirect(body)
    assert claim.text == "the port should stay in public hands"
    assert (claim.start, claim.end) == span(body, "the port should stay in public hands")
    assert claim.speaker_name is None
    assert claim.speaker_role == "those surveyed"


def test_a_share_between_commas_is_no_appositive() -> None:
    body = "A quarter of renters, 26%, say the new levy will push them out of the city."
    [claim] = indirect(body)
    assert claim.text == "the new levy will push them out of the city"
    assert (claim.start, claim.end) == span(body, "the new levy will push them out of the city")
    assert claim.speaker_role == "A quarter of renters"


def test_with_a_share_saying_reports_that_share() -> None:
    body = ("The council's standing has improved, with 41 percent of residents saying they "
            "trust its budget.")
    [claim] = indirect(body)
    assert claim.text == "they trust its budget"
    assert (claim.start, claim.end) == span(body, "they trust its budget")
    assert claim.speaker_name is None
    assert claim.speaker_role == "41 percent of residents"




def test_a_name_of_an_institution_is_that_person_not_the_last_speaker() -> None:
    # "X of the Y Institute of Z" had read as a role and taken the previous speaker
    body = ("Landlords say the cap will empty the market. Nora Kessler of the Hollins Institute "
            "of Housing Research said tenants are worried about the rents.")
    claims = indirect(body)
    assert [c.speaker_name for c in claims] == ["Landlords", "Nora Kessler"]
    claim = claims[1]
    assert claim.text == "tenants are worried about the rents"
    assert claim.kind == "indirect"
    assert (claim.start, claim.end) == span(body, "tenants are worried about the rents")


def test_a_quotation_credited_to_an_outlet_keeps_the_outlet_as_source() -> None:
    body = ("\"Inspectors expect to finish the audit within weeks and hand the findings to "
            "the board,\" according to CNN.")
    [claim] = extract_claims(body)
    assert claim.kind == "direct"
    assert claim.text.startswith("Inspectors expect") and claim.text.endswith("the board")
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "CNN"


def test_a_fragment_with_according_to_after_its_closing_mark_is_one_claim() -> None:
    body = ("Ada Lorne chaired the talks. The summit became \"the turning point of the "
            "treaty,\" according to Ms. Lorne.")
    [claim] = indirect(body)
    text = "The summit became \"the turning point of the treaty,\""
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Ada Lorne"


def test_according_to_inside_a_sentence_with_a_fragment_takes_both_sides() -> None:
    body = ("Over the next decade, according to the budget office, the deficit \"will "
            "mostly reflect the cost of pensions.\"")
    [claim] = indirect(body)
    assert (claim.start, claim.end) == (0, len(body))
    assert claim.segments == (span(body, "Over the next decade"),
                              (body.index("the deficit"), len(body)))
    assert claim.speaker_name is None
    assert claim.speaker_role == "the budget office"


def test_according_to_a_study_by_someone_names_its_author() -> None:
    body = ("A fair wage for a single adult is about $14 an hour in the county, according "
            "to calculations by Nora Kessler of the Hollins Institute.")
    [claim] = indirect(body)
    text = "A fair wage for a single adult is about $14 an hour in the county"
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Nora Kessler"


def test_was_careful_to_insist_is_no_part_of_the_speaker() -> None:
    body = "Tomas Reyes was careful to insist that the count had been flawed from the start."
    [claim] = indirect(body)
    assert claim.text == "the count had been flawed from the start"
    assert (claim.start, claim.end) == span(body, "the count had been flawed from the start")
    assert claim.speaker_name == "Tomas Reyes"


def test_was_quick_to_say_is_no_part_of_the_speaker() -> None:
    body = "Ilse Brandt was quick to say that the depot would reopen in May."
    [claim] = indirect(body)
    assert claim.text == "the depot would reopen in May"
    assert claim.kind == "indirect"
    assert claim.speaker_name == "Ilse Brandt"



def test_a_quotation_after_a_reported_clause_keeps_the_clause_speaker() -> None:
    body = ("Mayor Ilse Brandt says whatever the council decides on the levy, \"the depot "
            "will reopen before the winter.\"")
    [claim] = direct(body)
    assert claim.text == "the depot will reopen before the winter."
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "Ilse Brandt"


def test_a_quotation_after_a_fragment_keeps_the_sentence_speaker() -> None:
    body = ("Tomas Reyes said he was \"certain\" that once the recount ends, \"the result "
            "will stand and the town will move on.\"")
    found = direct(body)
    assert [c.text for c in found] == ["the result will stand and the town will move on."]
    assert found[0].speaker_name == "Tomas Reyes"
    assert (found[0].start, found[0].end) == span(body, found[0].text)


def test_a_second_verb_after_but_speaks_for_the_sentence_subject() -> None:
    body = ("Tomas Reyes named none of his rivals, but told his supporters, \"this town "
            "deserves better than the last four years.\"")
    [claim] = direct(body)
    assert claim.text == "this town deserves better than the last four years."
    assert claim.kind == "direct"
    assert claim.speaker_name == "Tomas Reyes"


def test_writes_after_a_quotation_names_the_columnist() -> None:
    body = "\"The levy will not survive the spring vote,\" writes Ada Lorne of the Ledger."
    [claim] = direct(body)
    assert claim.text == "The levy will not survive the spring vote"
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "Ada Lorne"


def test_a_verb_of_manner_closes_a_quotation() -> None:
    body = ("Tomas Reyes left the hearing early. \"Nobody in this room has read the "
            "report,\" Reyes barked.")
    [claim] = direct(body)
    assert claim.text == "Nobody in this room has read the report"
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "Tomas Reyes"


def test_a_verb_of_manner_may_open_the_attribution() -> None:
    body = "\"This is the best night of my life!\" beamed Lena Ortiz, a delegate from Ohio."
    [claim] = direct(body)
    assert claim.text == "This is the best night of my life!"
    assert claim.speaker_name == "Lena Ortiz"


def test_according_to_opening_a_later_paragraph_names_the_speaker() -> None:
    # the lead-in pattern was anchored at the text's start, so only the first paragraph had it
    body = ("The council met on Monday.\n\nAccording to Ada Lorne, \"the vote will be held in "
            "March and the plan will pass.\"")
    [claim] = direct(body)
    assert claim.text == "the vote will be held in March and the plan will pass."
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "Ada Lorne"



def test_as_someone_put_it_names_the_author_of_the_quotation() -> None:
    body = ("The council met on Monday.\n\nOr, as Ada Lorne, a former mayor, put it: \"The "
            "town has run out of patience with the board.\"")
    [claim] = direct(body)
    assert claim.text == "The town has run out of patience with the board."
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "Ada Lorne"


def test_as_someone_had_written_names_the_author_of_the_quotation() -> None:
    body = ("As the columnist Tomas Reyes had written years earlier, \"no harbour survives "
            "without its fishermen.\"")
    [claim] = direct(body)
    assert claim.text == "no harbour survives without its fishermen."
    assert claim.kind == "direct"
    assert claim.speaker_name == "Tomas Reyes"


def test_a_role_then_the_name_after_a_quotation() -> None:
    body = ("\"That would have been the fairer way to fund the port,\" the council's press "
            "secretary, Lena Ortiz, said on Tuesday.")
    [claim] = direct(body)
    assert claim.text == "That would have been the fairer way to fund the port"
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "Lena Ortiz"
    assert claim.speaker_role == "council's press secretary"


def test_said_a_role_then_the_name_after_a_quotation() -> None:
    body = ("\"It may have been his first attempt to stand up to his father,\" said his "
            "closest friend at college, Bruno Tarrant, who roomed with him.")
    [claim] = direct(body)
    assert claim.text == "It may have been his first attempt to stand up to his father"
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "Bruno Tarrant"


def test_said_the_role_then_a_name_ending_the_sentence() -> None:
    body = "\"The harbour will open on time,\" said the port director, J. R. Okafor."
    [claim] = direct(body)
    assert claim.text == "The harbour will open on time"
    assert claim.speaker_name == "J. R. Okafor"


def test_a_digest_item_signed_after_a_dash_names_its_author() -> None:
    body = ("Turnout is the story of the week.\n\nRURAL VOTERS STAYED HOME - Nora Kessler: "
            "\"Turnout in the valley fell by a third, the steepest drop in twenty years.\"")
    [claim] = direct(body)
    assert claim.text == "Turnout in the valley fell by a third, the steepest drop in twenty years."
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "Nora Kessler"


def test_more_from_two_authors_names_the_first() -> None:
    body = ("Turnout is the story of the week.\n\nThe shift was visible early - More from "
            "Lorne and Okafor: \"Our panel saw the swing two weeks before the vote.\"")
    [claim] = direct(body)
    assert claim.text == "Our panel saw the swing two weeks before the vote."
    assert claim.kind == "direct"
    assert claim.speaker_name == "Lorne"


def test_one_senior_aide_said_keeps_the_quotation_with_the_description() -> None:
    body = "\"The campaign has been slow to answer the charges,\" one senior aide said."
    [claim] = direct(body)
    assert claim.text == "The campaign has been slow to answer the charges"
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name is None
    assert claim.speaker_role == "senior aide"


def test_one_insider_is_not_the_last_person_named() -> None:
    body = ("Paul Bekker met the mayor on Monday. \"The mayor will not run again,\" one city "
            "hall insider said.")
    [claim] = direct(body)
    assert claim.text == "The mayor will not run again"
    assert claim.speaker_name is None
    assert claim.speaker_role == "city hall insider"


def test_a_day_after_a_trailing_cue_keeps_the_words_before_it() -> None:
    body = "The port will host up to 200 more ships this year, officials said Tuesday."
    [claim] = indirect(body)
    text = "The port will host up to 200 more ships this year"
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_role == "officials"


def test_a_time_after_the_cue_is_not_the_reported_clause() -> None:
    # "he said Wednesday morning on the radio" had given "Wednesday morning on the radio"
    body = ("Tomas Reyes spoke twice this week. The levy was never meant to last, he said "
            "Wednesday morning on the radio.")
    [claim] = indirect(body)
    assert claim.text == "The levy was never meant to last"
    assert claim.speaker_name == "Tomas Reyes"


def test_a_day_between_the_cue_and_its_clause_is_skipped() -> None:
    body = "Officials said Tuesday the budget was short by a third."
    [claim] = indirect(body)
    assert claim.text == "the budget was short by a third"
    assert (claim.start, claim.end) == span(body, "the budget was short by a third")


def test_bill_before_a_surname_is_a_first_name_not_a_descriptor() -> None:
    # "Bill" is a word of the descriptor lexicon ("the bill"): it made "Bill Clinton" the
    # role "Bill" of a "Clinton", resolved to whichever Clinton was named before
    body = ("Hillary Clinton spoke in Ohio. \"She has always fought for this town,\" former "
            "President Bill Clinton said on Monday.")
    [claim] = direct(body)
    assert claim.text == "She has always fought for this town"
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "Bill Clinton"
    assert claim.speaker_role == "former President"


def test_a_delegate_named_bill_keeps_his_surname() -> None:
    body = "\"We have had better conventions,\" said Texas delegate Bill Eastwood."
    [claim] = direct(body)
    assert claim.speaker_name == "Bill Eastwood"


def test_told_a_four_word_outlet_closes_a_trailing_attribution() -> None:
    body = ("The co-pilot was careful and kind to everyone at the airport, Nora Kessler told "
            "The New York Times.")
    [claim] = indirect(body)
    text = "The co-pilot was careful and kind to everyone at the airport"
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Nora Kessler"


def test_many_of_whom_say_reports_the_group_named_before() -> None:
    body = ("The hall was full of retired dockers, many of whom said they had never voted "
            "in a local election.")
    [claim] = indirect(body)
    text = "they had never voted in a local election"
    assert claim.text == text
    assert claim.kind == "indirect"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name is None
    assert claim.speaker_role == "dockers"


def test_a_trailing_attribution_followed_by_adding_gives_two_claims() -> None:
    body = ("The harbour did not complain when the levy paid for the dredging, a port "
            "official said, adding that the new berths would open in May.")
    first, second = indirect(body)
    text = "The harbour did not complain when the levy paid for the dredging"
    assert first.text == text
    assert (first.start, first.end) == span(body, text)
    assert first.speaker_role == "a port official"
    assert second.text == "the new berths would open in May"
    assert second.speaker_role == "a port official"


def test_a_second_present_cue_of_the_same_subject_is_a_second_claim() -> None:
    body = "Tomas Reyes, a farmer, says he will vote in the spring and says the valley needs jobs."
    first, second = indirect(body)
    assert first.text == "he will vote in the spring"
    assert (first.start, first.end) == span(body, "he will vote in the spring")
    assert second.text == "the valley needs jobs"
    assert (second.start, second.end) == span(body, "the valley needs jobs")
    assert first.speaker_name == second.speaker_name == "Tomas Reyes"


def test_and_told_reporters_gives_a_second_claim_without_the_hearer() -> None:
    body = "Ada Lorne said the vote was fair and told reporters the count would stand."
    first, second = indirect(body)
    assert first.text == "the vote was fair"
    assert second.text == "the count would stand"
    assert second.kind == "indirect"
    assert second.speaker_name == "Ada Lorne"


def test_a_programme_title_after_on_is_no_quotation() -> None:
    body = ("Tomas Reyes said on WKRT's \"Valley Morning\" that the dam would be finished "
            "by June. He also appeared on \"Face the Region.\"")
    claims = extract_claims(body)
    assert [c.kind for c in claims] == ["indirect"]
    claim = claims[0]
    assert claim.text == "the dam would be finished by June"
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "Tomas Reyes"
    # a title-cased chant is still words someone said
    chant = "The crowd answered with chants of \"Ada! Ada! Ada!\" as Ada Lorne took the stage."
    assert all(c.kind == "direct" for c in extract_claims(chant) if "Ada! Ada" in c.text)


def test_telling_reporters_after_a_label_is_a_second_claim() -> None:
    body = ("Ada Lorne hailed the council's vote on the harbour levy as \"historic,\" telling "
            "reporters on Friday that the port is \"a great thing for the valley.\"")
    first, second = indirect(body)
    assert first.text == "the council's vote on the harbour levy as \"historic,\""
    assert second.text == "the port is \"a great thing for the valley.\""
    assert (second.start, second.end) == span(body, second.text)
    assert second.kind == "indirect"
    assert first.speaker_name == second.speaker_name == "Ada Lorne"


def test_and_asserting_after_a_label_is_a_second_claim() -> None:
    body = ("Tomas Reyes went after the board, calling the audit \"a whitewash\" and "
            "asserting that the only explanation was \"a cover-up of unusual size.\"")
    claims = indirect(body)
    assert [c.text for c in claims][-1] == (
        "the only explanation was \"a cover-up of unusual size.\"")
    assert claims[-1].speaker_name == "Tomas Reyes"


def test_a_title_cased_headline_reports_its_statement() -> None:
    body = ("Lorne Says The Harbour Levy Will Be Scrapped By Spring\n\n"
            "Mayor Ada Lorne said on Monday that the levy would go.")
    first, second = indirect(body)
    assert first.text == "The Harbour Levy Will Be Scrapped By Spring"
    assert (first.start, first.end) == span(body, first.text)
    assert first.kind == "indirect"
    assert first.speaker_name == "Ada Lorne"
    assert second.speaker_name == "Ada Lorne"


def test_a_headline_with_a_hearer_and_a_lead_in() -> None:
    body = "The Latest: Ada Lorne Tells Dockers She Is On Their Side\n\nShe spoke in the port."
    [claim] = indirect(body)
    assert claim.text == "She Is On Their Side"
    assert claim.speaker_name == "Ada Lorne"
    # a conditional is no headline statement
    assert indirect("Fact Check: If Lorne Says It, The Port Believes It\n\nShe spoke.") == []


def test_on_a_day_after_the_cue_is_skipped_or_ends_the_attribution() -> None:
    body = ("Mayor Ada Lorne said on Monday the levy would go. The berths will open next "
            "year, port officials said on Tuesday.")
    first, second = indirect(body)
    assert first.text == "the levy would go"
    assert (first.start, first.end) == span(body, "the levy would go")
    assert first.speaker_name == "Ada Lorne"
    assert second.text == "The berths will open next year"
    assert second.speaker_role == "port officials"


def test_a_phrase_of_time_or_medium_between_name_and_cue() -> None:
    body = ("Tomas Reyes at the time said he had asked his staff to look into the fees. "
            "Ada Lorne in a Medium post said she would put more judges on the bench.")
    first, second = indirect(body)
    assert first.text == "he had asked his staff to look into the fees"
    assert (first.start, first.end) == span(body, first.text)
    assert first.speaker_name == "Tomas Reyes"
    assert second.text == "she would put more judges on the bench"
    assert second.speaker_name == "Ada Lorne"


def test_and_asked_whether_is_a_second_claim_the_question() -> None:
    body = ("Nora Kessler, an expert on ports, noted that the harbour already lags its target "
            "and asked whether the minister could reach that level by June.")
    first, second = indirect(body)
    assert first.text == "the harbour already lags its target"
    assert second.text == "whether the minister could reach that level by June"
    assert (second.start, second.end) == span(body, second.text)
    assert second.kind == "indirect"
    assert second.speaker_name == "Nora Kessler"


def test_a_parenthesis_describing_the_subject_is_skipped() -> None:
    body = ("Tomas Reyes (who has 25 delegates to date) said it is possible for him to win "
            "the nomination before June.")
    [claim] = indirect(body)
    text = "it is possible for him to win the nomination before June"
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Tomas Reyes"


def test_a_quotation_after_a_phrase_and_a_comma_is_a_direct_quote() -> None:
    body = ("Hurrying into the hearing, Senator Ada Lorne called over her shoulder, \"His "
            "figures are not helping anyone.\"")
    [claim] = extract_claims(body)
    assert claim.kind == "direct"
    assert claim.text == "His figures are not helping anyone."
    assert (claim.start, claim.end) == span(body, claim.text)
    assert claim.speaker_name == "Ada Lorne"
