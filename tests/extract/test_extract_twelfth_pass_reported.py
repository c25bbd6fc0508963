"""Reported-speech rules added for cue shapes still missed on PolNeAR's train split (issue 18,
twelfth pass, reported speech).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import indirect, span


def test_a_speech_verb_in_the_infinitive_reports_its_object() -> None:
    # "X used her speech to call for A", "X went on to criticize A", "X was not willing to
    # say A": the clause's subject says what the infinitive reports; not after an empty
    # subject
    body = ("Mayor Ada Lorne used her victory speech to call for a new bridge across the "
            "bay.\n\n"
            "Tomas Reyes went on to criticize the port board for its handling of the dredging "
            "deal.\n\n"
            "It is still too early to say whether the levy will pass in the spring.")
    claims = indirect(body)
    texts = {c.text: c for c in claims}
    bridge = texts["a new bridge across the bay"]
    assert bridge.speaker_name == "Ada Lorne"
    assert (bridge.start, bridge.end) == span(body, "a new bridge across the bay")
    board = texts["the port board for its handling of the dredging deal"]
    assert board.speaker_name == "Tomas Reyes"
    assert not any("levy will pass" in c.text for c in claims)


def test_that_before_a_finite_verb_is_the_reported_clause_s_subject() -> None:
    # "experts said that is unlikely": "that" is the clause's subject, not a conjunction
    body = ("Two harbour engineers said that is highly unlikely before the spring.\n\n"
            "Tomas Reyes says that won't happen again.")
    texts = {c.text: c for c in indirect(body)}
    assert "that is highly unlikely before the spring" in texts
    claim = texts["that won't happen again"]
    assert claim.speaker_name == "Tomas Reyes"
    assert (claim.start, claim.end) == span(body, "that won't happen again")


def test_a_participle_after_a_dash_speaks_for_the_sentence_subject() -> None:
    # "X flipped his pick - saying A": the dash stands for the participle's comma
    body = ("Ada Lorne changed her pick on the spot - saying she had backed the Hawks but "
            "would now cheer for the Owls.")
    claim = next(c for c in indirect(body) if c.text.startswith("she had backed"))
    assert claim.speaker_name == "Ada Lorne"
    assert claim.text == "she had backed the Hawks but would now cheer for the Owls"


def test_a_group_or_described_source_may_call_for_urge_or_criticize() -> None:
    # "a group of rabbis called for A", "some backers urged B", "both rivals criticized C":
    # a described source keeps a stance verb's claim (no named speaker); a participle in an
    # appositive ("a book calling for A") still reports nothing
    body = ("Before the vote, a group of harbour pilots called for a full audit of the port "
            "books.\n\n"
            "On Wednesday, some of Reyes' backers urged him not to give up the seat.\n\n"
            "Both of the mayor's remaining rivals criticized her handling of the ferry "
            "contract.\n\n"
            "Ada Lorne, author of a book calling for lower ferry fares, spoke at the guild.")
    claims = indirect(body)
    texts = {c.text: c for c in claims}
    audit = texts["a full audit of the port books"]
    assert audit.speaker_name is None
    assert (audit.start, audit.end) == span(body, "a full audit of the port books")
    assert "him not to give up the seat" in texts
    assert "her handling of the ferry contract" in texts
    assert not any("lower ferry fares" in c.text for c in claims)


def test_a_subordinate_clause_after_an_introductory_phrase_ends_at_its_comma() -> None:
    # "In a debate, while rivals called for A, X hewed to B, noting C": A ends at the comma and
    # the main clause reports C for X
    body = ("In a spring debate, while most of his rivals called for a bigger effort to dredge "
            "the harbour, Reyes hewed to the mayor's plan, noting that the river and the bay "
            "are different.")
    texts = {c.text: c for c in indirect(body)}
    assert "a bigger effort to dredge the harbour" in texts
    assert texts["the river and the bay are different"].speaker_name == "Reyes"


def test_a_label_before_a_second_subject_s_clause_is_a_claim_of_its_own() -> None:
    # 'X called the levy "theft" on Tuesday, and some aldermen have called for A': the label
    # keeps X as its speaker
    body = ('Tomas Reyes called the levy "theft" in a post on Tuesday, and a few harbour '
            "aldermen have called for a new audit of the port books before the vote.")
    texts = {c.text: c for c in indirect(body)}
    assert texts['the levy "theft"'].speaker_name == "Tomas Reyes"
    assert "a new audit of the port books before the vote" in texts


def test_a_time_between_reported_and_its_clause() -> None:
    # "X reported Saturday that A", "X also reported last month A": the time is no object
    body = ("The Harbour Gazette reported Saturday that the ferry line would close for the "
            "winter.\n\n"
            "The Coast Ledger also reported last month the mayor had asked the port to "
            "lower its fees.")
    texts = {c.text: c for c in indirect(body)}
    ferry = texts["the ferry line would close for the winter"]
    assert ferry.speaker_name == "Harbour Gazette"
    assert (ferry.start, ferry.end) == span(body, "the ferry line would close for the winter")
    assert texts["the mayor had asked the port to lower its fees"].speaker_name == "Coast Ledger"


def test_a_sentence_case_headline_on_the_first_line_reports_its_statement() -> None:
    # "Reyes calls levy 'theft,' but backs it;": the newspaper's first line, no full stop
    body = ("Reyes calls harbour levy 'theft,' but backs it; \n"
            "Criticism within the guild drives mayor to say remarks were misread.\n\n"
            "Tomas Reyes spoke to the guild on Friday.")
    claims = indirect(body)
    claim = next(c for c in claims if "theft" in c.text)
    assert claim.text == "harbour levy 'theft,' but backs it"
    assert claim.speaker_name == "Tomas Reyes"
    assert (claim.start, claim.end) == span(body, "harbour levy 'theft,' but backs it")


def test_a_question_opening_the_sentence_is_reported_without_a_speech_verb() -> None:
    # "Asked whether A, X gave a roundabout answer", "Asked specifically what A, the voters
    # were divided", "Asked a direct question about A, X said": the question put is a claim
    body = ("Asked in Kent recently whether he would back Lorne if she is the nominee, Reyes "
            "gave a roundabout answer.\n\n"
            "Asked specifically what should be done with the old ferries, the voters were "
            "evenly divided.\n\n"
            'Asked a direct question about the audit in the debate, Lorne said, "I do take '
            'responsibility."')
    texts = {c.text: c for c in indirect(body)}
    first = texts["whether he would back Lorne if she is the nominee"]
    assert (first.start, first.end) == span(body, first.text)
    assert "what should be done with the old ferries" in texts
    assert "a direct question about the audit in the debate" in texts


def test_claim_that_claim_to_and_a_claim_set_in_time() -> None:
    # "aldermen claim that A", "groups who claim to represent B", "her claim in November that
    # C": the noun or verb "claim" reports its clause
    body = ("Several harbour aldermen claim that the levy will cost the town its ferry "
            "line.\n\n"
            "The coalition also includes guild members who claim to represent the fishermen of "
            "the bay.\n\n"
            "Lorne never cited a source for her claim in November that the mayor wants to "
            "close the port.")
    texts = {c.text: c for c in indirect(body)}
    assert "the levy will cost the town its ferry line" in texts
    assert any(t.endswith("represent the fishermen of the bay") for t in texts)
    port = texts["the mayor wants to close the port"]
    assert (port.start, port.end) == span(body, "the mayor wants to close the port")


def test_talking_of_a_topic_with_an_adverb_between_and_making_no_mention() -> None:
    # "X talked openly on social media about A", "X made no mention of B": the topic is what
    # the speaker talked of (or left out)
    body = ("Tomas Reyes talked openly on social media about his plan to close the port.\n\n"
            "Ada Lorne made no mention of the ferry strike in her speech.")
    texts = {c.text: c for c in indirect(body)}
    plan = texts["his plan to close the port"]
    assert plan.speaker_name == "Tomas Reyes"
    assert (plan.start, plan.end) == span(body, "his plan to close the port")
    assert texts["the ferry strike in her speech"].speaker_name == "Ada Lorne"


def test_a_poll_share_answering_in_a_relative_clause() -> None:
    # "A, compared with the 30 percent who say B": the share's answer is a claim of its own
    # and A ends before the second group
    body = ("Lorne is seen as far more prepared, with 50 percent saying she is ready, compared "
            "with the 30 percent who say the same about Reyes.")
    texts = {c.text: c for c in indirect(body)}
    assert "she is ready" in texts
    same = texts["the same about Reyes"]
    assert same.speaker_name is None
    assert (same.start, same.end) == span(body, "the same about Reyes")


def test_a_wire_service_speaks_for_itself() -> None:
    # "The AP said A": the agency is the speaker (the name rules leave agencies out)
    body = "The AP said it did not count those meetings in its tally of the mayor's calendar."
    [claim] = indirect(body)
    assert claim.text == "it did not count those meetings in its tally of the mayor's calendar"
    assert claim.speaker_name == "AP"
