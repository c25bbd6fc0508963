"""The questions a fact-checker asks, one function each.

Topics are full-text queries (:func:`claims_app.crossref.query.parse_query` syntax: words,
``"phrases"``, ``prefix*``), matched on the normalised index, so they are accent-, case-,
quote- and look-alike-insensitive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from claims_app.articles.models import Article
from claims_app.claims.models import Claim, ClaimLink, LinkType
from claims_app.crossref.query import SearchFilters
from claims_app.crossref.repeats import similar_passages_counted
from claims_app.crossref.search import matching_claim_ids
from claims_app.crossref.similar import (
    SimilarClaim,
    claim_date,
    similar_to_text,
    speaker_and_merged,
)
from claims_app.errors import NotFound
from claims_app.web.pagination import Page, paginate

__all__ = [
    "ANSWERS_PER_PAGE",
    "COUNT_LIMIT",
    "Occurrence",
    "contradictions_about",
    "first_said",
    "said_about",
    "said_between",
    "who_else_said",
]


#: Claims one answer page lists (a speaker with 55,000 claims answers in pages of these).
ANSWERS_PER_PAGE = 50
#: Where an answer's total stops counting (a page then says "more than 10,000").
COUNT_LIMIT = 10_000


def _dated(stmt: Select[Any]) -> Select[Any]:
    """``stmt`` (claims joined to their articles) in date order: said on, else published;
    undated last; then id. The order every question lists its claims in."""
    said = func.coalesce(Claim.said_on, Article.published)
    return stmt.order_by(said.is_(None), said, Claim.id).options(
        selectinload(Claim.article).selectinload(Article.outlet), selectinload(Claim.speaker))


def said_about(session: Session, speaker_id: int, topic: str, *, page: int = 1,
               per_page: int = ANSWERS_PER_PAGE) -> Page[Claim]:
    """What a speaker (or a speaker merged into them) said about a topic, in date order, a
    page at a time: the topic's matches are ranked and capped by the search
    (``matching_claim_ids``), and only one page of them is read and rendered."""
    ids = matching_claim_ids(session, topic, SearchFilters(speaker_id=speaker_id))
    merged = set(matching_claim_ids(session, topic)) - set(ids)
    if merged:  # claims of speakers merged into this one, asked of the database
        ids += session.scalars(select(Claim.id).where(
            Claim.id.in_(merged), Claim.speaker_id.in_(speaker_and_merged(session, speaker_id))
        )).all()
    stmt = select(Claim).join(Article, Article.id == Claim.article_id).where(Claim.id.in_(ids))
    return paginate(session, _dated(stmt), page, per_page)


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
                 end: dt.date | None, *, page: int = 1, per_page: int = ANSWERS_PER_PAGE,
                 ) -> Page[Claim]:
    """A speaker's claims said (else published) between two dates, inclusive, in date order,
    a page at a time (with a total that stops counting at ``COUNT_LIMIT``)."""
    said = func.coalesce(Claim.said_on, Article.published)
    stmt = (select(Claim).join(Article, Article.id == Claim.article_id)
            .where(Claim.speaker_id.in_(speaker_and_merged(session, speaker_id))))
    if start is not None:
        stmt = stmt.where(said >= start)
    if end is not None:
        stmt = stmt.where(said <= end)
    return paginate(session, _dated(stmt), page, per_page, count_limit=COUNT_LIMIT)


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
