"""What the claim page, the API, the review queue and the dashboard ask about statement
groups: a claim's appearances with their drift, possible misquotes, paraphrase fidelity.

Read-only: groups are written by :mod:`claims_app.provenance.groups` at commit. Each
answer is bounded (``APPEARANCES_SHOWN`` appearances of a group, ``FIDELITY_CANDIDATES``
direct quotes compared), so a boilerplate paragraph carried by 50,000 articles costs a
claim page what a quote reported twice does.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from claims_app.articles.models import Article, Outlet
from claims_app.claims.models import Claim, ClaimKind
from claims_app.provenance.drift import (
    Difference,
    DiffPiece,
    differences_in,
    speaker_difference,
    statement_tokens,
    word_diff,
)
from claims_app.provenance.grouping import MIN_TOKENS
from claims_app.provenance.models import StatementGroup, StatementGroupMember
from claims_app.speakers.models import Speaker

__all__ = [
    "APPEARANCES_SHOWN",
    "Appearance",
    "Appearances",
    "Fidelity",
    "appearances",
    "group_names",
    "misquote_condition",
    "newest_misquotes",
    "paraphrase_condition",
    "paraphrase_fidelity",
]

APPEARANCES_SHOWN = 50
ARTICLES_COUNTED = 1000
FIDELITY_CANDIDATES = 20
#: How far apart (days) a reported-speech claim and a direct quote may be said and still be
#: the same occasion.
OCCASION_DAYS = 1
#: Least containment of the shorter wording for a reported claim to report a direct quote.
FIDELITY_OVERLAP = 0.6


@dataclass(frozen=True)
class Appearance:
    """One appearance of the statement: where, when, in which words, and how those words
    differ from the claim asked about (``differences``: named, ``pieces``: the word diff)."""

    claim_id: int
    article_id: int
    outlet: str | None
    published: dt.date | None
    text: str
    speaker: str | None
    differences: list[Difference]
    pieces: list[DiffPiece]

    @property
    def material(self) -> bool:
        return any(d.material for d in self.differences)

    @property
    def changed(self) -> bool:
        """Whether the words differ at all (cosmetically included): the page shows the diff."""
        return any(p.op != "equal" for p in self.pieces)

    def as_dict(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "article_id": self.article_id, "outlet": self.outlet,
                "published": self.published.isoformat() if self.published else None,
                "text": self.text, "speaker": self.speaker,
                "differences": [d.as_dict() for d in self.differences]}


@dataclass
class Appearances:
    """A claim's statement group as its page shows it: ``total`` appearances (this claim
    included), the earliest appearance in this archive, the first ``APPEARANCES_SHOWN``
    others oldest first."""

    group_id: int | None = None
    total: int = 0
    articles: int = 0
    earliest: Appearance | None = None
    items: list[Appearance] = field(default_factory=list)

    @property
    def articles_capped(self) -> bool:
        return self.articles >= ARTICLES_COUNTED

    @property
    def shown_more(self) -> int:
        return max(0, self.total - 1 - len(self.items))

    @property
    def material(self) -> bool:
        return any(a.material for a in self.items)


def _differences(ours: Claim, pieces: list[DiffPiece], speaker_id: int | None,
                 speaker: str | None) -> list[Difference]:
    found = differences_in(pieces)
    own = ours.speaker.name if ours.speaker else None
    if ours.speaker_id is not None and speaker_id is not None and ours.speaker_id != speaker_id:
        moved = speaker_difference(own, speaker)
        if moved is not None:
            found.append(moved)
    return found


def appearances(session: Session, claim: Claim, *,
                limit: int = APPEARANCES_SHOWN) -> Appearances:
    """The claim's statement group, bounded by ``limit`` listed appearances."""
    row = session.execute(
        select(StatementGroup.id, StatementGroup.claim_count, StatementGroup.earliest_claim_id)
        .join(StatementGroupMember, StatementGroupMember.group_id == StatementGroup.id)
        .where(StatementGroupMember.claim_id == claim.id)).first()
    if row is None:
        return Appearances()
    group_id, count, earliest_id = row
    # Oldest first, as the earliest appearance is chosen (undated articles last).
    stmt = (
        select(Claim.id, Claim.article_id, Outlet.name, Article.published, Claim.text,
               Claim.speaker_id, Speaker.name)
        .join(StatementGroupMember, StatementGroupMember.claim_id == Claim.id)
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .outerjoin(Speaker, Speaker.id == Claim.speaker_id)
        .where(StatementGroupMember.group_id == group_id)
        .order_by(Article.published.is_(None), Article.published, Claim.article_id, Claim.id)
        .limit(limit + 1))
    items: list[Appearance] = []
    earliest: Appearance | None = None
    for cid, aid, outlet, published, text, sid, speaker in session.execute(stmt):
        pieces = word_diff(claim.text, text)
        appearance = Appearance(cid, aid, outlet, published, text, speaker,
                                _differences(claim, pieces, sid, speaker), pieces)
        if cid == earliest_id:
            earliest = appearance
        if cid != claim.id and len(items) < limit:
            items.append(appearance)
    # Distinct articles among at most ARTICLES_COUNTED members: a boilerplate group of
    # 50,000 costs the page what one of 1,000 does ("1000+" then).
    capped = (select(Claim.article_id)
              .join(StatementGroupMember, StatementGroupMember.claim_id == Claim.id)
              .where(StatementGroupMember.group_id == group_id)
              .limit(ARTICLES_COUNTED).subquery())
    articles = session.scalar(select(func.count(capped.c.article_id.distinct()))) or 0
    return Appearances(group_id, int(count), int(articles), earliest, items)


