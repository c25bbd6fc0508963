"""Records the speaker, dashboard, History and search page tests share: a small world of
articles, speakers and claims.

Built with the builders (``tests/worlds/builders.py``: claims and speakers through their
services) so the audit trail the History pages read is the real one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from claims_app.articles.models import Article, Outlet
from claims_app.claims.models import Claim, ClaimKind
from claims_app.speakers.models import Speaker
from claims_app.speakers.services import note_role
from tests.worlds.builders import make_article, make_claim, make_outlet, make_speaker

BODY_1 = ('Foreign Minister Elmar Mammadyarov said "the talks were useful" on Monday. '
          'He added that progress was slow.')
BODY_2 = 'E. Mammadyarov told journalists: "we will meet again soon".'


@dataclass
class World:
    outlet: Outlet
    dated: Article
    undated: Article
    elmar: Speaker
    short: Speaker
    useful: Claim
    slow: Claim
    again: Claim


@pytest.fixture
def world(session: Session, users: dict[str, Any]) -> World:
    outlet = make_outlet(session, "Trend")
    dated = make_article(session, BODY_1, title="Talks in Doha", outlet=outlet,
                         published=dt.date(2019, 3, 12))
    undated = make_article(session, BODY_2, title="Undated", outlet=outlet, published=None)
    elmar = make_speaker(session, "Elmar Mammadyarov")
    note_role(session, elmar, "Foreign Minister", dt.date(2019, 3, 11))
    short = make_speaker(session, "E. Mammadyarov")
    useful = make_claim(session, dated, "the talks were useful", elmar,
                        said_on=dt.date(2019, 3, 11))
    slow = make_claim(session, dated, "progress was slow", elmar, kind=ClaimKind.INDIRECT)
    again = make_claim(session, undated, "we will meet again soon", short)
    session.commit()
    return World(outlet, dated, undated, elmar, short, useful, slow, again)


class QueryCounter:
    """Counts SQL statements on a connection, to pin down that a page has no N+1."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_args: Any, **_kwargs: Any) -> None:
        self.count += 1


@pytest.fixture
def count_queries(connection: Any) -> Any:
    counter = QueryCounter()
    event.listen(connection, "before_cursor_execute", counter)
    yield counter
    event.remove(connection, "before_cursor_execute", counter)
