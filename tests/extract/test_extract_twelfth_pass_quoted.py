"""Rules added for quoted statements with a named source that no claim found on PolNeAR's
train split (issue 18, twelfth pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import direct, indirect, span


def test_a_speech_participle_opens_a_second_statement_holding_the_quotation() -> None:
    # 'denied the report through an aide, dismissing X as "..."': the first statement holds no
    # quotation, the second one does; both are the mayor's
    body = ("Mayor Tom Brink denied the report through an aide, dismissing Ollie Dane as "
            "\"a bitter former clerk.\"")
    claims = indirect(body)
    assert [(c.text, c.cue, c.speaker_name) for c in claims] == [
        ("the report through an aide", "denied", "Tom Brink"),
        ("Ollie Dane as \"a bitter former clerk.\"", "dismissing", "Tom Brink"),
    ]
    assert (claims[1].start, claims[1].end) == span(
        body, "Ollie Dane as \"a bitter former clerk.\"")
    # "and" or "but" before a past speech verb opens it too
    body = ("Ada Fenn said she did not own the barges to polish her name, but agreed that the "
            "fleet had \"some advertising value.\"")
    claims = indirect(body)
    assert [(c.text, c.cue) for c in claims] == [
        ("she did not own the barges to polish her name", "said"),
        ("the fleet had \"some advertising value.\"", "agreed"),
    ]
    assert claims[1].speaker_name == "Ada Fenn"


def test_a_participle_right_after_a_quotation_speaks_for_the_sentence_subject() -> None:
    # 'X said the system was "broken," noting that it is "..."': the comma before the
    # participle stands inside the closing mark
    body = ("Mr. Tom Vale said of the episode, \"I do not like it,\" adding that \"they have a "
            "rage that is unreal.\"")
    claims = direct(body)
    assert [(c.text, c.speaker_name) for c in claims] == [
        ("I do not like it", "Tom Vale"),
        ("they have a rage that is unreal.", "Tom Vale"),
    ]
    assert (claims[1].start, claims[1].end) == span(body, "they have a rage that is unreal.")
    body = ("Senator Ada Fenn said the court system was \"broken,\" noting that it is \"very odd "
            "that a bank paying huge fines sees no one charged.\"")
    claims = indirect(body)
    text = "it is \"very odd that a bank paying huge fines sees no one charged.\""
    assert [(c.text, c.speaker_name) for c in claims] == [
        ("the court system was \"broken,\"", "Ada Fenn"),
        (text, "Ada Fenn"),
    ]
    assert (claims[1].start, claims[1].end) == span(body, text)
    # an inverted verb after the quotation attributes it, not a later fragment
    assert [c.text for c in indirect(
        "\"We ask the questions,\" said Tomas Reyes, whose new book profiles mayors and "
        "\"stubborn\" farmers.")] == []


def test_verbs_no_cue_lists_carry_a_quoted_fragment() -> None:
    # 'thanked X "for ..."', 'identified Y as "..."', 'citing "..." as': the quotation vouches
    # for speech after a verb of thanking, naming or citing
    body = "Ada Fenn spoke on Sunday. She thanked the nurses \"for their support in my campaign\"."
    [claim] = indirect(body)
    text = "the nurses \"for their support in my campaign\""
    assert (claim.text, claim.cue, claim.speaker_name) == (text, "thanked", "Ada Fenn")
    assert (claim.start, claim.end) == span(body, text)
    [claim] = indirect("Ted Marsh rounded out the list, citing \"Harbor Nights\" as his guilty "
                       "pleasure.")
    assert (claim.text, claim.cue, claim.speaker_name) == (
        "\"Harbor Nights\" as his guilty pleasure", "citing", "Ted Marsh")


def test_the_name_alone_before_a_participle_comma_speaks_the_quotation() -> None:
    # 'Mr. Vale, citing "...," said': the participle's subject is the name opening the
    # sentence, right before its comma
    body = "Mr. Tom Vale, citing \"the rare charm of Olsen,\" said the mayor could win."
    [claim] = direct(body)
    assert (claim.text, claim.cue, claim.speaker_name) == (
        "the rare charm of Olsen", "citing", "Tom Vale")
    assert (claim.start, claim.end) == span(body, "the rare charm of Olsen")


def test_a_comma_a_speaker_and_a_speech_verb_open_a_statement_of_their_own() -> None:
    # 'pegged it at $2.9 billion, which X called "..."': the relative clause is X's statement,
    # ending with its quotation
    body = ("Forbes says the firm is worth $4 billion. The Ledger pegged it at $2.9 billion, "
            "which Mr. Tom Vale called \"a disgrace,\" blaming Ada Fenn.")
    claims = indirect(body)
    assert [(c.text, c.cue, c.speaker_name) for c in claims][1:] == [
        ("it at $2.9 billion", "pegged", "Ledger"),
        ("\"a disgrace,\"", "called", "Tom Vale"),
    ]
    assert (claims[2].start, claims[2].end) == span(body, "\"a disgrace,\"")
    # 'After X argued that A, Y said only that B': Y says B
    body = ("After Ada Fenn argued that ferries should be cut but paid for with money saved "
            "from the harbor budget, Tom Vale said only that her \"numbers do not add up.\"")
    claims = indirect(body)
    text = "her \"numbers do not add up.\""
    assert [(c.text, c.speaker_name) for c in claims][1:] == [(text, "Tom Vale")]
    assert (claims[1].start, claims[1].end) == span(body, text)
    # 'X, who says A, tweeted that B': the sentence subject says both
    body = ("Ted Marsh, who says the town should hire more guards, tweeted that the mayor's plan "
            "\"will not stop a single burglar.\"")
    claims = indirect(body)
    assert [(c.text, c.cue, c.speaker_name) for c in claims] == [
        ("the town should hire more guards", "says", "Ted Marsh"),
        ("the mayor's plan \"will not stop a single burglar.\"", "tweeted", "Ted Marsh"),
    ]


def test_a_study_or_an_analyst_that_found_carries_a_quoted_fragment() -> None:
    # 'A 2019 audit by X found that riders were "..."': findings quoted from a source
    body = ("A 2019 audit by the Harbor Institute found that ferry riders were \"deeply "
            "frustrated\" with delays.")
    [claim] = indirect(body)
    text = "ferry riders were \"deeply frustrated\" with delays"
    assert (claim.text, claim.cue, claim.speaker_name) == (text, "found", "Harbor Institute")
    assert (claim.start, claim.end) == span(body, text)


def test_a_dash_before_and_or_before_and_an_adverb_open_a_second_quoted_statement() -> None:
    # '... - "..." - and promised to ...', '... "..." before claiming that ...', '... and
    # pointedly saying ...': each statement has its quotation, and the second is a claim
    body = ("Ada Fenn praised the old harbor plan - \"the best deal in our history\" - and "
            "promised to put Tom Vale in charge because \"he knows boats.\"")
    claims = indirect(body)
    text = "to put Tom Vale in charge because \"he knows boats.\""
    assert [(c.text, c.cue, c.speaker_name) for c in claims][1:] == [
        (text, "promised", "Ada Fenn")]
    assert (claims[1].start, claims[1].end) == span(body, text)
    claims = indirect("Ted Marsh said the vote had \"kept us safe\" before claiming that open "
                      "ferries are \"ruining the town.\"")
    assert [(c.text, c.cue) for c in claims] == [
        ("the vote had \"kept us safe\"", "said"),
        ("open ferries are \"ruining the town.\"", "claiming"),
    ]
    # the same statement is claimed once
    claims = indirect("Tom Vale kept up his attack, mocking the \"Mission Done\" speech and "
                      "pointedly saying the town was not \"safe\" under the mayor.")
    assert [(c.text, c.cue, c.speaker_name) for c in claims] == [
        ("the \"Mission Done\" speech", "mocking", "Tom Vale"),
        ("the town was not \"safe\" under the mayor", "saying", "Tom Vale"),
    ]


def test_a_name_in_marks_close_after_any_verb_of_a_speaker_is_a_fragment() -> None:
    # 'He rails against its "Great Wall of ..."': title case, but the speaker's own label;
    # never after the noun of a work, nor in the headline
    body = "Tom Vale spoke on Monday. He rails against its \"Great Wall of Red Tape\" every week."
    [claim] = indirect(body)
    text = "against its \"Great Wall of Red Tape\" every week"
    assert (claim.text, claim.cue, claim.speaker_name) == (text, "rails", "Tom Vale")
    assert (claim.start, claim.end) == span(body, text)
    assert indirect("Tom Vale is a radio host. He hosts the podcast \"Tide Talk\" every "
                    "week.") == []
    assert indirect("Vale rails against its \"Great Wall of Red Tape\".\n\nTom Vale spoke on "
                    "Monday.") == []


def test_the_verb_after_a_catenative_one_carries_the_quotation() -> None:
    # 'She is trying to convince the judges that ... "..."': the subject before "is trying to"
    # speaks through the verb after it
    body = ("Ada Fenn spoke first. She is trying to convince the judges that the town should "
            "bring back the \"quiet week\" before the vote.")
    [claim] = indirect(body)
    text = "the judges that the town should bring back the \"quiet week\" before the vote"
    assert (claim.text, claim.cue, claim.speaker_name) == (
        text, "is trying to convince", "Ada Fenn")
    assert (claim.start, claim.end) == span(body, text)


def test_a_quotation_running_past_its_sentence_is_still_a_fragment() -> None:
    # 'to demand rich towns "pay their share. My plan would ..."': the quotation holds two
    # sentences; the statement ends with it
    body = ("Tom Vale spoke last. He used the question to demand rich towns \"pay their share "
            "of the fund. My plan would lift the cap for everyone.\"")
    [claim] = indirect(body)
    text = ("rich towns \"pay their share of the fund. My plan would lift the cap for "
            "everyone.\"")
    assert (claim.text, claim.speaker_name) == (text, "Tom Vale")
    assert (claim.start, claim.end) == span(body, text)


def test_more_nouns_of_speech_owned_by_their_speaker_carry_a_quotation() -> None:
    # "Vale's sharp rejection of "..."": a rejection, a response, a broadside are speech too
    body = "It was Mr. Tom Vale's sharp rejection of \"a politics of fear\" that won the hall."
    [claim] = direct(body)
    assert (claim.text, claim.cue, claim.speaker_name) == (
        "a politics of fear", "rejection", "Tom Vale")
    assert (claim.start, claim.end) == span(body, "a politics of fear")


def test_instead_or_further_between_a_speaker_and_any_verb_is_skipped() -> None:
    # 'She has instead shaped her agenda around plans to "..."': an adverb, like "also"
    body = ("Ada Fenn spoke first. She has instead shaped her agenda around plans to \"build on "
            "the progress\" of the old council.")
    [claim] = indirect(body)
    text = "her agenda around plans to \"build on the progress\" of the old council"
    assert (claim.text, claim.cue, claim.speaker_name) == (text, "shaped", "Ada Fenn")
    assert (claim.start, claim.end) == span(body, text)
