"""Reading and changing articles."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, defer, selectinload

from claims_app import deadline
from claims_app.accounts.models import User
from claims_app.articles.limits import check_body_length
from claims_app.articles.models import NEWEST_FIRST, OPENING_CHARS, Article, DatePrecision, Outlet
from claims_app.audit.services import changed_fields, record, snapshot
from claims_app.claims.models import Claim, ClaimLink, ClaimStatus, Review
from claims_app.claims.services import anchor, claim_state
from claims_app.db import insert_missing, require_version
from claims_app.errors import InvalidInput, NotFound
from claims_app.ingest.draft import content_hash
from claims_app.sqlfuncs import contains_text
from claims_app.textnorm import find_lookalikes
from claims_app.web.pagination import Page, count_rows, page_bounds


def list_articles(session: Session, *, page: int = 1, per_page: int = 50) -> Page[Article]:
    return _article_page(session, select(Article).options(selectinload(Article.outlet)),
                         NEWEST_FIRST,
                         page, per_page, keyset=True)


# Lists count at most this many matching articles ("more than 10,000"): an exact count
# would read every row of a large table on each page view.
LIST_COUNT_LIMIT = 10_000


def _article_page(session: Session, stmt: Any, order: tuple[Any, ...], page: int,
                  per_page: int, *, after: str | None = None,
                  keyset: bool = False) -> Page[Article]:
    """A page of articles for a list: no ``body`` or ``raw`` (only the body's opening, for
    untitled articles' ``display_title``) and a capped count.

    With ``keyset`` (the newest-first order), the page carries a cursor for the next one,
    and ``after`` (such a cursor) starts the page there instead of at an offset, which
    costs the same however deep the page is.

    The page's ids are chosen first, on narrow rows; only those articles are then read
    (with the opening of their body), so no engine cuts every matching body to sort them."""
    page, per_page = page_bounds(page, per_page)
    total, capped = count_rows(session, stmt, page=page, per_page=per_page,
                               count_limit=LIST_COUNT_LIMIT)
    ids = stmt.with_only_columns(Article.id, maintain_column_froms=True).order_by(
        *order).limit(per_page)
    start = _newest_after(after) if keyset and after else None
    ids = ids.where(start) if start is not None else ids.offset((page - 1) * per_page)
    chosen = ids.subquery()
    rows = session.execute(
        select(Article, func.substr(Article.body, 1, OPENING_CHARS))
        .join(chosen, chosen.c.id == Article.id)
        .options(selectinload(Article.outlet), defer(Article.body), defer(Article.raw))
        .order_by(*order)
    ).all()
    items = []
    for article, opening in rows:
        article.list_opening = opening
        items.append(article)
    cursor = None
    if keyset and len(items) == per_page:
        last = items[-1]
        cursor = f"{last.published.isoformat() if last.published else 'none'}_{last.id}"
    return Page(items=items, page=page, per_page=per_page, total=total, capped=capped,
                cursor=cursor)


def _newest_after(cursor: str) -> Any:
    """Articles after ``cursor`` ("<published or none>_<id>", the last one shown) in the
    newest-first order (published descending, undated last, then id descending); None
    when the cursor is malformed (the page then falls back to its offset)."""
    published_text, _, id_text = cursor.partition("_")
    try:
        last_id = int(id_text)
        published = None if published_text == "none" else dt.date.fromisoformat(
            published_text)
    except ValueError:
        return None
    if published is None:
        return and_(Article.published.is_(None), Article.id < last_id)
    return or_(Article.published < published,
               and_(Article.published == published, Article.id < last_id),
               Article.published.is_(None))


def get_article(session: Session, article_id: int) -> Article:
    article = session.scalar(
        select(Article)
        .where(Article.id == article_id)
        .options(
            selectinload(Article.outlet),
            selectinload(Article.claims).selectinload(Claim.speaker),
        )
    )
    if article is None:
        raise NotFound(f"There is no article {article_id}.")
    return article


#: Claims one article page lists and highlights. The body is always shown whole (the article
#: size limit bounds it); past this many claims the rest are on the article's further pages,
#: so an article of 26,802 claims costs a page the same as one of 100 (issue 15).
CLAIMS_PER_PAGE = 100


@dataclass(frozen=True)
class ArticlePage:
    """An article (outlet loaded, claims not) and one page of its claims in body order."""

    article: Article
    claims: Page[Claim]

    @property
    def first(self) -> int:
        """Position (from 1) of the page's first claim; 0 when the article has none."""
        return (self.claims.page - 1) * self.claims.per_page + 1 if self.claims.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.claims.items) - 1 if self.claims.items else 0


