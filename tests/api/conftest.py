"""API fixtures: a token per role, and a small article with one claim to work on."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.api.tokens import create_token
from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.claims.services import ClaimInput, create_claim
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import store_draft

BODY = ('Minister Jane Doe said on Monday: "The bridge will open in May." '
        'Critics disagreed. "It will not," said John Roe.')
QUOTE = "The bridge will open in May."


@pytest.fixture
def token_headers(session: Session, users: dict[str, User]) -> Callable[[str], dict[str, str]]:
    """``token_headers("editor")`` -> an Authorization header for a new token of that role."""

    def make(role: str) -> dict[str, str]:
        _token, plaintext = create_token(session, users[role], f"{role} test token")
        session.commit()
        return {"Authorization": f"Bearer {plaintext}"}

    return make


@pytest.fixture
def article(session: Session, users: dict[str, User]) -> Article:
    draft = ArticleDraft(body=BODY, source_name="api-test.txt", title="Bridge opening",
                         outlet="Test Wire")
    stored, _ = store_draft(session, draft, users["editor"], extract=False)
    session.commit()
    return stored


@pytest.fixture
def claim(session: Session, users: dict[str, User], article: Article) -> Claim:
    start = BODY.index(QUOTE)
    created = create_claim(session, users["reviewer"], article,
                           ClaimInput(start=start, end=start + len(QUOTE), kind="direct",
                                      tags=["infrastructure"]))
    session.commit()
    return created
