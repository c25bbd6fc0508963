"""The seed-format reader takes each seed's metadata from what the file actually says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claims_app.ingest.errors import ReadError
from claims_app.ingest.seedtext import read_seed_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(n: int):
    return read_seed_text(sorted(SEEDS.glob(f"{n:03d}_*.txt"))[0])


def test_first_seed_is_by_jeila_aliyeva_of_trend_published_2021_04_06() -> None:
    d = seed(0)
    assert (d.author, d.outlet, d.published, d.published_precision) == (
        "Jeila Aliyeva", "Trend", dt.date(2021, 4, 6), "day")


def test_first_seed_takes_its_headline_from_the_date_line() -> None:
    assert seed(0).title == (
        "OIC offers political support to Azerbaijan in its struggle against Armenian aggression")


def test_first_seed_has_dateline_place_and_section() -> None:
    d = seed(0)
    assert (d.dateline, d.place, d.section) == ("BAKU, Azerbaijan, April 6", "BAKU, Azerbaijan",
                                                "Politics")


def test_first_seed_body_starts_with_the_story_and_drops_the_footer() -> None:
    d = seed(0)
    assert d.body.startswith("The Organisation of Islamic Cooperation (OIC) has all along")
    assert d.body.endswith("The 1994 ceasefire agreement was followed by peace negotiations.")
    assert "All news" not in d.body and "---" not in d.body
    assert d.extra["footer"] == "---\n\nAll news"


def test_editorial_note_on_the_date_line_is_not_taken_for_a_headline() -> None:
    d = seed(1)
    assert d.title is None
    assert d.extra["editorial_note"] == "Details added: first version posted on 12:01"
    assert (d.author, d.outlet, d.published) == ("Elchin Mehdiyev", "Trend", dt.date(2021, 4, 8))
    assert d.dateline == "BAKU, Azerbaijan, Apr.8"


def test_agency_byline_gives_the_outlet_and_no_author() -> None:
    d = seed(2)
    assert (d.author, d.outlet) == (None, "Trend")


def test_partial_date_is_kept_as_written_and_no_date_is_invented() -> None:
    d = seed(2)
    assert d.published is None
    assert d.published_precision == "unknown"
    assert d.published_text == "Oct.23"


def test_fourth_seed_has_no_date_author_or_outlet() -> None:
    d = seed(3)
    assert (d.published, d.author, d.outlet, d.title, d.dateline) == (None, None, None, None, None)
    assert d.published_precision == "unknown" and d.published_text is None
    assert d.body.startswith("The General Secretariat of the Organization of Islamic Cooperation")
    assert d.body.endswith("the ministry emphasized.")


def test_author_footer_names_the_outlet() -> None:
    d = seed(4)
    assert (d.author, d.outlet, d.published) == ("Abdul Kerimkhanov", "AzerNews",
                                                 dt.date(2019, 11, 6))
    assert d.body.endswith("peaceful settlement of the Nagorno-Karabakh conflict.")
    assert "Follow us" not in d.body


def test_body_is_verbatim_including_the_cyrillic_lookalike() -> None:
    d = seed(0)
    assert "\u0420e noted that along with OIC" in d.body  # Cyrillic Р kept as imported
    assert "\u201cWe have seen the devastation" in d.body


def test_raw_file_text_is_kept() -> None:
    path = sorted(SEEDS.glob("000_*.txt"))[0]
    assert seed(0).raw == path.read_text(encoding="utf-8")


def test_impossible_date_on_the_date_line_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "bad-date.txt"
    f.write_text(" date 2021-02-30 Headline\n\nSome story text.", encoding="utf-8")
    with pytest.raises(ReadError, match=r"bad-date\.txt:1: .*impossible date '2021-02-30'"):
        read_seed_text(f)


def test_header_without_story_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "only-header.txt"
    f.write_text(" date 2021-04-06 Headline\n\nBy Trend\n", encoding="utf-8")
    with pytest.raises(ReadError, match="no article text"):
        read_seed_text(f)


def test_crlf_line_ends_read_like_lf(tmp_path: Path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes(b" date 2021-04-06 Headline\r\n\r\nBy Jane Doe\r\n\r\nFirst.\r\n\r\nSecond.")
    d = read_seed_text(f)
    assert d.body == "First.\n\nSecond." and d.author == "Jane Doe"


def test_an_authors_promotion_closing_the_story_is_footer() -> None:
    # '"Follow NAME on Twitter @handle.' closes many wire stories, inside a transcript's
    # quotation too; it is nobody's claim
    text = (b"Lorne spoke to the council.\n\n\"LORNE: The bridge will open in May.\n\n"
            b"\"Follow Ada Brenn on Twitter @adabrenn.\n")
    d = read_seed_text(Path("story.txt"), text)
    assert d.body.endswith("will open in May.")
    assert d.extra["footer"] == "\"Follow Ada Brenn on Twitter @adabrenn."