def article_page(session: Session, article_id: int, *, page: int = 1,
                 claim_id: int | None = None, per_page: int = CLAIMS_PER_PAGE) -> ArticlePage:
    """The article and the page of its claims asked for: ``page``, or the page holding claim
    ``claim_id`` (a link to one claim of a long article lands where that claim is marked).
    The same statements whatever the number of claims: the article with its count, the
    page of claims (and their speakers)."""
    mine = Claim.article_id == article_id
    found = session.execute(
        select(Article, select(func.count(Claim.id)).where(mine).scalar_subquery())
        .where(Article.id == article_id).options(selectinload(Article.outlet))).first()
    if found is None:
        raise NotFound(f"There is no article {article_id}.")
    article, total = found[0], found[1] or 0
    if claim_id is not None and 0 < claim_id < 2**31:
        spot = session.execute(select(Claim.start, Claim.end)
                               .where(mine, Claim.id == claim_id)).first()
        if spot is not None:
            start, end = spot
            before = session.scalar(select(func.count(Claim.id)).where(mine, or_(
                Claim.start < start,
                and_(Claim.start == start, or_(Claim.end > end,
                                               and_(Claim.end == end, Claim.id < claim_id))))))
            page = (before or 0) // per_page + 1
    pages = -(-total // per_page) or 1  # an article without claims still has one page
    # A page past the last shows the last (the article lost claims since the link was made).
    page = pages if page > pages else max(1, page)
    items = list(session.scalars(
        select(Claim).where(mine).order_by(Claim.start, Claim.end.desc(), Claim.id)
        .limit(per_page).offset((page - 1) * per_page).options(selectinload(Claim.speaker))))
    return ArticlePage(article, Page(items=items, page=page, per_page=per_page, total=total))


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
    claim: Claim | None
    part: int = 0


def highlight_segments(body: str, claims: list[Claim]) -> list[Segment]:
    """Cut the body into plain and claimed pieces for highlighting.

    A claim in several segments is highlighted piece by piece: the words between them
    (``X said.``) stay plain. Where claims overlap, the earlier one is highlighted and the
    later one stays in the side list; the text itself is always shown whole and in order.
    """
    segments: list[Segment] = []
    pos = 0
    for n, claim in enumerate(sorted(claims, key=lambda c: (c.start, -c.end))):
        if n % 256 == 0:
            deadline.check()
        if claim.start < pos or claim.end > len(body):
            continue
        if claim.start > pos:
            segments.append(Segment(body[pos : claim.start], None))
        pos = claim.start
        for part, (start, end) in enumerate(claim.spans):
            if start > pos:
                segments.append(Segment(body[pos:start], None))
            segments.append(Segment(body[start:end], claim, part))
            pos = end
    if pos < len(body):
        segments.append(Segment(body[pos:], None))
    return segments


# Editing an article's description (never its body: every claim's offsets point into it).
ARTICLE_EDITABLE = frozenset({
    "title", "author", "outlet", "published", "published_precision", "published_text",
    "dateline", "place", "section", "url", "language", "notes",
})
_ARTICLE_UNAUDITED = frozenset({"body", "raw"})


def article_state(article: Article) -> dict[str, Any]:
    """The audited and conflict-compared view of an article (without its long texts)."""
    state = snapshot(article, exclude=_ARTICLE_UNAUDITED)
    state["outlet"] = article.outlet.name if article.outlet else None
    return state


def _check_article_version(article: Article, expected_version: int | None) -> None:
    require_version(article, expected_version, article_state, "article")


def update_article(
    session: Session, actor: User | None, article: Article, changes: Mapping[str, Any],
    *, expected_version: int | None,
) -> Article:
    """Change the given descriptive fields; ``outlet`` is a name, created when new."""
    unknown = set(changes) - ARTICLE_EDITABLE
    if unknown:
        raise InvalidInput(f"{sorted(unknown)[0]} cannot be changed.", field=sorted(unknown)[0])
    _check_article_version(article, expected_version)
    before = article_state(article)
    for name, value in changes.items():
        if name == "outlet":
            article.outlet = get_or_create_outlet(session, value)[0]
        elif name == "published_precision":
            article.published_precision = DatePrecision(value or DatePrecision.UNKNOWN)
        elif name == "language":
            article.language = value or "en"
        else:
            setattr(article, name, value)
    session.flush()
    after = article_state(article)
    if changed_fields(before, after):
        record(session, actor, "update", article, before=before, after=after,
               summary=f"edited article {article.id}")
    return article


def delete_article(
    session: Session, actor: User | None, article: Article, *, expected_version: int | None = None
) -> None:
    """Delete an article with its claims; the audit event keeps what was removed."""
    _check_article_version(article, expected_version)
    # The whole record, body and claims included, so the delete can be undone from the
    # history (``audit.history.undelete`` rebuilds the article from this state).
    before = {**snapshot(article), "outlet": article.outlet.name if article.outlet else None}
    before["claim_ids"] = [c.id for c in article.claims]
    before["claims"] = [{**claim_state(c), "reviews": [snapshot(r) for r in c.reviews]}
                        for c in article.claims]
    record(session, actor, "delete", article, before=before,
           summary=f"deleted article {article.id} with {len(article.claims)} claims")
    session.delete(article)
    session.flush()


def outlet_name(name: str | None) -> str:
    """An outlet's name as stored: spaces collapsed, at most 200 characters."""
    return " ".join((name or "").split())[:200]


def get_or_create_outlet(
    session: Session, name: str | None, *, homepage: str | None = None,
    cache: dict[str, Outlet] | None = None,
) -> tuple[Outlet | None, bool]:
    """The outlet called ``name``, created when there is none: ``(outlet, created)``.

    The one way the article forms, the API, the importer and restore name an outlet, so one
    name never becomes two outlets. ``cache`` (by stored name) spares a batch the lookups
    it already made; no name at all means no outlet."""
    name = outlet_name(name)
    if not name:
        return None, False
    if cache is not None and name in cache:
        return cache[name], False
    outlet = session.scalar(select(Outlet).where(Outlet.name == name))
    created = outlet is None
    if outlet is None:
        # Race-safe: an import or a request beside this one may be storing the same new
        # outlet; the loser's insert is skipped and both read the one row.
        insert_missing(session, Outlet.__table__, [{"name": name, "homepage": homepage}],
                       ["name"])
        outlet = session.scalars(select(Outlet).where(Outlet.name == name)).one()
    if cache is not None:
        cache[name] = outlet
    return outlet, created


# --- The article pages: list filters, create, body edits that keep claims anchored --------

ARTICLE_SORTS: dict[str, str] = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "title": "Title A–Z",
    "unreviewed": "Most unreviewed claims",
}


