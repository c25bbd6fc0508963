"""Rules added for reported speech that produced no claim on PolNeAR's train split (issue 18,
eighth pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import direct, indirect, span


def test_a_described_group_reports_with_verbs_beyond_said() -> None:
    # "predict", "concluded", "have alleged", "agree": speech verbs a group may say, so the
    # statement is kept with the description as its role
    body = ("The county board meets again in March.\n\n"
            "Some farm lobbyists predict that the levy will be cut before the spring vote.\n\n"
            "Several tenant groups have alleged that the inspections were never carried out.\n\n"
            "Most hydrologists agree that the reservoir cannot supply a second plant.")
    first, second, third = indirect(body)
    text = "the levy will be cut before the spring vote"
    assert (first.start, first.end) == span(body, text)
    assert first.speaker_name is None
    assert first.speaker_role == "Some farm lobbyists"
    assert second.text == "the inspections were never carried out"
    assert second.speaker_role == "Several tenant groups"
    assert third.text == "the reservoir cannot supply a second plant"
    assert third.speaker_role == "Most hydrologists"
    # verbs that also take plain objects stay out: "maintained a pace", "helps explain why"
    assert indirect("The board met on Friday.\n\n"
                    "The old mill maintained a steady pace of orders through the winter.\n\n"
                    "That helps explain why neither candidate mentions the levy.") == []


def test_a_described_subject_speaks_the_second_verb_of_its_clause() -> None:
    # "The harbor master inspected ... and said A": the description before the first verb is
    # the subject of the second; a name after the role word belongs to it
    body = ("Storms closed the port twice in January.\n\n"
            "The harbor master walked the breakwater on Monday and said the repairs would "
            "take most of the winter.\n\n"
            "Some councillors left the hearing early but said they would vote on the plan "
            "next week.\n\n"
            "The port director Ines Marr declined to give a date but said the ferry would "
            "run again by March.")
    first, second, third = indirect(body)
    text = "the repairs would take most of the winter"
    assert (first.start, first.end) == span(body, text)
    assert first.speaker_role == "harbor master"
    assert second.text == "they would vote on the plan next week"
    assert second.speaker_name is None
    assert second.speaker_role == "Some councillors"
    assert third.text == "the ferry would run again by March"
    assert third.speaker_name == "Ines Marr"


def test_an_aside_between_dashes_describes_the_subject_before_it() -> None:
    body = ("The council vote was postponed again.\n\n"
            "Dana Reyes \u2014 the mayor\u2019s sister and co-host of her radio show \u2014 told "
            "the Courier that the council had ignored the warnings for years.")
    [claim] = indirect(body)
    text = "the council had ignored the warnings for years"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Dana Reyes"
    [claim] = indirect("The budget talks stalled on Friday.\n\n"
                       "The state treasurer -- who has feuded with the governor for weeks -- "
                       "said she regretted her remarks about the budget.")
    assert claim.text == "she regretted her remarks about the budget"
    assert claim.speaker_role == "state treasurer"


def test_a_question_put_to_the_speaker_is_a_claim_of_its_asker() -> None:
    # "Asked whether A, X said": the question is an attributed statement; its asker is named
    # only after "by", otherwise the claim stays without a speaker
    body = ("The bridge has been shut since the flood.\n\n"
            "Asked whether the bridge would reopen before the holidays, Mayor Ann Lund said, "
            "\"We are not there yet.\"\n\n"
            "When asked by a reporter if the toll would rise, Lund said she had not decided.")
    questions = [c for c in indirect(body) if c.cue == "asked"]
    first, second = questions
    text = "whether the bridge would reopen before the holidays"
    assert (first.start, first.end) == span(body, text)
    assert first.speaker_name is None
    assert second.text == "if the toll would rise"
    assert second.speaker_role == "reporter"
    assert any(c.text == "she had not decided" and c.speaker_name == "Ann Lund"
               for c in indirect(body))
    # no answer in the sentence, or a subject asking it herself: no question of an asker
    assert [c.cue for c in indirect("The bridge was shut.\n\nLund was asked whether the "
                                    "toll would rise.")] == []
    own = indirect("The bridge was shut.\n\nAnn Lund said the toll is fair and asked "
                   "whether the county could pay for the repairs.")
    assert [c.speaker_name for c in own] == ["Ann Lund", "Ann Lund"]


def test_a_trailing_said_with_its_speaker_after_it_attributes_the_words_before() -> None:
    # "A, said X, director of ...": the clause before the comma is no subject and the name
    # after the cue no content
    body = ("The primary moves north next week.\n\n"
            "Even as the race moves to Ohio, a state she hoped to carry easily, the vote will "
            "be close, said Dana Whitfield, director of a polling firm in Columbus.")
    [claim] = indirect(body)
    text = ("Even as the race moves to Ohio, a state she hoped to carry easily, the vote will "
            "be close")
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Dana Whitfield"


def test_an_outlet_that_reported_with_a_day_after_it_is_the_source() -> None:
    body = ("Shares fell on Wall Street.\n\n"
            "Factory orders over the winter were higher than in any year since 2009, the "
            "Lakeside Gazette reported last week.")
    [claim] = indirect(body)
    text = "Factory orders over the winter were higher than in any year since 2009"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Lakeside Gazette"


def test_an_outlet_with_of_in_its_name_or_a_citing_tail_reported_the_news() -> None:
    body = ("Shares fell on Wall Street.\n\n"
            "Household confidence over the winter was the highest since 2009, the University "
            "of Lakeland reported last week.\n\n"
            "Members of the board long ago lost patience with the director, the Courier "
            "reported, citing two people at the meeting.")
    first, second = indirect(body)
    assert first.text == "Household confidence over the winter was the highest since 2009"
    assert first.speaker_name == "University of Lakeland"
    assert (second.start, second.end) == span(
        body, "Members of the board long ago lost patience with the director")
    assert second.speaker_name == "Courier"


def test_a_label_in_quotation_marks_finds_its_subject_in_more_shapes() -> None:
    # a day between the name and the verb, a pronoun after an introductory phrase, a titled
    # name before "who called": each keeps the quoted label as a claim of its subject
    body = ("The mayor spoke for an hour.\n\n"
            "Council President Ada Brill on Tuesday called the audit \"a fishing trip\" in a "
            "letter to members.")
    [claim] = indirect(body)
    assert claim.text == 'the audit "a fishing trip" in a letter to members'
    assert claim.speaker_name == "Ada Brill"
    body = ("Ana Ruiz toured the depot on Friday.\n\n"
            "However, she spared the drivers, calling them \"the best crew in the state.\"")
    [claim] = indirect(body)
    assert claim.text == 'them "the best crew in the state."'
    assert claim.speaker_name == "Ana Ruiz"
    body = ("The strike drew a sharp reply from Mayor Lena Ostrova, who called the union's "
            "demands \"a ransom note\" on Monday.")
    [claim] = indirect(body)
    assert (claim.start, claim.end) == span(body, "the union's demands \"a ransom note\" on Monday")
    assert claim.speaker_name == "Lena Ostrova"


def test_a_group_described_after_its_head_noun_is_a_source_without_a_name() -> None:
    # "Aides to X", "delegates at the convention in Y", "critics like Z": the group speaks,
    # never the person or place its description names
    body = ("The convention closed on Thursday.\n\n"
            "Aides to Okafor say she is shifting her pitch toward rural voters this month.\n\n"
            "Some delegates at the convention in Denver said they welcomed the debate on "
            "water rights.\n\n"
            "Critics like Halvorsen say the plan would let the council avoid its own audit.")
    first, second, third = indirect(body)
    assert first.text == "she is shifting her pitch toward rural voters this month"
    assert first.speaker_name is None
    assert first.speaker_role == "Aides to Okafor"
    assert (second.start, second.end) == span(
        body, "they welcomed the debate on water rights")
    assert second.speaker_name is None
    assert third.text == "the plan would let the council avoid its own audit"
    assert third.speaker_name is None


def test_a_relative_clause_after_a_quotations_speaker_reports_with_more_verbs() -> None:
    body = ("\"We show anger, we show feeling,\" said Paul Harlan, who acknowledged the "
            "governor was his fourth choice for the nomination.")
    [claim] = indirect(body)
    text = "the governor was his fourth choice for the nomination"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Paul Harlan"
    assert claim.cue == "acknowledged"


def test_an_outlet_in_brackets_after_a_quotation_is_its_source() -> None:
    # a newsletter digest: a headline, the excerpt in quotation marks, the outlet in brackets
    body = ("Good morning. Here is what to read today.\n\n"
            "RIVER CITY FLOODS AGAIN \u201cThe levee gave way just after midnight and the water "
            "reached the second floor of homes along the river within an hour.\u201d "
            "[Daily Courier]\n\n"
            "HOW SMALL FARMS HOLD ON \u201cMost of the growers we met sell straight to "
            "restaurants and have given up on the wholesale market.\u201d [Harbor Post.]")
    first, second = direct(body)
    text = ("The levee gave way just after midnight and the water reached the second floor "
            "of homes along the river within an hour.")
    assert (first.start, first.end) == span(body, text)
    assert first.speaker_name == "Daily Courier"
    assert second.speaker_name == "Harbor Post"


def test_a_subordinate_clause_opening_the_sentence_reports_on_its_own() -> None:
    # "While some say A, others say B": two statements, A ending with its clause
    body = ("The county fair opens on Friday.\n\n"
            "While some growers say the new rules came too late for this season, others say "
            "they have already sold out their stalls.")
    first, second = indirect(body)
    assert (first.start, first.end) == span(
        body, "the new rules came too late for this season")
    assert first.speaker_role == "some growers"
    assert second.text == "they have already sold out their stalls"
    assert second.speaker_role == "others"


def test_a_subject_followed_by_several_asides_still_speaks() -> None:
    # the opening phrase up to its first comma is the subject; a description opening the
    # sentence gives way to the name in the first aside; "said his survey" is no inverted
    # speaker
    body = ("The race tightened over the weekend.\n\n"
            "Mary Blake, facing a tough race at home, a swing state, said she would "
            "welcome the governor.\n\n"
            "Another pollster, David Wood of Lakeland College, said his survey showed support "
            "holding steady.\n\n"
            "Brianne Stowe, 29, of Huntsville, Ala., says her biggest worry is the price of "
            "rent.")
    first, second, third = indirect(body)
    assert first.text == "she would welcome the governor"
    assert first.speaker_name == "Mary Blake"
    assert (second.start, second.end) == span(body, "his survey showed support holding steady")
    assert second.speaker_name == "David Wood"
    assert third.text == "her biggest worry is the price of rent"
    assert third.speaker_name == "Brianne Stowe"


def test_a_second_verb_after_said_is_a_statement_of_its_own() -> None:
    body = ("The bridge reopened on Monday.\n\n"
            "Mayor Ann Lund said the repairs had run two months late and accused the "
            "contractor of cutting corners on the deck.\n\n"
            "Lund said the toll would stay for now and predicted that traffic would double "
            "by the summer.")
    first, second, third, fourth = indirect(body)
    assert first.text == "the repairs had run two months late"
    assert (second.start, second.end) == span(
        body, "the contractor of cutting corners on the deck")
    assert second.speaker_name == "Ann Lund"
    assert third.text == "the toll would stay for now"
    assert fourth.text == "traffic would double by the summer"
    assert fourth.cue == "predicted"


def test_a_participle_or_adverb_opening_the_sentence_is_no_speakers_name() -> None:
    body = ("The council met on Saturday.\n\n"
            "Facing mounting criticism from both parties, Mayor Ines Marr released a statement "
            "on Sunday, insisting that the depot had been inspected twice.")
    [claim] = indirect(body)
    assert claim.text == "the depot had been inspected twice"
    assert claim.speaker_name == "Ines Marr"


def test_a_statement_before_and_added_and_a_quotation_is_a_claim_of_its_own() -> None:
    body = ("The bridge reopened on Monday.\n\n"
            "Mayor Ann Lund said the repairs had been paid for by the county but added, \"We "
            "will not see a toll on this bridge while I am in office.\"")
    [reported] = indirect(body)
    [quoted] = direct(body)
    assert (reported.start, reported.end) == span(
        body, "the repairs had been paid for by the county")
    assert reported.speaker_name == "Ann Lund"
    assert quoted.speaker_name == "Ann Lund"
