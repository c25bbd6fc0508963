"""Fixtures for the cross-referencing tests: the seed articles, built and indexed, and the
small indexed world of the cross-referencing pages (``tests/worlds/crossref.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from claims_app.articles.models import Article
from claims_app.ingest.seedtext import read_seed_text
from tests.worlds.builders import make_article
from tests.worlds.crossref import world  # noqa: F401 (fixture)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def seed_articles(session: Session) -> dict[str, Article]:
    """The five seed articles keyed by file-name prefix ("000" ... "004"), indexed."""
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        draft = read_seed_text(path)
        out[path.name[:3]] = make_article(session, draft.body, title=draft.title,
                                          published=draft.published, source_name=path.name)
    return out


@pytest.fixture
def article_factory(session: Session) -> Callable[..., Article]:
    return lambda body, **kw: make_article(session, body,
                                           **{"title": None, "published": None, **kw})
