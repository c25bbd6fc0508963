"""The attribution scorer (issue 18's rules), on the hand-written BRAT gold set in tests/data.

Each test pins one rule: which annotation file is gold, how a gold is classed, when a claim
matches, what counts as a piece, which claims are ignored, and what a right speaker is.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from claims_app.extract.commands import evaluate_command
from claims_app.extract.evaluate import (
    Figures,
    GoldArticle,
    GoldAttribution,
    Predicted,
    described,
    evaluate_dir,
    find_articles,
    load_article,
    name_words,
    right_speaker,
    score_article,
)

GOLD = Path(__file__).resolve().parents[1] / "data" / "brat_gold"


def _article(name: str) -> GoldArticle:
    for txt, ann in find_articles(GOLD):
        if txt.stem == name:
            return load_article(txt, ann)
    raise LookupError(name)


def _span(article: GoldArticle, words: str) -> tuple[int, int]:
    at = article.text.index(words)
    return at, at + len(words)


def _score(article: GoldArticle, preds: list[Predicted]) -> Figures:
    figures = Figures()
    score_article(article, preds, figures, verbose=True)
    return figures


def test_the_first_annotation_file_by_name_is_the_gold() -> None:
    pairs = {txt.name: ann.name for txt, ann in find_articles(GOLD)}
    assert pairs == {"bridge.txt": "bridge_a1.ann", "court.txt": "court_a1.ann"}


def test_golds_are_classed_direct_fragment_reported_or_other() -> None:
    kinds = [(g.kind, g.source) for g in _article("bridge").golds]
    assert kinds == [("direct", "Mayor Ana Ruiz"), ("reported", "Ruiz"),
                     ("fragment", "Critics"), ("other", "the survey")]


def test_a_split_quote_spans_its_smallest_start_to_its_largest_end() -> None:
    article = _article("court")
    quote = article.golds[0]
    # the parts are listed out of order in the file: the span still runs over both
    assert (quote.start, quote.end) == (article.text.index('"We'),
                                        article.text.index("wrong.\"") + len("wrong.\""))
    assert quote.kind == "direct"


def test_a_claim_matches_when_it_overlaps_half_the_shorter_span() -> None:
    article = _article("bridge")
    s, e = _span(article, "The bridge will open in May")
    half = (e - s) // 2
    assert _score(article, [Predicted("direct", s, s + half + 1, "Ana Ruiz")]).direct_tp == 1
    missing = _score(article, [Predicted("direct", s - 20, s + 3, "Ana Ruiz")])
    assert (missing.direct_tp, missing.direct_fp, missing.direct_fn) == (0, 1, 1)


def test_a_second_claim_inside_a_matched_gold_is_a_piece_neither_right_nor_wrong() -> None:
    article = _article("bridge")
    s, e = _span(article, "The bridge will open in May")
    figures = _score(article, [Predicted("direct", s, e, "Ana Ruiz"),
                               Predicted("direct", s + 4, s + 10, "Ana Ruiz")])
    assert (figures.direct_tp, figures.direct_fp, figures.direct_fn) == (1, 0, 0)


def test_a_direct_claim_on_a_paraphrase_with_fragment_is_ignored_but_finds_it() -> None:
    article = _article("bridge")
    s, e = _span(article, "a costly detour")
    figures = _score(article, [Predicted("direct", s, e, None)])
    assert figures.direct_fp == 0
    assert (figures.fragment_found, figures.fragment_total) == (1, 1)


def test_reported_claims_on_other_golds_are_ignored_and_elsewhere_are_false() -> None:
    article = _article("bridge")
    survey = _span(article, "most residents support the bridge")
    title = _span(article, "Council Votes on Bridge Plan")
    figures = _score(article, [Predicted("indirect", *survey, None),
                               Predicted("indirect", *title, None)])
    assert (figures.reported_tp, figures.reported_fp, figures.reported_fn) == (0, 1, 1)


def test_a_speaker_is_right_when_it_shares_a_capitalised_name_word() -> None:
    assert right_speaker("Ana Ruiz", "Mayor Ana Ruiz")
    assert right_speaker("Ana Ruiz", "Ruiz's office")
    assert not right_speaker("Mr. Berg", "Mr. Ruiz")  # titles name nobody
    assert not right_speaker(None, "Ruiz")
    assert right_speaker("Brett O'Donnell", "O’Donnell")  # either apostrophe
    assert right_speaker("PENCE", "Mike Pence")  # a transcript label
    assert name_words("he") == set() and name_words("The survey") == set()


def test_speakers_and_end_to_end_count_only_named_sources() -> None:
    article = _article("bridge")
    quote = _span(article, "The bridge will open in May")
    money = _span(article, "the city had found the money")
    fragment = _span(article, "the plan “a costly detour”")
    figures = _score(article, [Predicted("direct", *quote, "Ana Ruiz"),
                               Predicted("indirect", *money, "Tom Berg"),
                               Predicted("indirect", *fragment, "Tom Berg")])
    # Critics is no name: the fragment is found but its speaker is not counted
    assert (figures.speaker_right, figures.speaker_counted) == (1, 2)
    # the one quoted gold with a named source came out found with the right speaker
    assert (figures.e2e_ok, figures.e2e_total) == (1, 1)


def test_a_source_is_a_description_when_its_head_is_a_common_noun() -> None:
    for description in ("the Ohio senator", "A Ruiz adviser", "Mayor Ruiz's driver",
                        "Police officials", "Lawmakers", "A spokeswoman for Ana Ruiz",
                        "Federal and state officials"):
        assert described(description), description
    for name in ("Sen. Ana Ruiz", "Ruiz's", "The IMF", "Republicans", "BERG",
                 "the Rev. Tom Berg, of Grace Church", "Ana Ruiz (D-Ohio), a senator", None):
        assert not described(name), name


def test_the_breakdown_splits_wrong_speakers_by_what_the_source_is() -> None:
    text = ("Mayor Ana Ruiz spoke. The bridge opens in May, the Ohio mayor said. "
            "Taxes will fall, Tom Berg said. Fares will rise, Lee Park said.")
    spans = [(text.index(w), text.index(w) + len(w)) for w in
             ("The bridge opens in May", "Taxes will fall", "Fares will rise")]
    sources = ["the Ohio mayor", "Tom Berg", "Lee Park"]
    golds = tuple(GoldAttribution(s, e, src, "said", False, False, True)
                  for (s, e), src in zip(spans, sources, strict=True))
    figures = Figures()
    score_article(GoldArticle("t", text, golds), [
        Predicted("indirect", *spans[0], "Ana Ruiz"),  # right, but the scorer cannot tell
        Predicted("indirect", *spans[1], None),
        Predicted("indirect", *spans[2], "Tom Berg"),
    ], figures)
    assert (figures.speaker_right, figures.speaker_counted) == (0, 3)
    assert (figures.speaker_described_wrong, figures.speaker_unnamed,
            figures.speaker_other) == (1, 1, 1)
    assert (figures.named_right, figures.named_counted) == (0, 2)
    assert figures.breakdown()[0] == ("wrong speakers: 3: the source is a description 1, a name "
                                      "left unnamed 1, a name given to another 1")


def test_wholly_quoted_content_without_its_marks_is_direct() -> None:
    text = 'He said: "We won." Then he left.'
    s = text.index("We won.")
    ann = f"T1\tContent {s} {s + 7}\tWe won.\nE1\tAttribution:T1 Content:T1\n"
    from claims_app.extract.evaluate import parse_ann

    (gold,) = parse_ann(text, ann)
    assert gold == GoldAttribution(s, s + 7, None, None, True, True, False)


def test_evaluate_dir_runs_the_extractor_over_the_gold_set() -> None:
    figures = evaluate_dir(GOLD)
    assert figures.articles == 2
    assert figures.direct_tp + figures.direct_fn == 2
    assert figures.reported_tp + figures.reported_fn == 2


def test_the_evaluate_command_prints_the_six_figures() -> None:
    result = CliRunner().invoke(evaluate_command, [str(GOLD)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "articles scored: 2"
    assert [line.split(":")[0] for line in lines[1:6]] == [
        "direct quotes P / R / F1", "paraphrase with quoted fragment, found",
        "reported speech P / R", "right named speaker", "end to end"]
    assert lines[6].startswith("  wrong speakers: ")


def test_the_evaluate_command_refuses_a_folder_without_the_layout(tmp_path: Path) -> None:
    result = CliRunner().invoke(evaluate_command, [str(tmp_path)])
    assert result.exit_code == 1
    assert "text/*.txt and attributions/*.ann" in result.output
