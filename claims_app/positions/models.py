"""A proposed change of position a reviewer dismissed, remembered so it is not proposed
again (confirmed ones become ``contradicts`` links, which the link machinery stores)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from claims_app.db import NEVER_REUSE_IDS, Base, intpk, timestamp


class PositionDismissal(Base):
    __tablename__ = "position_dismissals"
    __table_args__ = (
        # A pair is stored once, lower claim id first, whichever page dismissed it.
        UniqueConstraint("first_claim_id", "second_claim_id"),
        CheckConstraint("first_claim_id < second_claim_id", name="ordered"),
        Index("ix_position_dismissals_second_claim_id", "second_claim_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[intpk]
    first_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    second_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    dismissed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[timestamp]
