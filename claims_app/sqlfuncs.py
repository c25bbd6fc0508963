"""SQL expressions that each engine spells differently, behind one name each.

Services build queries with these and never look at the dialect themselves; the switch
happens when SQLAlchemy compiles the statement for SQLite or PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, LargeBinary, String, cast, func, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import SQLCoreOperations
from sqlalchemy.sql.expression import ColumnElement, FunctionElement


class year_month(FunctionElement[str]):  # noqa: N801 - used like a SQL function
    """``'YYYY-MM'`` of a date expression (NULL stays NULL), for grouping by month."""

    type = String()
    name = "year_month"
    inherit_cache = True


@compiles(year_month)
def _year_month_default(element: year_month, compiler: Any, **kw: Any) -> str:
    # PostgreSQL (and the SQL standard's nearest): to_char(date, 'YYYY-MM').
    (expr,) = element.clauses
    return compiler.process(func.to_char(expr, literal_column("'YYYY-MM'")), **kw)


@compiles(year_month, "sqlite")
def _year_month_sqlite(element: year_month, compiler: Any, **kw: Any) -> str:
    (expr,) = element.clauses
    return compiler.process(func.strftime(literal_column("'%Y-%m'"), expr), **kw)


def month_key(expr: ColumnElement[Any]) -> year_month:
    """The month a date expression falls in, as ``'YYYY-MM'`` text on every engine."""
    return year_month(expr)


class octets(FunctionElement[int]):  # noqa: N801 - used like a SQL function
    """The size of a text in bytes (UTF-8), which neither engine has to count characters
    for: at least the number of characters, so a small size proves a short text."""

    type = Integer()
    name = "octets"
    inherit_cache = True


@compiles(octets)
def _octets_default(element: octets, compiler: Any, **kw: Any) -> str:
    # PostgreSQL keeps a value's size beside it: octet_length does not read the text.
    (expr,) = element.clauses
    return compiler.process(func.octet_length(expr), **kw)


@compiles(octets, "sqlite")
def _octets_sqlite(element: octets, compiler: Any, **kw: Any) -> str:
    # length() of a BLOB is its size in bytes, known without decoding the text.
    (expr,) = element.clauses
    return compiler.process(func.length(cast(expr, LargeBinary)), **kw)


def byte_length(expr: SQLCoreOperations[Any]) -> octets:
    """A text's size in bytes: cheap on both engines where counting its characters
    (``length``) decodes all of it, 3 ms for a 2,000,000-character article on SQLite."""
    return octets(expr)


LIKE_ESCAPE = "\\"


def escape_like(text: str) -> str:
    """``text`` with LIKE's wildcards (``%``, ``_``) and the escape character taken
    literally: the one escape every substring filter uses, with ``escape=LIKE_ESCAPE``."""
    return (text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%")
            .replace("_", LIKE_ESCAPE + "_"))


def contains_text(
    column: SQLCoreOperations[str | None], text: str, *, ignore_case: bool = True,
) -> ColumnElement[bool]:
    """``column`` contains ``text`` as typed (its ``%`` and ``_`` are not wildcards).

    Case-insensitive by default: ILIKE on PostgreSQL, which compares without copying each
    value in lower case; normalised keys, already lower case, use plain LIKE."""
    pattern = f"%{escape_like(text)}%"
    if ignore_case:
        return column.ilike(pattern, escape=LIKE_ESCAPE)
    return column.like(pattern, escape=LIKE_ESCAPE)
