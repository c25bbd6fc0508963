"""Records the reviewer-page tests share: an article with three claims by a speaker with an
alias, made with the builders (``tests/worlds/builders.py``)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from claims_app.articles.models import Article, Outlet
from claims_app.claims.models import Claim, ClaimKind
from claims_app.speakers.models import Speaker
from tests.worlds.builders import make_article, make_claim, make_outlet, make_speaker

BODY = ('Foreign Minister Elmar Mammadyarov said "the talks were useful" on Monday. '
        'He added that progress was slow. The ministry said the border was calm.')


@pytest.fixture
def outlet(session: Session) -> Outlet:
    return make_outlet(session, "Trend")


@pytest.fixture
def elmar(session: Session) -> Speaker:
    return make_speaker(session, "Elmar Mammadyarov", aliases=("Mammadyarov",))


@pytest.fixture
def article(session: Session, outlet: Outlet, users: dict[str, Any]) -> Article:
    made = make_article(session, BODY, outlet=outlet)
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


