"""Records the speaker, dashboard, History and search page tests share: a small world of
articles, speakers and claims.

Built through the services where they exist (claims, speakers) so the audit trail the
History pages read is the real one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from claims_app.articles.models import Article, DatePrecision, Outlet
from claims_app.claims.models import Claim, ClaimKind
from claims_app.claims.services import ClaimInput, create_claim
from claims_app.speakers.models import Speaker
from claims_app.speakers.services import create_speaker, note_role

BODY_1 = ('Foreign Minister Elmar Mammadyarov said "the talks were useful" on Monday. '
          'He added that progress was slow.')
BODY_2 = 'E. Mammadyarov told journalists: "we will meet again soon".'


def make_article(session: Session, body: str, *, title: str, outlet: Outlet | None,
                 published: dt.date | None) -> Article:
    article = Article(
        outlet=outlet, title=title, body=body, published=published,
        published_precision=DatePrecision.DAY if published else DatePrecision.UNKNOWN,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
    )
    session.add(article)
    session.flush()
    return article


def quote(session: Session, article: Article, text: str, speaker: Speaker | None, *,
          kind: ClaimKind = ClaimKind.DIRECT, said_on: dt.date | None = None) -> Claim:
    start = article.body.index(text)
    return create_claim(session, None, article, ClaimInput(
        start=start, end=start + len(text), kind=kind,
        speaker_id=speaker.id if speaker else None, said_on=said_on))


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
    outlet = Outlet(name="Trend")
    session.add(outlet)
    dated = make_article(session, BODY_1, title="Talks in Doha", outlet=outlet,
                         published=dt.date(2019, 3, 12))
    undated = make_article(session, BODY_2, title="Undated", outlet=outlet, published=None)
    elmar = create_speaker(session, None, "Elmar Mammadyarov")
    note_role(session, elmar, "Foreign Minister", dt.date(2019, 3, 11))
    short = create_speaker(session, None, "E. Mammadyarov")
    useful = quote(session, dated, "the talks were useful", elmar, said_on=dt.date(2019, 3, 11))
    slow = quote(session, dated, "progress was slow", elmar, kind=ClaimKind.INDIRECT)
    again = quote(session, undated, "we will meet again soon", short)
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
