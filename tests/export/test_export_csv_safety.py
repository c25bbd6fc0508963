"""CSV cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

from claims_app.export.csv_export import spreadsheet_safe


def test_formula_like_text_gets_a_leading_apostrophe() -> None:
    assert spreadsheet_safe('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'


def test_each_formula_trigger_is_neutralised() -> None:
    for start in ("=", "+", "-", "@"):
        assert spreadsheet_safe(start + "1").startswith("'")


def test_ordinary_text_and_numbers_are_unchanged() -> None:
    assert spreadsheet_safe("He said so.") == "He said so."
    assert spreadsheet_safe(-5) == -5
