"""Outlets and the articles imported from them."""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, case, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claims_app.db import (
    NEVER_REUSE_IDS,
    Base,
    Timestamped,
    UTCDateTime,
    enum_column,
    intpk,
    utcnow,
)

if TYPE_CHECKING:
    from claims_app.accounts.models import User
    from claims_app.claims.models import Claim


class DatePrecision(enum.StrEnum):
    """How much of a publication date the source actually gave; never more is invented."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200), unique=True)
    homepage: Mapped[str | None] = mapped_column(String(500))

    articles: Mapped[list[Article]] = relationship(back_populates="outlet")


class Article(Timestamped, Base):
    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_published_id", "published", "id"),
        Index("ix_articles_outlet_id_published", "outlet_id", "published"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[intpk]
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(String(500))
    author: Mapped[str | None] = mapped_column(String(200))
    # The first day of the period when the precision is month or year; None when unknown.
    published: Mapped[dt.date | None] = mapped_column(Date)
    published_precision: Mapped[DatePrecision] = enum_column(
        DatePrecision, "date_precision", default=DatePrecision.UNKNOWN
    )
    # A date the source gave too partially to place ("Oct.23" with no year), kept as written.
    published_text: Mapped[str | None] = mapped_column(String(100))
    dateline: Mapped[str | None] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(String(200))
    section: Mapped[str | None] = mapped_column(String(100))
    url: Mapped[str | None] = mapped_column(String(2000))
    language: Mapped[str] = mapped_column(String(16), default="en")
    source_name: Mapped[str | None] = mapped_column(String(500))
    # Offsets of every claim point into this text; an edit re-anchors every claim first.
    body: Mapped[str] = mapped_column(Text)
    raw: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    notes: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    imported_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    outlet: Mapped[Outlet | None] = relationship(back_populates="articles")
    imported_by: Mapped[User | None] = relationship()
    claims: Mapped[list[Claim]] = relationship(
        back_populates="article",
        cascade="all, delete-orphan",
        order_by="Claim.start",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}

    # Not a column: list queries that leave ``body`` unloaded set the body's first
    # OPENING_CHARS characters here (``substr(body, 1, n)``), enough for ``display_title``.
    list_opening = cast("str | None", None)

    @property
    def title_is_derived(self) -> bool:
        """True when the article has no title of its own and lists show a derived one."""
        return not self.title

    @property
    def display_title(self) -> str:
        """The title lists show: the article's own, else one derived from its first
        sentence (:func:`derived_title`). Display only: exports keep the empty title, and
        templates render it through the ``article_title`` filter, which marks a derived one."""
        if self.title:
            return self.title
        opening = self.list_opening if self.list_opening is not None \
            else self.body[:OPENING_CHARS]
        return derived_title(opening)


OPENING_CHARS = 400


def untitled_opening() -> Any:
    """A column expression for list queries: the body's first ``OPENING_CHARS`` characters
    where the article has no title (its derived title is made of them), else NULL, so a
    titled article's body is never read. Set the result as ``list_opening``."""
    return case((func.coalesce(Article.title, "") == "",
                 func.substr(Article.body, 1, OPENING_CHARS)), else_=None)


#: A derived title is cut at a word boundary at about this many characters.
DERIVED_TITLE_CHARS = 80
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s")


def derived_title(opening: str) -> str:
    """A title for an untitled article: the first sentence of its opening, cut at a word
    boundary near :data:`DERIVED_TITLE_CHARS` characters (an ellipsis marks the cut), or
    "(no text)" for an empty body. The opening's first OPENING_CHARS characters suffice."""
    text = " ".join(opening.split())
    end = _SENTENCE_END.search(text)
    sentence = text[:end.start()].rstrip() if end else text
    if len(sentence) <= DERIVED_TITLE_CHARS:
        return sentence or "(no text)"
    cut = sentence.rfind(" ", 0, DERIVED_TITLE_CHARS + 1)
    return sentence[:cut if cut > 0 else DERIVED_TITLE_CHARS].rstrip(" ,;:–—-") + "…"




#: The article list's newest-first order: dated articles by date, newest first, then the
#: undated ones, ties by id. Written as "undated?" first rather than DESC NULLS LAST so
#: that one index (below) serves it on both engines: PostgreSQL cannot walk an ordinary
#: (published, id) index in DESC NULLS LAST order and sorted every article on each view.
NEWEST_FIRST = (Article.published.is_(None), Article.published.desc(), Article.id.desc())
Index("ix_articles_newest", *NEWEST_FIRST)  # migration 0005
