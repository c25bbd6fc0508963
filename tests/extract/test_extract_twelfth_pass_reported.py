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
