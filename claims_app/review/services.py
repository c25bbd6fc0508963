"""The review queue, read so that it costs the same at a million claims as at a hundred.

Unreviewed claims come least certain first (a hand-entered claim, with no confidence, counts
as certain: 1.0) or grouped by article in reading order. Three things keep a page cheap:

* **Index order, no sort of every unreviewed claim.** ``coalesce(confidence, 1.0)`` cannot
  use ``ix_claims_status_confidence (status, confidence, id)``, so the page is the merge of
  two index-ordered ranges of it: claims with a confidence, by ``(confidence, id)``, and
  claims without one, by ``id`` (their key is ``(1.0, id)``); each range is read only as
  far as the page needs.
* **Keyset pages.** Each page carries a cursor (the last claim's sort key); the next page
  starts after it instead of skipping an ever larger offset. ``?page=N`` without a cursor
  still works (by offset).
* **A capped count** ("more than 10,000 unreviewed"), remembered per filter set until the
  data changes (the rule of :mod:`claims_app.cache`), and narrow rows: the page's claims
  with their article's title, date and outlet, their speaker's name and the opening of the
  article's body (for untitled articles), never a whole body, in one statement; tags in one more.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.orm import Session, contains_eager, load_only, selectinload

from claims_app.articles.models import OPENING_CHARS, Article, Outlet
from claims_app.cache import ProcessCache
from claims_app.claims.conditions import reviewed_condition
from claims_app.claims.models import Claim, ClaimKind, ClaimStatus
from claims_app.desk.services import assigned_to
from claims_app.factchecks.models import FactCheckMatch
from claims_app.provenance.services import misquote_condition, paraphrase_condition
from claims_app.speakers.models import Speaker
from claims_app.web.pagination import Page, count_rows, page_bounds

__all__ = ["QUEUE_COUNT_LIMIT", "QUEUE_SORTS", "QUEUE_STATUSES", "QueueContext", "QueueFilters",
           "QueuePage", "QUEUE_FLAGS", "review_page"]

#: The queue counts at most this many claims; beyond, it says "more than 10,000".
QUEUE_COUNT_LIMIT = 10_000
#: The queue's orders, by name, with the label the page shows.
QUEUE_SORTS: dict[str, str] = {
    "confidence": "Lowest confidence first",
    "article": "By article",
}
#: What a claim without a confidence (entered by hand) sorts as.
CERTAIN = 1.0


#: The queue's status choices: which claims it lists (unreviewed ones unless asked).
QUEUE_STATUSES: dict[str, str] = {
    "unreviewed": "unreviewed",
    "reviewed": "reviewed (any decision)",
    **{s.value: s.value for s in ClaimStatus if s is not ClaimStatus.UNREVIEWED},
    "any": "any status",
}


def fact_checked_condition() -> ColumnElement[bool]:
    """Claims with a known fact-check of the same or a similar statement (a semi-join on the
    matches, a table far smaller than the claims)."""
    return Claim.id.in_(select(FactCheckMatch.claim_id))


#: The queue's yes/no flags: the name in the query string (``?misquote=1``) and the condition
#: on ``claims`` the flag adds when set. A new flag is one entry here: the filter form gets
#: a hidden field of that name and keeps it in its links (``review.forms``), and
#: :class:`QueueFilters` applies it; the queue page then says in words what it shows.
QUEUE_FLAGS: dict[str, Callable[[], ColumnElement[bool]]] = {
    # Claims whose statement group has a material difference (possible misquotes).
    "misquote": misquote_condition,
    # Reported speech with a direct quote of the same speaker in its article (and those
    # quotes): the claims to hold against each other for paraphrase fidelity.
    "paraphrase": paraphrase_condition,
    "factchecked": fact_checked_condition,
}
#: Characters of article text read on each side of a claim for its context: enough for the
#: sentence before and after, never a whole body.
CONTEXT_CHARS = 300


@dataclass(frozen=True)
class QueueFilters:
    """Which claims the queue lists; every field narrows, ``None`` means "any". One object
    holds every filter, so the service builds every condition and no caller passes extra
    ones: a new filter is one field here, one condition in :meth:`conditions` and one form
    field (``review.forms.QueueFilterForm``), and paging links keep it by themselves; a new
    yes/no flag is one entry in :data:`QUEUE_FLAGS`. A hand-entered claim (no confidence)
    counts as certain (1.0) for the confidence range."""

    status: str = "unreviewed"
    article_id: int | None = None
    speaker_id: int | None = None
    outlet_id: int | None = None
    kind: ClaimKind | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    # The yes/no flags set (names of :data:`QUEUE_FLAGS`): each keeps only its claims.
    flags: frozenset[str] = frozenset()
    # Only the claims in this user's queue (the desk's assignments: ``?assigned=me``).
    assignee_id: int | None = None

    def status_condition(self) -> ColumnElement[bool] | None:
        if self.status == "unreviewed":
            return ~reviewed_condition()  # renders status = 'unreviewed': the index serves it
        if self.status == "reviewed":
            return reviewed_condition()
        if self.status in ClaimStatus.__members__.values():
            return Claim.status == ClaimStatus(self.status)
        return None

    def conditions(self) -> list[ColumnElement[bool]]:
        """Conditions on ``claims`` alone (an outlet through an indexed sub-select)."""
        conds: list[ColumnElement[bool]] = []
        if self.article_id is not None:
            conds.append(Claim.article_id == self.article_id)
        if self.speaker_id is not None:
            conds.append(Claim.speaker_id == self.speaker_id)
        if self.outlet_id is not None:
            conds.append(Claim.article_id.in_(
                select(Article.id).where(Article.outlet_id == self.outlet_id)))
        if self.kind is not None:
            conds.append(Claim.kind == self.kind)
        conds += [QUEUE_FLAGS[name]() for name in sorted(self.flags)]
        if self.assignee_id is not None:
            conds.append(assigned_to(self.assignee_id))
        if self.min_confidence is not None:
            conds.append(or_(Claim.confidence >= self.min_confidence,
                             and_(Claim.confidence.is_(None),
                                  true() if self.min_confidence <= CERTAIN else false())))
        if self.max_confidence is not None:
            conds.append(or_(Claim.confidence <= self.max_confidence,
                             and_(Claim.confidence.is_(None),
                                  true() if self.max_confidence >= CERTAIN else false())))
        return conds


#: Queue counts remembered per filter set (per process; :mod:`claims_app.cache`): the
#: capped count reads up to 10,001 index entries (1.1 ms on PostgreSQL at a million claims),
#: the same on every page view until a claim or an audited record changes.
count_cache: ProcessCache[tuple[int, bool]] = ProcessCache("review queue counts", 256)


@dataclass(frozen=True)
class QueueContext:
    """The article text around a claim: the sentence before (and the start of the claim's
    own) and the end of the claim's sentence and the one after, each at most
    :data:`CONTEXT_CHARS` characters; ``start`` is the body offset ``before`` begins at
    (the in-place re-span counts from it). ``cut_before``/``cut_after``: text was left out."""

    before: str
    after: str
    start: int
    cut_before: bool
    cut_after: bool


@dataclass(frozen=True)
class QueuePage(Page[Claim]):
    """A queue page: its claims, and each claim's context by claim id."""

    contexts: dict[int, QueueContext] = field(default_factory=dict)


