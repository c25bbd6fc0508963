"""Which fact-checks are about which claims: scored in Python, looked up through indexes.

**Precomputed, not per page.** The claim page and the review queue show a claim's known
fact-checks, and the queue filters on "already fact-checked"; a filter over a million
claims cannot score each on the fly. So the matches are derived rows
(``fact_check_matches``), written at commit by :mod:`claims_app.crossref.sync` like search
documents: a claim whose text is new or changed is matched against the fact-checks, a new
fact-check against the claims. The claim page then reads at most ``MATCHES_PER_CLAIM`` rows
by primary key; the queue filter is a semi-join on that small table.

**Bounded both ways.** A claim looks fact-checks up in ``fact_check_terms`` (the stems of each
fact-check's claim; ``PROBE_TERMS`` of the claim's longest stems, ``CANDIDATES`` best
fact-checks by shared stems); a fact-check looks claims up through the claims' full-text
index with two bounded probes of its ``PROBE_TERMS`` most distinctive words
(:func:`_candidate_claims`): the claims holding **all** of them (repeats of the statement,
however old; ``CANDIDATES`` best ranked) with the other appearances of their statement
groups (trimmed and extended quotes, ``CANDIDATES`` newest), and **any** of them ranked
within the ``PROBE_WINDOW`` newest matching claims (paraphrases; ``CANDIDATES`` best).
Each candidate is then scored by :func:`statement_similarity`, and a fact-check keeps its
``CANDIDATES`` best-scoring claims. (The any-word probe once ranked every match: a quarter
of a 1,000,000-claim archive for common words, 1.2 s per fact-check on SQLite and 6.7 s on
PostgreSQL while importing 300; BENCHMARKS.md, "Importing fact-checks into a large archive".)

**The score.** Dice similarity of the content stems (:mod:`claims_app.factchecks.wording`),
or most of the shorter statement's stems when one is a trimmed quote of the other; zero when
the two say opposite things (one is negated, or opposite stance words) or count different
numbers: a fact-check of "unemployment fell to 5 percent" says nothing about "unemployment
fell to 9 percent". A fact-check of the claim's own speaker is ranked above the same
statement checked for someone else (:func:`rank`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import delete, exists, func, insert, select
from sqlalchemy.orm import Session

from claims_app.claims.models import Claim
from claims_app.crossref.query import ParsedQuery
from claims_app.crossref.search import matching_claim_ids
from claims_app.factchecks.models import FactCheck, FactCheckMatch, FactCheckTerm
from claims_app.factchecks.wording import changed_quantity, dice, overlap, read, stem
from claims_app.provenance.models import StatementGroupMember
from claims_app.speakers.names import compatible_person_names, name_key

__all__ = [
    "MATCH",
    "SHOWN",
    "Ranked",
    "rank",
    "same_person",
    "statement_similarity",
    "rebuild_fact_check_terms",
    "write_fact_check_matches",
    "write_matches_for_claims",
]

#: Least similarity for a fact-check to be shown beside a claim. On the gold set
#: (tests/data/factchecks/) the expected fact-checks score 0.67 and up, the hard negatives
#: (same topic, another statement) at most 0.55.
MATCH = 0.6
#: Share of the shorter statement's stems the longer must hold to count as the same words
#: trimmed or extended (a quote cut short, a fact-check adding "in Nagorno-Karabakh").
TRIMMED = 0.8
#: Fact-checks shown beside one claim.
SHOWN = 5
#: Matches kept per claim (the best by score; the shown ones are picked from these).
MATCHES_PER_CLAIM = 20
#: Ranking bonus for a fact-check of the claim's own speaker.
SAME_SPEAKER_BONUS = 0.25
PROBE_TERMS = 12
CANDIDATES = 200
#: Newest claims matching any probe word that the any-word probe ranks (as the claim page's
#: similar-claims probe: :data:`claims_app.crossref.similar.PROBE_WINDOW`).
PROBE_WINDOW = 2_000
_TERM_CHARS = 100
_CHUNK = 500

T = TypeVar("T")


def statement_similarity(a: str, b: str) -> float:
    """How nearly two statements say the same thing, 0..1 (see the module docstring)."""
    ra, rb = read(a), read(b)
    score = dice(ra.stems, rb.stems)
    contained = overlap(ra.stems, rb.stems)
    if min(len(ra.stems), len(rb.stems)) >= 4 and contained >= TRIMMED:
        score = max(score, 0.9 * contained)
    if score and ra.polarity != rb.polarity:
        return 0.0
    if changed_quantity(ra, rb):
        return 0.0
    return round(score, 4)


def same_person(claimant: str | None, names: Iterable[str]) -> bool:
    """Whether a fact-check's claimant is one of these names (a speaker's name and aliases),
    allowing a surname alone or an initial ("Mammadyarov", "E. Mammadyarov")."""
    if not claimant or not name_key(claimant):
        return False
    key = name_key(claimant)
    return any(name_key(n) == key or compatible_person_names(claimant, n) for n in names if n)


@dataclass(frozen=True)
class Ranked(Generic[T]):
    item: T
    score: float
    same_speaker: bool


def rank(claim_text: str, speaker_names: Sequence[str],
         candidates: Iterable[tuple[T, str, str | None]], *, shown: int = SHOWN
         ) -> list[Ranked[T]]:
    """Of ``(item, claim reviewed, claimant)`` candidates, the ``shown`` best at or above
    ``MATCH``: the claim's own speaker first when nearly as similar, then by similarity."""
    out = []
    for item, text, claimant in candidates:
        score = statement_similarity(claim_text, text)
        if score >= MATCH:
            out.append(Ranked(item, score, same_person(claimant, speaker_names)))
    out.sort(key=lambda r: -(r.score + (SAME_SPEAKER_BONUS if r.same_speaker else 0.0)))
    return out[:shown]


