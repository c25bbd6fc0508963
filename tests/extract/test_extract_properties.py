"""Properties that hold for any input: no exceptions, exact offsets, determinism."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from claims_app.extract import extract_claims

# Fragments that steer random text into the extractor's rules.
_FRAGMENTS = [
    "“", "”", '"', "‘", "’", "'", "«", "»", ",", ".", ":", "\n\n", "\n", " ", "he said",
    "said", "told journalists", "according to", "the minister", "Minister Ali Hasanov",
    "The OIC", "(OIC)", "condemns", "calls for", "that", "expressed deep concern over",
    "added the organization’s representative", "\u0420e noted", "in Doha on November 4",
    "We will win", "Trend reports", "so-called", "they said", "here", "Nov.", "U.S.",
]
news_text = st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), news_text)
dates = st.one_of(st.none(), st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)))
datelines = st.one_of(st.none(), st.just("BAKU, Azerbaijan, April 6"), st.text(max_size=20))


@settings(deadline=None, max_examples=300)
@given(any_text, dates, datelines)
def test_any_text_gives_claims_whose_text_is_the_body_slice(
    body: str, published: datetime.date | None, dateline: str | None
) -> None:
    claims = extract_claims(body, published=published, dateline=dateline)
    for c in claims:
        assert 0 <= c.start < c.end <= len(body)
        assert body[c.start : c.end] == c.text
        assert c.kind in {"direct", "indirect"}
        assert c.speaker_kind in {"person", "organization"}
        assert c.said_on_basis in {"stated", "publication", "unknown"}
        assert 0.0 <= c.confidence <= 1.0
        if c.said_on_basis == "publication":
            assert c.said_on == published


@settings(deadline=None, max_examples=150)
@given(any_text, dates)
def test_claims_are_sorted_by_start(body: str, published: datetime.date | None) -> None:
    starts = [c.start for c in extract_claims(body, published=published)]
    assert starts == sorted(starts)


@settings(deadline=None, max_examples=150)
@given(any_text, dates)
def test_extraction_is_deterministic(body: str, published: datetime.date | None) -> None:
    assert extract_claims(body, published=published) == extract_claims(body, published=published)


_words = st.lists(
    st.sampled_from(["peace", "will", "return", "to", "the", "region", "we", "hope", "soon"]),
    min_size=1, max_size=12,
).map(" ".join)
_names = st.tuples(
    st.sampled_from(["Ali", "Leyla", "Rizwan", "Hadi", "Elmar"]),
    st.sampled_from(["Hasanov", "Sheikh", "Soleimanpour", "Mammadyarov", "Aliyeva"]),
).map(" ".join)
_marks = st.sampled_from([("“", "”"), ('"', '"'), ('"', "”"), ("«", "»")])


@settings(deadline=None, max_examples=100)
@given(_words, _names, _marks, st.sampled_from(["said", "added", "noted", "told reporters"]))
def test_any_attributed_quote_is_found_with_its_words_and_speaker(
    words: str, name: str, marks: tuple[str, str], cue: str
) -> None:
    body = f"{marks[0]}{words.capitalize()},{marks[1]} Minister {name} {cue}."
    [claim] = extract_claims(body)
    assert claim.text == words.capitalize()
    assert claim.speaker_name == name
    assert claim.cue == cue
