"""Listing speakers, a speaker's profile and their timeline of claims (the pages' reads)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, false, func, null, select, union_all
from sqlalchemy.orm import Session, contains_eager, load_only, selectinload

from claims_app.articles.models import OPENING_CHARS, Article
from claims_app.cache import ProcessCache
from claims_app.claims.models import Claim, ClaimKind
from claims_app.errors import NotFound
from claims_app.speakers.models import Speaker, SpeakerKind
from claims_app.speakers.names import name_key
from claims_app.sqlfuncs import contains_text, month_key
from claims_app.summaries import summaries
from claims_app.web.pagination import Page, page_bounds

if TYPE_CHECKING:
    from flask import Flask


SPEAKER_SORTS = ("name", "-name", "claims", "-claims", "last_seen", "-last_seen")


@dataclass(frozen=True)
class SpeakerRow:
    """A speaker with the figures the list shows, fetched in the same grouped query."""

    speaker: Speaker
    claim_count: int
    last_seen: dt.date | None


def _claim_stats(speaker_ids: list[int] | None = None) -> Any:
    """Claims per speaker and the latest date one was said (or published), as a subquery;
    limited to ``speaker_ids`` when given, so a page aggregates its own speakers only."""
    said = func.coalesce(Claim.said_on, Article.published)
    stmt = (
        select(
            Claim.speaker_id.label("speaker_id"),
            func.count(Claim.id).label("claim_count"),
            func.max(said).label("last_seen"),
        )
        .join(Article, Article.id == Claim.article_id)
        .group_by(Claim.speaker_id)
    )
    if speaker_ids is None:
        return stmt.where(Claim.speaker_id.is_not(None)).subquery()
    return stmt.where(Claim.speaker_id.in_(speaker_ids))


def speaker_figures(session: Session) -> dict[int, tuple[int, dt.date | None]]:
    """Every speaker's number of claims and latest date one was said (or published), for
    the speakers who have claims; one grouped query over all claims."""
    return {int(r.speaker_id): (int(r.claim_count), r.last_seen)
            for r in session.execute(select(_claim_stats()))}


@dataclass(frozen=True)
class SpeakerList(Page[SpeakerRow]):
    """A page of the speaker list. Sorted by claims or last seen, the figures come from a
    summary counted at ``counted_at`` (``updating``: a newer count is on its way)."""

    counted_at: dt.datetime | None = None
    updating: bool = False


def listed_speakers(query: str | None = None,
                    kind: SpeakerKind | None = None) -> list[ColumnElement[bool]]:
    """Which speakers a list shows, the web's and the API's alike: live ones only (a merged
    speaker answers through the one it became), whose normalised name contains the typed
    text's normalised form (case, accents and spacing aside), of ``kind`` when asked."""
    where: list[ColumnElement[bool]] = [Speaker.merged_into_id.is_(None)]
    key = name_key(query or "")
    if key:
        where.append(contains_text(Speaker.name_key, key, ignore_case=False))
    if kind is not None:
        where.append(Speaker.kind == kind)
    return where


def list_speakers(
    session: Session, *, page: int = 1, per_page: int = 50, sort: str = "name",
    query: str | None = None, app: Flask | None = None,
) -> SpeakerList:
    """Live (unmerged) speakers with claim counts and last-seen dates.

    Sorted by name (the default), the page's speakers come off the name index and only
    their claims are counted (three small queries). Sorting by claims or last seen needs
    every speaker's figures: those come from the ``speakers`` summary
    (:mod:`claims_app.summaries`: counted once per process, recounted behind the page on
    ``app`` when claims change), and only the speakers' ids are read to sort them."""
    where = listed_speakers(query)
    sort = sort if sort in SPEAKER_SORTS else "name"
    page, per_page = page_bounds(page, per_page)
    offset = (page - 1) * per_page
    if sort.lstrip("-") == "name":
        total = session.scalar(select(func.count(Speaker.id)).where(*where)) or 0
        column = Speaker.name_key
        order = column.desc().nulls_last() if sort.startswith("-") else column.asc().nulls_last()
        speakers = list(session.scalars(
            select(Speaker).where(*where).order_by(order, Speaker.id)
            .limit(per_page).offset(offset)
        ))
        stats = {
            r.speaker_id: (int(r.claim_count), r.last_seen)
            for r in session.execute(_claim_stats([s.id for s in speakers]))
        } if speakers else {}
        items = [SpeakerRow(speaker=s, claim_count=stats.get(s.id, (0, None))[0],
                            last_seen=stats.get(s.id, (0, None))[1]) for s in speakers]
        return SpeakerList(items=items, page=page, per_page=per_page, total=total)
    summary = summaries.get(session, "speakers", speaker_figures, app=app)
    figures = summary.value
    ids = list(session.scalars(select(Speaker.id).where(*where)))
    chosen = _sorted_by_figures(ids, figures, sort)[offset:offset + per_page]
    loaded = {s.id: s for s in session.scalars(select(Speaker).where(Speaker.id.in_(chosen)))}
    items = [SpeakerRow(speaker=loaded[i], claim_count=figures.get(i, (0, None))[0],
                        last_seen=figures.get(i, (0, None))[1])
             for i in chosen if i in loaded]
    return SpeakerList(items=items, page=page, per_page=per_page, total=len(ids),
                       counted_at=summary.as_of, updating=summary.updating)