def group_names(session: Session, claim_ids: list[int]) -> dict[int, int]:
    """Each claim's statement group named by the id of the group's earliest claim (what
    the lossless export writes: stable across a restore, unlike the group's own id)."""
    if not claim_ids:
        return {}
    return {cid: earliest for cid, earliest in session.execute(
        select(StatementGroupMember.claim_id, StatementGroup.earliest_claim_id)
        .join(StatementGroup, StatementGroup.id == StatementGroupMember.group_id)
        .where(StatementGroupMember.claim_id.in_(claim_ids))) if earliest is not None}


def misquote_condition() -> Any:
    """A condition on ``Claim``: its statement group has a material difference (a member
    whose wording differs materially from the earliest appearance). Driven from the
    ``(material, claim_id)`` index: the flagged groups, then their members, so a queue of a
    million claims with twenty possible misquotes reads twenty-odd rows, not a million."""
    mine = aliased(StatementGroupMember)
    flagged = aliased(StatementGroupMember)
    return Claim.id.in_(select(mine.claim_id).where(mine.group_id.in_(
        select(flagged.group_id).where(flagged.material.is_(True)))))


@dataclass(frozen=True)
class PossibleMisquote:
    claim: Claim
    kinds: list[str]
    earliest_claim_id: int | None


def newest_misquotes(session: Session, limit: int = 10) -> list[PossibleMisquote]:
    """The newest claims whose wording differs materially from their statement's earliest
    appearance (the ``(material, claim_id)`` index, newest first)."""
    rows = session.execute(
        select(StatementGroupMember.claim_id, StatementGroupMember.kinds,
               StatementGroup.earliest_claim_id)
        .join(StatementGroup, StatementGroup.id == StatementGroupMember.group_id)
        .where(StatementGroupMember.material.is_(True))
        .order_by(StatementGroupMember.claim_id.desc()).limit(limit)).all()
    if not rows:
        return []
    claims = {c.id: c for c in session.scalars(
        select(Claim).where(Claim.id.in_([r[0] for r in rows]))
        .options(selectinload(Claim.speaker),
                 # the outlet's name only: never the article's body
                 selectinload(Claim.article).load_only(Article.id, Article.outlet_id)
                 .selectinload(Article.outlet)))}
    return [PossibleMisquote(claims[cid], kinds.split(), earliest)
            for cid, kinds, earliest in rows if cid in claims]


