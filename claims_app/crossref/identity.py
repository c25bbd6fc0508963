"""Speaker identity: which speakers may be the same one, and why. Suggests; never merges.

Names are compared on :func:`name_key` (look-alike letters folded, accents and case removed,
titles such as "FM", "Mr", "Dr", "President" stripped, British "-isation" spelt "-ization"),
built on :mod:`claims_app.speakers.names`, which owns name matching for the importer. Pairs are
only considered inside *blocks* that share a key (a name, a surname, an acronym), so the cost
grows with the number of plausible pairs, not with the square of the number of speakers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims_app.claims.models import Claim
from claims_app.speakers import names
from claims_app.speakers.models import Speaker, SpeakerKind

__all__ = ["Suggestion", "acronym", "duplicate_suggestions", "name_key",
           "same_speaker_candidates"]

_BRITISH = re.compile(r"isation(s?)\b")
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "des", "du", "la", "le"})
_ORG_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")

# Evidence weights; a suggestion's score is their sum, capped at 1.
W_SAME_NAME = 0.9
W_ACRONYM = 0.8
W_SURNAME = 0.5
W_ROLE = 0.2
W_COOCCUR = 0.1
MIN_SCORE = 0.5


def name_key(name: str) -> str:
    """The form names are matched on: "FM Elmar Mаmmadyarov" -> "elmar mammadyarov"."""
    return _BRITISH.sub(r"ization\1", names.name_key(_ORG_SUFFIX.sub("", name)))


def acronym(name: str) -> str:
    """Initials of a name's significant words: "Organisation of Islamic Cooperation" -> "oic"."""
    words = [w for w in name_key(name).split() if w not in _MINOR_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _is_acronym(short: str, long: str) -> bool:
    key = name_key(short).replace(" ", "")
    return len(key) >= 2 and key == acronym(long) and name_key(long) != name_key(short)


@dataclass(frozen=True)
class Suggestion:
    """Two speakers that may be one; ``a.id < b.id``. ``evidence`` says why, for the reviewer."""

    a: Speaker
    b: Speaker
    score: float
    evidence: list[str] = field(default_factory=list)


def _names(speaker: Speaker) -> list[str]:
    out = [speaker.name, *[a.alias for a in speaker.aliases]]
    return list(dict.fromkeys(n for n in out if n and n.strip()))


def _blocks(speaker: Speaker) -> set[str]:
    keys = set()
    for n in _names(speaker):
        k = name_key(n)
        if not k:
            continue
        keys.add("n:" + k)
        if speaker.kind is SpeakerKind.PERSON:
            keys.add("s:" + k.split()[-1])
        ac = acronym(n)
        if ac:
            keys.add("a:" + ac)
        compact = k.replace(" ", "")
        if len(k.split()) == 1 and 2 <= len(compact) <= 8:
            keys.add("a:" + compact)
    return keys


def _evidence(a: Speaker, b: Speaker, cooccur: int) -> tuple[float, list[str]]:
    score, why = 0.0, []
    a_names, b_names = _names(a), _names(b)
    a_keys = {name_key(n): n for n in a_names}
    b_keys = {name_key(n): n for n in b_names}
    shared = sorted(set(a_keys) & set(b_keys) - {""})
    if shared:
        score += W_SAME_NAME
        why.append(f"same name: {a_keys[shared[0]]!r} / {b_keys[shared[0]]!r}")
    else:
        for x in a_names:
            for y in b_names:
                if _is_acronym(x, y) or _is_acronym(y, x):
                    score += W_ACRONYM
                    why.append(f"acronym: {x!r} / {y!r}")
                    break
            else:
                continue
            break
        if a.kind is b.kind is SpeakerKind.PERSON:
            pair = next(((x, y) for x in a_names for y in b_names
                         if names.compatible_person_names(x, y)), None)
            if pair:
                score += W_SURNAME
                why.append(f"compatible names, same surname: {pair[0]!r} / {pair[1]!r}")
    roles_a = {name_key(r.title): r.title for r in a.roles}
    roles_b = {name_key(r.title) for r in b.roles}
    common = sorted(set(roles_a) & roles_b)
    if common:
        score += W_ROLE
        why.append("shared role: " + ", ".join(roles_a[k] for k in common))
    if cooccur:
        score += W_COOCCUR
        why.append(f"quoted in the same article ({cooccur})")
    return min(1.0, round(score, 4)), why


def _cooccurrences(session: Session, ids: Iterable[int]) -> dict[tuple[int, int], int]:
    ids = list(ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Claim.article_id, Claim.speaker_id)
        .where(Claim.speaker_id.in_(ids)).distinct()
    ).all()
    by_article: dict[int, set[int]] = defaultdict(set)
    for article_id, speaker_id in rows:
        if speaker_id is not None:  # the filter above excludes NULL; the type can't say so
            by_article[article_id].add(speaker_id)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for speakers in by_article.values():
        for x, y in combinations(sorted(speakers), 2):
            counts[(x, y)] += 1
    return counts


