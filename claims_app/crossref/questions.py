"""The questions a fact-checker asks, one function each.

Topics are full-text queries (:func:`claims_app.crossref.search.parse_query` syntax: words,
``"phrases"``, ``prefix*``), matched on the normalised index, so they are accent-, case-,
quote- and look-alike-insensitive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from claims_app.articles.models import Article
from claims_app.claims.models import Claim, ClaimLink, LinkType
from claims_app.crossref.repeats import similar_passages_counted
from claims_app.crossref.search import SearchFilters, matching_claim_ids
from claims_app.crossref.similar import (
    SimilarClaim,
    claim_date,
    similar_to_text,
    speaker_claims,
)
from claims_app.errors import NotFound

__all__ = [
    "Occurrence",
    "contradictions_about",
    "first_said",
    "said_about",
    "said_between",
    "who_else_said",
]


def _claims_in_date_order(session: Session, ids: list[int]) -> list[Claim]:
    if not ids:
        return []
    claims = session.scalars(
        select(Claim).where(Claim.id.in_(ids))
        .options(selectinload(Claim.article), selectinload(Claim.speaker))
    ).all()
    return sorted(claims, key=lambda c: (claim_date(c) is None, claim_date(c) or dt.date.min,
                                         c.id))


def said_about(session: Session, speaker_id: int, topic: str) -> list[Claim]:
    """What a speaker (or a speaker merged into them) said about a topic, in date order."""
    ids = matching_claim_ids(session, topic, SearchFilters(speaker_id=speaker_id))
    merged = set(matching_claim_ids(session, topic)) - set(ids)
    if merged:  # claims of speakers merged into this one
        own = {c.id for c in speaker_claims(session, speaker_id)}
        ids += [i for i in merged if i in own]
    return _claims_in_date_order(session, ids)


def who_else_said(session: Session, claim_id: int, limit: int = 20) -> list[SimilarClaim]:
    """Claims by other speakers (or unattributed) worded like this one, then on its topic."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"There is no claim {claim_id}.")
    found = similar_to_text(session, claim.text, exclude_claim_id=claim.id,
                            other_than_speaker_id=claim.speaker_id, limit=limit * 2)
    return [s for s in found
            if claim.speaker_id is None or s.claim.speaker_id != claim.speaker_id][:limit]


@dataclass(frozen=True)
class Occurrence:
    """Where and when some wording appeared: a claim, or a sentence of an article."""

    date: dt.date | None
    article_id: int
    start: int
    end: int
    text: str
    claim_id: int | None = None
    speaker_id: int | None = None
    #: About how many further repeats of the wording were not compared (see ``first_said``).
    unchecked: int = 0


#: Repeats of each sentence ``first_said`` compares: boilerplate recurs in tens of thousands
#: of articles, and the answer must cost the same for it as for a rare sentence.
FIRST_SAID_PASSAGES = 200


def first_said(session: Session, text_or_claim: str | Claim) -> Occurrence | None:
    """The earliest dated occurrence of this wording: a near-identical claim, or a
    near-identical sentence of any article (dated by its claim, else its publication).

    Of the sentences repeating each of its sentences, the ``FIRST_SAID_PASSAGES`` most alike
    are compared; the answer's ``unchecked`` says about how many more exist (the page says
    the earliest may be among them) instead of reading all 50,000 of a boilerplate line."""
    if isinstance(text_or_claim, Claim):
        claim = text_or_claim
        text = claim.text
        occurrences = [Occurrence(claim_date(claim), claim.article_id, claim.start, claim.end,
                                  claim.text, claim.id, claim.speaker_id)]
    else:
        text, occurrences = text_or_claim, []
    for s in similar_to_text(session, text, limit=100):
        if s.kind == "near_identical":
            c = s.claim
            occurrences.append(Occurrence(claim_date(c), c.article_id, c.start, c.end, c.text,
                                          c.id, c.speaker_id))
    passages, unchecked = similar_passages_counted(session, text, limit=FIRST_SAID_PASSAGES)
    if passages:
        published = dict(session.execute(
            select(Article.id, Article.published)
            .where(Article.id.in_({p.article_id for p in passages}))).all())
        occurrences += [Occurrence(published.get(p.article_id), p.article_id, p.start, p.end,
                                   p.text) for p in passages]
    if not occurrences:
        return None
    first = min(occurrences, key=lambda o: (o.date is None, o.date or dt.date.min,
                                            o.claim_id is None, o.article_id, o.start))
    return replace(first, unchecked=unchecked)


def said_between(session: Session, speaker_id: int, start: dt.date | None,
                 end: dt.date | None) -> list[Claim]:
    """A speaker's claims said (else published) between two dates, inclusive, in date order."""
    return speaker_claims(session, speaker_id, start, end)


def contradictions_about(session: Session, topic: str) -> list[ClaimLink]:
    """"Contradicts" links where either claim matches the topic, newest link first."""
    ids = matching_claim_ids(session, topic)
    if not ids:
        return []
    return list(session.scalars(
        select(ClaimLink)
        .where(ClaimLink.link_type == LinkType.CONTRADICTS,
               or_(ClaimLink.source_claim_id.in_(ids), ClaimLink.target_claim_id.in_(ids)))
        .order_by(ClaimLink.created_at.desc(), ClaimLink.id.desc())
        .options(selectinload(ClaimLink.source), selectinload(ClaimLink.target))
    ))
