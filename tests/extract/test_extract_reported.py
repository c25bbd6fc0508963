"""Reported speech and organisation statements."""

from __future__ import annotations

from claims_app.extract import ExtractedClaim, extract_claims


def _indirect(body: str) -> list[ExtractedClaim]:
    return [c for c in extract_claims(body) if c.kind == "indirect"]


def test_said_that_gives_the_content_clause_without_final_period() -> None:
    [claim] = _indirect("Presidential aide Hikmet Hajiyev said that the mines were planted later.")
    assert claim.text == "the mines were planted later"
    assert claim.speaker_name == "Hikmet Hajiyev"
    assert claim.cue == "said"


def test_has_said_keeps_the_auxiliary_in_the_cue() -> None:
    [claim] = _indirect("Minister Elmar Mammadyarov has said that the threat remains serious.")
    assert claim.cue == "has said"


def test_trailing_told_journalists_gives_the_clause_before_it() -> None:
    [claim] = _indirect(
        "The pipeline will reach full capacity next year, BP president Gary Jones told journalists."
    )
    assert claim.text == "The pipeline will reach full capacity next year"
    assert claim.speaker_name == "Gary Jones"
    assert claim.cue == "told journalists"


def test_outlet_attribution_alone_is_not_a_claim() -> None:
    assert _indirect("The first train to Kars will depart in May, AzerNews reports.") == []


def test_outlet_attribution_is_cut_from_a_speaker_claim() -> None:
    [claim] = _indirect(
        "Exports grew by 20 percent this year, Economy Minister Mikayil Jabbarov said, "
        "Trend reports."
    )
    assert claim.speaker_name == "Mikayil Jabbarov"
    assert claim.text == "Exports grew by 20 percent this year"


def test_according_to_at_the_start() -> None:
    [claim] = _indirect("According to the Statistics Committee, inflation reached 6.7 percent.")
    assert claim.speaker_name == "Statistics Committee"
    assert claim.speaker_kind == "organization"
    assert claim.cue == "according to"


def test_according_to_at_the_end() -> None:
    [claim] = _indirect("More than 3,000 mines were cleared this year, according to the Agency.")
    assert claim.text == "More than 3,000 mines were cleared this year"


def test_expressed_deep_concern_over_is_one_cue() -> None:
    [claim] = _indirect("Secretary-General Ali Guterres expressed deep concern over the reports.")
    assert claim.cue == "expressed deep concern over"
    assert claim.text == "the reports"


def test_organisation_statement_names_the_organisation_and_its_organ() -> None:
    [claim] = _indirect(
        "The General Secretariat of the Organization of Islamic Cooperation (OIC) condemns "
        "the military provocation along the border."
    )
    assert claim.speaker_name == "Organization of Islamic Cooperation"
    assert claim.speaker_kind == "organization"
    assert claim.speaker_role == "General Secretariat"
    assert claim.speaker_aliases == ("OIC",)


def test_the_secretariat_resolves_to_the_organisation() -> None:
    body = (
        "The General Secretariat of the Organization of Islamic Cooperation (OIC) condemns the "
        "provocation. In a message, the secretariat calls upon Armenia to fulfill its obligations."
    )
    _, second = _indirect(body)
    assert second.speaker_name == "Organization of Islamic Cooperation"
    assert second.cue == "calls upon"


def test_acronym_resolves_to_the_full_organisation_name() -> None:
    body = (
        "The Organization for Security and Co-operation in Europe (OSCE) opened an office. "
        "The OSCE welcomed the agreement on the exchange of prisoners."
    )
    [claim] = _indirect(body)
    assert claim.speaker_name == "Organization for Security and Co-operation in Europe"
    assert "OSCE" in claim.speaker_aliases


def test_unnamed_ministry_keeps_role_without_name() -> None:
    [claim] = _indirect("The shelling damaged two schools in Tartar, the ministry emphasized.")
    assert claim.speaker_name is None
    assert claim.speaker_role == "ministry"
    assert claim.speaker_kind == "organization"


def test_background_stance_of_an_organisation_is_not_a_statement() -> None:
    body = "The OIC has always condemned the occupation and encourages all peaceful efforts."
    assert _indirect(body) == []


def test_resolutions_that_call_for_are_not_a_speaker() -> None:
    body = "Armenia refuses to implement the four resolutions that call for the withdrawal."
    assert _indirect(body) == []


def test_cue_followed_by_colon_is_not_reported_speech() -> None:
    assert _indirect("Details added: first version posted on 12:01") == []


def test_indirect_claims_are_less_confident_than_direct_ones() -> None:
    body = (
        "Minister Ali Hasanov said that the road would open soon. "
        "“The road will open soon,” Hasanov said."
    )
    indirect, direct = extract_claims(body)
    assert indirect.kind == "indirect" and direct.kind == "direct"
    assert indirect.confidence < direct.confidence
