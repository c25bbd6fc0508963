"""Fixtures of the Web Annotation tests: the seed articles imported with their proposed
claims, a few of them reviewed and tagged (so every kind of body and creator appears), and a
way in for each kind of client (a login session, an API token)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.api.tokens import create_token
from claims_app.claims import services as claims
from claims_app.claims.models import Claim, Verdict
from claims_app.db import get_db
from claims_app.ingest.importer import import_paths

ROOT = Path(__file__).resolve().parents[2]
ANNO_ACCEPT = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


@dataclass
class Seeded:
    claim_ids: list[int]  # every claim, in id order
    reviewed: list[int]
    manual: int  # a claim entered by hand (its creator is a person, not the extractor)


@pytest.fixture
def seeded(app: Flask, session: Session, users: dict[str, User]) -> Seeded:
    summary = import_paths(get_db(app).sessionmaker, [ROOT / "seeds"])
    assert summary.ok, summary.lines()
    ids = list(session.scalars(select(Claim.id).order_by(Claim.id)))
    assert len(ids) >= 10, "the seeds should propose a good number of claims"
    reviewer, editor = users["reviewer"], users["editor"]
    first, second = claims.get_claim(session, ids[0]), claims.get_claim(session, ids[1])
    claims.add_review(session, reviewer, first, Verdict.ACCURATE_QUOTE, note="checked")
    claims.add_review(session, editor, second, Verdict.FALSE, rating_text="Never said")
    article = first.article
    with session.no_autoflush:
        made = claims.create_claim(session, editor, article, claims.ClaimInput(
            start=0, end=len(article.body.split(".")[0]), kind=first.kind,
            tags=["Économie", "talks"]))
    session.commit()
    return Seeded(claim_ids=[*ids, made.id], reviewed=[ids[0], ids[1]], manual=made.id)


@pytest.fixture
def bearer(session: Session, users: dict[str, User]) -> Callable[[str], dict[str, str]]:
    """``bearer("viewer")`` -> an Authorization header with a new token of that role."""

    def make(role: str) -> dict[str, str]:
        _token, plaintext = create_token(session, users[role], f"{role} annotations")
        session.commit()
        return {"Authorization": f"Bearer {plaintext}"}

    return make


@pytest.fixture
def reader(client: FlaskClient, auth: object, seeded: Seeded) -> FlaskClient:
    """A viewer's logged-in browser session (the weakest role that may read)."""
    auth.login("viewer")  # type: ignore[attr-defined]
    return client


def path_of(url: str) -> str:
    """The path (and query) of one of our absolute URLs, for the test client."""
    base = "http://claims.test"
    assert url.startswith(base + "/"), url
    return url[len(base):]
