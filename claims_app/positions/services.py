"""Changes of position: proposed per speaker from their claims, confirmed as ``contradicts``
links (through the claim services' own link operation, the one the link form uses) or
dismissed (a remembered, audited row).

**Computed per page, bounded.** Proposals are computed when a page is shown: on the
speaker page from the speaker's newest ``CLAIMS_COMPARED`` claims (one backward range of
``ix_claims_speaker_id_said_on`` per speaker id), on a claim page from the claim and the same
newest claims. (A claim page once found up to 100 of the speaker's claims on its topic
through the search index: an any-word probe filtered by speaker, 0.4 s on SQLite at
1,000,000 claims, most of it joining every match to its claim.)
:func:`claims_app.positions.detect.propose` then compares only the pairs that could
conflict, so a page costs the same however prolific the speaker. Nothing is stored until a
reviewer decides; a decided pair (linked either way, or dismissed) is not proposed again.

**Read narrow, remembered per speaker.** The compared claims are read as plain rows (id,
text, dates: never ORM objects with their articles, outlets and speakers, which were half
of the panel's time), and only the claims of the pairs listed are loaded whole. The
speaker page's proposals are remembered per speaker in :data:`speaker_changes_cache` under
the rule of :mod:`claims_app.cache` (a claim edited, linked, dismissed or merged is an
audit event or a new ``updated_at``: the next view computes them again), so a warm view
reads ``LISTED`` pairs' claims by primary key instead of comparing 150 claims again (the
panel was 84% of the page at 1,000,000 claims: BENCHMARKS.md, "Speaker timeline").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, and_, or_, select, union_all
from sqlalchemy.orm import Session, joinedload, selectinload

from claims_app.accounts.models import User
from claims_app.articles.models import Article
from claims_app.audit.services import record, snapshot
from claims_app.cache import ProcessCache
from claims_app.claims.models import Claim, ClaimLink, ClaimStatus, LinkType
from claims_app.claims.services import check_version, link_claims
from claims_app.errors import InvalidInput, NotFound
from claims_app.positions.detect import MAX_FOUND, Change, Proposal, Statement, propose
from claims_app.positions.models import PositionDismissal
from claims_app.speakers.models import Speaker

__all__ = [
    "CLAIMS_COMPARED",
    "LISTED",
    "PositionChange",
    "SpeakerChanges",
    "claim_changes_cache",
    "claim_pair",
    "claim_position_changes",
    "confirm_position_change",
    "dismiss_position_change",
    "speaker_changes",
    "speaker_changes_cache",
    "speaker_position_changes",
]

#: A speaker's claims compared for changes of position on the speaker page (the newest):
#: warm, 18 ms at 150 and 46 ms at 300 for the top speaker of a 1,000,000-claim archive
#: (the comparison grows with the square of this).
CLAIMS_COMPARED = 150
#: Proposals listed on a page.
LISTED = 10


@dataclass(frozen=True)
class PositionChange:
    earlier: Claim
    later: Claim
    change: Change


@dataclass(frozen=True)
class SpeakerChanges:
    """The speaker page's panel: the pairs listed, and the bounds the page states: how many
    of the speaker's claims were compared (the newest ``CLAIMS_COMPARED``) and how many
    pairs were found among them (the search stops at ``MAX_FOUND``)."""

    changes: list[PositionChange]
    compared: int
    found: int

    @property
    def found_all(self) -> bool:
        """Whether ``found`` is every proposal among the compared claims (not the cap)."""
        return self.found < MAX_FOUND


@dataclass(frozen=True)
class _Proposed:
    """What is remembered of a panel: the listed pairs by claim id, and the bounds."""

    pairs: tuple[tuple[int, int, Change], ...]
    compared: int
    found: int


#: Speakers whose proposals are remembered (per process; :mod:`claims_app.cache`).
SPEAKER_CHANGES_CACHE_SIZE = 512
speaker_changes_cache: ProcessCache[_Proposed] = ProcessCache("speaker position changes",
                                                              SPEAKER_CHANGES_CACHE_SIZE)


def _claim_id(statement: Statement) -> int:
    """The claim id of a statement read here (``Statement.id`` is any key: the gold sets
    use their own line names)."""
    assert isinstance(statement.id, int)
    return statement.id


def _pair_key(proposal: Proposal) -> tuple[int, int]:
    """A proposal's two claim ids, lower first (how decided pairs are kept)."""
    a, b = _claim_id(proposal.earlier), _claim_id(proposal.later)
    return min(a, b), max(a, b)


def _said(claim: Claim) -> dt.date | None:
    return claim.said_on or claim.article.published


def _loaded(stmt: Select[Claim]) -> Select[Claim]:
    # Never the article bodies: the pairs show a claim's date and outlet only. Joined in the
    # same statement (each is many-to-one), so a page pays one query for the listed claims.
    return stmt.options(joinedload(Claim.article).load_only(
        Article.id, Article.published, Article.outlet_id).joinedload(Article.outlet),
                        joinedload(Claim.speaker))


