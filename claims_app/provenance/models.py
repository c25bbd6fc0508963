"""Statement groups: the appearances of one statement across articles (derived data).

A group is the set of claims whose wording is the same statement (see
:mod:`claims_app.provenance.grouping`); it is derived from the claims' text and speakers,
written at commit by :mod:`claims_app.crossref.sync` and rebuilt by ``claims-app reindex``.

- ``statement_groups``: one row per group, with its earliest appearance in this archive
  (``earliest_claim_id``; ``SET NULL`` when that claim is deleted, which marks the group for
  a refresh at the next commit) and how many claims it holds.
- ``statement_group_members``: a claim's group (at most one: ``claim_id`` is the key), and
  whether its wording differs *materially* from the earliest appearance (``material``,
  with the kinds: "number hedge"). A member row cascades away with its claim, so a deleted
  misquote stops flagging its group at once.
- ``statement_group_keys``: the blocking keys (hashed word trigrams) of a group's wordings:
  a new claim is compared only with the groups sharing a key, never with every claim.

A separate membership table rather than a column on ``claims``: writing a group id into a
claim would bump its optimistic-locking version under a reviewer editing it.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from claims_app.db import Base, intpk, timestamp


class StatementGroup(Base):
    __tablename__ = "statement_groups"

    id: Mapped[intpk]
    earliest_claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claims.id", ondelete="SET NULL"), index=True)
    claim_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[timestamp]


class StatementGroupMember(Base):
    __tablename__ = "statement_group_members"
    __table_args__ = (
        Index("ix_statement_group_members_group_id", "group_id", "claim_id"),
        Index("ix_statement_group_members_material", "material", "claim_id"),
    )

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("statement_groups.id", ondelete="CASCADE"))
    material: Mapped[bool] = mapped_column(Boolean, default=False)
    kinds: Mapped[str] = mapped_column(String(100), default="")


class StatementGroupKey(Base):
    __tablename__ = "statement_group_keys"
    __table_args__ = (Index("ix_statement_group_keys_group_id", "group_id"),)

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("statement_groups.id", ondelete="CASCADE"), primary_key=True)