def _live_speakers(session: Session) -> list[Speaker]:
    return list(session.scalars(
        select(Speaker).where(Speaker.merged_into_id.is_(None)).order_by(Speaker.id)
        .options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
    ))


def _suggest(session: Session, pairs: set[tuple[Speaker, Speaker]],
             min_score: float) -> list[Suggestion]:
    ids = {s.id for pair in pairs for s in pair}
    co = _cooccurrences(session, ids)
    out = []
    for a, b in pairs:
        if a.id > b.id:
            a, b = b, a
        if {a.kind, b.kind} == {SpeakerKind.PERSON, SpeakerKind.ORGANIZATION}:
            continue
        score, why = _evidence(a, b, co.get((a.id, b.id), 0))
        if score >= min_score:
            out.append(Suggestion(a, b, score, why))
    out.sort(key=lambda s: (-s.score, s.a.id, s.b.id))
    return out


def duplicate_suggestions(session: Session, *, min_score: float = MIN_SCORE) -> list[Suggestion]:
    """Pairs of live (unmerged) speakers that may be the same, strongest first."""
    blocks: dict[str, list[Speaker]] = defaultdict(list)
    for speaker in _live_speakers(session):
        for key in _blocks(speaker):
            blocks[key].append(speaker)
    pairs: set[tuple[Speaker, Speaker]] = set()
    for members in blocks.values():
        if len(members) > 200:  # a block that large is a common surname, not evidence
            continue
        pairs.update((x, y) for x, y in combinations(members, 2))
    return _suggest(session, pairs, min_score)


def same_speaker_candidates(
    session: Session, speaker: Speaker | str, *, min_score: float = MIN_SCORE, limit: int = 10,
) -> list[Suggestion]:
    """Speakers that may be the given speaker (or the speaker a name denotes), best first.

    For a bare name, a transient unsaved speaker stands for it (``a`` or ``b`` with no id).
    """
    if isinstance(speaker, str):
        probes = []
        for kind in SpeakerKind:  # a bare name could be either
            probe = Speaker(id=0, name=speaker, name_key=name_key(speaker), kind=kind)
            probe.aliases, probe.roles = [], []
            probes.append(probe)
    else:
        probes = [speaker]
    keyed: dict[str, list[Speaker]] = defaultdict(list)
    for other in _live_speakers(session):
        for key in _blocks(other):
            keyed[key].append(other)
    best: dict[int, Suggestion] = {}
    for probe in probes:
        pairs = {(probe, o) for key in _blocks(probe) for o in keyed.get(key, ())
                 if o.id != probe.id}
        for s in _suggest(session, pairs, min_score):
            other = s.b if s.a is probe else s.a
            if other.id not in best or s.score > best[other.id].score:
                best[other.id] = s
    return sorted(best.values(), key=lambda s: (-s.score, s.a.id, s.b.id))[:limit]

