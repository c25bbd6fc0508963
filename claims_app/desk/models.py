"""Assignments (who is to review which article or claim) and comments (a thread on a claim
or an article). Each row points at exactly one of an article or a claim (a CHECK says so),
and goes when its article or claim goes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claims_app.db import Base, UTCDateTime, intpk, timestamp

if TYPE_CHECKING:
    from claims_app.accounts.models import User
    from claims_app.articles.models import Article
    from claims_app.claims.models import Claim

#: The CHECK every desk row meets: it is about an article or a claim, never both or neither.
ONE_TARGET = "(article_id IS NULL) <> (claim_id IS NULL)"


class Assignment(Base):
    """One reviewer is to review an article (all its claims) or one claim.

    One assignment per article and per claim (the unique indexes): reassigning changes the
    assignee, so "who has this?" always has one answer. A claim's own assignment wins over
    its article's. It is done when what it covers is reviewed (``desk.services``), so it
    stores no done flag that could disagree with the claims.
    """

    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint(ONE_TARGET, name="one_target"),
        Index("ix_assignments_article_id", "article_id", unique=True),
        Index("ix_assignments_claim_id", "claim_id", unique=True),
        Index("ix_assignments_assignee_id", "assignee_id", "id"),
    )

    id: Mapped[intpk]
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    assignee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    assigned_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    assigned_at: Mapped[timestamp]
    due_note: Mapped[str | None] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(Integer, default=1)

    assignee: Mapped[User] = relationship(foreign_keys=[assignee_id])
    assigned_by: Mapped[User | None] = relationship(foreign_keys=[assigned_by_id])
    article: Mapped[Article | None] = relationship()
    claim: Mapped[Claim | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class Comment(Base):
    """A note in the thread of a claim or an article: plain text, shown with its line
    breaks, never as markup. The author's name is copied (as in the audit trail) so the
    thread still says who wrote after the account is gone."""

    __tablename__ = "comments"
    __table_args__ = (
        CheckConstraint(ONE_TARGET, name="one_target"),
        Index("ix_comments_claim_id", "claim_id", "id"),
        Index("ix_comments_article_id", "article_id", "id"),
    )

    id: Mapped[intpk]
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[timestamp]
    edited_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    author: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
