"""Every model, imported in one place so the metadata Alembic compares is complete."""

from sqlalchemy.orm import configure_mappers

from claims_app.accounts.models import ApiToken, LoginAttempt, Role, User
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
from claims_app.speakers.models import Speaker, SpeakerAlias, SpeakerKind, SpeakerRole

metadata = Base.metadata


def configure() -> None:
    """Resolve every relationship now, so the first query never meets a half-known model."""
    configure_mappers()

__all__ = [
    "ApiToken", "Article", "AuditEvent", "Base", "Claim", "ClaimKind", "ClaimLink",
    "ClaimOrigin", "ClaimStatus", "DatePrecision", "LinkType", "LoginAttempt", "Outlet",
    "Review", "Role", "SaidOnBasis", "Speaker", "SpeakerAlias", "SpeakerKind", "SpeakerRole",
    "Tag", "User", "Verdict", "claim_tags", "configure", "metadata",
]
