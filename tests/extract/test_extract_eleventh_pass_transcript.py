"""Rules added for transcripts and markup left in pasted copy (issue 18, eleventh pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import direct

TRANSCRIPT = (
    "Partial transcript as follows:\n\n"
    "\"HOST: Let us begin with the bridge. Will it open on time?\n\n"
    "\"LORNE: Well, the bridge will open in May. The money is there.\n\n"
    "\"But the real question is the tunnel. Nobody has paid for it.\n\n"
    "\"(CROSSTALK.)\n\n"
    "\"HOST: One more question, sir.\n\n"
    "\"LORNE: That is why we will win.")


def test_a_transcript_paragraph_without_a_label_goes_on_with_the_last_label() -> None:
    # the quotation runs over every paragraph (each reopens it); a paragraph that opens
    # without a name is still the guest answering, not the host who opened the quotation
    claims = {c.text: c.speaker_name for c in direct(TRANSCRIPT)}
    assert claims["But the real question is the tunnel. Nobody has paid for it."] == "LORNE"


def test_a_stage_direction_is_no_claim() -> None:
    texts = [c.text for c in direct(TRANSCRIPT)]
    assert not any("CROSSTALK" in t for t in texts)
    assert "One more question, sir." in texts


def test_the_last_paragraph_of_a_continued_quotation_may_leave_its_mark_open() -> None:
    # the transcript ends the story: its last turn never closes the quotation
    claims = direct(TRANSCRIPT)
    assert (claims[-1].text, claims[-1].speaker_name) == ("That is why we will win.", "LORNE")
    # an opening mark left unclosed in a paragraph of its own stays no quotation
    assert direct("Ada Lorne spoke on Monday.\n\n\"The bridge will open in May.") == []


def test_markup_left_in_the_copy_is_read_as_spaces() -> None:
    # an embedded post whose attributes hold text and quotation marks: no claim inside the
    # tag, and the name after it speaks the quotation of its sentence
    body = ("The fact-checkers looked at the figure.\n\n"
            "<post post-author=\" that young workers fare worse than others do, so we rate "
            "it Mostly True\" post-date=\"that young workers fare worse than others do, so we "
            "rate it Mostly True.\">Ada Lorne said that for young workers, \u201cthe real "
            "jobless rate \u2026 is 40 percent.\u201d Her wording was loose.</post>")
    [claim] = direct(body)
    assert claim.text == "the real jobless rate \u2026 is 40 percent."
    assert claim.speaker_name == "Ada Lorne"
    assert body[claim.start:claim.end] == claim.text
