"""An article's page as read: one page of its claims, the window of a long body that page
shows, the body cut into highlighted segments, the look-alike letter warnings, and the stored
text served at ``/articles/N/text``. Reading only: changing an article is ``services.py``."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, defer, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from claims_app import deadline
from claims_app.articles.models import OPENING_CHARS, Article
from claims_app.cache import ProcessCache
from claims_app.claims.models import (
    Claim,
    ClaimKind,
    ClaimStatus,
    claim_spans,
    segment_texts,
)
from claims_app.errors import NotFound
from claims_app.speakers.models import Speaker
from claims_app.sqlfuncs import byte_length
from claims_app.textnorm import find_lookalikes
from claims_app.web.pagination import Page

#: Claims one article page lists and highlights. Past this many claims the rest are on the
#: article's further pages, so an article of 26,802 claims costs a page the same as one of
#: 100 (issue 15).
CLAIMS_PER_PAGE = 100


#: What an article page reads of each claim (with its speaker's name): where it is, its
#: kind, status and words. The list and the highlights show nothing else.
PAGE_CLAIM_COLUMNS = (Claim.id, Claim.kind, Claim.status, Claim.text, Claim.start, Claim.end,
                      Claim.segments)


@dataclass(slots=True)
class PageClaim:
    """A claim as an article page lists and highlights it: ``PAGE_CLAIM_COLUMNS`` and the
    speaker's name, with the span helpers of ``Claim`` (it is ``Spanned``)."""

    id: int
    kind: ClaimKind
    status: ClaimStatus
    text: str
    start: int
    end: int
    segments: list[list[int]] | None
    speaker_name: str | None

    @property
    def spans(self) -> list[tuple[int, int]]:
        return claim_spans(self)

    @property
    def segment_texts(self) -> list[str]:
        return segment_texts(self)


#: Bodies up to this many characters are shown whole on every page of their claims.
WHOLE_BODY_CHARS = 50_000


#: The most of a longer body one page shows: the stretch around the page's claims. Escaping
#: and sending all 2,000,000 characters of the longest stored article was most of its
#: page's 0.7 s (issue 15); the whole text stays one link away (``/articles/N/text``).
BODY_WINDOW_CHARS = 30_000


#: Text shown before a window's first claim and after its last, so each reads in context.
WINDOW_CONTEXT_CHARS = 400


@dataclass(frozen=True)
class BodyWindow:
    """The stretch ``[start, end)`` of an article's body one page shows (``text``), of a
    body ``length`` characters long."""

    start: int
    end: int
    length: int
    text: str

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end == self.length

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def body_window(session: Session, shown: ArticlePage,
                target: tuple[int, int] | None = None) -> BodyWindow:
    """What of the body the page shows: all of it up to ``WHOLE_BODY_CHARS``; past that,
    the stretch from just before the page's first claim to just after its last (or around
    the passage a link points at), cut at a line or word edge, at most ``BODY_WINDOW_CHARS``
    long. Only that stretch is read from the database (``substr``): the page never holds
    or scans the whole of a 2,000,000-character body."""
    length, claims = shown.length, shown.claims.items
    if length <= WHOLE_BODY_CHARS:
        return BodyWindow(0, length, length, shown.article.body)
    if target is not None:
        lo, hi = target
    elif claims:
        lo, hi = min(c.start for c in claims), max(c.end for c in claims)
    else:
        lo, hi = 0, 0
    # Read the stretch with room either side to find a line or word edge in.
    first = max(0, lo - WINDOW_CONTEXT_CHARS)
    last = min(length, max(hi, lo) + WINDOW_CONTEXT_CHARS, first + BODY_WINDOW_CHARS)
    text = session.scalar(select(func.substr(Article.body, first + 1, last - first))
                          .where(Article.id == shown.article.id)) or ""
    start = _edge_before(text, lo - first) + first if first > 0 else 0
    end = _edge_after(text, min(hi, last) - first) + first if last < length else length
    if end - start > BODY_WINDOW_CHARS:
        end = _edge_before(text, start - first + BODY_WINDOW_CHARS, start - first + 1) + first
    return BodyWindow(start, end, length, text[start - first:end - first])


def _edge_before(text: str, at: int, floor: int = 0) -> int:
    """A line start (else a word start) up to ``WINDOW_CONTEXT_CHARS`` before ``at``."""
    lo = max(floor, at - WINDOW_CONTEXT_CHARS)
    for mark in ("\n", " "):
        found = text.rfind(mark, lo, at)
        if found >= 0:
            return found + 1
    return lo


