"""An article's passages that recur in other articles, for its page: the panel listing
them (with where else each appears) and the subtle marks in the body text."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only, selectinload

from claims_app import deadline
from claims_app.articles.models import OPENING_CHARS, Article, Outlet
from claims_app.articles.page import PageClaim, Segment
from claims_app.cache import ProcessCache
from claims_app.claims.models import Claim
from claims_app.crossref.repeats import PassageMatch, passage_repeats


@dataclass(frozen=True)
class ArticleRef:
    """What the panel shows of another article (a snapshot: panels are remembered across
    requests, so they hold no ORM objects)."""

    id: int
    display_title: str
    outlet_name: str | None
    published: dt.date | None
    published_precision: str
    published_text: str | None
    title_is_derived: bool = False

    @classmethod
    def of(cls, article: Article) -> ArticleRef:
        return cls(article.id, article.display_title,
                   article.outlet.name if article.outlet else None, article.published,
                   article.published_precision.value, article.published_text,
                   article.title_is_derived)


@dataclass(frozen=True)
class Elsewhere:
    """One other article's sentence repeating the passage."""

    article: ArticleRef
    match: PassageMatch


@dataclass(frozen=True)
class RepeatedPassage:
    start: int
    end: int
    text: str
    elsewhere: list[Elsewhere]
    more: int = 0  # about how many further repeats are not listed
    more_capped: bool = False  # ``more`` is a lower bound ("more than")

    @property
    def more_label(self) -> str:
        """"and about 1,234 more" / "and more than 995 more"; "" when nothing is left out."""
        if not self.more:
            return ""
        return f"and {'more than' if self.more_capped else 'about'} {self.more:,} more"

    @property
    def count_label(self) -> str:
        """The collapsed panel's line: "in 1 other article", "in about 1,240 other articles"
        or "in more than 1,000 other articles" (listed ones plus ``more``)."""
        n = len(self.elsewhere) + self.more
        qualifier = ("more than " if self.more_capped else "about ") if self.more else ""
        return f"in {qualifier}{n:,} other article{'' if n == 1 else 's'}"


#: Other articles listed per repeated sentence: background paragraphs recur in thousands of
#: articles, and the page must cost the same for them as for a sentence repeated once.
MATCHES_PER_PASSAGE = 3

#: Repeats are looked up in this many leading characters of an article (about 800
#: sentences; news articles are a few thousand characters): the lookup costs about a
#: millisecond a sentence, and a page must stay within the request time limit whatever the
#: article's length (issue 15).
PASSAGE_LOOKUP_CHARS = 100_000


#: Articles whose panels are remembered (per process; :mod:`claims_app.cache`).
PANEL_CACHE_SIZE = 256
panel_cache: ProcessCache[list[RepeatedPassage]] = ProcessCache("repeated passages",
                                                                PANEL_CACHE_SIZE)


def passages_elsewhere(
    session: Session, article_id: int, *, limit: int = MATCHES_PER_PASSAGE
) -> list[RepeatedPassage]:
    """The article's sentences other articles repeat, in body order, each with at most
    ``limit`` other articles (title, outlet, date: loaded in one query, never their bodies)
    and about how many more there are.

    Remembered per article until an article is imported, edited, re-indexed or deleted
    (the rule of :mod:`claims_app.cache`): a page viewed again then costs one cheap
    statement. The returned passages are shared: do not change them."""
    return panel_cache.get(session, (article_id, limit),
                           lambda: _find_passages_elsewhere(session, article_id, limit))


def _find_passages_elsewhere(
    session: Session, article_id: int, limit: int
) -> list[RepeatedPassage]:
    repeats = passage_repeats(session, article_id, limit=limit, max_chars=PASSAGE_LOOKUP_CHARS)
    ids = {m.article_id for r in repeats for m in r.matches}
    articles: dict[int, ArticleRef] = {}
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
            articles[article.id] = ArticleRef.of(article)
    return [
        RepeatedPassage(r.start, r.end, r.text,
                        [Elsewhere(articles[m.article_id], m) for m in r.matches
                         if m.article_id in articles], r.more, r.more_capped)
        for r in repeats
    ]


