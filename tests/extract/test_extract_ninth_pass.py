"""Rules added so that found statements are pinned to the right speaker, and for direct
quotations missed or wrongly found on PolNeAR's train split (issue 18, ninth pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import direct, indirect


def test_adding_after_a_trailing_said_goes_on_with_that_speaker() -> None:
    # "A, X said, adding, "B"": the quotation is X's, not the words of whoever opens the
    # sentence ("Hale and Moreno ...")
    body = ("The council met on Monday.\n\n"
            "Hale and Moreno will meet again next week, Ostrander said, adding, \"They need to "
            "settle this before the budget.\"\n\n"
            "The well had run dry by June, Pilar Ossa said Tuesday, adding, \"Nobody came to "
            "fix it.\"")
    first, second = direct(body)
    assert first.text == "They need to settle this before the budget."
    assert first.speaker_name == "Ostrander"
    assert second.text == "Nobody came to fix it."
    assert second.speaker_name == "Pilar Ossa"
    # the subject of the sentence still speaks when nothing stands before "said"
    [only] = direct("Ostrander met Hale on Monday.\n\n"
                    "Hale shrugged, telling reporters, \"We will see.\"")
    assert only.speaker_name == "Hale"


def test_an_unattributed_quotation_belongs_to_the_name_opening_its_own_sentence() -> None:
    # the lead-in ends with a comma or a colon but holds no verb read as a cue: the person
    # opening that sentence speaks, not the subject of the sentence before
    body = ("Tomas Reyes met the board on Monday. Ada Lorne spoke first.\n\n"
            "In the spring, Lorne emphatically proclaimed at a town hall, \"I never moved "
            "any money from the fund to anyone.\"\n\n"
            "Reyes met the treasurer in May. Lorne answers Reyes with, \"Why now? That was "
            "on my way to Quito for the summit.\"")
    first, second = direct(body)
    assert first.text == "I never moved any money from the fund to anyone."
    assert first.speaker_name == "Ada Lorne"
    assert second.speaker_name == "Ada Lorne"
    # an opening word that names nobody is no speaker: the rule stays out
    [claim] = direct("Tomas Reyes met the board on Monday.\n\n"
                     "According to the Courier: \"The fund was never audited by anyone "
                     "from outside the county.\"")
    assert claim.speaker_name != "According"


def test_a_label_opening_the_next_paragraph_does_not_continue_the_quotation_before() -> None:
    # '"Containment" has been ...': a quoted word opening a paragraph after a quotation is a
    # label, unless it closes on a stop or a comma as an utterance does
    body = ("Ada Lorne said: \"We will not contain the flooding, we will stop it.\"\n\n"
            "\"Containment\" has been the county's policy since the dam was built in 1961.\n\n"
            "\"Related:\" stories about the dam ran all week.")
    [claim] = direct(body)
    assert claim.text == "We will not contain the flooding, we will stop it."
    # a whole utterance opening the next paragraph still goes on with the speaker
    body = ("Ada Lorne said: \"We will not contain the flooding.\"\n\n"
            "\"We will stop it before the spring rains come to the valley.\"")
    first, second = direct(body)
    assert second.speaker_name == "Ada Lorne"


def test_a_sentence_head_name_reads_on_past_an_initial_and_drops_a_possessive() -> None:
    # "Harry M. Reid" opening a sentence once registered a second person "Harry M", whom
    # "the senator" then meant; "Mr. Ames's speech" registered "Ames's"
    body = ("The vote was close on Tuesday.\n\n"
            "Harry M. Reid spoke after the vote. \"I just think it is the worst thing done "
            "by this body in years,\" the senator said.\n\n"
            "Ivo T. Brandt's speech came next. \"We will try again in the spring,\" the "
            "senator said.")
    first, second = direct(body)
    assert first.speaker_name == "Harry M. Reid"
    assert second.speaker_name == "Ivo T. Brandt"


def test_that_said_opening_a_sentence_is_no_speech_cue() -> None:
    # "That said," reports nobody: the statement after it belongs to its own subject
    body = ("The county poll was taken in March.\n\n"
            "That said, young renters say they believe owning a home will take decades.")
    [claim] = indirect(body)
    assert claim.text == "they believe owning a home will take decades"
    assert claim.speaker_name is None
    assert claim.speaker_role == "young renters"


def test_a_cue_before_a_colon_introduces_the_next_quotation_not_the_one_before() -> None:
    # '"B." Reyes added: "C."': Reyes speaks C; B goes on with the speaker of A
    body = ("The board met on Monday.\n\n"
            "\"It expresses a deep resentment of the county board,\" Ada Lorne wrote on "
            "Friday. \"It is born of fear and economic insecurity.\" Mr. Reyes added: \"The "
            "board becomes the villain of every story, which it should not be.\"")
    first, second = direct(body)
    assert first.speaker_name == "Ada Lorne"
    assert first.text.endswith("It is born of fear and economic insecurity.")
    assert second.text == "The board becomes the villain of every story, which it should not be."
    assert second.speaker_name == "Reyes"


def test_a_capitalised_body_after_the_is_its_own_source_not_the_latest_person() -> None:
    # "The Associated Press reported", "The Islamic State said": a named body, not a
    # description of the person quoted before
    body = ("Mayor Ada Lorne spoke on Monday.\n\n"
            "The Valley Press reported that the levee had failed twice in March.\n\n"
            "The Islamic State said the two men were its followers.\n\n"
            "The Florida Senator said the levee was unsafe.\n\n"
            "The Marsh Center for Justice noted that repairs had cost $2 million.")
    first, second, third, fourth = indirect(body)
    assert first.speaker_name == "Valley Press"
    assert second.speaker_name == "Islamic State"
    # a capitalised title is still a description of a person met before
    assert third.speaker_name == "Ada Lorne"
    # a person noun after "for" or "of" names what the body is for
    assert fourth.speaker_name == "Marsh Center for Justice"
