"""Records the security tests share: the seed articles with their proposed claims, plus one
of everything a URL can name (a second speaker, a link, a review, update and delete events,
an API token per role), all made through the services and committed into the test's
transaction (rolled back at its end)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.api.tokens import create_token
from claims_app.articles.models import Article
from claims_app.audit.models import AuditEvent
from claims_app.claims import services as claims
from claims_app.claims.models import Claim, LinkType, Verdict
from claims_app.db import Base, get_db
from claims_app.desk import comments
from claims_app.desk import services as desk
from claims_app.ingest.importer import import_paths
from claims_app.speakers.services import create_speaker

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class World:
    article_id: int
    claim_id: int
    other_claim_id: int
    speaker_id: int
    other_speaker_id: int
    link_id: int
    review_id: int
    update_event_id: int
    delete_event_id: int
    tokens: dict[str, str] = field(default_factory=dict)  # role -> plaintext
    token_ids: dict[str, int] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)  # role -> that role's account
    job_id: int = 0
    assignment_id: int = 0
    comment_id: int = 0


def import_seeds(app: Flask) -> None:
    summary = import_paths(get_db(app).sessionmaker, [ROOT / "seeds"])
    assert summary.ok, summary.lines()


@pytest.fixture
def world(app: Flask, session: Session, users: dict[str, User]) -> World:
    import_seeds(app)
    article = session.scalars(
        select(Article).where(Article.source_name.like("%000_%"))).one()
    ids = list(session.scalars(select(Claim.id).where(Claim.article_id == article.id)
                               .order_by(Claim.id)))
    assert len(ids) >= 3, "the first seed article should propose several claims"
    claim = claims.get_claim(session, ids[0])
    other = claims.get_claim(session, ids[1])
    doomed = claims.get_claim(session, ids[2])
    editor = users["editor"]
    speaker = claim.speaker or create_speaker(session, editor, "Rizwan Saeed Sheikh")
    other_speaker = create_speaker(session, editor, "Jeyhun Bayramov")
    link = claims.add_link(session, editor, claim, other, LinkType.SUPPORTS, note="same talks")
    review = claims.add_review(session, editor, other, Verdict.ACCURATE_QUOTE, note="checked")
    data = claims.ClaimInput(start=claim.start, end=claim.end, kind=claim.kind,
                             speaker_id=claim.speaker_id, note="first note", tags=["talks"])
    claims.update_claim(session, editor, claim, data, expected_version=None)
    session.flush()
    update_event = session.scalar(select(func.max(AuditEvent.id)))
    claims.delete_claim(session, editor, doomed)
    session.flush()
    delete_event = session.scalar(select(func.max(AuditEvent.id)))
    made = World(article.id, claim.id, other.id, speaker.id, other_speaker.id, link.id,
                 review.id, update_event or 0, delete_event or 0)
    from claims_app.jobs.services import enqueue_rerun

    made.job_id = enqueue_rerun(session, editor, article).id
    made.assignment_id = desk.assign(session, editor, assignee_id=users["reviewer"].id,
                                     claim=claim).id
    made.comment_id = comments.add_comment(session, editor, "walked", claim=claim).id
    for role, user in users.items():
        token, plaintext = create_token(session, user, f"{role} walk")
        made.tokens[role] = plaintext
        made.token_ids[role] = token.id
        made.user_ids[role] = user.id
    session.commit()
    return made


def table_state(connection: Connection) -> dict[str, Any]:
    """Row counts of every table and the newest audit event id: what "changed nothing" means."""
    state: dict[str, Any] = {}
    for table in Base.metadata.sorted_tables:
        state[table.name] = connection.scalar(select(func.count()).select_from(table))
    state["max audit event"] = connection.scalar(select(func.max(AuditEvent.id)))
    return state


@pytest.fixture
def state(connection: Connection) -> Iterator[Any]:
    yield lambda: table_state(connection)