def _edge_after(text: str, at: int) -> int:
    """A line end (else a word end) up to ``WINDOW_CONTEXT_CHARS`` after ``at``."""
    hi = min(len(text), at + WINDOW_CONTEXT_CHARS)
    if hi == len(text):
        return hi
    for mark in ("\n", " "):
        found = text.find(mark, at, hi)
        if found >= 0:
            return found
    return hi


@dataclass(frozen=True)
class ArticlePage:
    """An article (outlet loaded, claims not) and one page of its claims in body order."""

    article: Article
    claims: Page[PageClaim]
    #: Of the body, in characters. The body itself is loaded only when the page shows it
    #: whole (``WHOLE_BODY_CHARS``); of a longer one only a window is read (``body_window``).
    length: int = 0

    @property
    def first(self) -> int:
        """Position (from 1) of the page's first claim; 0 when the article has none."""
        return (self.claims.page - 1) * self.claims.per_page + 1 if self.claims.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.claims.items) - 1 if self.claims.items else 0


#: ``count(*)`` of the article's claims: SQLite counts the index entries without checking
#: each id for NULL as ``count(id)`` does (26,802 claims: 1.5 -> 0.9 ms).
_COUNT = func.count().label("claims")


#: Articles whose sizes are remembered (per process; :mod:`claims_app.cache`).
SIZES_CACHE_SIZE = 1024
sizes_cache: ProcessCache[tuple[int, int]] = ProcessCache("article sizes", SIZES_CACHE_SIZE)


def _sizes(session: Session, article_id: int) -> tuple[int, int]:
    """The article's length in characters and its number of claims.

    Remembered per article under the rule of :mod:`claims_app.cache` (a body is changed, and
    claims are added or removed, only through audited services or as claim changes): both
    cost in proportion to the article. PostgreSQL counts a 1,900,000-character body's
    characters by reading all of it (4-5 ms; its size in bytes it knows from the header)
    and a 26,802-claim article's claims in 1.8 ms, on every view of its page."""
    found = session.execute(
        select(func.length(Article.body),
               select(_COUNT).where(Claim.article_id == article_id).scalar_subquery())
        .where(Article.id == article_id)).first()
    return (found[0] or 0, found[1] or 0) if found is not None else (0, 0)


