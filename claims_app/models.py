"""Every model, imported in one place so the metadata Alembic compares is complete."""

from typing import Any

from sqlalchemy import Column
from sqlalchemy.orm import configure_mappers

from claims_app.accounts.models import ApiToken, LoginSession, Role, User
from claims_app.articles.models import Article, DatePrecision, Outlet
from claims_app.audit.models import AuditEvent
from claims_app.claims.models import (
    Claim,
    ClaimKind,
    ClaimLink,
    ClaimOrigin,
    ClaimStatus,
    LinkType,
    Review,
    SaidOnBasis,
    Tag,
    Verdict,
    claim_tags,
)
from claims_app.crossref.models import PassageSignature, SearchDocument  # noqa: F401
from claims_app.db import Base
from claims_app.desk.models import Assignment, Comment
from claims_app.factchecks.models import FactCheck, FactCheckMatch, FactCheckTerm  # noqa: F401
from claims_app.jobs.models import Job, JobStatus  # noqa: F401
from claims_app.positions.models import PositionDismissal  # noqa: F401
from claims_app.provenance.models import (  # noqa: F401
    StatementGroup,
    StatementGroupKey,
    StatementGroupMember,
)
from claims_app.speakers.models import Speaker, SpeakerAlias, SpeakerKind, SpeakerRole

metadata = Base.metadata

#: Indexes on expressions (``ix_articles_newest``). Alembic's autogenerate cannot compare
#: them (SQLite does not even reflect them), so ``check`` leaves them out on both sides;
#: the migration that creates each is the one place that defines it in the database.
EXPRESSION_INDEXES = frozenset(
    index.name for table in metadata.tables.values() for index in table.indexes
    if any(not isinstance(expr, Column) for expr in index.expressions) and index.name)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool,
                   compare_to: Any) -> bool:
    """An Alembic ``include_object`` filter leaving ``EXPRESSION_INDEXES`` out."""
    return not (type_ == "index" and name in EXPRESSION_INDEXES)


def configure() -> None:
    """Resolve every relationship now, so the first query never meets a half-known model."""
    configure_mappers()

__all__ = [
    "ApiToken", "Article", "Assignment", "AuditEvent", "Base", "Claim", "ClaimKind", "ClaimLink",
    "ClaimOrigin", "ClaimStatus", "Comment", "DatePrecision", "LinkType", "LoginSession", "Outlet",
    "Review", "Role", "SaidOnBasis", "Speaker", "SpeakerAlias", "SpeakerKind", "SpeakerRole",
    "Tag", "User", "Verdict", "claim_tags", "configure", "include_object", "metadata",
]
