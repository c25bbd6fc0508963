"""Reading request bodies and query strings, by hand.

Every refusal names the field and says what is wrong in words a script author can act on;
nothing that a client sends can reach the database in a shape it would reject (NUL bytes,
lone surrogates, out-of-range integers, impossible dates), so bad input is a 400/422 and
never a 500.

Writing records as JSON is ``records.py``.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from flask import request

from claims_app.inputs import MAX_ID, MAX_PAGE, control_problem, parse_whole
from claims_app.web.pagination import MAX_PER_PAGE

E = TypeVar("E", bound=enum.Enum)

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ApiError(Exception):
    """A refusal with its HTTP status, the offending field and (for 409) the stored state."""

    def __init__(self, status: int, message: str, *, field: str | None = None,
                 current: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.current = current


def invalid(message: str, field: str | None = None) -> ApiError:
    """A well-formed body whose values cannot be accepted (422)."""
    return ApiError(422, message, field=field)


def bad_request(message: str, field: str | None = None) -> ApiError:
    """A malformed request: unreadable JSON or a bad query parameter (400)."""
    return ApiError(400, message, field=field)


MAX_JSON_DEPTH = 20  # the deepest body the API documents nests 2 levels (tags in a claim)
# A string, to its closing quote (or to the end when unclosed, so never scanned twice).
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_PAIRS = bytes.maketrans(b"[{]}", b"(())")  # either kind of bracket, as ( and )


def json_body() -> dict[str, Any]:
    """The request body as a JSON object, whatever the Content-Type said.

    Refused with a 400 before anything reaches a service: a body nested deeper than
    ``MAX_JSON_DEPTH`` (checked on the raw bytes, because the parser recurses once per
    level: 100,000 brackets were a RecursionError, a 500), and any string, key or value,
    holding a control character (``claims_app.inputs``)."""
    data = request.get_data(cache=True)
    if not data.strip():
        raise bad_request("The request needs a JSON object as its body.")
    if nests_deeper_than(data, MAX_JSON_DEPTH):
        raise bad_request(f"The body nests arrays and objects more than {MAX_JSON_DEPTH} "
                          "levels deep; no field of this API needs more than two.")
    parsed = request.get_json(force=True, silent=True)
    if parsed is None:
        raise bad_request("The body is not valid JSON.")
    if not isinstance(parsed, dict):
        raise bad_request("The body must be a JSON object, e.g. {\"title\": \"...\"}.")
    for name, value in parsed.items():
        problem = _text_problem(name) or _text_problem(value)
        if problem:
            raise bad_request(f"{name} {problem}.", name)
    return parsed


def nests_deeper_than(data: bytes, limit: int) -> bool:
    """Whether arrays and objects in a JSON text nest more than ``limit`` levels deep, read
    without parsing it: strings are dropped, then the innermost bracket pairs are removed
    ``limit`` times over; a pair left, or more than ``limit`` brackets opened in a row, means
    a deeper level. Linear passes in C (a 60 MB body of brackets: under a second)."""
    brackets = _JSON_STRING.sub(b"", data).translate(None, _NOT_BRACKETS).translate(_PAIRS)
    too_deep = b"(" * (limit + 1)  # opened and not yet closed: the usual deep body
    for _level in range(limit):
        if too_deep in brackets:
            return True
        inner = brackets.replace(b"()", b"")
        if len(inner) == len(brackets):
            break
        brackets = inner
    return b"()" in brackets or too_deep in brackets


def _text_problem(value: Any) -> str | None:
    """The first control character in a parsed JSON value's strings (keys too), if any."""
    if isinstance(value, str):
        return control_problem(value)
    if isinstance(value, list):
        return next((p for v in value if (p := _text_problem(v))), None)
    if isinstance(value, dict):
        return next((p for k, v in value.items()
                     if (p := control_problem(str(k)) or _text_problem(v))), None)
    return None


