"""Figures for the dashboard, each from one grouped query (no per-row lookups)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, func, select, type_coerce
from sqlalchemy.orm import Session, contains_eager, selectinload
from sqlalchemy.sql.elements import SQLCoreOperations

from claims_app.articles.models import Article, untitled_opening
from claims_app.audit.models import AuditEvent
from claims_app.claims.conditions import reviewed_condition
from claims_app.claims.models import Claim
from claims_app.speakers.models import Speaker


@dataclass(frozen=True)
class Totals:
    articles: int
    claims: int
    speakers: int
    reviewed: int

    @property
    def reviewed_pct(self) -> float:
        return 100.0 * self.reviewed / self.claims if self.claims else 0.0


def totals(session: Session) -> Totals:
    """Counts of everything in one round trip."""
    row = session.execute(select(
        select(func.count(Article.id)).scalar_subquery(),
        select(func.count(Claim.id)).scalar_subquery(),
        select(func.count(Speaker.id)).where(Speaker.merged_into_id.is_(None)).scalar_subquery(),
        select(func.count(Claim.id)).where(reviewed_condition()).scalar_subquery(),
    )).one()
    return Totals(*(int(v or 0) for v in row))


@dataclass(frozen=True)
class WeekProgress:
    week: dt.date  # the Monday starting the week
    created: int  # cumulative claims created by the end of the week
    reviewed: int  # cumulative claims given their first review by the end of the week


def _day(column: SQLCoreOperations[Any]) -> ColumnElement[dt.date]:
    return type_coerce(func.date(column), Date)


def _per_day(session: Session, stmt: Select[dt.date, int]) -> Counter[dt.date]:
    counts: Counter[dt.date] = Counter()
    for day, n in session.execute(stmt):
        if isinstance(day, str):
            day = dt.date.fromisoformat(day)
        if day is not None:
            counts[day] += int(n)
    return counts


def review_progress(session: Session, *, weeks: int = 26,
                    today: dt.date | None = None) -> list[WeekProgress]:
    """Claims created and first reviewed, cumulative per week, for the last ``weeks`` weeks.

    A claim counts as reviewed at its first "review" audit event (a verdict or a status
    change), so the line does not move when a reviewed claim is reviewed again.
    """
    created_day = _day(Claim.created_at)
    created = _per_day(session, select(created_day, func.count()).group_by(created_day))
    first = (
        select(func.min(AuditEvent.at).label("at"))
        .where(AuditEvent.entity_type == "claim", AuditEvent.action == "review")
        .group_by(AuditEvent.entity_id)
        .subquery()
    )
    reviewed_day = _day(first.c.at)
    reviewed = _per_day(session, select(reviewed_day, func.count()).group_by(reviewed_day))
    today = today or dt.date.today()
    this_monday = today - dt.timedelta(days=today.weekday())
    start = this_monday - dt.timedelta(weeks=weeks - 1)
    out = []
    for i in range(weeks):
        week_end = start + dt.timedelta(weeks=i, days=6)
        out.append(WeekProgress(
            week=start + dt.timedelta(weeks=i),
            created=sum(n for d, n in created.items() if d <= week_end),
            reviewed=sum(n for d, n in reviewed.items() if d <= week_end),
        ))
    return out


@dataclass(frozen=True)
class QuotedSpeaker:
    """A speaker and their number of claims (plain values: the figures outlive sessions)."""

    id: int
    name: str
    claim_count: int


def most_quoted(session: Session, limit: int = 10) -> list[QuotedSpeaker]:
    """The live speakers with the most claims, most first (ties by name)."""
    count = func.count(Claim.id)
    rows = session.execute(
        select(Speaker.id, Speaker.name, count)
        .join(Claim, Claim.speaker_id == Speaker.id)
        .where(Speaker.merged_into_id.is_(None))
        .group_by(Speaker.id, Speaker.name)
        .order_by(count.desc(), Speaker.name, Speaker.id)
        .limit(limit)
    ).all()
    return [QuotedSpeaker(int(i), name, int(n)) for i, name, n in rows]


def recently_changed(session: Session, limit: int = 10) -> list[Claim]:
    """The claims changed last, with their speakers, editors and articles: the articles
    without their bodies (the newest claims are as often as not a long article's, and ten
    of a 2,000,000-character one read its body and raw text on every dashboard view: 1 ms
    of SQL and 4 MB), an untitled one with the opening its title is derived from."""
    rows = session.execute(
        select(Claim, untitled_opening())
        .join(Claim.article)
        .options(contains_eager(Claim.article).load_only(
                     Article.id, Article.title, Article.published,
                     Article.published_precision, Article.published_text, Article.outlet_id),
                 selectinload(Claim.speaker), selectinload(Claim.updated_by))
        .order_by(Claim.updated_at.desc(), Claim.id.desc())
        .limit(limit)
    ).all()
    for claim, first in rows:
        claim.article.list_opening = first
    return [claim for claim, _first in rows]


@dataclass(frozen=True)
class Figures:
    """The dashboard's whole-archive figures (remembered as a summary: see
    :mod:`claims_app.summaries`)."""

    totals: Totals
    progress: list[WeekProgress]
    quoted: list[QuotedSpeaker]


def figures(session: Session) -> Figures:
    return Figures(totals(session), review_progress(session), most_quoted(session))
