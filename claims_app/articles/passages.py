"""An article's passages that recur in other articles, for its page: the panel listing
them (with where else each appears) and the subtle marks in the body text."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only, selectinload

from claims_app.articles.models import OPENING_CHARS, Article, Outlet
from claims_app.articles.services import Segment
from claims_app.claims.models import Claim
from claims_app.crossref.repeats import PassageMatch, passage_repeats


@dataclass(frozen=True)
class Elsewhere:
    """One other article's sentence repeating the passage."""

    article: Article
    match: PassageMatch


@dataclass(frozen=True)
class RepeatedPassage:
    start: int
    end: int
    text: str
    elsewhere: list[Elsewhere]


def passages_elsewhere(session: Session, article_id: int) -> list[RepeatedPassage]:
    """The article's sentences other articles repeat, in body order, each with the other
    articles (title, outlet, date: loaded in one query, never their bodies)."""
    repeats = passage_repeats(session, article_id)
    ids = {m.article_id for r in repeats for m in r.matches}
    articles: dict[int, Article] = {}
    if ids:
        rows = session.execute(
            select(Article, func.substr(Article.body, 1, OPENING_CHARS))
            .where(Article.id.in_(ids))
            .options(load_only(Article.id, Article.title, Article.published,
                               Article.published_precision, Article.published_text,
                               Article.outlet_id, Article.source_name),
                     selectinload(Article.outlet).load_only(Outlet.id, Outlet.name)))
        for article, opening in rows:
            article.list_opening = opening  # display_title without loading the body
            articles[article.id] = article
    return [
        RepeatedPassage(r.start, r.end, r.text,
                        [Elsewhere(articles[m.article_id], m) for m in r.matches
                         if m.article_id in articles])
        for r in repeats
    ]


@dataclass(frozen=True)
class BodyPiece:
    """A piece of the body: a claim's highlight, or plain text possibly inside a repeated
    passage; ``anchor`` is the offset an ``#offset-N`` link lands on."""

    text: str
    claim: Claim | None = None
    repeated: bool = False
    target: bool = False
    anchor: int | None = None


def body_pieces(segments: list[Segment], passages: list[tuple[int, int]],
                target: tuple[int, int] | None = None) -> list[BodyPiece]:
    """Cut the plain segments at the passages' edges. Claim highlights stay whole (a passage
    starting inside one gets an empty anchor before it), so claim marks are unchanged."""
    spans = sorted({*passages, *([target] if target else [])})
    starts = {s for s, _ in spans}
    pieces: list[BodyPiece] = []
    pos = 0
    for seg in segments:
        end = pos + len(seg.text)
        if seg.claim is not None:
            for s in sorted(x for x in starts if pos <= x < end):
                pieces.append(BodyPiece("", anchor=s))
            pieces.append(BodyPiece(seg.text, seg.claim))
        else:
            cuts = sorted({pos, end, *(x for s, e in spans for x in (s, e) if pos < x < end)})
            for a, b in zip(cuts, cuts[1:], strict=False):
                inside = [(s, e) for s, e in spans if s <= a and b <= e]
                pieces.append(BodyPiece(
                    seg.text[a - pos:b - pos], None, repeated=bool(inside),
                    target=target is not None and target[0] <= a and b <= target[1],
                    anchor=a if a in starts else None))
        pos = end
    return pieces
