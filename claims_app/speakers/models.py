"""Speakers, the other names they go by, and the roles they held over time."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from claims_app.db import NEVER_REUSE_IDS, Base, Timestamped, enum_column, intpk

if TYPE_CHECKING:
    from claims_app.claims.models import Claim


class SpeakerKind(enum.StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"


LIVE = "merged_into_id IS NULL"


class Speaker(Timestamped, Base):
    __tablename__ = "speakers"
    __table_args__ = (
        # One live speaker per name key (migration 0009): two requests naming the same new
        # speaker at once cannot both create it. Merged speakers keep their names and stay
        # out of it, so a merge of two same-named speakers is possible and undoable.
        Index("uq_speakers_name_key_live", "name_key", unique=True,
              sqlite_where=text(LIVE), postgresql_where=text(LIVE)),
        NEVER_REUSE_IDS,
    )

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(300))
    # The folded, case-free form names are matched on (see claims_app.speakers.names).
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    # The last word of name_key, kept with it (see ``_keep_surname_key``), so the lookup of
    # a shorter or fuller form of a person's name is an index search, not a LIKE scan.
    surname_key: Mapped[str | None] = mapped_column(String(300), index=True)
    kind: Mapped[SpeakerKind] = enum_column(SpeakerKind, "speaker_kind", default=SpeakerKind.PERSON)
    description: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(50))
    # Set when this speaker was merged into another; kept so a merge can be undone.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("speakers.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", order_by="SpeakerAlias.alias"
    )
    roles: Mapped[list[SpeakerRole]] = relationship(
        back_populates="speaker",
        cascade="all, delete-orphan",
        order_by="(SpeakerRole.first_seen, SpeakerRole.id)",
    )
    claims: Mapped[list[Claim]] = relationship(back_populates="speaker")

    __mapper_args__ = {"version_id_col": version}

    @validates("name_key")
    def _keep_surname_key(self, _key: str, value: str) -> str:
        self.surname_key = (value.split() or [""])[-1] if value else value
        return value


class SpeakerAlias(Base):
    __tablename__ = "speaker_aliases"
    __table_args__ = (UniqueConstraint("speaker_id", "alias_key"),)

    id: Mapped[intpk]
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), index=True)

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


class SpeakerRole(Base):
    """A title the speaker was given, with the first and last dates it was seen in use."""

    __tablename__ = "speaker_roles"
    __table_args__ = (UniqueConstraint("speaker_id", "title"),)

    id: Mapped[intpk]
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    organization: Mapped[str | None] = mapped_column(String(300))
    first_seen: Mapped[dt.date | None] = mapped_column(Date)
    last_seen: Mapped[dt.date | None] = mapped_column(Date)

    speaker: Mapped[Speaker] = relationship(back_populates="roles")
