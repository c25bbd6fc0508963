"""/articles/N/text serves an article's text exactly as stored: the source every Web
Annotation target names, behind the same read permission as the article page."""

from __future__ import annotations

import hashlib

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from claims_app.articles.models import Article
from claims_app.ingest.draft import content_hash
from tests.worlds.builders import make_article

BODY = "  Line one said \u201cno\u201d.\r\nLine two: caf\u00e9 \u2014 \U0001f600 end.\n"


@pytest.fixture
def article(session: Session) -> Article:
    article = make_article(session, BODY, source_name="t.txt", title=None, published=None,
                           language="fr", url="https://example.test/original?a=1&b=2")
    session.commit()
    return article


def test_the_text_is_the_stored_body_character_for_character(client, auth, article) -> None:
    auth.login("viewer")
    response = client.get(f"/articles/{article.id}/text")
    assert response.status_code == 200
    assert response.content_type == "text/plain; charset=utf-8"
    assert response.data == BODY.encode("utf-8")  # line ends, spaces, astral characters kept
    assert response.headers["Content-Language"] == "fr"
    assert '<https://example.test/original?a=1&b=2>; rel="via"' in response.headers["Link"]


def test_the_etag_is_the_digest_of_these_exact_characters(client, auth, article) -> None:
    auth.login("viewer")
    response = client.get(f"/articles/{article.id}/text")
    assert response.headers["ETag"] == f'"{hashlib.sha256(BODY.encode()).hexdigest()}"'


def test_an_unchanged_text_answers_304_to_its_etag(client, auth, article) -> None:
    auth.login("viewer")
    etag = client.get(f"/articles/{article.id}/text").headers["ETag"]
    again = client.get(f"/articles/{article.id}/text", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_an_edit_that_moves_offsets_changes_the_etag(client, auth, article, session) -> None:
    """Trimming the leading spaces keeps the import identity (``content_hash``) but shifts
    every offset: a client's cached copy must not be reused."""
    auth.login("viewer")
    before = client.get(f"/articles/{article.id}/text").headers["ETag"]
    article.body = BODY.strip()
    assert content_hash(article.body) == article.content_hash  # the same article to import
    session.commit()
    after = client.get(f"/articles/{article.id}/text", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["ETag"] != before


def test_reading_needs_a_login_or_a_token(client: FlaskClient, users, article, session,
                                          ) -> None:
    from claims_app.api.tokens import create_token

    assert client.get(f"/articles/{article.id}/text").status_code == 401
    _token, plaintext = create_token(session, users["viewer"], "reader")
    session.commit()
    response = client.get(f"/articles/{article.id}/text",
                          headers={"Authorization": f"Bearer {plaintext}"})
    assert response.status_code == 200 and response.data == BODY.encode("utf-8")


def test_an_unknown_article_is_404(client, auth, article) -> None:
    auth.login("viewer")
    assert client.get(f"/articles/{article.id + 1000}/text").status_code == 404

