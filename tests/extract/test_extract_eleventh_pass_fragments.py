"""Rules added for paraphrases carrying a quoted fragment still missed on PolNeAR's train split
(issue 18, eleventh pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import direct, indirect, span


def test_a_quoted_fragment_left_over_finds_its_verb_and_the_speaker_just_before_it() -> None:
    # the subject the sentence rules cut ("Mr. Olaf Halvorsen did not like it - he") is no
    # speaker; the pronoun right before the verb is
    body = ("Engineer Rosa Lind presented the tunnel survey. Mr. Olaf Halvorsen did not like "
            "it - he called her \"reckless with public money\" and cut her budget.")
    [claim] = indirect(body)
    text = "her \"reckless with public money\" and cut her budget"
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.cue == "called"
    assert claim.speaker_name == "Olaf Halvorsen"


def test_any_verb_right_after_a_speaker_reports_the_quoted_words_after_it() -> None:
    # 'she devoted her speech to the "..."': no speech verb, but a person's own words quoted
    body = ("Greta Moll spoke last. On Sunday she devoted her whole speech to the "
            "\"forgotten families of the valley.\"")
    [claim] = indirect(body)
    text = "her whole speech to the \"forgotten families of the valley.\""
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.cue == "devoted"
    assert claim.speaker_name == "Greta Moll"
    # a verb whose next words are an adverb or a phrase of place has no quoted object
    assert indirect("The count ended late. Ada Lorne won just 19 percent among \"somewhat "
                    "loyal\" voters in the valley.") == []


def test_a_described_source_may_say_any_verb_that_carries_a_quoted_fragment() -> None:
    # "many commentators called him "..."": no name, but the quotation vouches for speech
    body = ("Ole Brandt had a strong night in the debate. Afterwards many commentators called "
            "him \"the calmest voice on the stage\" amid the quarrel.")
    [claim] = indirect(body)
    text = "him \"the calmest voice on the stage\" amid the quarrel"
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name is None
    assert claim.speaker_role == "many commentators"


def test_a_noun_of_speech_owned_by_its_speaker_carries_a_quoted_fragment() -> None:
    # "Moll's description of the ferry as "..."": the owner of the description said the words
    body = ("Greta Moll opened the fair on Friday. Her standing rose after the flood and "
            "Moll's description of the ferry as \"the lifeline of every family on the "
            "island.\"")
    [claim] = indirect(body)
    text = "the ferry as \"the lifeline of every family on the island.\""
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.cue == "description"
    assert claim.speaker_name == "Greta Moll"


def test_two_verbs_each_with_a_quoted_fragment_are_two_claims() -> None:
    # '... "a costly fantasy" and ranked it ... "in the history of the port"': two statements;
    # a name before the second verb speaks the second
    body = ("At a forum on Tuesday, Mayor Lina Osei called the dredging plan \"a costly "
            "fantasy\" and ranked it among the worst ideas \"in the history of the port.\"\n\n"
            "Both women spoke afterwards - Lina Osei saying she was \"deeply relieved\" and "
            "Greta Moll calling it a \"fair bargain for everyone.\"")
    claims = indirect(body)
    assert [(c.text, c.cue, c.speaker_name) for c in claims] == [
        ("the dredging plan \"a costly fantasy\"", "called", "Lina Osei"),
        ("it among the worst ideas \"in the history of the port.\"", "ranked", "Lina Osei"),
        ("she was \"deeply relieved\"", "saying", "Lina Osei"),
        ("it a \"fair bargain for everyone.\"", "calling", "Greta Moll"),
    ]
    assert (claims[1].start, claims[1].end) == span(
        body, "it among the worst ideas \"in the history of the port.\"")


def test_a_quoted_word_modifying_a_noun_is_no_direct_quotation() -> None:
    # 'profiles mayors and "stubborn" farmers': a label inside a noun phrase
    body = ("\"Our job is to ask hard questions,\" said Tomas Reyes, whose new book profiles "
            "mayors and \"stubborn\" farmers. \"A reporter is a counterweight,\" he said.")
    claims = direct(body)
    assert [(c.text, c.speaker_name) for c in claims] == [
        ("Our job is to ask hard questions", "Tomas Reyes"),
        ("A reporter is a counterweight", "Tomas Reyes"),
    ]
    assert (claims[1].start, claims[1].end) == span(body, "A reporter is a counterweight")


def test_quoted_words_closing_a_short_paraphrase_are_also_a_direct_quotation() -> None:
    # 'She called the ferry contract "..."': the label is the speaker's own words
    body = ("Mayor Lina Osei spoke on Friday. She called the ferry contract \"a gift to the "
            "shipping lobby.\"")
    [reported] = indirect(body)
    assert reported.text == "the ferry contract \"a gift to the shipping lobby.\""
    [quoted] = direct(body)
    assert quoted.text == "a gift to the shipping lobby."
    assert (quoted.start, quoted.end) == span(body, "a gift to the shipping lobby.")
    assert quoted.speaker_name == "Lina Osei"
    # a single word, a title, the end of a noun phrase or a paraphrased clause is no
    # statement of its own
    assert direct("Lina Osei spoke on Friday. She called the plan \"reckless.\"") == []
    assert direct("Lina Osei spoke on Friday. She said it was an \"honor to serve the "
                  "town.\"") == []
    assert direct("Lina Osei spoke on Friday. She said the ferry had \"run out of money "
                  "again.\"") == []


def test_opined_after_a_quotation_names_its_source() -> None:
    # '"A," opined the Harbor Gazette': an inverted verb of opinion, like "said"
    body = ("Critics piled on. \"Ferry riders should stay home this week,\" opined the Harbor "
            "Gazette.")
    [claim] = direct(body)
    assert claim.text == "Ferry riders should stay home this week"
    assert (claim.start, claim.end) == span(body, "Ferry riders should stay home this week")
    assert claim.speaker_name == "Harbor Gazette"


def test_a_name_in_quotation_marks_right_after_its_verb_is_a_fragment() -> None:
    # 'videos he calls "Harbor Watch TV"': title case, but the verb right before it names it;
    # never after "on", "with" or an owner ('an interview with "Harbor Morning"')
    body = ("Jonas Pike started filming in 2009. In his first dispatches, Pike wears a suit and "
            "tie in videos he calls \"Harbor Watch TV,\" pointing to the rusting cranes.")
    [claim] = indirect(body)
    text = "\"Harbor Watch TV,\" pointing to the rusting cranes"
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Jonas Pike"
    assert indirect("Jonas Pike spoke on Sunday in an interview with \"Harbor Morning.\"") == []


def test_a_fragment_said_in_a_relative_clause_ends_with_its_quotation() -> None:
    # 'what former dockers have called a "..." took a new turn': the main clause goes on
    # after the quotation, and is nobody's statement
    body = ("The long quarrel over whether the port fund is what former dockers have called a "
            "\"slush account for friends\" took a new turn on Monday when the auditor resigned.")
    [claim] = indirect(body)
    assert claim.text == "a \"slush account for friends\""
    assert (claim.start, claim.end) == span(body, "a \"slush account for friends\"")
    assert claim.cue == "have called"
    assert claim.speaker_role == "former dockers"


def test_the_name_opening_the_sentence_speaks_past_asides_holding_a_title() -> None:
    # 'Ada Brenn, the author of "Salt Roads," ..., said': the quoted title in the aside hid
    # the subject from the sentence rules
    body = ("Ada Brenn, the author of \"Salt Roads,\" a history of the harbor, said the days "
            "when the town had \"one shared newspaper\" are long gone.")
    [claim] = indirect(body)
    text = "the days when the town had \"one shared newspaper\" are long gone"
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Ada Brenn"


def test_the_plain_form_of_a_verb_after_they_reports_a_quoted_fragment() -> None:
    # 'They ask the board to make it clear "..."': "they", "we" and plurals take the plain
    # form, which the "-s"/"-ed" reading of any verb missed
    body = ("Two dozen fishing families signed the letter. They ask the harbor board to make "
            "it clear \"that such plans are unacceptable\" by voting them down.")
    [claim] = indirect(body)
    text = ("the harbor board to make it clear \"that such plans are unacceptable\" by voting "
            "them down")
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.cue == "ask"


def test_an_excerpt_after_a_headline_and_byline_is_no_direct_quotation() -> None:
    # a digest credits an article's text: '"Headline," by the Ledger's Ann Lee: "..."'
    body = ("CLOSING - \"Harbor bookshop to close in March,\" by the Ledger's Ann Lee: \"The "
            "Driftwood, a bookshop that opened in 1962, will close its doors in March after "
            "years of falling sales.\"")
    assert direct(body) == []
    # a speaker's own words after "by saying:" still are one
    [claim] = direct("Greta Moll explained the vote by saying: \"We asked the town to wait "
                     "one more year before it sells the old ferry.\"")
    assert claim.speaker_name == "Greta Moll"


def test_a_participle_after_a_clause_opening_on_a_pronoun_speaks_for_the_pronoun() -> None:
    # "Then he cut into the mayor, calling her "..."": the pronoun after "Then" is the subject
    body = ("Tomas Reyes took the stage after noon. Then he cut into the mayor, calling her "
            "\"a caretaker with no plan.\"")
    [claim] = indirect(body)
    text = "her \"a caretaker with no plan.\""
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert (claim.cue, claim.speaker_name) == ("calling", "Tomas Reyes")


def test_a_fragment_in_a_relative_aside_is_said_by_the_name_before_who() -> None:
    # 'Mayor Tomas Reyes - who previously said he would "..." - said ...': the aside's speaker
    # is the name before "who", and its statement ends with the aside
    body = ("Harbor Mayor Tomas Reyes - who previously said he would \"sell the ferries to the "
            "highest bidder\" - said on Saturday that the port should close.")
    claim = next(c for c in indirect(body) if c.text.startswith("he would"))
    text = "he would \"sell the ferries to the highest bidder\""
    assert claim.text == text
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Tomas Reyes"


def test_a_verb_followed_by_one_whole_quotation_gives_a_direct_quotation() -> None:
    # 'Moll supports "fair and steady pay raises,"': the words after the verb are all quoted
    body = ("The ferry union met the candidates on Monday. Greta Moll supports \"fair and "
            "steady pay raises,\" opposes \"any arbitrary freeze on wages\" and recalled the "
            "strike of 1998.")
    claim = direct(body)[0]
    assert claim.text == "fair and steady pay raises"
    assert (claim.start, claim.end) == span(body, "fair and steady pay raises")
    assert (claim.cue, claim.speaker_name) == ("supports", "Greta Moll")


def test_a_participle_of_speech_right_after_a_quotation_starts_a_second_claim() -> None:
    # '... "reckless and expensive," accusing the board of "..."': two statements
    body = ("Tomas Reyes spoke after the vote. He has called the port plan \"reckless and "
            "expensive,\" accusing the board of \"selling the harbor to its friends.\"")
    first, second = indirect(body)
    assert first.text == "the port plan \"reckless and expensive,\""
    text = "the board of \"selling the harbor to its friends.\""
    assert second.text == text
    assert (second.start, second.end) == span(body, text)
    assert (second.cue, second.speaker_name) == ("accusing", "Tomas Reyes")
