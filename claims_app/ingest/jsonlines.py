"""Reader for JSON Lines: one article object per line, the generic hand-over format.

The whole file is checked before anything is stored, so a broken line refuses the file
(naming the line) instead of leaving half of it imported.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.errors import ReadError
from claims_app.ingest.text_input import check_text, decode, normalize_newlines

KNOWN_KEYS = (
    "body", "title", "author", "outlet", "published", "dateline", "url", "language",
    "source_name", "place", "section",
)
MAX_DEPTH = 100
_PARTIAL_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?$")


def read_jsonl(path: Path, data: bytes | None = None) -> list[ArticleDraft]:
    text = decode(path, path.read_bytes() if data is None else data)
    drafts: list[ArticleDraft] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line, parse_constant=_refuse_constant, parse_float=_finite_float)
        except json.JSONDecodeError as exc:
            problem = f"not valid JSON ({exc.msg}, column {exc.colno})"
            raise ReadError(path, problem, number) from exc
        except ValueError as exc:  # NaN/Infinity, or an integer too long to convert
            reason = str(exc).split(";")[0]
            raise ReadError(path, f"not valid JSON ({reason})", number) from exc
        except RecursionError as exc:
            raise ReadError(path, f"values nested more than {MAX_DEPTH} levels deep",
                            number) from exc
        if not isinstance(obj, dict):
            found = type(obj).__name__
            raise ReadError(path, f"expected an article object, found {found}", number)
        _check_strings(path, number, obj)
        drafts.append(_draft(path, number, obj))
    if not drafts:
        raise ReadError(path, "no articles in the file")
    return drafts


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are not JSON; PostgreSQL's JSON columns refuse them at insert time."""
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"{text} is too large for a JSON number")
    return value


def _check_strings(path: Path, line: int, obj: Any) -> None:
    """JSON escapes can spell characters no text file can (``\\u0000``, a lone ``\\ud800``);
    every key and string, kept in ``raw`` and ``extra`` too, is checked before storing.

    Iterative, with a depth limit: deeply nested values would otherwise overflow the stack
    when they are checked here or serialised again for ``raw`` and the JSON column.
    """
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            check_text(path, value, line)
            continue
        if isinstance(value, dict | list) and depth > MAX_DEPTH:
            raise ReadError(path, f"values nested more than {MAX_DEPTH} levels deep", line)
        if isinstance(value, dict):
            for key, item in value.items():
                check_text(path, key, line)
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def _draft(path: Path, line: int, obj: dict[str, Any]) -> ArticleDraft:
    body = obj.get("body")
    if not isinstance(body, str) or not body.strip():
        raise ReadError(path, "the article has no \"body\" text", line)
    values: dict[str, str | None] = {}
    for key in KNOWN_KEYS[1:]:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise ReadError(path, f"\"{key}\" must be a string, not {type(value).__name__}", line)
        values[key] = value.strip() if isinstance(value, str) and value.strip() else None
    published, precision = parse_published(path, line, values["published"])
    extra = {k: v for k, v in obj.items() if k not in KNOWN_KEYS}
    return ArticleDraft(
        body=normalize_newlines(body).strip(),
        source_name=values["source_name"] or f"{path.name}:{line}",
        title=values["title"],
        author=values["author"],
        outlet=values["outlet"],
        published=published,
        published_precision=precision,
        published_text=values["published"] if published is None else None,
        dateline=values["dateline"],
        place=values["place"],
        section=values["section"],
        url=values["url"],
        language=values["language"],
        raw=json.dumps(obj, ensure_ascii=False, sort_keys=True),
        extra=extra,
        line=line,
    )


def parse_published(path: Path, line: int | None, value: str | None) -> tuple[dt.date | None, str]:
    """An ISO date, or a partial one ("2020-10", "2020") stored as its first day with its
    precision; an impossible date ("2021-02-30") is refused rather than guessed at."""
    if not value:
        return None, "unknown"
    partial = _PARTIAL_DATE.match(value)
    try:
        if partial:
            month = partial.group("month")
            if month:
                return dt.date(int(partial.group("year")), int(month), 1), "month"
            return dt.date(int(partial.group("year")), 1, 1), "year"
        return dt.date.fromisoformat(value[:10]), "day"
    except ValueError as exc:
        raise ReadError(path, f"\"published\" is not a real date: {value!r}", line) from exc
