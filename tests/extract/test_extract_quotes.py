"""Direct quotations: pairing rules, attribution around the quote, and what is not a quote."""

from __future__ import annotations

from claims_app.extract import ExtractedClaim, extract_claims


def _direct(body: str) -> list[ExtractedClaim]:
    return [c for c in extract_claims(body) if c.kind == "direct"]


def test_curly_quote_with_attribution_after_gives_words_inside_the_marks() -> None:
    [claim] = _direct("“We will rebuild every village,” President Ilham Aliyev said.")
    assert claim.text == "We will rebuild every village"
    assert claim.speaker_name == "Ilham Aliyev"
    assert claim.speaker_role == "President"
    assert claim.cue == "said"


def test_straight_open_and_curly_close_pair_as_one_quote() -> None:
    [claim] = _direct('"The border is calm,” spokesman Anar Eyvazov said.')
    assert claim.text == "The border is calm"
    assert claim.speaker_name == "Anar Eyvazov"


def test_guillemets_pair_as_quotation_marks() -> None:
    [claim] = _direct("«We are close to a deal,» mediator Toivo Klaar said.")
    assert claim.text == "We are close to a deal"
    assert claim.speaker_name == "Toivo Klaar"


def test_quote_split_around_attribution_is_one_claim_in_two_segments() -> None:
    # issue 18: "A," X said. "B." is one statement; start/end are the outer bounds
    body = "“The ceasefire must hold,” he said. “Anyone who breaks it will answer for it.”"
    body = "Minister Anar Aliyev arrived. " + body
    [claim] = _direct(body)
    assert [body[s:e] for s, e in claim.segments] == [
        "The ceasefire must hold", "Anyone who breaks it will answer for it."]
    assert (claim.start, claim.end) == (claim.segments[0][0], claim.segments[1][1])
    assert claim.text == body[claim.start : claim.end]
    assert claim.speaker_name == "Anar Aliyev"


def test_multi_sentence_quote_is_one_claim() -> None:
    [claim] = _direct("“We saw it. Streets are gone. Nobody can hide it,” envoy Hans Keller said.")
    assert claim.text == "We saw it. Streets are gone. Nobody can hide it"


def test_attribution_before_the_quote_with_colon() -> None:
    [claim] = _direct('Foreign Minister Jeyhun Bayramov told reporters: "The talks went well."')
    assert claim.speaker_name == "Jeyhun Bayramov"
    assert claim.cue == "told reporters"


def test_said_x_inversion_resolves_role_noun_to_earlier_person() -> None:
    body = (
        "Deputy Foreign Minister Fariz Rzayev opened the session.\n\n"
        "“Our doors remain open,” added the deputy foreign minister."
    )
    [claim] = _direct(body)
    assert claim.speaker_name == "Fariz Rzayev"
    assert claim.cue == "added"


def test_speaker_introduced_after_the_quote_with_appositive_role() -> None:
    [claim] = _direct("“Nobody asked us,” said Leyla Abdullayeva, a historian at Baku University.")
    assert claim.speaker_name == "Leyla Abdullayeva"
    assert claim.speaker_role == "historian at Baku University"


def test_nested_single_quotes_stay_inside_the_outer_quote() -> None:
    [claim] = _direct("“They called it a ‘temporary measure’, but it lasted,” said Ali Hasanov.")
    assert claim.text == "They called it a ‘temporary measure’, but it lasted"


def test_apostrophes_are_not_quotation_marks() -> None:
    [claim] = _direct("“We believe they’ll return to Azerbaijan’s lands,” said Ali Hasanov.")
    assert claim.text == "We believe they’ll return to Azerbaijan’s lands"


def test_quote_continues_over_paragraphs_when_the_next_paragraph_reopens_it() -> None:
    body = "“The first phase covers Aghdam.\n\n“The second brings people home,” said Anar Guliyev."
    first, second = _direct(body)
    assert first.text == "The first phase covers Aghdam."
    assert second.text == "The second brings people home"
    assert first.speaker_name == second.speaker_name == "Anar Guliyev"


def test_paragraph_that_is_only_a_quote_continues_the_previous_speaker() -> None:
    body = "“The ceasefire is holding,” said Colonel Vagif Dargahli.\n\n“There were no violations.”"
    _, second = _direct(body)
    assert second.speaker_name == "Vagif Dargahli"
    assert second.confidence < _direct(body)[0].confidence


def test_scare_quotes_are_not_claims() -> None:
    assert _direct("The so-called “peace plan” was rejected on Thursday.") == []


def test_book_title_in_quotes_is_not_a_claim() -> None:
    assert _direct("Thomas de Waal’s book “Black Garden” remains the standard account.") == []


def test_titled_report_is_not_a_claim_even_at_sentence_start() -> None:
    assert _direct("The report, titled “Landmines in the Caucasus,” was published.") == []


def test_short_quoted_phrase_without_cue_is_not_a_claim() -> None:
    assert _direct("Residents described the shelling as a “nightmare” in interviews.") == []


def test_they_said_leaves_the_quote_unattributed() -> None:
    body = "Two residents spoke to us. “The shelling lasted until morning,” they said."
    [claim] = _direct(body)
    assert claim.speaker_name is None


def test_document_quote_is_not_given_to_the_last_person_mentioned() -> None:
    body = (
        "Foreign Minister Jeyhun Bayramov welcomed the vote. The resolution states: "
        "“All occupying forces must withdraw immediately from the occupied territories.”"
    )
    [claim] = _direct(body)
    assert claim.speaker_name is None
    assert claim.speaker_role == "resolution"


def test_two_speakers_in_one_paragraph_each_keep_their_quote() -> None:
    body = (
        "“We are ready to sign,” said Prime Minister Nikol Pashinyan. "
        "“We have heard this before,” replied presidential aide Hikmet Hajiyev."
    )
    first, second = _direct(body)
    assert first.speaker_name == "Nikol Pashinyan"
    assert second.speaker_name == "Hikmet Hajiyev"


def test_named_cue_is_more_confident_than_pronoun_resolution() -> None:
    body = "“A first long sentence here,” Ali Hasanov said.\n\n“A second one,” he said."
    named, pronoun = _direct(body)
    assert named.confidence > pronoun.confidence
