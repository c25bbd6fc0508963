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
