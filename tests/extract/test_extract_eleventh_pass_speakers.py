"""Speaker rules added for statements found with no speaker or a wrong one on PolNeAR's
train split (issue 18, eleventh pass, speakers).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import direct, indirect, span


def test_a_sentence_opener_is_never_a_speaker_name() -> None:
    # "Another said", "That suggests": a quantifier or a pointer opening the sentence names
    # nobody; the statement stays, with no speaker
    body = ("Some in the hall booed loudly when the vote was read. Another said the board "
            "had ignored the petition.\n\n"
            "The port has lost money for three years. That suggests a lack of trust in the "
            "board.")
    claims = indirect(body)
    another = next(c for c in claims if c.text == "the board had ignored the petition")
    assert (another.start, another.end) == span(body, "the board had ignored the petition")
    assert another.speaker_name is None
    assert all(c.speaker_name not in ("Another", "That", "Some") for c in claims)


def test_a_contracted_pronoun_refers_back() -> None:
    # "He's said": the pronoun and its auxiliary, resolved like "he said"
    body = ("Tomas Reyes said on Monday that the port is safe. He's said the new tides chart "
            "is wrong about the channel.")
    claim = next(c for c in indirect(body)
                 if c.text == "the new tides chart is wrong about the channel")
    assert claim.kind == "indirect"
    assert claim.speaker_name == "Tomas Reyes"


def test_the_person_before_of_and_a_place_speaks() -> None:
    # "Rep. Ada Lorne of New York": the person, not the place's last word
    body = ("Republican Rep. Ada Lorne of New York, a port supporter, said the levy will help "
            "both towns.")
    [claim] = indirect(body)
    assert claim.text == "the levy will help both towns"
    assert claim.speaker_name is not None and "Ada Lorne" in claim.speaker_name


def test_the_name_right_before_a_cue_that_ends_the_lead_in() -> None:
    # the subject rules could not cut the lead-in: a clause opens right before the name
    # ("so heated that", ", and then", "after X, asked about it, had said"), or the
    # appositive after the name lacks its closing comma
    body = ("The hearing grew so tense that Harbour Gov. Ada Lorne was prompted to say, "
            "\"So far, I cannot believe how polite it has been in here.\"\n\n"
            "The crowd cheers, and then Wallner continues: \"This dock has a gift for "
            "the work of trade and it will prosper.\"\n\n"
            "Tomas Reyes, president and CEO of the Ohio Grocers Association stated, \"It is not a "
            "political problem; it is a math problem.\"\n\n"
            "The vote was close. As the Harbour Herald reported, \"The mayor would win, and "
            "handily, if the vote were held today.\"")
    claims = direct(body)
    texts = {c.text: c for c in claims}
    polite = texts["So far, I cannot believe how polite it has been in here."]
    assert (polite.start, polite.end) == span(
        body, "So far, I cannot believe how polite it has been in here.")
    assert polite.speaker_name is not None and "Ada Lorne" in polite.speaker_name
    assert texts["This dock has a gift for the work of trade and it will prosper."
                 ].speaker_name == "Wallner"
    math = texts["It is not a political problem; it is a math problem."]
    assert math.speaker_name == "Tomas Reyes"
    assert math.speaker_role == "president and CEO of the Ohio Grocers Association"
    assert texts["The mayor would win, and handily, if the vote were held today."
                 ].speaker_name == "Harbour Herald"


def test_a_refusal_to_say_keeps_its_subject() -> None:
    # "X isn't saying", "X refused to say": the subject is X, not "X isn't"
    body = ("Tomas Reyes spoke to the guild on Monday.\n\n"
            "Tomas Reyes isn't saying what other fees he would support at the port.\n\n"
            "Ada Lorne refused to say whether she would back the new levy on the port.")
    claims = {c.text: c for c in indirect(body)}
    fees = claims["what other fees he would support at the port"]
    assert fees.speaker_name == "Tomas Reyes"
    assert (fees.start, fees.end) == span(body, "what other fees he would support at the port")
    assert claims["whether she would back the new levy on the port"].speaker_name == "Ada Lorne"


def test_a_news_service_speaks_whatever_its_verb() -> None:
    # "CNN declared", "AP says": the service the lexicon knows is the source, as after
    # "reported"
    body = ("The count was close all night. AP says Reyes has 1,061 delegates, including 38 "
            "super delegates.\n\n"
            "The result came late. CNN declared the governor the winner of the primary.")
    claims = {c.text: c for c in indirect(body)}
    assert claims["Reyes has 1,061 delegates, including 38 super delegates"
                  ].speaker_name == "AP"
    assert claims["the governor the winner of the primary"].speaker_name == "CNN"


def test_a_quotation_going_on_after_a_report_takes_its_speaker() -> None:
    # "X said A but added, "B"", "X described A as "C," adding: "B"", 'X stated A. Adding,
    # "B."': the quotation goes on with the reported claim's speaker
    body = ("Appearing before supporters at the hall, Ada Lorne, 70, said it was too early to "
            "celebrate but added, \"We will keep the doors open for everyone.\"\n\n"
            "In the email, Tomas Reyes described the move as a \"major breach of trust,\" "
            "adding: \"This is not how a board should treat its members.\"\n\n"
            "Later in the show, Ines Duarte stated that the audit \"was not good.\" Adding, "
            "\"Like all these scandals, it is the handling that hurts.\"")
    claims = {c.text: c for c in direct(body)}
    doors = claims["We will keep the doors open for everyone."]
    assert doors.speaker_name == "Ada Lorne"
    assert (doors.start, doors.end) == span(body, "We will keep the doors open for everyone.")
    assert claims["This is not how a board should treat its members."
                  ].speaker_name == "Tomas Reyes"
    assert claims["Like all these scandals, it is the handling that hurts."
                  ].speaker_name == "Ines Duarte"


def test_a_clause_with_a_participle_cue_or_a_statement_names_its_speaker() -> None:
    # "X, clearly tired, answered ..., saying, "A"", "And then X went on the attack,
    # saying, "B"", "Hours later, X issued a statement: "C"": the clause's named subject;
    # never a possessor ("X's right-hand man rallied the crowd, saying" is the man)
    body = ("Ada Lorne, clearly tired, answered the heckler with a wave, saying, \"I am so "
            "sick of the lies about the port.\"\n\n"
            "And then Tomas Reyes went fully on the attack, saying, \"Is the mayor going to "
            "mention the flood at all?\"\n\n"
            "Immediately after the storm, Ines Duarte issued a statement, \"Last night, our "
            "town was hit by a terrible flood.\"\n\n"
            "Ines Duarte's right-hand man rallied the crowd, saying: \"We have to be ready "
            "to stop him.\"")
    claims = {c.text: c for c in direct(body)}
    sick = claims["I am so sick of the lies about the port."]
    assert sick.speaker_name == "Ada Lorne"
    assert (sick.start, sick.end) == span(body, "I am so sick of the lies about the port.")
    assert claims["Is the mayor going to mention the flood at all?"
                  ].speaker_name == "Tomas Reyes"
    assert claims["Last night, our town was hit by a terrible flood."
                  ].speaker_name == "Ines Duarte"
    assert claims["We have to be ready to stop him."].speaker_name != "Ines Duarte"


def test_the_subject_follows_a_lone_opener() -> None:
    # "For months, X has ..., arguing": the subject follows the opener's comma
    body = ("For months, Ada Lorne has been on the sidelines of the port fight, arguing she "
            "did not want to tip the scales.")
    [claim] = indirect(body)
    assert claim.speaker_name == "Ada Lorne"
    assert (claim.start, claim.end) == span(body, "she did not want to tip the scales")


def test_a_place_closing_an_aside_is_not_the_subject() -> None:
    # "X, speaking at a rally in Bayport, West Virginia, did not mention": X, not the place
    body = ("Tomas Reyes, speaking later at a rally in Bayport, West Virginia, did not mention "
            "the levy directly in his speech.")
    [claim] = indirect(body)
    assert claim.text == "the levy directly in his speech"
    assert claim.speaker_name == "Tomas Reyes"


def test_a_verb_coordinated_in_a_subordinate_clause_takes_its_subject() -> None:
    # "The crowd cheered when X spotted a sign and asked": the subordinate clause's subject
    body = ("The harbour crowd cheered when Ines Duarte spotted a sign in the crowd and asked "
            "it to be fetched for her.")
    [claim] = indirect(body)
    assert claim.text == "it to be fetched for her"
    assert claim.speaker_name == "Ines Duarte"


def test_a_title_case_dateline_is_not_the_subject() -> None:
    # "Bayport (AFP) - X has ..., saying": the wire's dateline opens the sentence, X speaks
    body = ("Lorne swipes at rival.\n\n"
            "Bayport (AFP) - Mayor Ada Lorne has taken a swipe at her rival over the port, "
            "saying that bombastic comments do more harm than good.")
    [claim] = indirect(body)
    assert claim.text == "bombastic comments do more harm than good"
    assert claim.speaker_name == "Ada Lorne"


def test_by_opens_a_phrase_not_a_subject() -> None:
    # "By the end of the day, X was forced ... and said": X, not whoever spoke before
    body = ("Ada Lorne called the remark racist on Monday.\n\n"
            "By the end of the day, Mr. Reyes was forced into a rare moment of damage control "
            "and said his words had been misread by all.")
    claim = next(c for c in indirect(body) if c.text == "his words had been misread by all")
    assert claim.speaker_name == "Reyes"


def test_a_possessor_description_never_falls_back_to_the_latest_person() -> None:
    # "Cameron's spokesman said": someone the article has not named, not whoever spoke last
    body = ("\"I am not stupid, okay,\" Tomas Reyes said on Friday.\n\n"
            "Lorne's spokesman said the mayor stood by her original comments.")
    claim = next(c for c in indirect(body)
                 if c.text == "the mayor stood by her original comments")
    assert claim.speaker_name is None
    assert claim.speaker_role == "Lorne's spokesman"


def test_a_possessor_at_the_head_of_a_sentence_is_not_the_speaker() -> None:
    # "X's right-hand woman rallied supporters, saying": the woman, whom the article does not
    # name, speaks; "X's campaign" or "X's email" would stay X's
    body = ("Port news.\n\n"
            "In response to the plan to close the docks, Ada Lorne's right-hand woman rallied "
            "supporters, saying: \"We have to be ready to stop him.\"")
    [claim] = direct(body)
    assert claim.text == "We have to be ready to stop him."
    assert claim.speaker_name is None or "Lorne" not in claim.speaker_name


def test_rev_is_a_title_before_the_name() -> None:
    # '"A," said Rev. X, then pastor at ...': the full stop of "Rev." does not end the
    # subject, and the title is no part of the name
    body = ("Harbour news.\n\n"
            "\"When that group said we might be good, that ignited something,\" said Rev. Tomas "
            "Reyes, then senior pastor at Harbour Church.")
    [claim] = direct(body)
    assert claim.text == "When that group said we might be good, that ignited something"
    assert claim.speaker_name == "Tomas Reyes"


def test_a_quotation_inside_a_reported_clause_takes_its_subject() -> None:
    # 'X said that "dock people" "do a fantastic job."': the quotations stand in X's reported
    # content; a label inside a longer content ('as "top secret"') takes no speaker this way
    body = ("Port news.\n\n"
            "Ada Lorne said that \"dock people\" \"do a fantastic job. And it is so important "
            "for the town.\"")
    claims = {c.text: c for c in direct(body)}
    job = claims["do a fantastic job. And it is so important for the town."]
    assert job.speaker_name == "Ada Lorne"
    assert (job.start, job.end) == span(
        body, "do a fantastic job. And it is so important for the town.")


def test_the_sentence_before_names_its_speaker_behind_an_open_appositive() -> None:
    # 'X, the director of ... said in a statement. "A."': the quotation after it is X's
    body = ("Port news.\n\n"
            "The count was close. Tomas Reyes, the communications director for the Harbour "
            "Port Authority said in a statement. \"There are no paper ballots to recount in "
            "this county at all.\"")
    [claim] = direct(body)
    assert claim.text == "There are no paper ballots to recount in this county at all."
    assert claim.speaker_name == "Tomas Reyes"


def test_a_headline_verb_is_never_part_of_a_speaker_name() -> None:
    # a headline "Does Reyes Stand a Chance?" introduces Reyes, not "Does Reyes"
    body = ("Does Reyes Stand a Chance in Bayport?\n\n"
            "The guild met on Monday. Reyes said the port would reopen within a month.")
    claim = next(c for c in indirect(body) if c.text == "the port would reopen within a month")
    assert claim.speaker_name == "Reyes"


def test_an_adverb_or_a_headline_verb_never_opens_a_name() -> None:
    # "Later Reyes said": the adverb opens the clause; the speaker is Reyes
    body = ("Port news.\n\n"
            "Like Reyes, the mayor opposed the levy on the docks. Later Reyes said the port "
            "would reopen within a month.")
    claim = next(c for c in indirect(body) if c.text == "the port would reopen within a month")
    assert claim.speaker_name == "Reyes"


def test_a_lone_conjunction_is_never_a_speaker() -> None:
    # "Or maybe Duarte, consultant Ada Lorne says. "A."": the sentence's head "Or" is no one
    body = ("Port news.\n\n"
            "At this point, that alternative may be Reyes. Or maybe Duarte, digital consultant "
            "Ada Lorne says. \"Several surveys and direct feedback suggest a second look is "
            "coming.\"")
    claim = next(c for c in direct(body) if c.text.startswith("Several surveys"))
    assert claim.speaker_name != "Or"


def test_a_participle_without_a_comma_speaks_for_the_named_subject() -> None:
    # "X opened the ninth debate saying A": no comma before the participle, and the words
    # before it are a clause, not a subject; the sentence's named subject speaks
    body = ("Port news.\n\n"
            "Tomas Reyes started out the ninth debate saying the mayor has the qualifications "
            "to lead the port.")
    [claim] = indirect(body)
    assert claim.text == "the mayor has the qualifications to lead the port"
    assert claim.speaker_name == "Tomas Reyes"


def test_a_capitalised_role_word_opening_a_sentence_is_not_part_of_the_name() -> None:
    # "Comedian Ada Lorne said": the name is Ada Lorne, the role word describes her
    body = ("Port news.\n\n"
            "Comedian Ada Lorne said the harbour crowd had been far too polite all night.")
    [claim] = indirect(body)
    assert claim.speaker_name == "Ada Lorne"
    assert claim.speaker_role == "Comedian"
