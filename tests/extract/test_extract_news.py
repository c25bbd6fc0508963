"""Issue 18's rule families on passages written for them (one passage per rule).

Each test asserts the claim's words, its kind, its span in the body and its speaker, the four
things a reviewer would otherwise have to fix by hand.
"""

from __future__ import annotations

from claims_app.extract import ExtractedClaim, extract_claims


def _claims(body: str) -> list[ExtractedClaim]:
    claims = extract_claims(body)
    for c in claims:
        assert body[c.start : c.end] == c.text
    return claims


def _only(body: str) -> ExtractedClaim:
    claims = _claims(body)
    assert len(claims) == 1, [(c.kind, c.text, c.speaker_name) for c in claims]
    return claims[0]


def _at(body: str, words: str) -> tuple[int, int]:
    start = body.index(words)
    return start, start + len(words)


def test_doubled_marks_of_some_outlets_quote_like_double_quotes() -> None:
    body = "''The budget will balance by spring,'' said Ms. Okafor, the treasurer."
    claim = _only(body)
    assert (claim.kind, claim.text) == ("direct", "The budget will balance by spring")
    assert (claim.start, claim.end) == _at(body, "The budget will balance by spring")
    assert claim.speaker_name == "Okafor"


def test_a_post_posed_speaker_keeps_an_honorific_and_stops_at_the_party_label() -> None:
    body = ('"The vote is not close, and it will not be close," said Sen. Maria Lindqvist '
            '(D-Ore.), who chairs the panel.')
    claim = _only(body)
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == _at(body, "The vote is not close, and it will not be close")
    assert claim.speaker_name is not None and "Lindqvist" in claim.speaker_name