@dataclass(frozen=True)
class ArticleFilters:
    """What the article list is narrowed to; every field optional."""

    q: str | None = None
    outlet_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    unreviewed_only: bool = False
    sort: str = "newest"


@dataclass(frozen=True)
class ClaimCounts:
    total: int = 0
    unreviewed: int = 0


def filter_articles(
    session: Session, filters: ArticleFilters, *, page: int = 1, per_page: int = 25,
    after: str | None = None,
) -> tuple[Page[Article], dict[int, ClaimCounts]]:
    """One page of articles matching ``filters`` and their claim counts (two queries more,
    however many articles the page holds)."""
    unreviewed = (
        select(func.count(Claim.id))
        .where(Claim.article_id == Article.id, Claim.status == ClaimStatus.UNREVIEWED)
        .correlate(Article)
        .scalar_subquery()
    )
    stmt = select(Article).options(selectinload(Article.outlet))
    if filters.q:
        q = filters.q.strip()
        stmt = stmt.where(or_(contains_text(Article.title, q), contains_text(Article.body, q)))
    if filters.outlet_id is not None:
        stmt = stmt.where(Article.outlet_id == filters.outlet_id)
    if filters.date_from is not None:
        stmt = stmt.where(Article.published >= filters.date_from)
    if filters.date_to is not None:
        stmt = stmt.where(Article.published <= filters.date_to)
    if filters.unreviewed_only:
        stmt = stmt.where(unreviewed > 0)
    orders = {
        "oldest": (Article.published.asc().nulls_last(), Article.id.asc()),
        "title": (func.lower(func.coalesce(Article.title, "")), Article.id),
        "unreviewed": (unreviewed.desc(), Article.id.desc()),
    }
    order = orders.get(filters.sort, NEWEST_FIRST)
    result = _article_page(session, stmt, order, page, per_page, after=after,
                           keyset=filters.sort not in orders)
    return result, claim_counts(session, [a.id for a in result.items])