def _speaker_ids(speaker_id: int) -> Select[int]:
    """The speaker and those merged into it, as a subquery (no round trip of its own)."""
    return select(Speaker.id).where(or_(Speaker.id == speaker_id,
                                        Speaker.merged_into_id == speaker_id))


def _speaker_statements(session: Session, speaker_id: int) -> list[Statement]:
    """The speaker's newest ``CLAIMS_COMPARED`` claims said on a known day (not rejected),
    read backwards off ``ix_claims_speaker_id_said_on``, and as many of the newest without
    one (dated by their article), read off the same index's ``said_on IS NULL`` range; as
    statements (claim id, date said, else published; text), newest first.

    Each speaker id (the speaker and those merged into it) is read as its own bounded range:
    ``speaker_id IN (...)`` cannot follow the index's order, so SQLite read and sorted every
    claim of the speaker (0.49 s for the top speaker of a 1,000,000-claim archive, 122,000
    claims; 3 ms as ranges)."""
    ids = list(session.scalars(_speaker_ids(speaker_id)))
    live = (Claim.status != ClaimStatus.REJECTED,)
    ranges = []
    for sid in ids:
        dated = (select(Claim.id).where(Claim.speaker_id == sid, *live,
                                        Claim.said_on.is_not(None))
                 .order_by(Claim.said_on.desc(), Claim.id.desc()).limit(CLAIMS_COMPARED)
                 .subquery())
        undated = (select(Claim.id).where(Claim.speaker_id == sid, *live,
                                          Claim.said_on.is_(None))
                   .order_by(Claim.id.desc()).limit(CLAIMS_COMPARED).subquery())
        ranges += [select(dated.c.id), select(undated.c.id)]
    if not ranges:
        return []
    rows = session.execute(
        select(Claim.id, Claim.text, Claim.said_on, Article.published)
        .join(Article, Article.id == Claim.article_id)
        .where(Claim.id.in_(union_all(*ranges).scalar_subquery()))).all()
    out = [Statement(cid, 0, said_on or published, text)
           for cid, text, said_on, published in rows if (said_on or published) is not None]
    out.sort(key=lambda s: (s.said or dt.date.min, _claim_id(s)), reverse=True)
    return out[:CLAIMS_COMPARED]


def _decided(session: Session, ids: Sequence[int]) -> set[tuple[int, int]]:
    """Pairs among these claims already linked (any type) or dismissed, lower id first."""
    if not ids:
        return set()
    # One statement for both: links (either direction) and dismissals (lower id first).
    links = select(ClaimLink.source_claim_id, ClaimLink.target_claim_id).where(
        ClaimLink.source_claim_id.in_(ids), ClaimLink.target_claim_id.in_(ids))
    dismissed = select(PositionDismissal.first_claim_id, PositionDismissal.second_claim_id)\
        .where(PositionDismissal.first_claim_id.in_(ids),
               PositionDismissal.second_claim_id.in_(ids))
    return {(min(a, b), max(a, b)) for a, b in session.execute(union_all(links, dismissed))}


def _undecided(session: Session, statements: list[Statement], involving: int | None
               ) -> list[Proposal]:
    """Proposals among these statements that no reviewer has decided, most on-topic first.

    The comparison runs first and the decided pairs are read only among the claims it
    proposed (none read when nothing is proposed): skipping a decided pair changes what
    ``propose`` finds only when it was one of its proposals, so filtering them out after is
    the same answer, unless the search stopped at ``MAX_FOUND`` with some of them in it (then
    it runs again, skipping them)."""
    found = propose(statements, involving=involving)
    if not found:
        return []
    ids = sorted({_claim_id(s) for p in found for s in (p.earlier, p.later)})
    decided = _decided(session, ids)
    if not decided:
        return found
    keep = [p for p in found if _pair_key(p) not in decided]
    if len(found) < MAX_FOUND or len(keep) == len(found):
        return keep
    return propose(statements, involving=involving, skip=frozenset(decided))


def _with_claims(session: Session, pairs: Sequence[tuple[int, int, Change]]
                 ) -> list[PositionChange]:
    """The pairs with their claims loaded (one statement), in the order given."""
    ids = sorted({i for a, b, _ in pairs for i in (a, b)})
    if not ids:
        return []
    claims = {c.id: c for c in session.scalars(_loaded(select(Claim).where(Claim.id.in_(ids))))}
    return [PositionChange(claims[a], claims[b], change) for a, b, change in pairs
            if a in claims and b in claims]


def _pairs(proposals: Sequence[Proposal], limit: int) -> tuple[tuple[int, int, Change], ...]:
    return tuple((_claim_id(p.earlier), _claim_id(p.later), p.change)
                 for p in proposals[:limit])


