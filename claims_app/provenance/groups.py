"""Keeping statement groups current in the database (derived data: see
:mod:`claims_app.provenance.models`).

Nothing in the services calls this: :mod:`claims_app.crossref.sync` calls
:func:`refresh_claims` before each commit for the claims whose text or speaker the session
changed (and :func:`refresh_stale` after deletions), the importer's bulk path calls it for the
claims it inserted, and ``claims-app reindex`` calls :func:`rebuild_groups`.

How one refresh goes, for a batch of claims:

1. their old memberships are dropped, and the groups they left are summarised again (a
   group whose earliest appearance left gets a new one, an empty group is deleted);
2. their blocking keys (:func:`claims_app.provenance.grouping.blocking_keys`) are looked up
   in ``statement_group_keys``: one indexed ``IN`` per 500 keys, never a scan of the claims;
3. an in-memory :class:`~claims_app.provenance.grouping.Grouper`, primed with the groups
   found (their earliest wording as reference), places the claims oldest first;
4. memberships and new keys are inserted, and every touched group is summarised: its
   earliest appearance, its size, and each member's material differences from the earliest
   (:func:`claims_app.provenance.drift.classify_differences`, computed once per distinct
   wording, written only where they changed).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.provenance.drift import (
    classify_differences,
    speaker_difference,
    statement_tokens,
)
from claims_app.provenance.grouping import KEY_FANOUT, Grouper, Record, blocking_keys
from claims_app.provenance.models import StatementGroup, StatementGroupKey, StatementGroupMember

__all__ = ["member_kinds", "rebuild_groups", "refresh_claims", "refresh_stale"]

CHUNK = 500
_MEMBERS = cast("Table", StatementGroupMember.__table__)
_GROUPS = cast("Table", StatementGroup.__table__)


def _chunks(ids: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _records(session: Session, claim_ids: Sequence[int]) -> list[Record]:
    out: list[Record] = []
    for chunk in _chunks(sorted(claim_ids)):
        out += [Record(cid, text, sid, published, aid) for cid, text, sid, published, aid in
                session.execute(select(Claim.id, Claim.text, Claim.speaker_id, Article.published,
                                       Claim.article_id)
                                .join(Article, Article.id == Claim.article_id)
                                .where(Claim.id.in_(chunk)))]
    return out


@functools.lru_cache(maxsize=16384)
def _material_kinds(reference: str, member: str) -> frozenset[str]:
    """The material kinds of difference between two wordings: a pure function of the two
    texts, remembered because every refresh summarises each touched group whole, and a
    group of a much-repeated statement was compared again, wording by wording, in every
    import transaction that added to it."""
    return frozenset(d.kind for d in classify_differences(reference, member) if d.material)


def member_kinds(reference: Record, member: Record) -> list[str]:
    """The material kinds by which a member's wording differs from the reference's."""
    kinds = set(_material_kinds(reference.text, member.text))
    ref_speaker = None if reference.speaker_id is None else str(reference.speaker_id)
    own_speaker = None if member.speaker_id is None else str(member.speaker_id)
    if speaker_difference(ref_speaker, own_speaker):
        kinds.add("speaker")
    return sorted(kinds)


def refresh_claims(session: Session, claim_ids: Iterable[int]) -> None:
    """Place these claims (new, changed or re-dated) in their statement groups. Claims that
    no longer exist are only taken out. Flushes nothing of its own; writes with Core."""
    ids = sorted(set(claim_ids))
    if not ids:
        return
    members = _MEMBERS
    left: set[int] = set()
    for chunk in _chunks(ids):
        left.update(session.scalars(select(members.c.group_id)
                                    .where(members.c.claim_id.in_(chunk))))
        session.execute(delete(members).where(members.c.claim_id.in_(chunk)))
    _summarise(session, left)
    records = sorted(_records(session, ids), key=lambda r: r.order)
    if not records:
        return
    keys_of = {r.claim_id: blocking_keys(_tokens(r)) for r in records}
    all_keys = sorted({k for keys in keys_of.values() for k in keys})
    found: dict[int, set[int]] = defaultdict(set)
    for chunk in _chunks(all_keys):
        for key, gid in session.execute(_newest_groups(chunk)):
            found[gid].add(key)
    grouper = Grouper()
    references = _references(session, sorted(found))
    for gid in sorted(references):  # oldest first: the grouper proposes a key's newest
        grouper.add_group(gid, references[gid], found[gid])
    placed: dict[int, int] = {}
    for record in records:
        found_gid = grouper.add(record)
        if found_gid is not None:
            placed[record.claim_id] = found_gid
    new_ids = sorted({gid for gid in placed.values() if gid < 0}, reverse=True)
    real: dict[int, int] = {}
    if new_ids:
        created = session.execute(
            insert(StatementGroup).returning(StatementGroup.id, sort_by_parameter_order=True),
            [{"claim_count": 0} for _ in new_ids]).scalars().all()
        real = dict(zip(new_ids, created, strict=True))
    if placed:
        session.execute(insert(members), [
            {"claim_id": cid, "group_id": real.get(gid, gid), "material": False, "kinds": ""}
            for cid, gid in placed.items()])
    stored = _stored_pairs(session, {gid: keys for gid, keys in grouper.new_keys.items()
                                     if gid > 0})
    new_keys = [{"key": key, "group_id": real.get(gid, gid)}
                for gid, keys in grouper.new_keys.items() for key in sorted(keys)
                if (key, gid) not in stored]
    if new_keys:
        session.execute(insert(StatementGroupKey), new_keys)
    _summarise(session, {real.get(gid, gid) for gid in placed.values()})


def _newest_groups(keys: Sequence[int]) -> Any:
    """(key, group id) for these keys, at most ``KEY_FANOUT`` groups per key, the newest.

    The grouper proposes only a key's ``KEY_FANOUT`` newest groups anyway; loading every
    group of a commonplace phrase ("the united states") made each refresh load and read
    about 1,500 groups' references once the archive held a few thousand articles, and
    that fixed cost was most of an import transaction (BENCHMARKS.md, "Import transactions
    that let reviewers in")."""
    keys_table = StatementGroupKey.__table__
    ranked = (select(keys_table.c.key, keys_table.c.group_id,
                     func.row_number().over(partition_by=keys_table.c.key,
                                            order_by=keys_table.c.group_id.desc())
                     .label("rank"))
              .where(keys_table.c.key.in_(keys)).subquery())
    return select(ranked.c.key, ranked.c.group_id).where(ranked.c.rank <= KEY_FANOUT)


def _stored_pairs(session: Session, keys_of: dict[int, set[int]]) -> set[tuple[int, int]]:
    """Which of these (key, stored group) pairs are stored already: a group matched through
    one key may hold another of the claim's keys that ``_newest_groups`` left out."""
    wanted = sorted({key for keys in keys_of.values() for key in keys})
    out: set[tuple[int, int]] = set()
    for chunk in _chunks(wanted):
        out.update((key, gid) for key, gid in session.execute(
            select(StatementGroupKey.key, StatementGroupKey.group_id)
            .where(StatementGroupKey.key.in_(chunk),
                   StatementGroupKey.group_id.in_(sorted(keys_of)))))
    return out


def _tokens(record: Record) -> list[str]:
    return statement_tokens(record.text)


def _references(session: Session, group_ids: Sequence[int]) -> dict[int, Record]:
    """Each group's earliest appearance, as grouping compares with it, in group id order
    (the order the grouper is primed in; each engine returned its own row order)."""
    out: dict[int, Record] = {}
    for chunk in _chunks(group_ids):
        for gid, cid, text, sid, published, aid in session.execute(
            select(StatementGroup.id, Claim.id, Claim.text, Claim.speaker_id, Article.published,
                   Claim.article_id)
            .join(Claim, Claim.id == StatementGroup.earliest_claim_id)
            .join(Article, Article.id == Claim.article_id)
            .where(StatementGroup.id.in_(chunk))
            .order_by(StatementGroup.id)
        ):
            out[gid] = Record(cid, text, sid, published, aid)
    return out


def _summarise(session: Session, group_ids: Iterable[int]) -> None:
    """Write each group's earliest appearance, size and members' material differences;
    delete groups left empty."""
    ids = sorted(set(group_ids))
    members = _MEMBERS
    for chunk in _chunks(ids):
        per_group: dict[int, list[tuple[Record, bool, str]]] = defaultdict(list)
        for gid, cid, text, sid, published, aid, material, kinds in session.execute(
            select(members.c.group_id, Claim.id, Claim.text, Claim.speaker_id,
                   Article.published, Claim.article_id, members.c.material, members.c.kinds)
            .join(Claim, Claim.id == members.c.claim_id)
            .join(Article, Article.id == Claim.article_id)
            .where(members.c.group_id.in_(chunk))
        ):
            per_group[gid].append((Record(cid, text, sid, published, aid), material, kinds))
        current = {gid: (earliest, count) for gid, earliest, count in session.execute(
            select(StatementGroup.id, StatementGroup.earliest_claim_id,
                   StatementGroup.claim_count).where(StatementGroup.id.in_(chunk)))}
        empty = [gid for gid in chunk if gid not in per_group and gid in current]
        if empty:
            session.execute(delete(StatementGroup).where(StatementGroup.id.in_(empty)))
        group_rows: list[dict[str, Any]] = []
        member_rows: list[dict[str, Any]] = []
        for gid, rows in per_group.items():
            rows.sort(key=lambda row: row[0].order)
            reference = rows[0][0]
            if current.get(gid) != (reference.claim_id, len(rows)):
                group_rows.append({"gid": gid, "earliest": reference.claim_id,
                                   "count": len(rows)})
            seen: dict[tuple[str, int | None], str] = {}
            for record, material, kinds in rows:
                wording = (record.text, record.speaker_id)
                if wording not in seen:
                    seen[wording] = " ".join(member_kinds(reference, record))
                want = seen[wording]
                if want != kinds or bool(want) != bool(material):
                    member_rows.append({"cid": record.claim_id, "material": bool(want),
                                        "kinds": want})
        if group_rows:
            session.execute(
                update(_GROUPS)
                .where(_GROUPS.c.id == bindparam("gid"))
                .values(earliest_claim_id=bindparam("earliest"), claim_count=bindparam("count")),
                group_rows)
        if member_rows:
            session.execute(
                update(members).where(members.c.claim_id == bindparam("cid"))
                .values(material=bindparam("material"), kinds=bindparam("kinds")),
                member_rows)


def refresh_stale(session: Session) -> None:
    """Summarise again the groups whose earliest appearance was deleted (its foreign key
    set it to NULL), and drop groups left empty."""
    _summarise(session, list(session.scalars(
        select(StatementGroup.id).where(StatementGroup.earliest_claim_id.is_(None)))))


def rebuild_groups(session: Session, *, batch: int = 5000) -> int:
    """Drop every statement group and place every claim again, oldest first in batches
    (each batch one :func:`refresh_claims`). Returns the number of claims placed."""
    session.execute(delete(StatementGroupMember))
    session.execute(delete(StatementGroupKey))
    session.execute(delete(StatementGroup))
    ordered = [cid for (cid,) in session.execute(
        select(Claim.id).join(Article, Article.id == Claim.article_id)
        .order_by(Article.published.is_(None), Article.published, Claim.article_id, Claim.id))]
    for chunk in _chunks(ordered, batch):
        refresh_claims(session, chunk)
    return len(ordered)
