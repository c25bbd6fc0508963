"""Reader for plain-text wire stories in the seed format.

The layout, learned from the seeds: an optional first line `` date YYYY-MM-DD <rest>`` whose
rest is a headline, a byline or an editorial note; then header lines in any order (a
section/time line, a dateline, a byline); then the story; then an optional footer starting at
a ``---`` line (author notes, "All news", "Follow us ..."). Only what the file says is
recorded: a missing date stays unknown, a partial one ("Oct.23") is kept as written.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.errors import ReadError
from claims_app.ingest.text_input import decode, normalize_newlines

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_DAY = rf"{_MONTH}\.?\s?\d{{1,2}}"

DATE_LINE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})(?:\s+(?P<rest>.*?))?\s*$")
SECTION_LINE = re.compile(
    rf"^(?P<section>[A-Z][\w&/ -]{{0,40}}?)\s+(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\s+"
    r"(?P<year>\d{4})\s+(?P<time>\d{1,2}:\d{2})(?:\s*\((?P<tz>UTC[+-]\d{2}:\d{2})\))?\s*$"
)
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’ -]+(?:,\s*[A-Z][\w.'’ -]+)*),\s*(?P<date>{_MONTH_DAY})\s*$"
)
BYLINE_WITH_OUTLET = re.compile(
    r"^By\s+(?P<author>[^-–—:]+?)\s*[-–—]\s*(?P<outlet>[^:]+?)\s*:?\s*$"
)
BYLINE = re.compile(r"^By\s+(?P<name>[^:]+?)\s*:?\s*$")
EDITORIAL_NOTE = re.compile(
    r"^(?:details added|updated?|correct(?:ed|ion)|first version|editor[’']?s note|"
    r"adds?\b|recasts?\b|refiled)",
    re.IGNORECASE,
)
AUTHOR_FOOTER = re.compile(
    r"^(?P<author>[A-Z][\w.'’ -]+?) is "
    r"(?P<outlet>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*?)(?:[’']s?|s[’'])"
    r"\s+(?:staff\s+|senior\s+|special\s+)?(?:journalist|correspondent|reporter|writer|editor)\b"
)
FOOTER_LINE = re.compile(
    r"^(?:All news|Follow us on\b.*|Follow (?:him|her|them) on\b.*|"
    # an author's promotion closing the story, inside a transcript's quotation too:
    # '"Follow Ann Lee on Twitter @annlee.'
    r"[\"“]?Follow [A-Z][^.]{0,80}? on (?:Twitter|Facebook|Instagram)\b.*)$")
REPORTS_ON = re.compile(rf"\b(?P<outlet>[A-Z][A-Za-z]+) reports(?: on (?P<date>{_MONTH_DAY}))?")
FOOTER_RULE = re.compile(r"^\s*(?:-{3,}|—+|_{3,})\s*$")


def read_seed_text(path: Path, data: bytes | None = None) -> ArticleDraft:
    data = path.read_bytes() if data is None else data
    raw = decode(path, data)
    text = normalize_newlines(raw)
    lines = text.split("\n")
    meta: dict[str, object] = {"extra": {}}
    extra: dict[str, object] = meta["extra"]  # type: ignore[assignment]

    i = 0
    first = DATE_LINE.match(lines[0]) if lines else None
    if first:
        meta["published"] = _iso_date(path, first.group("date"))
        meta["published_precision"] = "day"
        rest = (first.group("rest") or "").strip()
        if rest:
            _classify_first_line_rest(rest, meta, extra)
        i = 1

    body_start = _consume_header(lines, i, meta, path)
    footer_start = _footer_start(lines, body_start)
    for line in lines[footer_start:]:
        m = AUTHOR_FOOTER.match(line.strip())
        if m:
            meta.setdefault("author", m.group("author").strip())
            meta.setdefault("outlet", m.group("outlet").strip())
    footer = "\n".join(lines[footer_start:]).strip()
    if footer:
        extra["footer"] = footer

    body = "\n".join(lines[body_start:footer_start]).strip()
    if not body:
        raise ReadError(path, "no article text after the header lines")

    reports = REPORTS_ON.search(body)
    if reports:
        meta.setdefault("outlet", reports.group("outlet"))
        if reports.group("date") and "published" not in meta:
            meta.setdefault("published_text", reports.group("date"))

    return ArticleDraft(
        body=body,
        source_name=path.name,
        title=meta.get("title"),  # type: ignore[arg-type]
        author=meta.get("author"),  # type: ignore[arg-type]
        outlet=meta.get("outlet"),  # type: ignore[arg-type]
        published=meta.get("published"),  # type: ignore[arg-type]
        published_precision=str(meta.get("published_precision", "unknown")),
        published_text=meta.get("published_text"),  # type: ignore[arg-type]
        dateline=meta.get("dateline"),  # type: ignore[arg-type]
        place=meta.get("place"),  # type: ignore[arg-type]
        section=meta.get("section"),  # type: ignore[arg-type]
        raw=raw,
        extra=extra,
    )


def _classify_first_line_rest(rest: str, meta: dict[str, object], extra: dict[str, object]) -> None:
    """The rest of the date line is a byline, an editorial note, or else the headline."""
    if _apply_byline(rest, meta):
        return
    if EDITORIAL_NOTE.match(rest):
        extra["editorial_note"] = rest
        return
    meta["title"] = rest


def _apply_byline(line: str, meta: dict[str, object]) -> bool:
    m = BYLINE_WITH_OUTLET.match(line)
    if m:
        meta.setdefault("author", m.group("author").strip())
        meta.setdefault("outlet", m.group("outlet").strip())
        return True
    m = BYLINE.match(line)
    if m:
        name = m.group("name").strip()
        # Agencies sign their own copy with one word ("By Trend", "By Reuters"); people
        # sign with a first and a last name.
        if len(name.split()) == 1:
            meta.setdefault("outlet", name)
        else:
            meta.setdefault("author", name)
        return True
    return False


def _consume_header(lines: list[str], i: int, meta: dict[str, object], path: Path) -> int:
    """Skip blank lines and recognised header lines; return the index of the story's start."""
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        section = SECTION_LINE.match(line)
        if section:
            meta["section"] = section.group("section")
            extra: dict[str, object] = meta["extra"]  # type: ignore[assignment]
            extra["section_line"] = line
            if "published" not in meta:
                meta["published"] = _day_month_year(
                    path, section.group("day"), section.group("month"), section.group("year")
                )
                meta["published_precision"] = "day"
            i += 1
            continue
        dateline = DATELINE.match(line)
        if dateline and len(line) < 120:
            meta["dateline"] = line
            meta["place"] = dateline.group("place").strip()
            if "published" not in meta:
                meta.setdefault("published_text", dateline.group("date"))
            i += 1
            continue
        if len(line) < 120 and _apply_byline(line, meta):
            i += 1
            continue
        break
    return i


def _footer_start(lines: list[str], body_start: int) -> int:
    """The footer begins at the last ``---`` rule, or at trailing boilerplate lines."""
    end = len(lines)
    for j in range(len(lines) - 1, body_start - 1, -1):
        if FOOTER_RULE.match(lines[j]):
            return j
    j = end
    while j > body_start:
        line = lines[j - 1].strip()
        if not line or FOOTER_LINE.match(line) or AUTHOR_FOOTER.match(line):
            j -= 1
            continue
        break
    while j < end and not lines[j].strip():
        j += 1
    return j if any(lines[k].strip() for k in range(j, end)) else end


def _iso_date(path: Path, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ReadError(path, f"the date line gives an impossible date {value!r}", line=1) from exc


def _day_month_year(path: Path, day: str, month: str, year: str) -> dt.date:
    try:
        return dt.date(int(year), _MONTHS[month.lower().rstrip(".")], int(day))
    except (ValueError, KeyError) as exc:
        raise ReadError(path, f"impossible date {day} {month} {year} in the header") from exc
