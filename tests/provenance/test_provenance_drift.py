"""The drift classifier (``claims_app/provenance/drift.py``): each material kind, each
cosmetic case, trimmed and extended quotes, reported speech; and the grouping rule."""

from __future__ import annotations

import pytest

from claims_app.provenance.drift import (
    classify_differences,
    speaker_difference,
    statement_tokens,
    word_diff,
)
from claims_app.provenance.grouping import Record, blocking_keys, build_groups, same_statement


def kinds(ours: str, theirs: str, **kw: bool) -> list[tuple[str, str, str]]:
    return [(d.kind, d.ours, d.theirs) for d in classify_differences(ours, theirs, **kw)]


@pytest.mark.parametrize(("ours", "theirs", "expected"), [
    ("The shelling killed 12 civilians overnight.", "The shelling killed 21 civilians overnight.",
     [("number", "12", "21")]),
    ("Inflation fell to 3.5% in September.", "Inflation fell to 5.3% in September.",
     [("number", "3.5%", "5.3%")]),
    ("Two million tourists came last year.", "Three million tourists came last year.",
     [("number", "Two", "Three")]),
    ("The ministers will meet on Tuesday to talk.", "The ministers will meet on Thursday to talk.",
     [("number", "Tuesday", "Thursday")]),
    ("Refugees may return in April once roads are clear.",
     "Refugees may return in August once roads are clear.", [("number", "April", "August")]),
])
def test_a_changed_number_or_date_is_number(ours: str, theirs: str, expected: list) -> None:
    assert kinds(ours, theirs) == expected


@pytest.mark.parametrize(("ours", "theirs", "expected"), [
    ("We will not accept this deal.", "We will accept this deal.", [("negation", "not", "")]),
    ("We have discussed the sale.", "We have never discussed the sale.",
     [("negation", "", "never")]),
    ("We won't cut pensions this year.", "We will cut pensions this year.",
     [("negation", "won't", "")]),
    ("Nobody was hurt in the fire at the depot.", "Somebody was hurt in the fire at the depot.",
     [("negation", "Nobody", "Somebody")]),
])
def test_a_negation_added_or_dropped_is_negation(ours: str, theirs: str, expected: list) -> None:
    assert kinds(ours, theirs) == expected


@pytest.mark.parametrize(("ours", "theirs", "expected"), [
    ("The bank may raise rates again.", "The bank will raise rates again.",
     [("hedge", "may", "will")]),
    ("A pipeline could double exports.", "A pipeline would double exports.",
     [("hedge", "could", "would")]),
    ("About 300 families have left the district.", "300 families have left the district.",
     [("hedge", "About", "")]),
    ("Nearly 40 percent rely on food banks.", "More than 40 percent rely on food banks.",
     [("hedge", "Nearly", "More than")]),
    ("Some 40 boats sank in the harbour.", "Around 40 boats sank in the harbour.",
     [("hedge", "Some", "Around")]),
])
def test_a_changed_hedge_or_modal_is_hedge(ours: str, theirs: str, expected: list) -> None:
    assert kinds(ours, theirs) == expected


def test_a_changed_name_is_entity_but_a_capital_opening_a_sentence_is_not_a_name() -> None:
    assert kinds("Talks will be held in Geneva next week.",
                 "Talks will be held in Vienna next week.") == [("entity", "Geneva", "Vienna")]
    assert kinds("We asked the European Union for monitors.",
                 "We asked the United Nations for monitors.") == [
        ("entity", "European Union", "United Nations")]
    assert kinds("Officials said talks went well.", "Diplomats said talks went well.") == [
        ("wording", "Officials", "Diplomats")]


def test_other_changes_are_wording_and_not_material() -> None:
    found = classify_differences("We strongly condemn the attack on the convoy.",
                                 "We condemn the attack on the convoy.")
    assert [(d.kind, d.material) for d in found] == [("wording", False)]


