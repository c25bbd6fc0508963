"""Tables the cross-referencing engine keeps: passage signatures and the search documents.

Both are derived data, written before each commit by :mod:`claims_app.crossref.sync` for
the articles, claims and speakers the session changed; ``rebuild_search_index`` (in
:mod:`claims_app.crossref.documents`) can rebuild them at any time, and they cascade away with
their source rows.

**Why a separate search table.** Search must be accent-, quote-style- and look-alike-insensitive,
and that normalisation lives in Python (:mod:`claims_app.textnorm`); SQL triggers cannot call it.
So the service layer writes the *normalised* text of each claim, article and speaker into
``search_documents.body`` and each engine indexes that one column with its own machinery, created
by the migration: on SQLite an external-content FTS5 table ``search_fts`` kept current by triggers
on ``search_documents``; on PostgreSQL the ``tsv`` column (``tsvector``), filled by a
``tsvector_update_trigger`` and served by a GIN index. The normalised text is stored as lower-case
alphanumeric tokens separated by single spaces, so FTS5's ``unicode61`` tokenizer and
PostgreSQL's ``simple`` parser see exactly the same words and return the same rows.
"""

from __future__ import annotations

import enum
import re
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from claims_app.db import Base, enum_column, intpk

#: SQLite objects the migration creates outside the metadata (the FTS5 table and its shadow
#: tables); schema comparison must not mistake them for tables to drop.
FTS_TABLE = "search_fts"
_FTS_NAMES = re.compile(rf"^{FTS_TABLE}(?:_(?:data|idx|content|docsize|config))?$")


class SearchEntity(enum.StrEnum):
    CLAIM = "claim"
    ARTICLE = "article"
    SPEAKER = "speaker"


class PassageSignature(Base):
    """One LSH band of one sentence's MinHash signature: (band, bucket) -> where it occurs.

    Two sentences that share any (band, bucket) pair are candidate near-duplicates; the
    candidates are then re-ranked by exact shingle Jaccard similarity.
    """

    __tablename__ = "passage_signatures"
    __table_args__ = (
        Index("ix_passage_signatures_band_bucket", "band", "bucket"),
        Index("ix_passage_signatures_article_id", "article_id"),
    )

    id: Mapped[intpk]
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    band: Mapped[int] = mapped_column(SmallInteger)
    bucket: Mapped[int] = mapped_column(BigInteger)


class SearchDocument(Base):
    """The normalised, tokenised text of one claim, article or speaker (see module docstring).

    Exactly one of ``claim_id``/``article_id``/``speaker_id`` is set, matching ``entity``;
    each is a cascading foreign key, so deleting the record removes its document (and the
    FTS5 delete trigger removes it from the index).
    """

    __tablename__ = "search_documents"
    __table_args__ = (Index("ix_search_documents_tsv", "tsv", postgresql_using="gin"),)

    id: Mapped[intpk]
    entity: Mapped[SearchEntity] = enum_column(SearchEntity, "search_entity")
    claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), unique=True
    )
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), unique=True
    )
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), unique=True
    )
    body: Mapped[str] = mapped_column(Text)
    # PostgreSQL only (a trigger fills it from body); always NULL on SQLite, which uses FTS5.
    tsv: Mapped[Any | None] = mapped_column(
        Text().with_variant(TSVECTOR(), "postgresql"), nullable=True
    )
    # Which normaliser version produced body; a rebuild is due when it changes.
    normalizer: Mapped[str] = mapped_column(String(20), default="1")


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """An Alembic ``include_name`` filter that hides the FTS5 objects from autogenerate.

    ``migrations/env.py`` passes it to ``context.configure(include_name=...)``.
    """
    return not (type_ == "table" and name is not None and _FTS_NAMES.match(name))
