"""Claims as a page lists them beside another claim: one line each (its words, speaker,
article, date, status), read as plain rows in one statement.

**Why plain rows.** The claim page lists up to 50 other claims: the speaker's neighbours,
similar claims, the statement group's first appearances, the claims covering passages
elsewhere, past verdicts. Read as mapped ``Claim`` objects, each list cost its own
statement plus one per relationship (article, outlet, speaker: four statements a list, a
dozen a page), and building and tracking the objects was a third of the page's Python time
at a million claims. A line needs eleven columns and no identity: one joined statement
reads every line the page shows, whatever list it is in. (The article page made the same
move for its 100 highlighted claims: ``articles.page.PageClaim``.)

An article is read without its body: an untitled one carries the opening its derived title
is made from (``OPENING_CHARS`` characters, ``substr`` in SQL), so a claim of a
2,000,000-character article costs what any other does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from claims_app.articles.models import (
    Article,
    DatePrecision,
    Outlet,
    derived_title,
    untitled_opening,
)
from claims_app.claims.models import Claim, ClaimStatus
from claims_app.speakers.models import Speaker

__all__ = ["ClaimLine", "ShownArticle", "claim_lines", "shown_articles"]


@dataclass(frozen=True, slots=True)
class ShownArticle:
    """What a list shows of a claim's article: the ``article_title`` filter's duck type
    (``display_title``, ``title_is_derived``), its date as precise as known, its outlet."""

    id: int
    title: str | None
    published: dt.date | None
    published_precision: DatePrecision
    published_text: str | None
    outlet_name: str | None
    #: The body's first ``OPENING_CHARS`` characters, read only when the title is missing.
    opening: str | None

    @property
    def title_is_derived(self) -> bool:
        return not self.title

    @property
    def display_title(self) -> str:
        return self.title or derived_title(self.opening or "")


@dataclass(frozen=True, slots=True)
class ClaimLine:
    """One claim as a list shows it (``claims/detail.html``'s ``claim_line``): enough to
    name it, link it and date it; never its spans, tags or reviews."""

    id: int
    text: str
    status: ClaimStatus
    said_on: dt.date | None
    article_id: int
    speaker_id: int | None
    speaker_name: str | None
    article: ShownArticle


_ARTICLE_COLUMNS = (Article.title, Article.published, Article.published_precision,
                    Article.published_text, Outlet.name)


# Built once, ids bound at run time: building a joined select costs more than running it.
@lru_cache(maxsize=1)
def _lines_statement() -> Any:
    return (select(Claim.id, Claim.text, Claim.status, Claim.said_on, Claim.article_id,
                   Claim.speaker_id, Speaker.name, *_ARTICLE_COLUMNS, untitled_opening())
            .join(Article, Article.id == Claim.article_id)
            .outerjoin(Outlet, Outlet.id == Article.outlet_id)
            .outerjoin(Speaker, Speaker.id == Claim.speaker_id)
            .where(Claim.id.in_(bindparam("ids", expanding=True))))


@lru_cache(maxsize=1)
def _articles_statement() -> Any:
    return (select(Article.id, *_ARTICLE_COLUMNS, untitled_opening())
            .outerjoin(Outlet, Outlet.id == Article.outlet_id)
            .where(Article.id.in_(bindparam("ids", expanding=True))))


def claim_lines(session: Session, ids: Iterable[int]) -> dict[int, ClaimLine]:
    """The lines of these claims by id (the missing ones left out), in one statement."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    out = {}
    for (cid, text, status, said_on, article_id, speaker_id, speaker_name,
         *article) in session.execute(_lines_statement(), {"ids": wanted}):
        out[cid] = ClaimLine(cid, text, status, said_on, article_id, speaker_id,
                             speaker_name, ShownArticle(article_id, *article))
    return out


def shown_articles(session: Session, ids: Iterable[int]) -> dict[int, ShownArticle]:
    """What a list shows of these articles, by id, in one statement (no bodies)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {row[0]: ShownArticle(*row) for row in session.execute(_articles_statement(),
                                                                  {"ids": wanted})}
