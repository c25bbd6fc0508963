"""Rules added for quotations that produced no claim at all on PolNeAR's train split
(issue 18, seventh pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import direct, indirect, span


def test_a_quote_ending_in_a_nested_question_keeps_its_trailing_speaker() -> None:
    # '?’”' closes the inner and the outer quotation; the speaker follows in the next sentence
    body = ("Mayor Ruth Okafor toured the pumping station on Monday.\n\n"
            "“He was the only one who came and asked us, ‘What do you need from us?’” "
            "Okafor said.")
    [claim] = direct(body)
    text = "He was the only one who came and asked us, ‘What do you need from us?’"
    assert claim.text == text
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Ruth Okafor"


def test_an_outlet_that_reported_a_quotation_is_its_source() -> None:
    body = ('"The depot will stay closed until the inspectors sign off on the roof," '
            "the Harbor Ledger reported on Monday.")
    [claim] = direct(body)
    text = "The depot will stay closed until the inspectors sign off on the roof"
    assert claim.text == text
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Harbor Ledger"
    # "reports" before a quotation is a noun, not a cue: no speaker for a scare-quoted name
    assert direct('Within an hour of the first reports of the fire, the city opened its '
                   '"safe haven" line for residents.') == []


def test_a_document_after_a_quotation_is_its_source() -> None:
    body = ("The tenants filed suit on Tuesday.\n\n"
            '"The landlord let the boilers fail through two winters," the lawsuit says.\n\n'
            '"No inspection was ever requested," the county audit released Friday said.')
    first, second = direct(body)
    text = "The landlord let the boilers fail through two winters"
    assert first.text == text
    assert first.kind == "direct"
    assert (first.start, first.end) == span(body, text)
    assert first.speaker_name is None
    assert first.speaker_role == "the lawsuit"
    assert second.text == "No inspection was ever requested"
    assert (second.start, second.end) == span(body, "No inspection was ever requested")
    assert second.speaker_role == "the county audit released Friday"


def test_an_unnamed_person_described_after_a_quotation_speaks_it() -> None:
    body = ('The caucus met behind closed doors on Wednesday. "It was not a convincing '
            'case," said one Democrat familiar with the meeting, who asked not to be named.\n\n'
            '"They will not get a second hearing," this source told the Gazette.')
    first, second = direct(body)
    assert first.text == "It was not a convincing case"
    assert first.kind == "direct"
    assert (first.start, first.end) == span(body, "It was not a convincing case")
    assert first.speaker_name is None
    assert first.speaker_role == "one Democrat familiar with the meeting"
    assert second.text == "They will not get a second hearing"
    assert (second.start, second.end) == span(body, "They will not get a second hearing")
    assert second.speaker_name is None
    assert second.speaker_role == "this source"
    # but not a new sentence's subject, nor the object of a verb that is no attribution
    body = ('Asked about the plant, Lena Ortiz said, "We were promised jobs." The star then '
            'recalled a visit to the site.')
    [claim] = direct(body)
    assert claim.speaker_name == "Lena Ortiz"
    assert direct('Mr. Hale, who starred in "Harbor Lights," posted the clip on Monday.') == []


def test_a_show_in_quotation_marks_after_told_is_the_hearer() -> None:
    body = ('"The port deal is dead for this session," Mara Quist told "Morning Desk," '
            "adding that talks could resume in the spring.")
    [claim] = direct(body)
    text = "The port deal is dead for this session"
    assert claim.text == text
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Mara Quist"



def test_a_quoted_label_before_and_said_is_a_claim_of_its_own() -> None:
    body = ('Senator Ivo Marsh called both budget plans "reckless" and said the session '
            "would end without a deal.")
    label, said = indirect(body)
    text = 'both budget plans "reckless"'
    assert label.text == text
    assert label.kind == "indirect"
    assert (label.start, label.end) == span(body, text)
    assert label.speaker_name == "Ivo Marsh"
    assert said.text == "the session would end without a deal"
    assert said.speaker_name == "Ivo Marsh"


def test_a_nested_quotation_closing_with_doubled_marks_keeps_its_speaker() -> None:
    # the doubled-mark style: the inner single mark and the outer pair close together
    body = ("''Nobody in this town will settle for 'We will study it,''' said Mayor Dana "
            "Whitcomb, referring to the council's reply.")
    [claim] = direct(body)
    text = "Nobody in this town will settle for 'We will study it,'"
    assert claim.text == text
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Dana Whitcomb"


def test_a_military_rank_before_the_name_is_no_sentence_end() -> None:
    body = ('"The convoy will leave at dawn," said Army spokesman Capt. Rhea Tolland, who '
            "declined to give the route.")
    [claim] = direct(body)
    text = "The convoy will leave at dawn"
    assert claim.text == text
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Rhea Tolland"


def test_a_quoted_label_before_a_stance_verb_is_a_claim_of_its_own() -> None:
    body = ('Mayor Lin Ames called the toll plan "shameful" and called on the council to '
            "reject it before the summer recess.")
    claims = indirect(body)
    text = 'the toll plan "shameful"'
    [label] = [c for c in claims if c.text == text]
    assert label.kind == "indirect"
    assert (label.start, label.end) == span(body, text)
    assert label.speaker_name == "Lin Ames"


def test_a_party_letter_after_the_name_is_no_part_of_it() -> None:
    body = 'Gov. Nora Pellam (R) said she expects a "swift appeal" of the ruling.'
    [claim] = indirect(body)
    text = 'she expects a "swift appeal" of the ruling'
    assert claim.text == text
    assert claim.kind == "indirect"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Gov. Nora Pellam"


def test_a_direction_mark_before_a_quotation_separates_like_a_space() -> None:
    # comments pasted from social media: an invisible U+202A, then a mark facing the wrong way
    body = ("Readers answered within the hour.\n\n"
            "\u202a\u201dThe ferry must run again. The island needs it,\u201d wrote Ola Brenn.")
    [claim] = direct(body)
    text = "The ferry must run again. The island needs it"
    assert claim.text == text
    assert claim.kind == "direct"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Ola Brenn"


def test_a_host_named_after_told_is_the_hearer() -> None:
    body = 'Ed Varga told host Lina Morrow a recount is "increasingly likely."'
    [claim] = indirect(body)
    text = 'a recount is "increasingly likely."'
    assert claim.text == text
    assert claim.kind == "indirect"
    assert (claim.start, claim.end) == span(body, text)
    assert claim.speaker_name == "Ed Varga"
