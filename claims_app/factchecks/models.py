"""Imported fact-checks, their search terms, and the claims each one matches.

``fact_check_terms`` and ``fact_check_matches`` are derived rows, written at commit by
:mod:`claims_app.crossref.sync` (and by the importer's bulk path for the claims it writes):
never by hand.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claims_app.accounts.models import User
from claims_app.db import NEVER_REUSE_IDS, Base, intpk, timestamp


class FactCheck(Base):
    """One published fact-check: the claim it reviewed, who made that claim, the rating and
    who published it, as the ClaimReview said (nothing re-rated or merged)."""

    __tablename__ = "fact_checks"
    __table_args__ = (
        # The same URL and claim is the same fact-check, whatever file brought it in; a long
        # URL cannot be a unique key on every engine, so its hash is.
        UniqueConstraint("identity_key"),
        Index("ix_fact_checks_published", "published", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[intpk]
    claim_reviewed: Mapped[str] = mapped_column(Text)
    claimant: Mapped[str | None] = mapped_column(String(300))
    rating_value: Mapped[float | None] = mapped_column(Float)
    best_rating: Mapped[float | None] = mapped_column(Float)
    worst_rating: Mapped[float | None] = mapped_column(Float)
    rating_name: Mapped[str | None] = mapped_column(String(200))
    publisher: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[dt.date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(String(2000))
    language: Mapped[str | None] = mapped_column(String(20))
    source_name: Mapped[str | None] = mapped_column(String(500))
    identity_key: Mapped[str] = mapped_column(String(64))
    imported_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    imported_at: Mapped[timestamp]

    imported_by: Mapped[User | None] = relationship()

    @property
    def rating_label(self) -> str:
        """The rating as a reader says it: its name, else the value on its scale."""
        if self.rating_name:
            return self.rating_name
        if self.rating_value is not None:
            scale = f"/{self.best_rating:g}" if self.best_rating is not None else ""
            return f"{self.rating_value:g}{scale}"
        return "no rating"


class FactCheckTerm(Base):
    """The content-word stems of a fact-check's claim: the inverted index a claim's words
    look fact-checks up in (fact-checks have no search document of their own)."""

    __tablename__ = "fact_check_terms"
    __table_args__ = (Index("ix_fact_check_terms_term", "term", "fact_check_id"),)

    fact_check_id: Mapped[int] = mapped_column(
        ForeignKey("fact_checks.id", ondelete="CASCADE"), primary_key=True)
    term: Mapped[str] = mapped_column(String(100), primary_key=True)


class FactCheckMatch(Base):
    """A fact-check of the same or a similar statement as a claim, with its similarity.

    Whether the fact-check's claimant is the claim's speaker is decided when shown (the
    claim's speaker may change without its text changing)."""

    __tablename__ = "fact_check_matches"
    __table_args__ = (Index("ix_fact_check_matches_fact_check_id", "fact_check_id"),)

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    fact_check_id: Mapped[int] = mapped_column(
        ForeignKey("fact_checks.id", ondelete="CASCADE"), primary_key=True)
    score: Mapped[float] = mapped_column(Float)

    fact_check: Mapped[FactCheck] = relationship()


__all__ = ["FactCheck", "FactCheckMatch", "FactCheckTerm"]