# A sentence ends at its stop and closing quotes (group 1) before blank space, or at a
# paragraph break.
_SENTENCE_END = re.compile(r"([.!?…][\"'”’»)\]]*)\s+|\n\s*\n")


_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$")


def queue_context(before: str, after: str, before_from: int, body_ends: bool,
                  claim_text: str = "") -> QueueContext:
    """Trim the text read around a claim to the sentence before and the sentence after.

    ``before`` ends where the claim starts and begins at ``before_from`` (0: the body's
    start); ``after`` starts where it ends (``body_ends``: it runs to the body's end).
    A claim ending its own sentence (``claim_text`` ends in a stop) is followed by the next
    sentence only; otherwise by the rest of its sentence and the next."""
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    if len(ends) >= 2:
        lead, cut_before = ends[-2], False
    elif before_from == 0:
        lead, cut_before = 0, False
    else:  # the sentence before is longer than the window: start at a word
        space = before.find(" ")
        lead, cut_before = (space + 1 if space >= 0 else 0), True
    stops = [m.end(1) if m.group(1) else m.start() for m in _SENTENCE_END.finditer(after)]
    wanted = 1 if _ENDS_SENTENCE.search(claim_text) and after[:1].isspace() else 2
    if len(stops) >= wanted:
        tail, cut_after = stops[wanted - 1], False
    elif body_ends:
        tail, cut_after = len(after), False
    else:
        space = after.rfind(" ")
        tail, cut_after = (space if space > 0 else len(after)), True
    return QueueContext(before[lead:], after[:tail].rstrip(), before_from + lead,
                        cut_before, cut_after)


