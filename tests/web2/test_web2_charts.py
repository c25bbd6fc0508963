"""Server-side SVG charts: geometry and, above all, escaping of every label."""

from __future__ import annotations

import datetime as dt

from claims_app.web.charts import Series, line_chart, timeline_chart


def test_timeline_chart_escapes_a_script_speaker_name() -> None:
    svg = timeline_chart("<script>alert(1)</script>", [(dt.date(2020, 1, 1), "direct")])
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_timeline_chart_escapes_an_unknown_kind_label() -> None:
    svg = timeline_chart("x", [(dt.date(2020, 1, 1), '"><img src=x>')])
    assert "<img" not in svg


def test_timeline_chart_draws_one_bar_per_month_and_kind() -> None:
    svg = timeline_chart("x", [(dt.date(2020, 1, 1), "direct"), (dt.date(2020, 1, 9), "direct"),
                               (dt.date(2020, 3, 1), "indirect")])
    assert svg.count("<rect") - svg.count('width="10" height="10"') == 2
    assert "January 2020" not in svg and "Jan 2020: 2 direct" in svg


def test_timeline_chart_uses_no_style_attributes() -> None:
    svg = timeline_chart("x", [(dt.date(2020, 1, 1), "direct")])
    assert "style=" not in svg


def test_timeline_chart_is_empty_without_dated_claims() -> None:
    assert timeline_chart("x", []) == ""


def test_long_spans_are_drawn_per_year() -> None:
    svg = timeline_chart("x", [(dt.date(1990, 1, 1), "direct"), (dt.date(2020, 1, 1), "direct")])
    assert "per year" in svg


def test_line_chart_escapes_series_names() -> None:
    svg = line_chart("t", ["a", "b"], [Series("<b>x</b>", "#000", [1, 2])])
    assert "<b>" not in svg and "&lt;b&gt;" in svg