def _sorted_by_figures(ids: list[int], figures: dict[int, tuple[int, dt.date | None]],
                       sort: str) -> list[int]:
    """Speaker ids by claims or last seen, ascending or (``-``) descending, ties by id;
    speakers never seen come last either way."""
    descending = sort.startswith("-")
    if sort.lstrip("-") == "claims":
        def claims_key(i: int) -> tuple[int, int]:
            n = figures.get(i, (0, None))[0]
            return (-n if descending else n, i)
        return sorted(ids, key=claims_key)
    seen = sorted((i for i in ids if figures.get(i, (0, None))[1] is not None),
                  key=lambda i: (figures[i][1], -i if descending else i), reverse=descending)
    return seen + sorted(i for i in ids if figures.get(i, (0, None))[1] is None)


def get_speaker_profile(session: Session, speaker_id: int) -> Speaker:
    """A speaker with aliases and roles loaded up front, so the page runs a fixed number of
    queries however many names and titles it has."""
    speaker = session.scalar(
        select(Speaker)
        .where(Speaker.id == speaker_id)
        .options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
    )
    if speaker is None:
        raise NotFound(f"There is no speaker {speaker_id}.")
    return speaker


@dataclass(frozen=True)
class TimelineEntry:
    """One claim placed in time: said_on when the text states it, else publication."""

    claim: Claim
    date: dt.date | None
    basis: str  # "said", "published" or "unknown"


def timeline(session: Session, speaker_id: int) -> list[TimelineEntry]:
    """Everything a speaker said, oldest first; claims with no date at all come last.

    Loads every claim: for pages use ``timeline_counts`` (the chart) and ``timeline_page``."""
    claims = session.scalars(
        select(Claim)
        .where(Claim.speaker_id == speaker_id)
        .options(selectinload(Claim.article).selectinload(Article.outlet))
    ).all()
    entries = [_entry(claim) for claim in claims]
    entries.sort(key=lambda e: (e.date is None, e.date or dt.date.min, e.claim.id))
    return entries


def _entry(claim: Claim) -> TimelineEntry:
    if claim.said_on is not None:
        return TimelineEntry(claim, claim.said_on, "said")
    if claim.article.published is not None:
        return TimelineEntry(claim, claim.article.published, "published")
    return TimelineEntry(claim, None, "unknown")


TIMELINE_PER_PAGE = 50


@dataclass(frozen=True)
class TimelineCounts:
    """A speaker's claims counted per month and kind (the chart), and in all."""

    months: list[tuple[dt.date, str, int]]  # (first day of the month, kind, claims)
    undated: int
    total: int


#: Speakers whose timeline counts are remembered (per process; :mod:`claims_app.cache`).
TIMELINE_CACHE_SIZE = 512
timeline_cache: ProcessCache[TimelineCounts] = ProcessCache("speaker timeline",
                                                            TIMELINE_CACHE_SIZE)


def timeline_counts(session: Session, speaker_id: int) -> TimelineCounts:
    """Claims per month (said, else published) and kind, from one grouped query, remembered
    per speaker until the data they were counted from changes (the rule of
    :mod:`claims_app.cache`): a speaker with 100,000 claims then costs one cheap statement
    instead of grouping all of them on every view."""
    counts = timeline_cache.get(session, speaker_id,
                                lambda: _count_timeline(session, speaker_id))
    session.info[("timeline_counts", speaker_id)] = counts  # for timeline_page
    return counts


def _count_timeline(session: Session, speaker_id: int) -> TimelineCounts:
    month = month_key(func.coalesce(Claim.said_on, Article.published))
    rows = session.execute(
        select(month.label("month"), Claim.kind, func.count(Claim.id))
        .join(Article, Article.id == Claim.article_id)
        .where(Claim.speaker_id == speaker_id)
        .group_by(month, Claim.kind)
    ).all()
    months: list[tuple[dt.date, str, int]] = []
    undated = 0
    for key, kind, n in rows:
        if key is None:
            undated += int(n)
        else:
            year, mon = str(key).split("-")
            months.append((dt.date(int(year), int(mon), 1), ClaimKind(kind).value, int(n)))
    months.sort()
    return TimelineCounts(months, undated, sum(n for _, _, n in months) + undated)