def speaker_changes(session: Session, speaker_id: int, limit: int | None = None
                    ) -> SpeakerChanges:
    """The speaker page's panel: possible changes of position among the speaker's newest
    claims, not yet decided, with how many claims were compared and pairs found. Remembered
    per speaker until the data changes (:data:`speaker_changes_cache`). ``limit``: pairs
    listed, ``LISTED`` unless given."""
    listed = LISTED if limit is None else limit

    def compute() -> _Proposed:
        statements = _speaker_statements(session, speaker_id)
        found = _undecided(session, statements, None)
        return _Proposed(_pairs(found, listed), len(statements), len(found))

    # CLAIMS_COMPARED is in the key so that a different bound is never served a stale panel.
    proposed = speaker_changes_cache.get(session, (speaker_id, CLAIMS_COMPARED, listed),
                                         compute)
    return SpeakerChanges(_with_claims(session, proposed.pairs), proposed.compared,
                          proposed.found)


def speaker_position_changes(session: Session, speaker_id: int, limit: int = LISTED
                             ) -> list[PositionChange]:
    """Possible changes of position among the speaker's newest claims, not yet decided."""
    return speaker_changes(session, speaker_id, limit).changes


#: Claims whose proposals are remembered (per process; :mod:`claims_app.cache`).
CLAIM_CHANGES_CACHE_SIZE = 512
claim_changes_cache: ProcessCache[tuple[tuple[int, int, Change], ...]] = ProcessCache(
    "claim position changes", CLAIM_CHANGES_CACHE_SIZE)


def claim_position_changes(session: Session, claim: Claim, limit: int = LISTED
                           ) -> list[PositionChange]:
    """Possible changes of position between this claim and its speaker's other claims on
    the same topic. Remembered per claim like the speaker page's panel (the same rule: an
    edited, linked, dismissed or merged claim is a new fingerprint), so a claim page viewed
    again reads the listed pairs' claims instead of its speaker's newest claims."""
    said = _said(claim) if claim.speaker_id is not None else None
    if claim.speaker_id is None or said is None:
        return []
    speaker_id = claim.speaker_id

    def compute() -> tuple[tuple[int, int, Change], ...]:
        others = [s for s in _speaker_statements(session, speaker_id) if s.id != claim.id]
        found = _undecided(session, [Statement(claim.id, 0, said, claim.text), *others],
                           claim.id)
        return _pairs(found, limit)

    pairs = claim_changes_cache.get(session, (claim.id, CLAIMS_COMPARED, limit), compute)
    return _with_claims(session, pairs)


def claim_pair(session: Session, first_id: int, second_id: int) -> tuple[Claim, Claim]:
    """The two claims of a proposed change of position (NotFound when either is not there,
    InvalidInput when they cannot be one: the same claim, or two speakers)."""
    claims = {c.id: c for c in session.scalars(
        select(Claim).where(Claim.id.in_([first_id, second_id]))
        .options(selectinload(Claim.article)))}
    missing = [i for i in (first_id, second_id) if i not in claims]
    if missing:
        raise NotFound(f"There is no claim {missing[0]}.")
    if first_id == second_id:
        raise InvalidInput("A claim cannot change position against itself.")
    first, second = claims[first_id], claims[second_id]
    if first.speaker_id is None or first.speaker_id != second.speaker_id:
        raise InvalidInput("A change of position is between two claims of one speaker.")
    return first, second


def confirm_position_change(
    session: Session, actor: User | None, earlier_id: int, later_id: int, *,
    versions: tuple[int | None, int | None], note: str | None = None,
) -> ClaimLink:
    """The later claim ``contradicts`` the earlier one: a link made by the same operation
    as the claim page's link form (checked, audited), after checking neither claim changed
    since the proposal was shown."""
    earlier, later = claim_pair(session, earlier_id, later_id)
    check_version(earlier, versions[0])
    check_version(later, versions[1])
    said = _said(earlier)
    text = note or (f"Change of position since {said.isoformat()}" if said else
                    "Change of position")
    return link_claims(session, actor, later, earlier.id, LinkType.CONTRADICTS, note=text)


def dismiss_position_change(
    session: Session, actor: User | None, first_id: int, second_id: int, kind: str, *,
    versions: tuple[int | None, int | None],
) -> PositionDismissal:
    """Remember that a reviewer saw the pair and found no change of position (audited);
    it is not proposed again."""
    first, second = claim_pair(session, first_id, second_id)
    check_version(first, versions[0])
    check_version(second, versions[1])
    lo, hi = sorted((first.id, second.id))
    existing = session.scalar(select(PositionDismissal).where(
        and_(PositionDismissal.first_claim_id == lo, PositionDismissal.second_claim_id == hi)))
    if existing is not None:
        return existing
    dismissal = PositionDismissal(first_claim_id=lo, second_claim_id=hi, kind=kind[:20],
                                  dismissed_by_id=actor.id if actor else None)
    session.add(dismissal)
    session.flush()
    record(session, actor, "dismiss", dismissal, after=snapshot(dismissal),
           summary=f"no change of position between claims {lo} and {hi}")
    return dismissal

