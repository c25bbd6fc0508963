"""Claims worded the same or nearly the same, compared character by character on normalised
text (difflib). It needs no search index, unlike ``crossref.similar`` (claims alike by
search terms) and ``crossref.repeats`` (passages alike by shingle signatures), which answer
neighbouring questions with indexes: the claim page shows all three."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from claims_app.claims.models import (
    Claim,
)
from claims_app.textnorm import normalize_for_search


@dataclass(frozen=True)
class NearIdentical:
    claim: Claim
    score: float


def near_identical_claims(
    session: Session, claim: Claim, *, threshold: float = 0.9, limit: int = 10
) -> list[NearIdentical]:
    """Claims elsewhere with the same or nearly the same wording, compared on normalised
    text (quote styles, case, accents, look-alike letters do not count as differences).

    A fallback that needs no search index: candidates are claims of similar length."""
    mine = normalize_for_search(claim.text)
    if not mine:
        return []
    n = len(claim.text)
    candidates = session.scalars(
        select(Claim)
        .where(Claim.id != claim.id,
               func.length(Claim.text).between(int(n * 0.8), int(n * 1.25) + 1))
        .order_by(Claim.id)
        .limit(2000)
        .options(selectinload(Claim.article), selectinload(Claim.speaker))
    ).all()
    found = []
    for other in candidates:
        theirs = normalize_for_search(other.text)
        matcher = SequenceMatcher(None, mine, theirs, autojunk=False)
        if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
            continue
        score = matcher.ratio()
        if score >= threshold:
            found.append(NearIdentical(other, round(score, 3)))
    found.sort(key=lambda f: (-f.score, f.claim.id))
    return found[:limit]
