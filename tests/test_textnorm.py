"""Behaviour of the matching fold and the search key."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from claims_app.factchecks.wording import read, stem
from claims_app.provenance.drift import statement_tokens
from claims_app.provenance.drift import words as drift_words
from claims_app.textnorm import (
    american_spelling,
    find_lookalikes,
    fold,
    keyboard_layout_reading,
    normalize_for_search,
    statement_word_spans,
    statement_words,
)


def test_fold_turns_curly_quotes_and_apostrophes_into_ascii() -> None:
    assert fold("“It’s done,” he said. «Oui» ‘x’") == "\"It's done,\" he said. \"Oui\" 'x'"


def test_fold_turns_dashes_and_no_break_spaces_into_ascii() -> None:
    assert fold("2020\u20132021 \u2014 a\u00a0b") == "2020-2021 - a b"


def test_fold_replaces_cyrillic_lookalike_inside_a_latin_word() -> None:
    assert fold("\u0420e noted") == "Pe noted"


def test_fold_replaces_a_word_spelled_entirely_with_lookalikes_amid_english() -> None:
    assert fold("Then \u041d\u0435 said") == "Then He said"


def test_fold_leaves_real_cyrillic_text_alone() -> None:
    text = "Министр сказал: «Мое мнение»"
    assert fold(text).startswith("Министр сказал")
    assert "Мое" in fold(text)


def test_find_lookalikes_reports_offset_character_and_imitated_letter() -> None:
    assert find_lookalikes("ok.\n\n\u0420e noted") == [(5, "\u0420", "P")]


def test_find_lookalikes_is_empty_for_clean_text() -> None:
    assert find_lookalikes("He noted that all is well.") == []


def test_keyboard_layout_reading_recovers_a_word_typed_on_the_wrong_layout() -> None:
    assert keyboard_layout_reading("\u0420e") == "He"


def test_normalize_for_search_folds_case_accents_quotes_and_compatibility_forms() -> None:
    assert normalize_for_search("  Azerbaijan’s  Café\u00a0ＯＩＣ ") == "azerbaijan's cafe oic"


def test_normalize_for_search_drops_zero_width_characters() -> None:
    assert normalize_for_search("Mammad\u200byarov") == "mammadyarov"


@settings(deadline=None, max_examples=200)
@given(st.text())
def test_fold_preserves_length_for_any_text(text: str) -> None:
    assert len(fold(text)) == len(text)


@settings(deadline=None, max_examples=200)
@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@settings(deadline=None, max_examples=100)
@given(st.text())
def test_find_lookalikes_points_at_the_characters_fold_changes(text: str) -> None:
    folded = fold(text)
    for offset, char, latin in find_lookalikes(text):
        assert text[offset] == char
        assert folded[offset] == latin


def _full_passes(text: str) -> str:
    """The search key's Unicode passes, each one run (what every text went through before
    ASCII text took a short cut)."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)
    text = fold(text).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", stripped)).strip()


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_search_key_of_ascii_text_is_the_one_the_full_passes_give(text) -> None:
    """ASCII text skips the Unicode passes (search keys are made for every claim, article
    and probe); the key must not change."""
    assert normalize_for_search(text) == _full_passes(text)
    assert normalize_for_search(" Caf\u00e9  \u201cX\u201d ") == "cafe \"x\""


# --- statement words: the one tokenizer of the statement comparisons ---------------------

def test_statement_words_keep_numbers_whole_and_apostrophes_inside_words() -> None:
    text = "\u201cWe won\u2019t pay 1,500 or 5.2% more,\u201d the Government's aide said."
    assert statement_words(text) == [
        "we", "won't", "pay", "1,500", "or", "5.2%", "more", "the", "government's", "aide",
        "said"]


def test_statement_word_spans_point_into_the_text_as_written() -> None:
    text = "\u00abL\u2019\u00e9t\u00e9\u00bb, ZA\u0420AD said."
    spans = list(statement_word_spans(text))
    assert [text[s:e] for s, e, _raw, _low in spans] == [raw for _s, _e, raw, _low in spans]
    assert [low for *_rest, low in spans] == statement_words(text)


def test_american_spelling_folds_british_forms_and_keeps_american_ise_verbs() -> None:
    assert [american_spelling(w) for w in ("defence", "colours", "organised", "recognising",
                                           "promise", "exercised", "border")] == [
        "defense", "colors", "organized", "recognizing", "promise", "exercised", "border"]


def test_grouping_drift_and_fact_check_wording_cut_statements_the_same_way() -> None:
    # One tokenizer: the three comparisons see the same words (drift then folds its
    # matching forms, wording its stems), so a change to how words are cut reaches all.
    text = "The Ministry of Defence said it won't send 3,000 troops \u2013 \u201cnot now\u201d."
    words = statement_words(text)
    assert list(read(text).words) == words
    assert [w.text.lower().replace("\u2019", "'") for w in drift_words(text)] == words
    assert statement_tokens(text) == [
        "the", "ministry", "of", "defense", "said", "it", "will", "not", "send", "3000",
        "troops", "not", "now"]
    # and the fact-check matching folds British spelling as grouping does
    assert stem("defence") == stem("defense") and stem("organised") == stem("organized")
