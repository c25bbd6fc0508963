"""When and where a claim was made, read from its attribution clause.

Only the attribution (subject, cue and the adverbials around them: "while addressing ... in Doha
on November 4") is searched, never the claim's content, whose dates are about events.  A date
without a year takes the publication year, stepped back one year if it would fall after
publication (a January story quoting "on December 30").
"""

from __future__ import annotations

import datetime
import re

from claims_app.extract.lexicon import MONTHS, ORG_WORDS, ROLE_WORDS, WEEKDAYS

__all__ = ["when_where", "STATED", "PUBLICATION", "UNKNOWN"]

STATED = "stated"
PUBLICATION = "publication"
UNKNOWN = "unknown"

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*(?P<year>(?:19|20)\d\d))?"
_DATE_MD = re.compile(rf"\b{_MONTH}\s*{_DAY}\b{_YEAR}", re.IGNORECASE)
_DATE_DM = re.compile(
    rf"\b{_DAY}\s+(?P<month>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?\b{_YEAR}",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\bon\s+(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?P<rel>yesterday|today|tonight|this\s+morning)\b", re.IGNORECASE)
_PLACE = re.compile(r"\b(?:in|at)\s+(?P<place>[A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+)?)")
_HERE = re.compile(r"\bhere\b")


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _stated_date(text: str, published: datetime.date | None) -> datetime.date | None:
    for pattern in (_DATE_MD, _DATE_DM):
        m = pattern.search(text)
        if not m:
            continue
        month = MONTHS[m.group("month").lower()]
        day = int(m.group("day"))
        if m.group("year"):
            return _make_date(int(m.group("year")), month, day)
        if published is None:
            return None
        found = _make_date(published.year, month, day)
        if found is not None and found > published:
            found = _make_date(published.year - 1, month, day)
        return found
    if published is None:
        return None
    m = _WEEKDAY.search(text)
    if m:
        back = (published.weekday() - WEEKDAYS[m.group("weekday").lower()]) % 7
        return published - datetime.timedelta(days=back)
    m = _RELATIVE.search(text)
    if m:
        rel = m.group("rel").lower()
        return published - datetime.timedelta(days=1) if rel == "yesterday" else published
    return None


def _place(text: str, dateline: str | None) -> str | None:
    for m in _PLACE.finditer(text):
        words = m.group("place").split()
        while words and (words[-1].lower() in MONTHS or words[-1].lower() in WEEKDAYS):
            words.pop()
        if not words or words[0].lower() in MONTHS or words[0].lower() in WEEKDAYS:
            continue
        if any(w.lower() in ORG_WORDS or w.lower() in ROLE_WORDS for w in words):
            continue
        return " ".join(words)
    if dateline and _HERE.search(text):
        place = dateline.split(",")[0].strip()
        if place and not any(c.isdigit() for c in place):
            return place.title() if place.isupper() else place
    return None


def when_where(
    regions: list[str], published: datetime.date | None, dateline: str | None
) -> tuple[datetime.date | None, str, str | None]:
    """Return (said_on, said_on_basis, said_where) from the attribution text of one claim.

    "here" in an attribution means the dateline city, by news convention.
    """
    said_on: datetime.date | None = None
    where: str | None = None
    for text in regions:
        if said_on is None:
            said_on = _stated_date(text, published)
        if where is None:
            where = _place(text, dateline)
    if said_on is not None:
        return said_on, STATED, where
    if published is not None:
        return published, PUBLICATION, where
    return None, UNKNOWN, where