@dataclass(frozen=True)
class BodyPiece:
    """A piece of the body: a claim's highlight, or plain text possibly inside a repeated
    passage; ``anchor`` is the offset an ``#offset-N`` link lands on."""

    text: str
    claim: Claim | PageClaim | None = None
    repeated: bool = False
    target: bool = False
    anchor: int | None = None
    part: int = 0  # which segment of ``claim`` this is (0: the first, which holds its id)


def body_pieces(segments: list[Segment], passages: list[tuple[int, int]],
                target: tuple[int, int] | None = None, *, origin: int = 0
                ) -> list[BodyPiece]:
    """Cut the plain segments at the passages' edges. Claim highlights stay whole (a passage
    starting inside one gets an empty anchor before it), so claim marks are unchanged.

    One sweep over the segments and the sorted span edges together, keeping count of the
    spans the sweep is inside: linear in segments plus passages. (Comparing every segment
    with every passage took 9-14 s for an article of 4,000 claims, issue 15.) Checks the
    request's time limit as it goes. ``origin`` is where the first segment starts in the
    body (a window of a long one): anchors keep their offsets in the whole body."""
    spans = sorted({*passages, *([target] if target else [])})
    starts = {s for s, _ in spans}
    delta: dict[int, int] = defaultdict(int)  # spans opening minus spans closing at an edge
    for s, e in spans:
        delta[s] += 1
        delta[e] -= 1
    edges = sorted(delta)
    i, inside = 0, 0  # next edge to pass; spans covering the sweep's position
    pieces: list[BodyPiece] = []
    pos = origin
    for n, seg in enumerate(segments):
        if n % 256 == 0:
            deadline.check()
        end = pos + len(seg.text)
        if seg.claim is not None:
            while i < len(edges) and edges[i] < end:
                if edges[i] >= pos and edges[i] in starts:
                    pieces.append(BodyPiece("", anchor=edges[i]))
                inside += delta[edges[i]]
                i += 1
            pieces.append(BodyPiece(seg.text, seg.claim, part=seg.part))
            pos = end
            continue
        while i < len(edges) and edges[i] <= pos:
            inside += delta[edges[i]]
            i += 1
        a = pos
        while a < end:
            b = edges[i] if i < len(edges) and edges[i] < end else end
            pieces.append(BodyPiece(
                seg.text[a - pos:b - pos], None, repeated=inside > 0,
                target=target is not None and target[0] <= a and b <= target[1],
                anchor=a if a in starts else None))
            if b < end:
                inside += delta[b]
                i += 1
            a = b
        pos = end
    return pieces


def body_html(pieces: list[BodyPiece]) -> Markup:
    """The body's pieces as HTML: a ``<mark>`` per claim, a ``<span>`` per repeated or
    pointed-out stretch and anchor, escaped text between.

    Written here rather than as a template loop: an article body is up to a million
    characters in thousands of pieces, and a Jinja loop spent about four times as long on it
    (the page's largest cost, issue 15)."""
    out: list[str] = []
    add = out.append
    for seg in pieces:
        text = escape(seg.text)
        claim = seg.claim
        if claim is not None:
            who = claim.speaker_name or "unattributed"
            tip = escape(f"{who} · {claim.kind.value} · {claim.status.value}")
            # A claim in several segments: only its first piece carries the id (the
            # anchor links go to); each piece says which of how many it is.
            part = " claim-part" if seg.part else ""
            ident = "" if seg.part else f' id="claim-{claim.id}"'
            pieces_of = (f' data-part="{seg.part + 1}/{len(claim.segments)}"'
                         if claim.segments else "")
            add(f'<mark class="claim kind-{claim.kind.value} status-{claim.status.value}{part}"'
                f'{ident}{pieces_of} tabindex="0" title="{tip}" data-tip="{tip}" '
                f'data-claim-id="{claim.id}">{text}</mark>')
        elif seg.repeated or seg.target or seg.anchor is not None:
            classes = ("repeated" if seg.repeated else "") + (" passage-target" if seg.target
                                                              else "")
            anchor = f' id="offset-{seg.anchor}"' if seg.anchor is not None else ""
            add(f'<span class="{classes}"{anchor}>{text}</span>')
        else:
            add(str(text))
    return Markup("".join(out))
