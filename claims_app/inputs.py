"""The rules every request's input meets, owned here and applied app-wide (issue 15).

* **Text** carries no control characters but tab, newline and carriage return. PostgreSQL
  refuses NUL in text (a 500 in the login form, user creation, notes, filters; a truncated
  export), SQLite stored it and a later ``restore`` into PostgreSQL broke on it; the other
  C0 controls are never typed by a person and only hide text. Query parameters are checked
  for every request before any view runs (400); form fields through ``Form``, the base of
  every form (an error beside the field); API bodies in ``api.schemas.json_body`` (400).
* **Ids and page numbers** are whole numbers within what the database can hold: PostgreSQL
  ``integer`` stops at 2^31-1 and SQLite at 2^63-1, and larger values were 500s. The ``id``
  URL converter (``<id:claim_id>``) turns anything outside 1..2^31-1 into a 404;
  ``query_id`` and ``page_number`` read them from query strings, refusing with a 400.
* **The version** a write was made on is required (the optimistic lock). A form that edits
  typed content (``VersionField``, on a form marked ``versioned()``) refuses a post without
  it like any other field: the form comes back with what was typed and the error above it,
  where an error page would have thrown the typing away. Button forms (status, delete,
  merge, revert) hold nothing typed and refuse through ``submitted_version``.
"""

from __future__ import annotations

import re
from typing import Any, Self

from flask import Flask, Request, abort, request
from flask_wtf import FlaskForm
from werkzeug.exceptions import BadRequest
from werkzeug.routing import BaseConverter
from wtforms import HiddenField

from claims_app.errors import VersionRequired

MAX_ID = 2**31 - 1  # PostgreSQL ``integer``; larger ids cannot exist and must not reach it
MAX_PAGE = 100_000  # far past any real list; bounds the OFFSET a page number asks for

#: C0 control characters other than tab, newline and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NUMBER = re.compile(r"[0-9]{1,12}")


def control_problem(value: str) -> str | None:
    """Why ``value`` is refused (naming the first control character), or None."""
    found = CONTROL.search(value)
    if found is None:
        return None
    char = found.group()
    what = "a NUL character" if char == "\x00" else f"a control character (U+{ord(char):04X})"
    return (f"contains {what} at position {found.start() + 1}; only printable text, tabs "
            "and line breaks are accepted")


class IdConverter(BaseConverter):
    """``<id:name>``: a record id in a URL. Digits only; a number no record can have (0, or
    beyond ``MAX_ID``, or thousands of digits) is read as 0, which no record has (ids start
    at 1), so the view's own lookup answers 404 as for any missing record, and nothing out
    of the database's range reaches it. (Refusing them in the converter instead made werkzeug
    answer 405 wherever another method's rule shares the path.)"""

    regex = r"\d+"
    weight = 50
    part_isolating = True

    def to_python(self, value: str) -> int:
        number = int(value) if len(value) <= 10 else 0
        return number if number <= MAX_ID else 0

    def to_url(self, value: Any) -> str:
        return str(int(value))


def parse_whole(raw: str, name: str, *, minimum: int, maximum: int) -> int:
    """A whole number from a query string or form, within bounds; ValueError says why."""
    if not _NUMBER.fullmatch(raw.strip()):
        raise ValueError(f"{name} must be a whole number.")
    value = int(raw)
    if not minimum <= value <= maximum:
        raise ValueError(f"{name} must be between {minimum} and {maximum}.")
    return value


def query_id(name: str) -> int | None:
    """An id from the query string, None when absent or empty; a 400 when it is no id."""
    raw = request.args.get(name, "")
    if not raw.strip():
        return None
    try:
        return parse_whole(raw, name, minimum=1, maximum=MAX_ID)
    except ValueError as exc:
        abort(400, str(exc))


def page_number(name: str = "page") -> int:
    """The page number asked for (1 when absent or empty); a 400 when it is not one."""
    raw = request.args.get(name, "")
    if not raw.strip():
        return 1
    try:
        return parse_whole(raw, name, minimum=1, maximum=MAX_PAGE)
    except ValueError as exc:
        abort(400, str(exc))


#: Why a write without its version is refused, wherever it is refused.
VERSION_MISSING = ("This change was sent without the version of the record it was made on, "
                   "so it could overwrite a newer save; nothing was changed.")


def submitted_version(raw: Any, name: str = "version") -> int:
    """The version of the record a web write was made on (a form's hidden field).

    Every save, status change, delete, merge and revert states it, so a stale one is a
    conflict instead of an overwrite; a request without one is refused, never applied."""
    try:
        return parse_whole(str(raw or ""), name, minimum=1, maximum=MAX_ID)
    except ValueError:
        raise VersionRequired(f"{VERSION_MISSING} Reload the page and make the change again.",
                              field=name) from None


class VersionField(HiddenField):
    """The hidden version of the record a form edits: on a ``versioned()`` form, a post
    without a whole number here fails validation with the form's other fields, so the
    page comes back holding what was typed (see ``Form.offer_version``)."""


class RefusedParameter(BadRequest):
    """A 400 for one query parameter, named so the API's JSON error can say which."""

    def __init__(self, description: str, field: str) -> None:
        super().__init__(description)
        self.field = field


def check_query(req: Request) -> None:
    """Refuse a request whose query string holds a control character (names and values)."""
    for key, value in req.args.items(multi=True):
        problem = control_problem(key) or control_problem(value)
        if problem:
            raise RefusedParameter(f"The query parameter {key!r} {problem}.", key)


class Form(FlaskForm):
    """The base of every form: its text refuses control characters, and its numbers (ids,
    offsets) stay within what an integer column holds; each beside its field. A form that
    edits a stored record (``versioned()``) also requires its ``VersionField``."""

    #: Whether the form edits a stored record (a create form has no version to send).
    edits_record = False

    def versioned(self) -> Self:
        """Mark the form as editing a stored record: its version is then required."""
        self.edits_record = True
        return self

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field.data, int) and not -MAX_ID <= field.data <= MAX_ID:
                field.errors = [*field.errors, f"Give a number up to {MAX_ID:,}."]
                valid = False
            values = field.data if isinstance(field.data, list) else [field.data]
            problem = next((p for v in values if isinstance(v, str)
                            and (p := control_problem(v))), None)
            if problem:
                field.errors = [*field.errors, f"This {problem}."]
                valid = False
            if self.edits_record and isinstance(field, VersionField):
                try:
                    parse_whole(str(field.data or ""), field.name, minimum=1, maximum=MAX_ID)
                except ValueError:
                    field.errors = [*field.errors, VERSION_MISSING]
                    valid = False
        return valid

    def offer_version(self, current: int) -> bool:
        """After a post refused for want of its version, put the record's current version
        in the form shown again with what was typed, and say so: saving that page is then a
        deliberate save over the record as stored now. True if the version was missing."""
        missing = False
        for field in self:
            if isinstance(field, VersionField) and VERSION_MISSING in field.errors:
                field.data = str(current)
                field.errors = [*field.errors, (
                    "What you typed is kept below. Check the record as it is stored now "
                    "(open it in another tab), then save again to apply your change to it.")]
                missing = True
        return missing


def init_app(app: Flask) -> None:
    app.url_map.converters["id"] = IdConverter

    @app.before_request
    def _refuse_control_characters_in_queries() -> None:
        check_query(request)


__all__ = ["MAX_ID", "MAX_PAGE", "VERSION_MISSING", "Form", "IdConverter", "VersionField",
           "control_problem", "init_app", "page_number", "parse_whole", "query_id",
           "submitted_version"]