def claim_counts(session: Session, article_ids: list[int]) -> dict[int, ClaimCounts]:
    """Claims and unreviewed claims per article, in one grouped query."""
    if not article_ids:
        return {}
    rows = session.execute(
        select(Claim.article_id, func.count(Claim.id),
               func.sum(case((Claim.status == ClaimStatus.UNREVIEWED, 1), else_=0)))
        .where(Claim.article_id.in_(article_ids))
        .group_by(Claim.article_id)
    ).all()
    return {aid: ClaimCounts(int(total), int(unrev or 0)) for aid, total, unrev in rows}


def outlet_choices(session: Session) -> list[tuple[int, str]]:
    """Every outlet as (id, name) by name, for the article, search and export filters."""
    return [(i, n) for i, n in session.execute(select(Outlet.id, Outlet.name).order_by(
        Outlet.name))]


@dataclass(frozen=True)
class Unanchored:
    """A claim whose text no longer occurs in an edited body."""

    claim_id: int
    text: str


def reanchor(body: str, claim: Claim) -> tuple[int, int] | None:
    """Where a claim's text sits in ``body``: the exact occurrence nearest its old offset,
    preferring one still framed by the same prefix and suffix; None when it is gone."""
    text = claim.text
    if not text:
        return None
    framed: list[int] = []
    plain: list[int] = []
    pos = body.find(text)
    while pos != -1:
        plain.append(pos)
        if (body[max(0, pos - len(claim.prefix)) : pos] == claim.prefix
                and body[pos + len(text) : pos + len(text) + len(claim.suffix)] == claim.suffix):
            framed.append(pos)
        pos = body.find(text, pos + 1)
    candidates = framed or plain
    if not candidates:
        return None
    best = min(candidates, key=lambda p: (abs(p - claim.start), p))
    return best, best + len(text)