def timeline_page(
    session: Session, speaker_id: int, *, page: int = 1, per_page: int = TIMELINE_PER_PAGE,
    total: int | None = None,
) -> Page[TimelineEntry]:
    """One page of a speaker's claims in ``timeline`` order (dated oldest first, unknown
    dates last), loading only what the list shows: never an article's body or raw text."""
    page, per_page = page_bounds(page, per_page)
    if total is None:
        total = session.scalar(
            select(func.count(Claim.id)).where(Claim.speaker_id == speaker_id)) or 0
    said = func.coalesce(Claim.said_on, Article.published)
    order = (said.asc().nulls_last(), Claim.id)
    # The page's claim ids first, sorting narrow rows; then only those 50 claims are read
    # with their articles (cutting a body's opening for every claim before the sort made
    # this query most of the page's time on PostgreSQL).
    counts = session.info.get(("timeline_counts", speaker_id))
    if isinstance(counts, TimelineCounts) and counts.total == total:
        chosen = _page_ids_by_month(speaker_id, counts, (page - 1) * per_page, per_page)
    else:
        chosen = (
            select(Claim.id)
            .join(Article, Article.id == Claim.article_id)
            .where(Claim.speaker_id == speaker_id)
            .order_by(*order)
            .limit(per_page)
            .offset((page - 1) * per_page)
            .subquery()
        )
    rows = session.execute(
        select(Claim, func.substr(Article.body, 1, OPENING_CHARS))
        .join(chosen, chosen.c.id == Claim.id)
        .join(Claim.article)
        .outerjoin(Article.outlet)
        .options(
            load_only(Claim.id, Claim.kind, Claim.text, Claim.status, Claim.said_on,
                      Claim.article_id, Claim.version),
            contains_eager(Claim.article).load_only(
                Article.id, Article.title, Article.published, Article.outlet_id,
                Article.version),
            contains_eager(Claim.article, Article.outlet),
        )
        .order_by(*order)
    ).all()
    items = []
    for claim, opening in rows:
        claim.article.list_opening = opening
        items.append(_entry(claim))
    return Page(items=items, page=page, per_page=per_page, total=total)


def _page_ids_by_month(speaker_id: int, counts: TimelineCounts, skip: int,
                       limit: int) -> Any:
    """The ids of a timeline page, reading only the months it falls in.

    The per-month counts tell which months hold claims ``skip`` to ``skip + limit`` (in
    ``timeline`` order), so only claims dated in those months are sorted, found through
    indexes: those said in them (``ix_claims_speaker_id_said_on``) and those without a
    said date in articles published in them (``ix_articles_published_id``, then
    ``ix_claims_speaker_id_article_id``); undated claims only when the page reaches them.
    The cost is that of the page's months, not of all the speaker's claims."""
    per_month: dict[dt.date, int] = {}
    for month, _kind, n in counts.months:
        per_month[month] = per_month.get(month, 0) + n
    before = 0
    first: dt.date | None = None
    last: dt.date | None = None
    offset = skip
    for month in sorted(per_month):
        n = per_month[month]
        if first is None:
            if before + n <= skip:
                before += n
                continue
            first, offset = month, skip - before
        before += n
        last = month
        if before >= skip + limit:
            break
    else:
        last = None  # the page runs past the last dated month
    if first is None:  # only undated claims left
        offset = skip - before
    parts = []
    if first is not None:
        said = Claim.said_on >= first
        published = Article.published >= first
        if last is not None:
            end = _next_month(last)
            said, published = said & (Claim.said_on < end), published & (Article.published < end)
        parts.append(select(Claim.id, Claim.said_on.label("day"))
                     .where(Claim.speaker_id == speaker_id, said))
        parts.append(_unsaid_in(speaker_id, published, Article.published))
    if last is None and counts.undated:
        parts.append(_unsaid_in(speaker_id, Article.published.is_(None), null()))
    if not parts:
        return select(Claim.id).where(false()).subquery()
    window = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()
    return (select(window.c.id)
            .order_by(window.c.day.asc().nulls_last(), window.c.id)
            .limit(limit).offset(offset).subquery())


def _unsaid_in(speaker_id: int, articles: Any, day: Any) -> Any:
    """The speaker's claims without a said date in the articles matching ``articles``: the
    articles first (off the publication index), each probed for the speaker's claims
    (``ix_claims_speaker_id_article_id``), rather than every claim of the speaker. The
    condition is given twice: SQLite plans that way from the ``IN`` list, PostgreSQL from
    the joined articles' own condition."""
    return (select(Claim.id, day.label("day"))
            .join(Article, Article.id == Claim.article_id)
            .where(Claim.speaker_id == speaker_id, Claim.said_on.is_(None), articles,
                   Claim.article_id.in_(select(Article.id).where(articles))))


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
