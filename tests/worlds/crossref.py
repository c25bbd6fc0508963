"""A small indexed world for the cross-referencing pages: two articles sharing a sentence,
a third on its own, speakers, outlets and claims (built with ``tests/worlds/builders.py``)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.orm import Session

from claims_app.articles.models import Article, Outlet
from claims_app.claims.models import Claim, ClaimKind
from claims_app.speakers.models import Speaker
from tests.worlds.builders import make_article, make_claim, make_outlet, make_speaker

SHARED = "The occupation of Azerbaijani territories threatens security in the whole region."
FIRST = f'Minister Elmar Mammadyarov spoke in Baku. {SHARED} He said "the talks were useful".'
SECOND = f"Envoy Rizwan Sheikh spoke in Doha on Monday. {SHARED} Trade grew by ten percent."
THIRD = "The ceasefire does not hold, the envoy said. Nobody else repeats these words at all."


@dataclass
class World:
    trend: Outlet
    apa: Outlet
    first: Article
    second: Article
    third: Article
    minister: Speaker
    envoy: Speaker
    useful: Claim
    shared_claim: Claim
    ceasefire: Claim


@pytest.fixture
def world(session: Session, users: dict[str, Any]) -> World:
    trend, apa = make_outlet(session, "Trend"), make_outlet(session, "APA")
    first = make_article(session, FIRST, title="Talks in Baku", outlet=trend,
                         published=dt.date(2020, 6, 1))
    second = make_article(session, SECOND, title="Envoy in Doha", outlet=apa,
                          published=dt.date(2018, 2, 1))
    third = make_article(session, THIRD, title="Ceasefire", outlet=apa, published=None)
    minister = make_speaker(session, "Elmar Mammadyarov")
    envoy = make_speaker(session, "Rizwan Sheikh")
    useful = make_claim(session, first, "the talks were useful", minister,
                        said_on=dt.date(2020, 5, 30))
    shared_claim = make_claim(session, second, SHARED, envoy, kind=ClaimKind.PARAPHRASE)
    ceasefire = make_claim(session, third, "The ceasefire does not hold", envoy,
                           kind=ClaimKind.INDIRECT)
    session.commit()
    return World(trend, apa, first, second, third, minister, envoy, useful, shared_claim,
                 ceasefire)


def jsonl_claim_ids(body: str) -> set[int]:
    """The claim ids of a JSON Lines download."""
    return {json.loads(line)["id"] for line in body.splitlines() if line.strip()}
