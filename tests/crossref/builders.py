"""Record builders shared by the cross-referencing tests (no fixtures here)."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy.orm import Session

from claims_app.articles.models import Article, DatePrecision, Outlet
from claims_app.claims.models import Claim, ClaimKind, ClaimOrigin
from claims_app.claims.services import ClaimInput, create_claim
from claims_app.crossref import sync
from claims_app.speakers.models import Speaker, SpeakerKind
from claims_app.speakers.names import name_key


def add_article(session: Session, body: str, *, title: str | None = None,
                outlet: Outlet | None = None, published: dt.date | None = None,
                source_name: str | None = None, index: bool = True) -> Article:
    article = Article(
        body=body, title=title, outlet=outlet, published=published,
        published_precision=DatePrecision.DAY if published else DatePrecision.UNKNOWN,
        source_name=source_name,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
    )
    session.add(article)
    session.flush()
    if index:  # what the commit would write, now: the tests search before committing
        sync.write_pending(session)
    return article


def add_speaker(session: Session, name: str,
                kind: SpeakerKind = SpeakerKind.PERSON) -> Speaker:
    speaker = Speaker(name=name, name_key=name_key(name), kind=kind)
    session.add(speaker)
    session.flush()
    return speaker


def add_claim(session: Session, article: Article, text: str, speaker: Speaker | None = None,
              *, kind: ClaimKind = ClaimKind.DIRECT, said_on: dt.date | None = None,
              tags: list[str] | None = None, index: bool = True) -> Claim:
    start = article.body.index(text)
    # create_claim looks tags up before adding the claim; without this, autoflush warns.
    with session.no_autoflush:
        claim = create_claim(
            session, None, article,
            ClaimInput(start=start, end=start + len(text), kind=kind, text=text,
                       speaker_id=speaker.id if speaker else None, said_on=said_on,
                       tags=tags or []),
            origin=ClaimOrigin.MANUAL, audit=False,
        )
    if index:
        sync.write_pending(session)
    return claim
