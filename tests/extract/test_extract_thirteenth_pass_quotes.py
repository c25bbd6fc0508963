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


def test_a_possessor_opening_a_colon_lead_is_not_the_speaker() -> None:
    # 'Before X's appearance in the video, Y, who ..., is shown lecturing: "A."': X's is a
    # possessor, never the speaker
    body = ('Before Lorne\'s appearance in the long video, the harbour pilot Tomas Reyes, who '
            'retired in 2011, is shown lecturing: "Sailors of the coast, take heed and learn '
            'from the lessons of the past. There are storms gathering."')
    claims = direct(body)
    assert claims
    assert all(not (c.speaker_name or "").endswith("'s") for c in claims)
