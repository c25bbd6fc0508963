"""Rules added from the error classes of PolNeAR's train split (issue 18, sixth pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from claims_app.extract import ExtractedClaim, extract_claims


def _indirect(body: str) -> list[ExtractedClaim]:
    return [c for c in extract_claims(body) if c.kind == "indirect"]


def _span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def test_a_short_clause_after_said_is_a_claim() -> None:
    # two or three words, a subject pronoun and its verb: still a statement
    body = ("Mayor Ilse Brandt was asked whether the flooded depot would reopen. Ilse Brandt "
            "said it would not.")
    [claim] = _indirect(body)
    assert claim.text == "it would not"
    assert claim.kind == "indirect"
    assert (claim.start, claim.end) == _span(body, "it would not")
    assert claim.speaker_name == "Ilse Brandt"


def test_a_short_clause_with_a_contraction_is_a_claim() -> None:
    body = "Asked about the audit, Tomas Reyes said he's not worried."
    [claim] = _indirect(body)
    assert claim.text == "he's not worried"
    assert (claim.start, claim.end) == _span(body, "he's not worried")
    assert claim.speaker_name == "Tomas Reyes"


def test_a_short_object_that_is_no_clause_stays_out() -> None:
    # "said it last June", "said it all": a pronoun object, no clause of its own
    assert _indirect("Tomas Reyes said it last June.") == []
    assert _indirect("Tomas Reyes said it all.") == []
