"""Rules for quoted statements whose source is a name (issue 18, thirteenth pass, quotes).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import direct


def test_a_next_sentence_reporting_a_clause_does_not_take_a_continued_quotation() -> None:
    # '"A," Reyes told reporters. "B." Lorne said she would C.': B goes on with Reyes's
    # quotation; Lorne's cue reports a clause of her own
    body = ('"It is a very poor decision," Tomas Reyes told reporters outside a cafe in '
            'Dunmore. "This is what comes of the way the harbour board works. It has no '
            'place in a public budget." Harbour chief Ada Lorne said she would have stopped '
            'the contract if it had been hers.')
    claims = direct(body)
    assert claims
    assert all(c.speaker_name == "Tomas Reyes" for c in claims)
    assert any("It has no place in a public budget." in c.text for c in claims)
