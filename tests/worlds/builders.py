"""The one set of test-data builders: outlets, articles, speakers and claims.

Every test that needs a record makes it here, so records are made one way. Speakers and
claims go through the services a person's action goes through (``create_speaker``,
``create_claim``: checked, audited), so what a test sees is what the app would store.
Articles are stored rows with the app's own content hash: a test needs articles with any
title, date or outlet (``articles.services.create_article`` takes only what a person may
type). With ``index`` (the default) the derived data the commit would write (search
documents, passage signatures, statement groups) is written at once, so a test can search
before it commits; the commit writes it anyway. No fixtures here: the worlds beside this
module build on these.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.articles.models import Article, DatePrecision, Outlet
from claims_app.claims.models import Claim, ClaimKind, ClaimOrigin
from claims_app.claims.services import ClaimInput, create_claim
from claims_app.crossref import sync
from claims_app.ingest.draft import content_hash
from claims_app.speakers.models import Speaker, SpeakerKind
from claims_app.speakers.services import add_alias, create_speaker

__all__ = ["PUBLISHED", "TITLE", "make_article", "make_claim", "make_outlet", "make_speaker"]

#: An article's title and publication date unless a test says otherwise (``None``: untitled,
#: undated): most stored articles have both.
TITLE = "Talks in Doha"
PUBLISHED = dt.date(2019, 3, 12)


def make_outlet(session: Session, name: str, *, homepage: str | None = None) -> Outlet:
    outlet = Outlet(name=name, homepage=homepage)
    session.add(outlet)
    session.flush()
    return outlet


def make_article(session: Session, body: str, *, title: str | None = TITLE,
                 outlet: Outlet | None = None, published: dt.date | None = PUBLISHED,
                 precision: DatePrecision | None = None, published_text: str | None = None,
                 source_name: str | None = None, index: bool = True, **fields: Any
                 ) -> Article:
    """An article with ``body``; without ``precision``, a date is to the day. ``fields`` are
    any other columns (author, dateline, url, extra, ...)."""
    article = Article(
        body=body, title=title, outlet=outlet, published=published,
        published_precision=precision or (DatePrecision.DAY if published
                                          else DatePrecision.UNKNOWN),
        published_text=published_text, source_name=source_name,
        content_hash=content_hash(body), **{"extra": {}, **fields},
    )
    session.add(article)
    session.flush()
    if index:
        sync.write_pending(session)
    return article


def make_speaker(session: Session, name: str, kind: SpeakerKind = SpeakerKind.PERSON, *,
                 aliases: tuple[str, ...] = (), actor: User | None = None) -> Speaker:
    """A new speaker (refused, as in the app, if a live speaker has the same name)."""
    speaker = create_speaker(session, actor, name, kind=kind)
    for alias in aliases:
        add_alias(session, speaker, alias)
    session.flush()
    return speaker


def make_claim(session: Session, article: Article, text: str, speaker: Speaker | None = None,
               *, kind: ClaimKind = ClaimKind.DIRECT, occurrence: int = 0,
               actor: User | None = None, origin: ClaimOrigin = ClaimOrigin.MANUAL,
               index: bool = True, **fields: Any) -> Claim:
    """The claim that is the ``occurrence``-th (from 0) appearance of ``text`` in the
    article's body. ``fields`` are the rest of :class:`ClaimInput` (said_on, tags,
    confidence, cue, note, ...)."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.body.index(text, start + 1)
    # create_claim adds the claim to the article before looking its tags up; without
    # no_autoflush that lookup flushes the half-built claim (SAWarning).
    with session.no_autoflush:
        claim = create_claim(
            session, actor, article,
            ClaimInput(start=start, end=start + len(text), kind=kind, text=text,
                       speaker_id=speaker.id if speaker else None, **fields),
            origin=origin)
    if index:
        sync.write_pending(session)
    return claim
