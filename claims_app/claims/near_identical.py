"""Claims worded the same or nearly the same, compared character by character on normalised
text (difflib). It needs no search index, unlike ``crossref.similar`` (claims alike by
search terms) and ``crossref.repeats`` (passages alike by shingle signatures), which answer
neighbouring questions with indexes: the claim page shows all three."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from claims_app.claims.models import (
    Claim,
)
from claims_app.textnorm import normalize_for_search

#: Candidates compared per page: claims of similar length, the oldest first.
CANDIDATES = 2000


@dataclass(frozen=True)
class NearIdentical:
    claim: Claim
    score: float


def near_identical_claims(
    session: Session, claim: Claim, *, threshold: float = 0.9, limit: int = 10
) -> list[NearIdentical]:
    """Claims elsewhere with the same or nearly the same wording, compared on normalised
    text (quote styles, case, accents, look-alike letters do not count as differences).

    A fallback that needs no search index: candidates are claims of similar length. Only
    their ids and texts are read; the two upper bounds of ``difflib``'s ratio
    (``real_quick_ratio``: the lengths; ``quick_ratio``: the characters both texts hold,
    counted with ``str.count`` per character of this claim) reject most of them before a
    matcher is built, and only the claims found are loaded, with their articles and
    speakers. Loading every candidate as a claim with its article (2,000 of them, bodies
    included) and indexing each text for ``difflib`` made this the largest part of the
    claim page (19 instead of 75 ms of CPU; BENCHMARKS.md, "Quiet-machine figures")."""
    mine = normalize_for_search(claim.text)
    if not mine:
        return []
    n = len(claim.text)
    candidates = session.execute(
        select(Claim.id, Claim.text)
        .where(Claim.id != claim.id,
               func.length(Claim.text).between(int(n * 0.8), int(n * 1.25) + 1))
        .order_by(Claim.id)
        .limit(CANDIDATES)
    ).all()
    mine_chars = Counter(mine).items()
    scores: dict[int, float] = {}
    for other_id, text in candidates:
        theirs = normalize_for_search(text)
        total = len(mine) + len(theirs)
        # difflib's real_quick_ratio and quick_ratio, the same bounds, without the matcher:
        # the characters both hold, counted (a character only they hold adds nothing)
        if 2.0 * min(len(mine), len(theirs)) < threshold * total:
            continue
        shared = sum(min(k, theirs.count(ch)) for ch, k in mine_chars)
        if 2.0 * shared < threshold * total:
            continue
        score = SequenceMatcher(None, mine, theirs, autojunk=False).ratio()
        if score >= threshold:
            scores[other_id] = round(score, 3)
    best = sorted(scores, key=lambda cid: (-scores[cid], cid))[:limit]
    if not best:
        return []
    loaded = {c.id: c for c in session.scalars(
        select(Claim).where(Claim.id.in_(best))
        .options(selectinload(Claim.article), selectinload(Claim.speaker)))}
    return [NearIdentical(loaded[cid], scores[cid]) for cid in best]
