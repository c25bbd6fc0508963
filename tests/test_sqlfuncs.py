"""The one LIKE escape: typed text is matched as typed, its % and _ never wildcards; a
text's size in bytes on either engine."""

from __future__ import annotations

from sqlalchemy import select

from claims_app.articles.models import Outlet
from claims_app.sqlfuncs import byte_length, contains_text, escape_like


def test_escape_like_takes_wildcards_and_the_escape_character_literally() -> None:
    assert escape_like("100%") == "100\\%"
    assert escape_like("a_b") == "a\\_b"
    assert escape_like("c:\\x") == "c:\\\\x"
    assert escape_like("plain words") == "plain words"


def _outlets_containing(session, text: str, **options: bool) -> list[str]:
    return sorted(session.scalars(
        select(Outlet.name).where(contains_text(Outlet.name, text, **options))))


def test_contains_text_matches_percent_and_underscore_as_typed(session) -> None:
    session.add_all([Outlet(name="100% Wire"), Outlet(name="a_b News"),
                     Outlet(name="axb News"), Outlet(name="c:\\Herald")])
    session.flush()
    assert _outlets_containing(session, "%") == ["100% Wire"]
    assert _outlets_containing(session, "a_b") == ["a_b News"]
    assert _outlets_containing(session, "\\") == ["c:\\Herald"]


def test_contains_text_ignores_case(session) -> None:
    session.add_all([Outlet(name="Daily Wire"), Outlet(name="daily news"), Outlet(name="Dial")])
    session.flush()
    assert _outlets_containing(session, "DAILY") == ["Daily Wire", "daily news"]


def test_contains_text_on_normalised_keys_escapes_the_same_way(session) -> None:
    # Keys are lower case already, so the match needs no case folding, only the escape.
    session.add_all([Outlet(name="a_b news"), Outlet(name="axb news")])
    session.flush()
    assert _outlets_containing(session, "a_b", ignore_case=False) == ["a_b news"]


def test_byte_length_counts_utf8_bytes_not_characters(session) -> None:
    # "Ереван" is six Cyrillic letters, two bytes each; a backslash is one byte (PostgreSQL's
    # text-to-bytea cast would have read it as an escape).
    session.add_all([Outlet(name="Ереван"), Outlet(name="a\\b"), Outlet(name="ascii")])
    session.flush()
    sizes = dict(session.execute(select(Outlet.name, byte_length(Outlet.name))).all())
    assert sizes == {"Ереван": 12, "a\\b": 3, "ascii": 5}
