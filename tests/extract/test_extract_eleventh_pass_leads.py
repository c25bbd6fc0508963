"""Rules added for quotations lost to the clause before them or to a noun read as a verb
(issue 18, eleventh pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import direct, indirect


def test_a_dash_closes_the_clause_before_the_quotations_subject() -> None:
    # the subordinate clause and its aside come first; the subject after the second dash
    # introduces the quotation, and the clause before is a statement of its own
    body = ("When Lorne noted that the mayor had not paid the levy for years \u2014 as the "
            "ledgers later showed \u2014 Reyes shot back, \u201cThat makes me careful.\u201d "
            "The hall went quiet.")
    [quote] = direct(body)
    assert (quote.text, quote.speaker_name) == ("That makes me careful.", "Reyes")
    [reported] = indirect(body)
    assert reported.speaker_name == "Lorne"
    assert reported.text == ("the mayor had not paid the levy for years \u2014 as the "
                             "ledgers later showed")


def test_a_statement_before_a_quotations_subject_after_a_comma_is_kept() -> None:
    body = ("When Lorne noted that the mayor had not paid the levy for years, Reyes shot "
            "back, \"That makes me careful.\"")
    [reported] = indirect(body)
    assert (reported.text, reported.speaker_name) == (
        "the mayor had not paid the levy for years", "Lorne")
    assert [c.speaker_name for c in direct(body)] == ["Reyes"]


def test_a_delegate_is_titled_like_a_representative() -> None:
    body = ("The committee met on Monday.\n\n"
            "\"This hearing is a waste of everyone's time. It is hurting this committee,\" "
            "said Del. Ines Duarte of the Harbour Islands.")
    [quote] = direct(body)
    assert quote.text == ("This hearing is a waste of everyone's time. It is hurting this "
                          "committee")
    assert quote.speaker_name is not None and quote.speaker_name.endswith("Ines Duarte")


def test_a_verb_of_speech_after_a_determiner_is_a_noun() -> None:
    # "states" in "one of the states suing" is no cue: the quotation keeps its attribution
    body = ("Several states sued the agency.\n\n"
            "\u201cIt is an intrusion, in our view, on the county's own rules,\u201d Ada "
            "Lorne, the attorney general of Westland, one of the states suing the agency, "
            "said at a forum this month.")
    [quote] = direct(body)
    assert quote.speaker_name == "Ada Lorne"
    assert quote.text == "It is an intrusion, in our view, on the county's own rules"
    assert indirect(body) == []


def test_no_nothing_and_little_open_a_clause_when_a_verb_follows() -> None:
    body = ("The board met on Monday.\n\n"
            "A lawyer for the two papers, Ines Duarte, said no decision had been made about "
            "an appeal.\n\n"
            "Ada Lorne said nothing would change before the vote in May.\n\n"
            "Tomas Reyes said nothing about the levy on Monday.")
    claims = {c.text: c.speaker_name for c in indirect(body)}
    assert claims == {"no decision had been made about an appeal": "Ines Duarte",
                      "nothing would change before the vote in May": "Ada Lorne"}


def test_a_digest_excerpt_after_a_byline_is_nobodys_quotation() -> None:
    # the name closing the colon lead-in is the excerpt's reporter, not a speaker
    body = ("HARBOUR BEAT\u2014\"Ferry to stop at the north pier,\" by the Ledger's Ines "
            "Duarte: \"The ferry will stop at the north pier from May, the port said on "
            "Monday. The change adds ten minutes to the crossing.\"")
    assert direct(body) == []
