"""Re-running claim extraction on a stored article (the web's "Re-run extraction" button).

New proposals only: spans a claim already covers are skipped (see ``store_extracted``), so a
claim a reviewer has edited, confirmed or rejected is never duplicated nor overwritten.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.articles.models import Article
from claims_app.audit.services import record
from claims_app.claims.models import Claim
from claims_app.ingest.importer import store_extracted


def rerun_extraction(session: Session, actor: User | None, article: Article) -> list[Claim]:
    """Propose the claims extraction finds that the article does not have yet, and audit
    it. Flushes, never commits (the commit indexes the new claims and speakers for search:
    :mod:`claims_app.crossref.sync`)."""
    claims = store_extracted(session, article, actor)
    session.flush()
    if claims:
        record(session, actor, "extract", article, after={"claim_ids": [c.id for c in claims]},
               summary=f"re-ran extraction: {len(claims)} new claims proposed")
    return claims