def fact_check_terms(text: str) -> list[str]:
    """The stems a fact-check is found by (cut to the column's size)."""
    return sorted({t[:_TERM_CHARS] for t in read(text).stems if len(t) > 1})


def _probe_stems(text: str) -> list[str]:
    stems = [t[:_TERM_CHARS] for t in read(text).stems if len(t) > 1]
    return sorted(stems, key=lambda t: (-len(t), t))[:PROBE_TERMS]


def _probe_words(text: str) -> ParsedQuery:
    """A fact-check's most distinctive words as an any-word full-text query over claims."""
    r = read(text)
    words = {w for w in r.words if stem(w) in r.stems and w.isalnum() and len(w) > 2}
    return ParsedQuery(terms=tuple(sorted(words, key=lambda w: (-len(w), w))[:PROBE_TERMS]))


def _any_fact_checks(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(FactCheck.id.is_not(None)))))


def write_matches_for_claims(session: Session, claim_ids: Iterable[int]) -> None:
    """Re-match these claims (new, or their text changed) against every fact-check.
    Nothing to do, and one query, while no fact-check has been imported."""
    ids = sorted(set(claim_ids))
    if not ids or not _any_fact_checks(session):
        return
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        session.execute(delete(FactCheckMatch).where(FactCheckMatch.claim_id.in_(chunk)))
        texts = session.execute(select(Claim.id, Claim.text).where(Claim.id.in_(chunk))).all()
        rows = []
        for claim_id, text in texts:
            probe = _probe_stems(text)
            if probe:
                rows += _best_for_claim(claim_id, [
                    (fc_id, statement_similarity(text, reviewed))
                    for fc_id, reviewed in _candidate_fact_checks(session, probe)])
        if rows:
            session.execute(insert(FactCheckMatch), rows)


def _candidate_fact_checks(session: Session, probe: list[str]) -> list[tuple[int, str]]:
    """(id, claim reviewed) of the fact-checks sharing most of the probe's stems."""
    shared = func.count(FactCheckTerm.term)
    hits = (select(FactCheckTerm.fact_check_id.label("id"), shared.label("n"))
            .where(FactCheckTerm.term.in_(probe))
            .group_by(FactCheckTerm.fact_check_id)
            .order_by(shared.desc(), FactCheckTerm.fact_check_id)
            .limit(CANDIDATES).subquery("hits"))
    return [(fc_id, text) for fc_id, text in session.execute(
        select(FactCheck.id, FactCheck.claim_reviewed).join(hits, hits.c.id == FactCheck.id))]


def _best_for_claim(claim_id: int, scored: list[tuple[int, float]]) -> list[dict[str, object]]:
    kept = sorted(((fc, s) for fc, s in scored if s >= MATCH), key=lambda p: (-p[1], p[0]))
    return [{"claim_id": claim_id, "fact_check_id": fc, "score": s}
            for fc, s in kept[:MATCHES_PER_CLAIM]]