@pytest.mark.parametrize(("ours", "theirs"), [
    ("\u201cWe are ready,\u201d he said.", '"We are ready," he said.'),  # quote marks
    ("The Organisation will review its programme.", "The Organization will review its program."),
    ("The committee were unanimous.", "The committee was unanimous."),  # was/were
    ("NOBODY here was asked to resign.", "Nobody here was asked to resign..."),  # case, punctuation
    ("Five new hospitals will open.", "5 new hospitals will open."),  # number words
    ("The storm damaged 1,500 homes.", "The storm damaged 1500 homes."),
    ("The defence centre in the harbour.", "The defense center in the harbor."),
    ("We   will\u00a0defend the border.", "We will defend the border."),  # whitespace
])
def test_cosmetic_differences_are_shown_but_not_listed(ours: str, theirs: str) -> None:
    assert classify_differences(ours, theirs) == []
    assert all(p.op in ("equal", "cosmetic") for p in word_diff(ours, theirs))


def test_the_word_diff_marks_cosmetic_words() -> None:
    pieces = word_diff("The Organisation were wrong.", "The organization was wrong.")
    assert [(p.op, p.ours, p.theirs) for p in pieces if p.op != "equal"] == [
        ("cosmetic", "Organisation", "organization"), ("cosmetic", "were", "was")]


def test_trimmed_and_extended_quotes_are_not_drift() -> None:
    full = "We will defend our borders and our people, whatever it costs us."
    assert classify_differences(full, "We will defend our borders and our people") == []
    assert classify_differences("defend our borders and our people", full) == []
    trims = [p for p in word_diff(full, "We will defend our borders") if p.op == "trim"]
    assert [p.ours for p in trims] == ["and our people, whatever it costs us"]


def test_speaker_difference_needs_two_named_speakers() -> None:
    moved = speaker_difference("Arif Mammadov", "Nariman Aliyev")
    assert moved is not None and (moved.kind, moved.material) == ("speaker", True)
    assert speaker_difference("Arif Mammadov", None) is None
    assert speaker_difference("Arif Mammadov", "Arif Mammadov") is None


def test_reported_speech_shifts_are_folded_for_paraphrase_fidelity() -> None:
    quote = "We will not send troops to the border this year."
    assert kinds(quote, "he said they would not send troops to the border this year",
                 reported=True) == []
    assert kinds(quote, "she said they would send troops to the border this year",
                 reported=True) == [("negation", "not", "")]


def test_matching_forms_fold_spelling_numbers_and_contractions() -> None:
    assert statement_tokens("The Organisation don't honour five pledges") == [
        "the", "organization", "do", "not", "honor", "5", "pledges"]


def test_grouping_keeps_drift_together_and_different_statements_apart() -> None:
    said = statement_tokens("We will send five thousand troops to the border before winter.")
    changed = statement_tokens("We will send 15 thousand troops to the border before winter.")
    trimmed = statement_tokens("We will send five thousand troops to the border")
    other = statement_tokens("The border will stay closed to trucks before winter, he said.")
    assert same_statement(said, changed) > 0.75 and same_statement(said, trimmed) == 1.0
    assert same_statement(said, other) == 0.0
    # another speaker: only near-identical words are the same statement
    assert same_statement(said, said, other_speaker=True) == 1.0
    short = statement_tokens("We will send five thousand troops")
    assert same_statement(said, short) == 1.0
    assert same_statement(said, short, other_speaker=True) == 0.0
    assert blocking_keys(statement_tokens("We will never give up.")) == set()


def test_build_groups_is_independent_of_input_order() -> None:
    texts = ["We will send five thousand troops to the border before winter.",
             "We will send 15 thousand troops to the border before winter.",
             "The border will stay closed to trucks before winter, he said.",
             "We will send five thousand troops to the border"]
    records = [Record(i + 1, t, 1, None, i + 1) for i, t in enumerate(texts)]
    forward = sorted(sorted(m) for m in build_groups(records).values())
    backward = sorted(sorted(m) for m in build_groups(reversed(records)).values())
    assert forward == backward == [[1, 2, 4], [3]]