def article_page(session: Session, article_id: int, *, page: int = 1,
                 claim_id: int | None = None, per_page: int = CLAIMS_PER_PAGE) -> ArticlePage:
    """The article and the page of its claims asked for: ``page``, or the page holding claim
    ``claim_id`` (a link to one claim of a long article lands where that claim is marked).
    The same statements whatever the number of claims: the article, its sizes (remembered:
    ``_sizes``), the page of claims (and their speakers)."""
    mine = Claim.article_id == article_id
    found = session.execute(
        select(Article,
               # Only an untitled article's list title needs its opening (``case``: the
               # long body is not read for a title it has).
               case((Article.title.is_(None), func.substr(Article.body, 1, OPENING_CHARS)),
                    else_=None),
               # The whole body comes only when the page shows it whole (``body_window``),
               # tested on its size in bytes: counting a long body's characters a second
               # time cost as much as the first (3 ms for 2,000,000 on SQLite). A body of
               # few characters but many bytes is read by ``body_window`` when it needs it.
               case((byte_length(Article.body) <= WHOLE_BODY_CHARS, Article.body),
                    else_=None))
        .where(Article.id == article_id)
        .options(defer(Article.body), defer(Article.raw), selectinload(Article.outlet))).first()
    if found is None:
        raise NotFound(f"There is no article {article_id}.")
    article = found[0]
    article.list_opening = found[1]  # display_title without the body
    if found[2] is not None:  # a body shown whole is loaded as if read with the article
        set_committed_value(article, "body", found[2])
    length, total = sizes_cache.get(session, article_id, lambda: _sizes(session, article_id))
    if claim_id is not None and 0 < claim_id < 2**31:
        spot = session.execute(select(Claim.start, Claim.end)
                               .where(mine, Claim.id == claim_id)).first()
        if spot is not None:
            start, end = spot
            before = session.scalar(select(_COUNT).where(mine, or_(
                Claim.start < start,
                and_(Claim.start == start, or_(Claim.end > end,
                                               and_(Claim.end == end, Claim.id < claim_id))))))
            page = (before or 0) // per_page + 1
    pages = -(-total // per_page) or 1  # an article without claims still has one page
    # A page past the last shows the last (the article lost claims since the link was made).
    page = pages if page > pages else max(1, page)
    # The page's ids first, off the page-order index (narrow rows, no sort), then only
    # those claims: a late page of a 26,802-claim article sorted every row before.
    order = (Claim.start, Claim.end.desc(), Claim.id)
    chosen = (select(Claim.id).where(mine).order_by(*order)
              .limit(per_page).offset((page - 1) * per_page).subquery())
    # Plain rows of the columns the page shows, not mapped objects: building 100 Claim
    # objects (thirty columns, identity map, a speaker each) was a third of the adversarial
    # article page's time (about 3 ms at a million claims).
    items = [PageClaim(*row) for row in session.execute(
        select(*PAGE_CLAIM_COLUMNS, Speaker.name)
        .join(chosen, chosen.c.id == Claim.id)
        .outerjoin(Speaker, Speaker.id == Claim.speaker_id).order_by(*order))]
    return ArticlePage(article, Page(items=items, page=page, per_page=per_page, total=total),
                       length)


@dataclass(frozen=True)
class StoredText:
    """An article's text exactly as stored, with what its plain-text copy is served with."""

    body: str
    language: str
    url: str | None

    @property
    def etag(self) -> str:
        """The digest of these exact characters. Not the stored ``content_hash``: that one
        ignores line-end style, Unicode normalisation and surrounding space (it identifies
        an article on import), all of which move the offsets annotations count into."""
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()


def stored_text(session: Session, article_id: int) -> StoredText:
    """The text annotation targets point into (``/articles/N/text``): one row, no claims."""
    row = session.execute(
        select(Article.body, Article.language, Article.url).where(Article.id == article_id)
    ).one_or_none()
    if row is None:
        raise NotFound(f"There is no article {article_id}.")
    return StoredText(body=row.body, language=row.language or "en", url=row.url)


@dataclass(frozen=True)
class Segment:
    """A piece of the body for highlighting: plain text, or one piece of a claim (``part``
    counts a claim's segments from 0, so only the first carries the claim's anchor)."""

    text: str
    claim: Claim | PageClaim | None
    part: int = 0


def highlight_segments(body: str | BodyWindow, claims: Sequence[Claim | PageClaim]
                       ) -> list[Segment]:
    """Cut the body (or the window of it a page shows) into plain and claimed pieces for
    highlighting.

    A claim in several segments is highlighted piece by piece: the words between them
    (``X said.``) stay plain. Where claims overlap, the earlier one is highlighted and the
    later one stays in the side list; the text itself is always shown whole and in order.
    A claim reaching outside the window stays in the side list too.
    """
    if isinstance(body, BodyWindow):
        text, origin, stop = body.text, body.start, body.end
    else:
        text, origin, stop = body, 0, len(body)
    segments: list[Segment] = []
    pos = origin
    for n, claim in enumerate(sorted(claims, key=lambda c: (c.start, -c.end))):
        if n % 256 == 0:
            deadline.check()
        if claim.start < pos or claim.end > stop:
            continue
        if claim.start > pos:
            segments.append(Segment(text[pos - origin : claim.start - origin], None))
        pos = claim.start
        for part, (start, end) in enumerate(claim.spans):
            if start > pos:
                segments.append(Segment(text[pos - origin : start - origin], None))
            segments.append(Segment(text[start - origin : end - origin], claim, part))
            pos = end
    if pos < stop:
        segments.append(Segment(text[pos - origin : stop - origin], None))
    return segments


@dataclass(frozen=True)
class LookalikeWarning:
    """A Cyrillic or Greek letter posing as a Latin one ("Рe noted"): it defeats search and
    copy-paste checks, so the reviewer is told where it is."""

    offset: int
    char: str
    latin: str
    context: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"


def lookalike_warnings(body: str | BodyWindow, limit: int = 20) -> list[LookalikeWarning]:
    """The first ``limit`` look-alike letters in the body, or in the window of it a page
    shows (scanning a 2,000,000-character body took 0.1 s of every page view)."""
    text, origin = (body.text, body.start) if isinstance(body, BodyWindow) else (body, 0)
    out = []
    for offset, char, latin in find_lookalikes(text)[:limit]:
        context = text[max(0, offset - 15) : offset + 15].replace("\n", " ")
        out.append(LookalikeWarning(origin + offset, char, latin, context))
    return out