def review_page(
    session: Session, *, sort: str = "confidence", page: int = 1, per_page: int = 20,
    filters: QueueFilters | None = None, article_id: int | None = None,
    after: str | None = None,
) -> QueuePage:
    """One page of the queue (see the module docstring); ``after`` is the previous page's
    ``cursor``. A malformed cursor is ignored (the page falls back to its offset).
    ``article_id`` is shorthand for ``filters=QueueFilters(article_id=...)``."""
    filters = filters or QueueFilters(article_id=article_id)
    page, per_page = page_bounds(page, per_page)
    status = filters.status_condition()
    mine = filters.conditions()
    wanted = [*([status] if status is not None else []), *mine]
    total, capped = count_cache.get(
        session, (filters, page, per_page),
        lambda: count_rows(session, select(Claim.id).where(*wanted), page=page,
                           per_page=per_page, count_limit=QUEUE_COUNT_LIMIT))
    if sort == "article" and status is not None and filters.status == "unreviewed" \
            and session.get_bind().dialect.name == "sqlite":
        # Most claims await review: told so, SQLite walks the article index in page order
        # instead of reading every unreviewed claim off the status index to sort them.
        status = func.likely(status)
    base = select(Claim.id).where(*([status] if status is not None else []), *mine)
    start = _parse_cursor(sort, after) if after else None
    offset = 0 if start is not None else (page - 1) * per_page
    if sort == "article":
        chosen, order = _by_article(base, start, offset, per_page)
    else:
        chosen, order = _by_confidence(base, start, offset, per_page)
    before_from = case((Claim.start > CONTEXT_CHARS, Claim.start - CONTEXT_CHARS), else_=0)
    rows = session.execute(
        select(Claim, func.substr(Article.body, 1, OPENING_CHARS),
               before_from,
               func.substr(Article.body, before_from + 1, Claim.start - before_from),
               func.substr(Article.body, Claim.end + 1, CONTEXT_CHARS + 1))
        .join(chosen, chosen.c.id == Claim.id)
        .join(Claim.article)
        .outerjoin(Article.outlet)
        .outerjoin(Claim.speaker)
        .options(
            load_only(Claim.id, Claim.article_id, Claim.speaker_id, Claim.speaker_role,
                      Claim.kind, Claim.text, Claim.start, Claim.end, Claim.segments,
                      Claim.confidence, Claim.cue, Claim.runner_up_name,
                      Claim.runner_up_score, Claim.status, Claim.version),
            contains_eager(Claim.article).load_only(
                Article.id, Article.title, Article.published, Article.outlet_id,
                Article.version),
            contains_eager(Claim.article, Article.outlet).load_only(Outlet.id, Outlet.name),
            contains_eager(Claim.speaker).load_only(Speaker.id, Speaker.name),
            selectinload(Claim.tags),
        )
        .order_by(*order(chosen))
    ).all()
    items = []
    contexts = {}
    for claim, opening, start_at, before, after_text in rows:
        claim.article.list_opening = opening
        items.append(claim)
        # One character more than shown is read after: it tells whether the body ends.
        contexts[claim.id] = queue_context(before or "", (after_text or "")[:CONTEXT_CHARS],
                                           int(start_at),
                                           len(after_text or "") <= CONTEXT_CHARS, claim.text)
    cursor = _cursor(sort, items[-1]) if len(items) == per_page else None
    return QueuePage(items=items, page=page, per_page=per_page, total=total, capped=capped,
                     cursor=cursor, contexts=contexts)


def _by_confidence(base: Select[Any], start: tuple[Any, ...] | None, offset: int,
                   limit: int) -> tuple[Any, Any]:
    """The page's ids in ``(coalesce(confidence, 1.0), id)`` order: the first ``offset +
    limit`` of each index-ordered range, merged."""
    n = offset + limit
    scored = base.add_columns(Claim.confidence.label("k")).where(Claim.confidence.is_not(None))
    unscored = base.add_columns(literal(CERTAIN).label("k")).where(Claim.confidence.is_(None))
    if start is not None:
        key, last_id = start
        scored = scored.where(tuple_(Claim.confidence, Claim.id) > tuple_(key, last_id))
        unscored = unscored.where(
            true() if key < CERTAIN else Claim.id > last_id if key == CERTAIN else false())
    # SQLite takes ORDER BY/LIMIT in a compound's members only inside sub-selects.
    a = scored.order_by(Claim.confidence, Claim.id).limit(n).subquery()
    b = unscored.order_by(Claim.id).limit(n).subquery()
    merged = select(a.c.id, a.c.k).union_all(select(b.c.id, b.c.k)).subquery()
    chosen = (select(merged.c.id, merged.c.k).order_by(merged.c.k, merged.c.id)
              .limit(limit).offset(offset).subquery())
    return chosen, lambda c: (c.c.k, Claim.id)


def _by_article(base: Select[Any], start: tuple[Any, ...] | None, offset: int,
                limit: int) -> tuple[Any, Any]:
    """The page's ids by article (newest article id first), then reading order."""
    stmt = base
    if start is not None:
        last_article, last_start, last_id = start
        stmt = stmt.where(or_(
            Claim.article_id < last_article,
            and_(Claim.article_id == last_article,
                 tuple_(Claim.start, Claim.id) > tuple_(last_start, last_id))))
    chosen = (stmt.order_by(Claim.article_id.desc(), Claim.start, Claim.id)
              .limit(limit).offset(offset).subquery())
    return chosen, lambda _c: (Claim.article_id.desc(), Claim.start, Claim.id)


def _cursor(sort: str, last: Claim) -> str:
    if sort == "article":
        return f"{last.article_id}_{last.start}_{last.id}"
    key = CERTAIN if last.confidence is None else last.confidence
    return f"{key!r}_{last.id}"


def _parse_cursor(sort: str, cursor: str) -> tuple[Any, ...] | None:
    parts = cursor.split("_")
    try:
        if sort == "article":
            if len(parts) != 3:
                return None
            return int(parts[0]), int(parts[1]), int(parts[2])
        if len(parts) != 2:
            return None
        key = float(parts[0])
        if key != key or key in (float("inf"), float("-inf")):  # NaN, infinities
            return None
        return key, int(parts[1])
    except ValueError:
        return None
