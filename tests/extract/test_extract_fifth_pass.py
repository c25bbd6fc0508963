"""Rules added from the error classes of PolNeAR's train split (issue 18, fifth pass).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import indirect


def test_a_description_given_after_a_name_finds_that_person_later() -> None:
    # "the Green nominee" was given to Ada Lorne; a later speaker in between must not take it
    body = ("Ada Lorne, the Green nominee, toured the valley on Monday. Paul Bekker spoke in "
            "Lindon. The Green nominee told reporters that the dam would never be built.")
    [claim] = indirect(body)
    assert claim.text == "the dam would never be built"
    assert (claim.start, claim.end) == (body.index("the dam"), len(body) - 1)
    assert claim.speaker_name == "Ada Lorne"


def test_a_description_before_a_name_is_matched_by_its_head_noun() -> None:
    # "the party's candidate, X": a later "the candidate" means X, not the last person named
    body = ("The party's candidate, Mira Osei, arrived in Tamsford on Friday. Carl Voss met "
            "her at the station. The candidate said that the rail line would reopen in spring.")
    [claim] = indirect(body)
    assert claim.text == "the rail line would reopen in spring"
    assert claim.kind == "indirect"
    assert claim.speaker_name == "Mira Osei"


def test_two_described_people_are_told_apart_by_the_whole_description() -> None:
    # both are nominees: the words before the head noun choose between them
    body = ("Ada Lorne, the Green nominee, and Tom Hale, the Labour nominee, debated on "
            "Monday. Carl Voss moderated. The Green nominee said that the dam would never "
            "be built. The Labour nominee said that the dam was already funded.")
    first, second = indirect(body)
    assert first.text == "the dam would never be built"
    assert first.speaker_name == "Ada Lorne"
    assert second.text == "the dam was already funded"
    assert (second.start, second.end) == (body.index("the dam was"), len(body) - 1)
    assert second.speaker_name == "Tom Hale"


def test_she_skips_the_latest_speaker_the_article_calls_mister() -> None:
    body = ("Karen Brody said the hearing would run late. Mr. Amos said that the budget was "
            "short by a third. She said that the deficit would be closed by June.")
    _, first, second = indirect(body)
    assert first.speaker_name == "Amos"
    assert second.text == "the deficit would be closed by June"
    assert (second.start, second.end) == (body.index("the deficit"), len(body) - 1)
    assert second.speaker_name == "Karen Brody"


def test_he_skips_a_spokeswoman_for_the_man_before_her() -> None:
    body = ("Governor Elias Ward signed the bill on Monday. His spokeswoman, Lena Ortiz, said "
            "the signing had been delayed by a week. He said that the law would take effect "
            "in March.")
    claims = indirect(body)
    assert [c.speaker_name for c in claims] == ["Lena Ortiz", "Elias Ward"]
    assert claims[1].text == "the law would take effect in March"
    assert claims[1].kind == "indirect"


def test_an_acronym_met_first_is_the_organisation_named_in_full_later() -> None:
    body = ("The WMO said the summer had been the hottest on record. The World Meteorological "
            "Organization said that the trend would continue.")
    first, second = indirect(body)
    assert first.text == "the summer had been the hottest on record"
    assert (first.start, first.end) == (body.index("the summer"), body.index(". The World"))
    assert first.kind == "indirect"
    assert first.speaker_name == second.speaker_name == "World Meteorological Organization"
    assert "WMO" in first.speaker_aliases


def test_a_bare_day_between_the_cue_and_that_is_not_part_of_the_claim() -> None:
    # US wire style drops "on": "said Monday that", "said late Tuesday he"
    body = ("The fund said Monday that global growth would slow sharply next year. Dana Reyes "
            "said late Tuesday she would resign from the board before the summer.")
    first, second = indirect(body)
    assert first.text == "global growth would slow sharply next year"
    assert first.start == body.index("global growth")
    assert second.text == "she would resign from the board before the summer"
    assert second.speaker_name == "Dana Reyes"
