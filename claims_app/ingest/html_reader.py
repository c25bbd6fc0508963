"""Reader for saved news web pages: the article's main text and metadata via trafilatura.

trafilatura (https://trafilatura.readthedocs.io) separates the story from navigation,
scripts, share buttons and comments, and reads title, author, site name, canonical URL
and date from the page's metadata. Only dates the page states in its metadata are taken
(``extensive_search`` off): guessing from any date-like text in the page would invent
publication dates. The page itself is kept as ``raw`` so a better extractor can re-read it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.utils import decode_file

from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.errors import ReadError
from claims_app.ingest.text_input import normalize_newlines

MIN_BODY_CHARS = 80
_NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.IGNORECASE | re.DOTALL)
_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)", re.I)


def read_html(path: Path, data: bytes | None = None) -> ArticleDraft:
    """One draft for one page, or a ReadError when there is no article in it."""
    data = path.read_bytes() if data is None else data
    if not data.strip():
        raise ReadError(path, "the file is empty")
    if b"\x00" in data[:8192]:
        raise ReadError(path, "this is a binary file (it contains NUL bytes), not a web page")
    html = decode_file(data)
    # <noscript> holds fallbacks for browsers without scripts ("enable JavaScript"), never
    # the story; trafilatura would keep its text.
    page = _NOSCRIPT.sub("", html)
    try:
        doc = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml and trafilatura raise assorted errors on broken markup
        raise ReadError(path, f"the page could not be parsed as HTML ({type(exc).__name__})") \
            from exc
    if doc is None:
        raise ReadError(path, "no article text found in the page")
    meta: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    title = _clean(meta.get("title"))
    body = _body(meta.get("text") or "", title)
    if len(body) < MIN_BODY_CHARS:
        raise ReadError(path, "no article text found in the page "
                              f"({len(body)} characters of main text)")
    published = _date(meta.get("date"))
    lang = _LANG.search(data[:4096])
    extra = {k: meta[k] for k in ("hostname", "description") if meta.get(k)}
    if meta.get("categories"):
        extra["categories"] = list(meta["categories"])
    return ArticleDraft(
        body=body,
        source_name=path.name,
        title=title,
        author=_clean(meta.get("author")),
        outlet=_clean(meta.get("sitename")),
        published=published,
        published_precision="day" if published else "unknown",
        url=_clean(meta.get("url")),
        language=lang.group(1).decode("ascii").lower() if lang else None,
        raw=html,
        extra=extra,
    )


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _body(text: str, title: str | None) -> str:
    """The main text; trafilatura repeats the headline as its first line, which is dropped
    (the title has its own field, and claim offsets should start in the story)."""
    text = normalize_newlines(text).strip()
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()) == title and rest.strip():
        text = rest.strip()
    return text


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
