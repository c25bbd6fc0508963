"""A deleted record's id is never given to another (issue 15, item 14): SQLite reused the
newest row's id after a delete, so History mixed two records and old links led elsewhere.
On both engines; migration 0010 (AUTOINCREMENT) on SQLite, sequences on PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from claims_app import migrate as migrations
from claims_app.articles import services as articles
from claims_app.articles.models import Article
from claims_app.claims import services as claims
from claims_app.claims.models import Claim, ClaimKind, Verdict
from claims_app.db import get_db, make_engine
from claims_app.ingest.importer import import_paths
from claims_app.speakers import services as speakers
from claims_app.speakers.models import Speaker
from tests.reliability.helpers import populate
from tests.support import drop_postgres_database, new_database_url

BODY = 'Leyla Abdullayeva said "the bridge opens in May" and "the road opens in June".'


def _claim(session: Session, article: Article, quote: str) -> Claim:
    start = BODY.index(quote)
    return claims.create_claim(session, None, article, claims.ClaimInput(
        start=start, end=start + len(quote), kind=ClaimKind.DIRECT))


def test_a_claim_made_after_the_newest_is_deleted_gets_a_new_id(session: Session) -> None:
    article = articles.create_article(session, None, BODY, {"title": "Ids"})
    newest = _claim(session, article, "the bridge opens in May")
    session.flush()
    gone = newest.id
    claims.delete_claim(session, None, newest)
    session.flush()
    assert session.scalar(select(func.max(Claim.id))) != gone  # it was the newest
    made = _claim(session, article, "the road opens in June")
    session.flush()
    assert made.id != gone
    assert made.id > gone


def test_articles_speakers_and_reviews_do_not_reuse_a_deleted_newest_id(
    session: Session,
) -> None:
    first = articles.create_article(session, None, BODY, {"title": "First"})
    claim = _claim(session, first, "the bridge opens in May")
    review = claims.add_review(session, None, claim, Verdict.ACCURATE_QUOTE)
    speaker = speakers.create_speaker(session, None, "Leyla Abdullayeva")
    session.flush()
    old = {"article": first.id, "review": review.id, "speaker": speaker.id}
    session.delete(review)
    speakers.delete_speaker(session, None, speaker)
    articles.delete_article(session, None, first)
    session.flush()
    second = articles.create_article(session, None, BODY + " Again.", {"title": "Second"})
    again = claims.add_review(session, None, _claim(session, second, "the road opens in June"),
                              Verdict.ACCURATE_QUOTE)
    other = speakers.create_speaker(session, None, "Hikmet Hajiyev")
    session.flush()
    assert second.id > old["article"]
    assert again.id > old["review"]
    assert other.id > old["speaker"]


def test_the_importer_does_not_reuse_a_deleted_newest_articles_id(
    app: Flask, session: Session, tmp_path: Path,
) -> None:
    """The importer reserves ids itself (bulk writes): it must skip deleted ones too."""
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"title": "One", "body": BODY}) + "\n", encoding="utf-8")
    assert import_paths(get_db(app).sessionmaker, [path]).imported == 1
    article = session.scalars(select(Article).where(Article.title == "One")).one()
    gone = article.id
    articles.delete_article(session, None, article)
    session.commit()
    path.write_text(json.dumps({"title": "Two", "body": BODY + " Two."}) + "\n",
                    encoding="utf-8")
    assert import_paths(get_db(app).sessionmaker, [path]).imported == 1
    assert session.scalars(select(Article.id).where(Article.title == "Two")).one() > gone


# --- migration 0010 on a populated SQLite database --------------------------------------------

@pytest.fixture
def populated_at_0009(database_kind: str, tmp_path: Path) -> Iterator[Engine]:
    url = new_database_url(database_kind, tmp_path)
    engine = make_engine(url)
    # Filled through today's services (which write tables newer than 0009, such as the
    # statement groups), then taken down to 0009: every step down keeps the rows
    # (tests/reliability/test_reliability_migrations.py), so this is a populated 0009.
    migrations.upgrade(engine, "head")
    populate(engine, tmp_path / "articles", articles=10)
    migrations.downgrade(engine, "0009")
    yield engine
    engine.dispose()
    if database_kind == "postgresql":
        drop_postgres_database(url)


def _rows(engine: Engine) -> dict[str, int]:
    tables = ("articles", "speakers", "claims", "reviews", "claim_links", "claim_tags",
              "speaker_aliases", "speaker_roles", "search_documents", "audit_events")
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}


def test_migration_0010_keeps_every_row_and_stops_reuse_on_sqlite(
    populated_at_0009: Engine,
) -> None:
    engine = populated_at_0009
    before = _rows(engine)
    with engine.connect() as conn:
        newest = conn.execute(text("SELECT max(id) FROM claims")).scalar_one()
    migrations.upgrade(engine, "head")
    assert _rows(engine) == before  # no cascade from rebuilding a table others point at
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM claims WHERE id = :id"), {"id": newest})
        conn.execute(text(
            "INSERT INTO claims (article_id, kind, text, start_offset, end_offset, prefix, "
            "suffix, status, origin, confidence, said_on_basis, version, created_at, updated_at) "
            "SELECT article_id, kind, text, start_offset, end_offset, prefix, suffix, status, "
            "origin, confidence, said_on_basis, 1, created_at, updated_at FROM claims WHERE id = "
            "(SELECT min(id) FROM claims)"))
        made = conn.execute(text("SELECT max(id) FROM claims")).scalar_one()
    assert made > newest
    with Session(engine) as s:
        assert s.scalar(select(func.count(Speaker.id))) == before["speakers"]
