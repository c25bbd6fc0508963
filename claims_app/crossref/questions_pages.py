"""What the question pages need around the ``crossref.questions`` answers: the records an
answer points at, loaded for display (the answers themselves hold ids)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.claims.services import get_claim
from claims_app.crossref.questions import Occurrence, first_said
from claims_app.errors import NotFound
from claims_app.speakers.models import Speaker


@dataclass(frozen=True)
class FirstSaid:
    """The earliest occurrence, with the article it is in and the claim covering it, if any."""

    occurrence: Occurrence
    article: Article
    claim: Claim | None
    speaker: Speaker | None


def first_said_answer(session: Session, text: str | None, claim_id: int | None
                      ) -> FirstSaid | None:
    """When was this wording (or this claim) first said, and by whom; None if never found.

    A claim number wins over text. An unknown claim is ``NotFound``."""
    subject: str | Claim = get_claim(session, claim_id) if claim_id is not None else (text or "")
    occurrence = first_said(session, subject)
    if occurrence is None:
        return None
    article = session.scalar(select(Article).where(Article.id == occurrence.article_id)
                             .options(selectinload(Article.outlet)))
    if article is None:  # deleted between the lookup and now
        raise NotFound(f"There is no article {occurrence.article_id}.")
    claim = get_claim(session, occurrence.claim_id) if occurrence.claim_id else None
    speaker = (session.get(Speaker, occurrence.speaker_id)
               if occurrence.speaker_id is not None else None)
    return FirstSaid(occurrence, article, claim, speaker)
