"""When figures counted over many claims went stale: one cheap statement says so.

A module of its own because the caches that ask (the speakers' timelines, the whole-archive
summaries) sit below the claim services, which resolve speakers through them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim


def claims_fingerprint(session: Session) -> tuple[Any, ...]:
    """What figures computed from many claims (a speaker's timeline counts, the dashboard)
    depend on, read in one statement of two index lookups whatever the number of claims: the
    latest change to any claim (``ix_claims_updated_at_id``: a new, edited or moved claim) and
    the latest audit event (a primary-key max: every service that deletes a claim or an
    article, edits an article's date, creates or merges speakers writes one). Equal
    fingerprints mean nothing those figures read has changed through the services."""
    row = session.execute(select(
        select(func.max(Claim.updated_at)).scalar_subquery(),
        select(func.max(AuditEvent.id)).scalar_subquery(),
    )).one()
    return tuple(row)
