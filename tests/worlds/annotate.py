"""Records the reviewer-page tests share: articles with claims, made through the services."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from sqlalchemy.orm import Session

from claims_app.articles.models import Article, DatePrecision, Outlet
from claims_app.claims.models import Claim, ClaimKind
from claims_app.claims.services import ClaimInput, create_claim
from claims_app.speakers.models import Speaker
from claims_app.speakers.services import add_alias, create_speaker

BODY = ('Foreign Minister Elmar Mammadyarov said "the talks were useful" on Monday. '
        'He added that progress was slow. The ministry said the border was calm.')


def make_article(session: Session, body: str = BODY, *, title: str | None = "Talks in Doha",
                 outlet: Outlet | None = None, published: dt.date | None = dt.date(2019, 3, 12),
                 precision: DatePrecision | None = None, published_text: str | None = None,
                 ) -> Article:
    article = Article(
        outlet=outlet, title=title, body=body, published=published,
        published_precision=precision or (DatePrecision.DAY if published
                                          else DatePrecision.UNKNOWN),
        published_text=published_text,
        content_hash=hashlib.sha256(body.encode()).hexdigest(), extra={},
    )
    session.add(article)
    session.flush()
    return article


def make_claim(session: Session, article: Article, text: str, speaker: Speaker | None = None,
               *, kind: ClaimKind = ClaimKind.DIRECT, confidence: float | None = None,
               occurrence: int = 0) -> Claim:
    start = -1
    for _ in range(occurrence + 1):
        start = article.body.index(text, start + 1)
    return create_claim(session, None, article, ClaimInput(
        start=start, end=start + len(text), kind=kind, confidence=confidence,
        speaker_id=speaker.id if speaker else None))


@pytest.fixture
def outlet(session: Session) -> Outlet:
    trend = Outlet(name="Trend")
    session.add(trend)
    session.flush()
    return trend


@pytest.fixture
def elmar(session: Session) -> Speaker:
    speaker = create_speaker(session, None, "Elmar Mammadyarov")
    add_alias(session, speaker, "Mammadyarov")
    session.flush()
    return speaker


@pytest.fixture
def article(session: Session, outlet: Outlet, users: dict[str, Any]) -> Article:
    made = make_article(session, outlet=outlet)
    session.commit()
    return made


@pytest.fixture
def claims(session: Session, article: Article, elmar: Speaker) -> dict[str, Claim]:
    made = {
        "useful": make_claim(session, article, "the talks were useful", elmar, confidence=0.9),
        "slow": make_claim(session, article, "progress was slow", elmar,
                           kind=ClaimKind.INDIRECT, confidence=0.3),
        "calm": make_claim(session, article, "the border was calm", None,
                           kind=ClaimKind.PARAPHRASE, confidence=0.6),
    }
    session.commit()
    return made


