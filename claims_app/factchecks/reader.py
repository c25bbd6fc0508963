"""Reading published fact-checks: schema.org ClaimReview from saved pages, JSON and JSON Lines.

Fact-checkers publish each verdict as ClaimReview markup (JSON-LD inside the page) and
aggregators hand them over as JSON: one object, a list, a JSON-LD ``@graph``, or one object
per line. Our own ClaimReview export (:mod:`claims_app.export.claimreview`, a JSON array)
reads back the same way. Pages are read with ``extruct``, a maintained structured-data
extractor (the one Scrapinghub/Zyte keeps for scraping schema.org markup), rather than by
pattern-matching script tags: it copes with comments, CDATA wrappers and several JSON-LD
blocks per page.

Like the article readers (:mod:`claims_app.ingest.readers`) this reads and checks a whole
file before anything is stored, so a broken file (a line of JSON Lines that is not JSON, a
ClaimReview without the claim it reviewed) is refused whole, naming the file and line, and
nothing of it is stored. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims_app.ingest.errors import ReadError
from claims_app.ingest.text_input import check_text, decode

__all__ = ["FACT_CHECK_SUFFIXES", "FactCheckDraft", "holds_claim_reviews", "read_fact_checks"]

#: The file types a ClaimReview may come in (decided by content within them).
FACT_CHECK_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".html", ".htm"})
_LINES = frozenset({".jsonl", ".ndjson"})
_PAGES = frozenset({".html", ".htm"})
_TYPE = "ClaimReview"
_MAX_DEPTH = 50
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class FactCheckDraft:
    """One ClaimReview as read, cut to the sizes stored."""

    claim_reviewed: str
    claimant: str | None
    rating_value: float | None
    best_rating: float | None
    worst_rating: float | None
    rating_name: str | None
    publisher: str | None
    published: dt.date | None
    url: str | None
    language: str | None
    line: int | None = None  # the line of a JSON Lines file


def holds_claim_reviews(path: Path) -> bool:
    """Whether a file is one for the fact-check importer: a type that can carry ClaimReview
    and content that names the type. A ``.json`` file is only ever a fact-check file (no
    article reader takes ``.json``), so it always goes here and is refused here if it holds
    no ClaimReview."""
    suffix = path.suffix.lower()
    if suffix not in FACT_CHECK_SUFFIXES:
        return False
    if suffix == ".json":
        return True
    try:
        with path.open("rb") as f:
            head = f.read(1 << 20)
    except OSError:
        return False  # the article reader reports why it cannot be read
    if suffix in _LINES:
        first = next((ln for ln in head.splitlines() if ln.strip()), b"")
        return b'"' + _TYPE.encode() + b'"' in first
    return _TYPE.encode() in head and b"ld+json" in head


def read_fact_checks(path: Path, data: bytes) -> list[FactCheckDraft]:
    """Every ClaimReview in the file, or a ReadError naming the file (and line)."""
    suffix = path.suffix.lower()
    text = decode(path, data)
    if suffix in _LINES:
        drafts = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                found = list(_reviews(_json(path, line, number)))
                if not found:
                    raise ReadError(path, "no ClaimReview on this line", number)
                drafts += [_draft(path, review, number) for review in found]
    elif suffix in _PAGES:
        drafts = [_draft(path, review, None) for obj in _page_json_ld(path, text)
                  for review in _reviews(obj)]
    else:
        drafts = [_draft(path, review, None) for review in _reviews(_json(path, text, None))]
    if not drafts:
        raise ReadError(path, "no ClaimReview in the file")
    return drafts


def _json(path: Path, text: str, line: int | None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if line is None else \
            f"column {exc.colno}"
        raise ReadError(path, f"not valid JSON ({exc.msg}, {where})", line) from exc
    except (ValueError, RecursionError) as exc:
        raise ReadError(path, f"not valid JSON ({str(exc).split(';')[0]})", line) from exc


def _page_json_ld(path: Path, html: str) -> list[Any]:
    # Here, not at the top: extruct loads lxml and rdflib, which only pages need.
    import extruct

    try:
        found = extruct.extract(html, syntaxes=["json-ld"], uniform=False, errors="strict")
    except (ValueError, TypeError) as exc:
        raise ReadError(path, f"the page's JSON-LD is not valid JSON ({exc})") from exc
    return list(found.get("json-ld", []))


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    values = kind if isinstance(kind, list) else [kind]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def _reviews(obj: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every ClaimReview object in a JSON-LD value: itself, in a list, in ``@graph``, or
    nested as another object's value (a page's ``mainEntity``)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(obj, list):
        for item in obj:
            yield from _reviews(item, depth + 1)
    elif isinstance(obj, dict):
        if _TYPE in _types(obj):
            yield obj
            return
        for value in obj.values():
            if isinstance(value, dict | list):
                yield from _reviews(value, depth + 1)


def _name(value: Any) -> str | None:
    """A Person's or Organization's name: the object's ``name``, a plain string, or the
    first of a list."""
    if isinstance(value, list):
        return next((n for n in map(_name, value) if n), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _number(path: Path, value: Any, what: str, line: int | None) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ReadError(path, f"{what} is not a number: {value!r}", line)
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None  # "True", "Four Pinocchios": the rating's name says it
    raise ReadError(path, f"{what} is not a number: {value!r}", line)


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.strip())
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _text(path: Path, value: Any, limit: int, line: int | None) -> str | None:
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if not isinstance(value, str):
        return None
    cleaned = " ".join(value.split())
    if not cleaned:
        return None
    check_text(path, cleaned, line)
    return cleaned[:limit]


def _draft(path: Path, review: dict[str, Any], line: int | None) -> FactCheckDraft:
    claim = _text(path, review.get("claimReviewed"), 20000, line)
    item = review.get("itemReviewed")
    item = item if isinstance(item, dict) else {}
    if claim is None:
        claim = _text(path, item.get("text") or item.get("name"), 20000, line)
    if claim is None:
        raise ReadError(path, "a ClaimReview without the claim it reviewed (claimReviewed)",
                        line)
    rating = review.get("reviewRating")
    rating = rating if isinstance(rating, dict) else {}
    language = review.get("inLanguage") or item.get("inLanguage")
    if isinstance(language, dict):
        language = language.get("alternateName") or language.get("name")
    claimant = _name(item.get("author"))
    publisher = _name(review.get("author")) or _name(review.get("publisher"))
    return FactCheckDraft(
        claim_reviewed=claim,
        claimant=_text(path, claimant, 300, line),
        rating_value=_number(path, rating.get("ratingValue"), "ratingValue", line),
        best_rating=_number(path, rating.get("bestRating"), "bestRating", line),
        worst_rating=_number(path, rating.get("worstRating"), "worstRating", line),
        rating_name=_text(path, rating.get("alternateName") or rating.get("name"), 200, line),
        publisher=_text(path, publisher, 300, line),
        published=_date(review.get("datePublished")),
        url=_text(path, review.get("url") or review.get("@id"), 2000, line),
        language=_text(path, language, 20, line),
        line=line,
    )