class Body:
    """Typed access to one JSON object; each getter validates and names the field."""

    def __init__(self, data: dict[str, Any], known: Iterable[str]) -> None:
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise invalid(f"Unknown field {unknown[0]!r}; allowed: {', '.join(sorted(known))}.",
                          unknown[0])
        self.data = data

    def has(self, name: str) -> bool:
        return name in self.data

    def _get(self, name: str, required: bool) -> Any:
        if name not in self.data:
            if required:
                raise invalid(f"{name} is required.", name)
            return None
        return self.data[name]

    def string(self, name: str, *, max_length: int, required: bool = False,
               nullable: bool = True, strip: bool = True) -> str | None:
        value = self._get(name, required)
        if value is None:
            if name in self.data and not nullable:
                raise invalid(f"{name} must be a string, not null.", name)
            return None
        return check_string(value, name, max_length=max_length, strip=strip)

    def integer(self, name: str, *, required: bool = False, minimum: int = 0,
                maximum: int = MAX_ID) -> int | None:
        value = self._get(name, required)
        if value is None:
            if name in self.data and required:
                raise invalid(f"{name} must be an integer, not null.", name)
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise invalid(f"{name} must be an integer.", name)
        if not minimum <= value <= maximum:
            raise invalid(f"{name} must be between {minimum} and {maximum}.", name)
        return value

    def ident(self, name: str, *, required: bool = False) -> int | None:
        return self.integer(name, required=required, minimum=1)

    def choice(self, name: str, enum_cls: type[E], *, required: bool = False) -> E | None:
        value = self._get(name, required)
        if value is None:
            if name in self.data and required:
                raise invalid(f"{name} must be one of: {_choices(enum_cls)}.", name)
            return None
        try:
            return enum_cls(value)
        except (ValueError, TypeError):
            raise invalid(f"{name} must be one of: {_choices(enum_cls)}.", name) from None

    def date(self, name: str) -> dt.date | None:
        value = self._get(name, False)
        return None if value is None else parse_date(value, name, invalid)

    def spans(self, name: str, *, max_items: int) -> list[tuple[int, int]] | None:
        """A list of ``{"start": int, "end": int}`` objects (null: an empty list)."""
        value = self._get(name, False)
        if value is None:
            return [] if name in self.data else None
        if not isinstance(value, list) or len(value) > max_items:
            raise invalid(f"{name} must be a list of at most {max_items} "
                          "{\"start\": ..., \"end\": ...} objects.", name)
        out = []
        for item in value:
            if not isinstance(item, dict) or set(item) != {"start", "end"} or not all(
                    isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_ID
                    for v in item.values()):
                raise invalid(f"Each of {name} is an object with a start and an end offset "
                              f"(whole numbers from 0 to {MAX_ID}).", name)
            out.append((item["start"], item["end"]))
        return out

    def strings(self, name: str, *, max_items: int, max_length: int) -> list[str] | None:
        value = self._get(name, False)
        if value is None:
            return None
        if not isinstance(value, list):
            raise invalid(f"{name} must be a list of strings.", name)
        if len(value) > max_items:
            raise invalid(f"{name} may hold at most {max_items} items.", name)
        return [check_string(v, name, max_length=max_length) or "" for v in value]


def check_string(value: Any, name: str, *, max_length: int, strip: bool = True) -> str:
    if not isinstance(value, str):
        raise invalid(f"{name} must be a string.", name)
    if "\x00" in value:
        raise invalid(f"{name} must not contain NUL characters.", name)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise invalid(f"{name} is not valid Unicode text.", name) from None
    if strip:
        value = value.strip()
    if len(value) > max_length:
        raise invalid(f"{name} may be at most {max_length} characters (it has {len(value)}).",
                      name)
    return value


def parse_date(value: Any, name: str, error: Any = invalid) -> dt.date:
    """A calendar date written YYYY-MM-DD; "2021-02-30" is refused, not moved to March."""
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        raise error(f"{name} must be a date written YYYY-MM-DD.", name)
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise error(f"{name}: {value} is not a real date.", name) from None
    if parsed.year < 1:
        raise error(f"{name}: {value} is not a real date.", name)
    return parsed


def _choices(enum_cls: type[enum.Enum]) -> str:
    return ", ".join(str(m.value) for m in enum_cls)


# Query strings ------------------------------------------------------------------------------

def query_int(name: str, default: int | None = None, *, minimum: int = 1,
              maximum: int = MAX_ID) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:  # the one parser of ids and page numbers (claims_app.inputs)
        return parse_whole(raw, name, minimum=minimum, maximum=maximum)
    except ValueError as exc:
        raise bad_request(str(exc), name) from None


def query_str(name: str, *, max_length: int = 200) -> str | None:
    raw = request.args.get(name)
    if raw is None or raw.strip() == "":
        return None
    if "\x00" in raw:
        raise bad_request(f"{name} must not contain NUL characters.", name)
    if len(raw) > max_length:
        raise bad_request(f"{name} may be at most {max_length} characters.", name)
    return raw.strip()


def query_choice(name: str, enum_cls: type[E]) -> E | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    try:
        return enum_cls(raw)
    except ValueError:
        raise bad_request(f"{name} must be one of: {_choices(enum_cls)}.", name) from None


def query_date(name: str) -> dt.date | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    return parse_date(raw, name, bad_request)


def page_args() -> tuple[int, int]:
    page = query_int("page", 1, maximum=MAX_PAGE) or 1
    per_page = query_int("per_page", 50, maximum=MAX_PER_PAGE) or 50
    return page, per_page


def sort_arg(allowed: Iterable[str], default: str) -> str:
    """``sort=field`` or ``sort=-field`` (descending), limited to an allow-list."""
    raw = request.args.get("sort") or default
    allowed = list(allowed)
    if raw.lstrip("-") not in allowed or raw.count("-") > 1 or "-" in raw[1:]:
        options = ", ".join(allowed)
        raise bad_request(f"sort must be one of {options}, optionally prefixed with '-'.",
                          "sort")
    return raw
