"""Every model, imported in one place so the metadata Alembic compares is complete."""

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
from claims_app.db import Base
from claims_app.speakers.models import Speaker, SpeakerAlias, SpeakerKind, SpeakerRole

metadata = Base.metadata

__all__ = [
    "ApiToken", "Article", "AuditEvent", "Base", "Claim", "ClaimKind", "ClaimLink",
    "ClaimOrigin", "ClaimStatus", "DatePrecision", "LinkType", "LoginAttempt", "Outlet",
    "Review", "Role", "SaidOnBasis", "Speaker", "SpeakerAlias", "SpeakerKind", "SpeakerRole",
    "Tag", "User", "Verdict", "claim_tags", "metadata",
]