@dataclass(frozen=True)
class Fidelity:
    """A reported-speech claim beside the direct quote of the same speaker on the same
    occasion, with what the report changed (pronoun and tense shifts of reported speech
    folded away)."""

    direct: Claim
    reported: Claim
    differences: list[Difference]
    pieces: list[DiffPiece]

    @property
    def material(self) -> bool:
        return any(d.material for d in self.differences)

    def as_dict(self, asked: Claim) -> dict[str, Any]:
        """The pair as the API gives it, seen from the claim ``asked`` about: the other
        claim's place and words, and the report's ``differences`` from the quote (the same
        item shape as an appearance's: ``ours`` the direct quote's words, ``theirs`` the
        report's)."""
        other = self.reported if asked.id == self.direct.id else self.direct
        return {"direct_claim_id": self.direct.id, "reported_claim_id": self.reported.id,
                "claim_id": other.id, "article_id": other.article_id,
                "kind": other.kind.value, "text": other.text,
                "said_on": other.said_on.isoformat() if other.said_on else None,
                "material": self.material,
                "differences": [d.as_dict() for d in self.differences]}


def paraphrase_condition() -> Any:
    """A condition on ``Claim``: reported speech (indirect or paraphrase) with a direct
    quote of the same speaker in the same article to hold it against, or a direct quote
    with such a report: the claims whose fidelity the claim page checks. Not whether the
    words differ (that is computed on the page, for at most ``FIDELITY_CANDIDATES``
    pairs): a semi-join on the ``(speaker_id, article_id, said_on, kind)`` index,
    so the queue filter costs one ``EXISTS`` per claim it reads, never a text comparison.
    The same-article rule is the page's occasion narrowed: a report and its quote a day
    apart in two articles are found on the page, not by this filter."""
    other = aliased(Claim)
    reported = [ClaimKind.INDIRECT, ClaimKind.PARAPHRASE]
    return and_(
        Claim.speaker_id.is_not(None),
        or_(and_(Claim.kind.in_(reported),
                 select(other.id).where(other.article_id == Claim.article_id,
                                        other.speaker_id == Claim.speaker_id,
                                        other.kind == ClaimKind.DIRECT).exists()),
            and_(Claim.kind == ClaimKind.DIRECT,
                 select(other.id).where(other.article_id == Claim.article_id,
                                        other.speaker_id == Claim.speaker_id,
                                        other.kind.in_(reported)).exists())))


def paraphrase_fidelity(session: Session, claim: Claim) -> list[Fidelity]:
    """For a reported-speech claim, the direct quotes it reports; for a direct quote, the
    reported-speech claims reporting it: same speaker, same article or said within
    ``OCCASION_DAYS``, and most of the shorter wording found in the longer. The candidates
    are read alone: a pair shows the claims' words and places, never their articles (whose
    bodies run to millions of characters) or speakers (the same as the claim's)."""
    if claim.speaker_id is None or claim.kind is ClaimKind.ASSERTION:
        return []
    direct = claim.kind is ClaimKind.DIRECT
    other_kinds = ([ClaimKind.INDIRECT, ClaimKind.PARAPHRASE] if direct else [ClaimKind.DIRECT])
    occasion = [Claim.article_id == claim.article_id]
    if claim.said_on is not None:
        occasion.append(Claim.said_on.between(claim.said_on - dt.timedelta(days=OCCASION_DAYS),
                                              claim.said_on + dt.timedelta(days=OCCASION_DAYS)))
    candidates = session.scalars(
        select(Claim).where(Claim.speaker_id == claim.speaker_id, Claim.id != claim.id,
                            Claim.kind.in_(other_kinds), or_(*occasion))
        .order_by(Claim.id).limit(FIDELITY_CANDIDATES)).all()
    out: list[Fidelity] = []
    for other in candidates:
        quote, report = (claim, other) if direct else (other, claim)
        a = statement_tokens(quote.text, reported=True)
        b = statement_tokens(report.text, reported=True)
        if _overlap(a, b) < FIDELITY_OVERLAP:
            continue
        pieces = word_diff(quote.text, report.text, reported=True)
        out.append(Fidelity(quote, report, differences_in(pieces), pieces))
    return out


def _overlap(a: list[str], b: list[str]) -> float:
    """Containment of the shorter wording in the longer; 0 under the grouping's minimum
    length (a four-word report matches too much)."""
    short = min(len(a), len(b))
    if short < MIN_TOKENS:
        return 0.0
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / short
