"""Reported-speech rules for statements in sentences that also hold a quotation (issue 18,
thirteenth pass, reported speech).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import indirect, span


def test_a_statement_before_saying_and_a_quotation_is_reported() -> None:
    # 'X urged A, saying, "B"': "saying" only introduces the quotation; the words before it
    # are a statement of the same speaker
    body = ('Harbour chief Ada Lorne urged the council to delay the dredging vote, saying, '
            '"We need another month to read the soil reports."')
    texts = {c.text: c for c in indirect(body)}
    claim = texts["the council to delay the dredging vote"]
    assert claim.speaker_name == "Ada Lorne"
    assert (claim.start, claim.end) == span(body, "the council to delay the dredging vote")


def test_a_participle_may_open_its_clause_on_a_determiner() -> None:
    # '"A," she said, adding the port must pay': a determiner and a finite verb within four
    # words open a clause, not an object
    body = ('"The channel is silting up faster than anyone planned," Ada Lorne said, adding '
            'the harbour board must find the money this year.')
    texts = {c.text: c for c in indirect(body)}
    claim = texts["the harbour board must find the money this year"]
    assert claim.speaker_name == "Ada Lorne"
    assert (claim.start, claim.end) == span(body,
                                            "the harbour board must find the money this year")


def test_though_he_added_after_a_quotation_reports_for_its_speaker() -> None:
    # '"A," said X, though he added that B', '"A," she said, while also saying that B'
    body = ('"The levy will be tight," said Tomas Reyes, though he added that he expected '
            'the vote to pass in the spring.\n\n'
            '"We will see," Ada Lorne said, while also saying that she hoped the dredging '
            'would start in May.')
    texts = {c.text: c for c in indirect(body)}
    claim = texts["he expected the vote to pass in the spring"]
    assert claim.speaker_name == "Tomas Reyes"
    assert (claim.start, claim.end) == span(body, "he expected the vote to pass in the spring")
    assert texts["she hoped the dredging would start in May"].speaker_name == "Ada Lorne"


def test_a_statement_before_a_colon_and_a_later_attributed_quotation() -> None:
    # 'X asserted that A: "B," she said.': the words before the colon are a statement; not
    # when a speech verb just before the colon introduces the quotation
    body = ('Ada Lorne argued that the harbour had lost its old trade: "Nobody ships grain '
            'here any more," she said.\n\n'
            'Tomas Reyes answered the mayor by saying in a long post on his blog: "The levy '
            'is fair and it is needed."')
    claims = indirect(body)
    texts = {c.text: c for c in claims}
    claim = texts["the harbour had lost its old trade"]
    assert claim.speaker_name == "Ada Lorne"
    assert (claim.start, claim.end) == span(body, "the harbour had lost its old trade")
    assert not any("by saying" in c.text or "long post" in c.text for c in claims)


def test_a_participle_s_statement_ends_at_the_colon_of_the_next_quotation() -> None:
    # '"A," said X, explaining B: "C."': the participle's claim stops at the colon
    body = ('"The charts are out of date," said Tomas Reyes, explaining he had worked '
            'mostly with the survey crew on the east channel: "They are the best we have."')
    texts = {c.text: c for c in indirect(body)}
    claim = texts["he had worked mostly with the survey crew on the east channel"]
    assert claim.speaker_name == "Tomas Reyes"


def test_a_participle_of_talk_after_a_quotation_reports_its_object() -> None:
    # '"A," a spokesman said, speaking of the convention, which ...': the object up to the
    # next comma is what the quotation's speaker talks about
    body = ('"We have no plans to attend," said Tomas Reyes, speaking of the harbour gala, '
            'which opens on Friday.')
    texts = {c.text: c for c in indirect(body)}
    claim = texts["the harbour gala"]
    assert claim.speaker_name == "Tomas Reyes"
    assert (claim.start, claim.end) == span(body, "the harbour gala")


def test_a_second_speaker_after_an_opening_quotation_s_attribution() -> None:
    # '"A," X said at the rally, hours after Y announced B': the tail after the quotation's
    # attribution may hold a statement of another speaker; not an appositive
    body = ('"We are going to win this county," Ada Lorne said at her rally in Dunmore, two '
            'hours after clerk Mina Farrow announced she had carried every ward.\n\n'
            '"The levy is fair," said Tomas Reyes, the director of the harbour board.')
    claims = indirect(body)
    texts = {c.text: c for c in claims}
    claim = texts["she had carried every ward"]
    assert claim.speaker_name == "Mina Farrow"
    assert (claim.start, claim.end) == span(body, "she had carried every ward")
    assert not any("director" in c.text for c in claims)


def test_a_statement_before_a_quotation_attributed_after_it() -> None:
    # 'X suggested A - "B," she said - and ...': the head before the quotation is a statement
    body = ('Ada Lorne suggested that the mayor\'s new plan was unserious - "We need to see '
            'the numbers," she said - and warned that the levy would fail.')
    texts = {c.text: c for c in indirect(body)}
    claim = texts["the mayor's new plan was unserious"]
    assert claim.speaker_name == "Ada Lorne"
    assert (claim.start, claim.end) == span(body, "the mayor's new plan was unserious")


def test_a_statement_joined_by_and_before_another_speaker_s_quotation() -> None:
    # 'A clerk asked for the ledger and Reyes said, "B"': the clause before "and" is a
    # statement of its own speaker
    body = ('At one point, clerk Mina Farrow asked for the harbour ledger and Tomas Reyes '
            'said, "You can have it when the audit is done."')
    texts = {c.text: c for c in indirect(body)}
    claim = texts["the harbour ledger"]
    assert claim.speaker_name == "Mina Farrow"
    assert (claim.start, claim.end) == span(body, "the harbour ledger")
