"""Claims, the reviews of them, typed links between them, and tags."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claims_app.db import NEVER_REUSE_IDS, Base, Timestamped, enum_column, intpk, timestamp

if TYPE_CHECKING:
    from claims_app.accounts.models import User
    from claims_app.articles.models import Article
    from claims_app.speakers.models import Speaker


class ClaimKind(enum.StrEnum):
    DIRECT = "direct"  # the speaker's words in quotation marks
    INDIRECT = "indirect"  # reported speech: "X said that ..."
    PARAPHRASE = "paraphrase"  # the outlet's summary of a position
    ASSERTION = "assertion"  # the outlet's own statement of fact


class ClaimStatus(enum.StrEnum):
    UNREVIEWED = "unreviewed"
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"
    REJECTED = "rejected"


class ClaimOrigin(enum.StrEnum):
    EXTRACTED = "extracted"
    MANUAL = "manual"
    IMPORTED = "imported"


class SaidOnBasis(enum.StrEnum):
    """Where a claim's date came from: stated in the text, or the publication date."""

    STATED = "stated"
    PUBLICATION = "publication"
    UNKNOWN = "unknown"


class Verdict(enum.StrEnum):
    ACCURATE_QUOTE = "accurate_quote"
    MISQUOTED = "misquoted"
    MISATTRIBUTED = "misattributed"
    NEEDS_CONTEXT = "needs_context"
    TRUE = "true"
    MISLEADING = "misleading"
    FALSE = "false"
    UNVERIFIABLE = "unverifiable"


class LinkType(enum.StrEnum):
    REPEATS = "repeats"
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    RESPONDS_TO = "responds_to"
    CORRECTS = "corrects"


claim_tags = Table(
    "claim_tags",
    Base.metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Claim(Timestamped, Base):
    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="span"),
        # The export streams an article's claims in id order, a chunk at a time (0016).
        Index("ix_claims_article_id_id", "article_id", "id"),
        Index("ix_claims_speaker_id_said_on", "speaker_id", "said_on", "id"),
        # Covers a speaker's timeline: counts per month and kind, pages in date order.
        Index("ix_claims_speaker_id_article_id", "speaker_id", "article_id", "said_on", "kind"),
        Index("ix_claims_status_confidence", "status", "confidence", "id"),
        Index("ix_claims_updated_at_id", "updated_at", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[intpk]
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"))
    speaker_role: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[ClaimKind] = enum_column(ClaimKind, "claim_kind")
    text: Mapped[str] = mapped_column(Text)
    # body[start:end] == text, always; prefix/suffix let an anchor be found again.
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    # A quote split around its attribution ("A," X said. "B.") is one claim in several
    # pieces: [[start, end], ...] in body order, inside start..end, which stay the outer
    # bounds. NULL (nearly every claim) means one piece, start..end. See migration 0008.
    segments: Mapped[list[list[int]] | None] = mapped_column(JSON(none_as_null=True))
    prefix: Mapped[str] = mapped_column(String(64), default="")
    suffix: Mapped[str] = mapped_column(String(64), default="")
    cue: Mapped[str | None] = mapped_column(String(100))
    said_on: Mapped[dt.date | None] = mapped_column(Date)
    said_on_basis: Mapped[SaidOnBasis] = enum_column(
        SaidOnBasis, "said_on_basis", default=SaidOnBasis.UNKNOWN
    )
    said_where: Mapped[str | None] = mapped_column(String(200))
    origin: Mapped[ClaimOrigin] = enum_column(ClaimOrigin, "claim_origin")
    confidence: Mapped[float | None] = mapped_column(Float)
    # The speaker the extractor nearly chose instead, with its score: offered on the claim
    # page as a one-click alternative. Dropped when a person changes the speaker.
    runner_up_name: Mapped[str | None] = mapped_column(String(300))
    runner_up_score: Mapped[float | None] = mapped_column(Float)
    status: Mapped[ClaimStatus] = enum_column(
        ClaimStatus, "claim_status", default=ClaimStatus.UNREVIEWED
    )
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    article: Mapped[Article] = relationship(back_populates="claims")
    speaker: Mapped[Speaker | None] = relationship(back_populates="claims")
    tags: Mapped[list[Tag]] = relationship(secondary=claim_tags, order_by=Tag.name)
    reviews: Mapped[list[Review]] = relationship(
        back_populates="claim",
        cascade="all, delete-orphan",
        order_by="Review.id",
        passive_deletes=True,
    )
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def spans(self) -> list[tuple[int, int]]:
        return claim_spans(self)

    @property
    def parts(self) -> list[tuple[str, bool]]:
        return claim_parts(self)

    @property
    def segment_texts(self) -> list[str]:
        return [piece for piece, claimed in claim_parts(self) if claimed]

    @property
    def speaker_name(self) -> str | None:
        """The speaker's name, None when unattributed (what a page's highlight shows; an
        article page's plain-row claims carry the same attribute)."""
        return self.speaker.name if self.speaker is not None else None


# An article's claims in page order (start; the longer of two at one start first; id), so
# its 200th page of claims is read off the index, not sorted out of 26,802 rows (0016). It
# serves every look-up by article and start that the index it replaced did.
Index("ix_claims_article_page_order", Claim.article_id, Claim.start, Claim.end.desc(), Claim.id)


class Spanned(Protocol):
    """What the span functions read of a claim: a ``Claim``, or the plain-row records the
    exports build with the same attribute names."""

    start: int
    end: int
    text: str
    segments: list[list[int]] | None


def claim_spans(claim: Spanned) -> list[tuple[int, int]]:
    """The claim's pieces as (start, end) body offsets, in order: one for most claims."""
    if claim.segments:
        return [(int(s), int(e)) for s, e in claim.segments]
    return [(claim.start, claim.end)]


def claim_parts(claim: Spanned) -> list[tuple[str, bool]]:
    """The claim's text cut into (piece, is claim text): the words between segments
    (``X said.``) are inside the span but not part of what was claimed."""
    out: list[tuple[str, bool]] = []
    pos = claim.start
    for s, e in claim_spans(claim):
        if s > pos:
            out.append((claim.text[pos - claim.start : s - claim.start], False))
        out.append((claim.text[s - claim.start : e - claim.start], True))
        pos = e
    return out


def segment_texts(claim: Spanned) -> list[str]:
    """What each segment says, in order (the claim's text without what lies between)."""
    return [piece for piece, claimed in claim_parts(claim) if claimed]


class Review(Base):
    """One reviewer's verdict; a claim keeps every review and the latest is current."""

    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_claim_id_id", "claim_id", "id"), NEVER_REUSE_IDS)

    id: Mapped[intpk]
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    verdict: Mapped[Verdict] = enum_column(Verdict, "verdict")
    rating_text: Mapped[str | None] = mapped_column(String(200))
    evidence_urls: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[timestamp]

    claim: Mapped[Claim] = relationship(back_populates="reviews")
    reviewer: Mapped[User | None] = relationship()


class ClaimLink(Base):
    __tablename__ = "claim_links"
    __table_args__ = (
        UniqueConstraint("source_claim_id", "target_claim_id", "link_type"),
        CheckConstraint("source_claim_id <> target_claim_id", name="not_self"),
        Index("ix_claim_links_target_claim_id", "target_claim_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[intpk]
    source_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    target_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    link_type: Mapped[LinkType] = enum_column(LinkType, "link_type")
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[timestamp]

    source: Mapped[Claim] = relationship(foreign_keys=[source_claim_id])
    target: Mapped[Claim] = relationship(foreign_keys=[target_claim_id])
    created_by: Mapped[User | None] = relationship()