def write_fact_check_matches(session: Session, fact_check_ids: Iterable[int]) -> None:
    """Write the terms of these fact-checks (new ones) and match each against the claims.
    A claim keeps at most ``MATCHES_PER_CLAIM`` matches, its best."""
    ids = sorted(set(fact_check_ids))
    if not ids:
        return
    session.execute(delete(FactCheckTerm).where(FactCheckTerm.fact_check_id.in_(ids)))
    session.execute(delete(FactCheckMatch).where(FactCheckMatch.fact_check_id.in_(ids)))
    checks = session.execute(select(FactCheck.id, FactCheck.claim_reviewed)
                             .where(FactCheck.id.in_(ids))).all()
    terms = [{"fact_check_id": fc_id, "term": t} for fc_id, text in checks
             for t in fact_check_terms(text)]
    if terms:
        session.execute(insert(FactCheckTerm), terms)
    touched: set[int] = set()
    rows = []
    for fc_id, text in checks:
        claim_ids = _candidate_claims(session, text)
        if not claim_ids:
            continue
        scored = [(claim_id, statement_similarity(claim_text, text))
                  for claim_id, claim_text in session.execute(
                      select(Claim.id, Claim.text).where(Claim.id.in_(claim_ids)))]
        kept = sorted(((c, sc) for c, sc in scored if sc >= MATCH),
                      key=lambda p: (-p[1], -p[0]))[:CANDIDATES]
        rows += [{"claim_id": c, "fact_check_id": fc_id, "score": sc} for c, sc in kept]
        touched.update(c for c, _ in kept)
    if rows:
        session.execute(insert(FactCheckMatch), rows)
        _trim(session, touched)


def _candidate_claims(session: Session, text: str) -> list[int]:
    """The claims a fact-check is scored against, from two bounded probes of its probe words
    (see the module docstring): the claims holding all of them (repeats, however old) with
    the other members of their statement groups, and those holding any of them among the
    ``PROBE_WINDOW`` newest such claims; ``CANDIDATES`` of each. Ranking every claim that
    holds any of the words read a quarter of a large archive for common words."""
    probe = _probe_words(text)
    if probe.empty:
        return []
    found = set(matching_claim_ids(session, probe, limit=CANDIDATES))
    if found:
        # The other appearances of those repeats' statements (trimmed or extended quotes,
        # however old), the newest first, read off the members' (group_id, claim_id) index
        # by group. (With the groups as a subquery and ORDER BY claim_id LIMIT, PostgreSQL
        # walked the members' primary key from the newest claim: 77 s at 100,000 claims.)
        members = StatementGroupMember
        groups = sorted(set(session.scalars(
            select(members.group_id).where(members.claim_id.in_(sorted(found))))))
        if groups:
            same = session.scalars(select(members.claim_id)
                                   .where(members.group_id.in_(groups))).all()
            found.update(sorted(same, reverse=True)[:CANDIDATES])
    found.update(matching_claim_ids(session, probe, any_word=True, limit=CANDIDATES,
                                    newest=PROBE_WINDOW))
    return sorted(found)


def _trim(session: Session, claim_ids: set[int]) -> None:
    """Keep each claim's ``MATCHES_PER_CLAIM`` best matches (a claim matched by many
    fact-checks, a slogan checked again and again, stays bounded)."""
    ids = sorted(claim_ids)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        crowded = session.scalars(
            select(FactCheckMatch.claim_id).where(FactCheckMatch.claim_id.in_(chunk))
            .group_by(FactCheckMatch.claim_id)
            .having(func.count() > MATCHES_PER_CLAIM)).all()
        for claim_id in crowded:
            keep = session.scalars(
                select(FactCheckMatch.fact_check_id).where(FactCheckMatch.claim_id == claim_id)
                .order_by(FactCheckMatch.score.desc(), FactCheckMatch.fact_check_id)
                .limit(MATCHES_PER_CLAIM)).all()
            session.execute(delete(FactCheckMatch).where(
                FactCheckMatch.claim_id == claim_id,
                FactCheckMatch.fact_check_id.not_in(keep)))


def rebuild_fact_check_terms(session: Session) -> int:
    """Drop every fact-check match and term and write the terms (and each fact-check's
    own matches) again, ``_CHUNK`` fact-checks at a time: the first half of a rebuild
    (``claims-app reindex``); the second re-matches every claim with
    :func:`write_matches_for_claims`, which looks the terms up. Returns the number of
    fact-checks."""
    session.execute(delete(FactCheckMatch))
    session.execute(delete(FactCheckTerm))
    ids = list(session.scalars(select(FactCheck.id).order_by(FactCheck.id)))
    for i in range(0, len(ids), _CHUNK):
        write_fact_check_matches(session, ids[i:i + _CHUNK])
    return len(ids)