def _set_body(session: Session, article: Article, body: str) -> None:
    """Replace the body and move every claim to where its text now is, or refuse."""
    if not body.strip():
        raise InvalidInput("An article needs a body.", field="body")

    moves: list[tuple[Claim, int, int]] = []
    lost: list[Unanchored] = []
    for claim in article.claims:
        where = reanchor(body, claim)
        if where is None:
            lost.append(Unanchored(claim.id, claim.text))
        else:
            moves.append((claim, *where))
    if lost:
        listed = "; ".join(f"claim {u.claim_id} (“{_short(u.text)}”)" for u in lost)
        raise InvalidInput(
            f"This edit removes the text of {len(lost)} claim(s), so they could not be "
            f"re-anchored: {listed}. Keep their text, or delete those claims first.",
            field="body",
        )
    new_hash = content_hash(body)
    if new_hash != article.content_hash and session.scalar(
        select(Article.id).where(Article.content_hash == new_hash, Article.id != article.id)
    ):
        raise InvalidInput("Another article already has exactly this text.", field="body")
    article.body, article.content_hash = body, new_hash
    for claim, start, end in moves:
        _, prefix, suffix = anchor(body, start, end)
        if (claim.start, claim.end, claim.prefix, claim.suffix) != (start, end, prefix, suffix):
            # The claim's text moved whole, so its segments move by the same distance.
            shift = start - claim.start
            if claim.segments:
                claim.segments = [[s + shift, e + shift] for s, e in claim.spans]
            claim.start, claim.end, claim.prefix, claim.suffix = start, end, prefix, suffix


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def edit_article(
    session: Session, actor: User | None, article: Article, changes: Mapping[str, Any],
    *, expected_version: int | None,
) -> Article:
    """Change an article's description and, when ``body`` is given, its text: claims are
    re-anchored by their own text (the save is refused if any cannot be)."""
    changes = dict(changes)
    body = changes.pop("body", None)
    _check_article_version(article, expected_version)
    body_changed = body is not None and body != article.body
    if body_changed:
        check_body_length(body)
        old_hash = article.content_hash
        _set_body(session, article, body)
        update_article(session, actor, article, changes, expected_version=None)
        record(session, actor, "update", article,
               before={"content_hash": old_hash}, after={"content_hash": article.content_hash},
               summary=f"edited the text of article {article.id}; claims re-anchored")
    else:
        update_article(session, actor, article, changes, expected_version=None)
    return article


def create_article(
    session: Session, actor: User | None, body: str, fields: Mapping[str, Any]
) -> Article:
    """An article entered by hand (no extraction: a reviewer annotates it)."""
    if not body.strip():
        raise InvalidInput("An article needs a body.", field="body")
    check_body_length(body)
    digest = content_hash(body)
    if session.scalar(select(Article.id).where(Article.content_hash == digest)):
        raise InvalidInput("An article with exactly this text is already stored.", field="body")
    unknown = set(fields) - ARTICLE_EDITABLE
    if unknown:
        raise InvalidInput(f"{sorted(unknown)[0]} cannot be set.", field=sorted(unknown)[0])
    article = Article(body=body, content_hash=digest, source_name="entered by hand",
                      imported_by_id=actor.id if actor else None, extra={})
    session.add(article)
    for name, value in fields.items():
        if name == "outlet":
            article.outlet = get_or_create_outlet(session, value)[0]
        elif name == "published_precision":
            article.published_precision = DatePrecision(value or DatePrecision.UNKNOWN)
        elif name == "language":
            article.language = value or "en"
        else:
            setattr(article, name, value)
    if article.published is None:
        article.published_precision = DatePrecision.UNKNOWN
    session.flush()
    record(session, actor, "create", article, after=article_state(article),
           summary=f"entered article {article.id}")
    return article


@dataclass(frozen=True)
class DeletionImpact:
    """What deleting an article takes with it, said before it is done."""

    claims: int
    reviews: int
    links: int


def deletion_impact(session: Session, article: Article) -> DeletionImpact:
    claim_ids = select(Claim.id).where(Claim.article_id == article.id)
    claims = session.scalar(select(func.count()).select_from(claim_ids.subquery())) or 0
    reviews = session.scalar(
        select(func.count(Review.id)).where(Review.claim_id.in_(claim_ids))) or 0
    links = session.scalar(
        select(func.count(ClaimLink.id)).where(or_(ClaimLink.source_claim_id.in_(claim_ids),
                                                   ClaimLink.target_claim_id.in_(claim_ids)))
    ) or 0
    return DeletionImpact(claims, reviews, links)


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


def lookalike_warnings(body: str, limit: int = 20) -> list[LookalikeWarning]:
    out = []
    for offset, char, latin in find_lookalikes(body)[:limit]:
        context = body[max(0, offset - 15) : offset + 15].replace("\n", " ")
        out.append(LookalikeWarning(offset, char, latin, context))
    return out
