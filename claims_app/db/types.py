"""Column types and the declarative base every model shares: aware UTC timestamps on both
engines, enum columns, ids never reused, and one constraint naming convention so Alembic
migrations stay stable across SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    DateTime,
    MetaData,
    String,
    Text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Aware UTC timestamps everywhere, so SQLite and PostgreSQL round-trip the same value."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp on both engines.

    SQLite keeps no zone, so values come back naive; they are put back in UTC on read and
    naive values are taken as UTC on write, so comparisons never mix aware and naive.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: dt.datetime | str | None, dialect: Any
    ) -> dt.datetime | None:
        if isinstance(value, str):  # ISO text from audit snapshots and JSON restores
            value = dt.datetime.fromisoformat(value)
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Any
    ) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


intpk = Annotated[int, mapped_column(primary_key=True)]

#: ``__table_args__`` entry of every table whose rows have a History (migration 0010).
#: SQLite otherwise hands a deleted newest row's id to the next row, so the History of the
#: old record and the new one mixed, and an old ``/claims/N`` link led to another record.
#: With AUTOINCREMENT, SQLite never reuses an id (PostgreSQL's sequences never do).
NEVER_REUSE_IDS: dict[str, Any] = {"sqlite_autoincrement": True}
name200 = Annotated[str, mapped_column(String(200))]
name300 = Annotated[str, mapped_column(String(300))]
longtext = Annotated[str, mapped_column(Text)]
timestamp = Annotated[dt.datetime, mapped_column(UTCDateTime(), default=utcnow)]
json_data = Annotated[Any, mapped_column(JSON)]


def enum_column(enum_cls: type[enum.StrEnum], name: str, **kwargs: Any) -> Any:
    """A string column limited to an enum's values by a named CHECK constraint.

    Not a native PostgreSQL ENUM: adding a value is then a one-line migration on both engines.
    """
    return mapped_column(
        SAEnum(
            enum_cls,
            native_enum=False,
            length=20,
            values_callable=lambda e: [m.value for m in e],
            validate_strings=True,
            create_constraint=True,
            name=name,
        ),
        **kwargs,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime()}


class Timestamped:
    """created/updated timestamps shared by the editable records."""

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow
    )
