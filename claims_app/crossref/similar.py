"""Similar claims, and a speaker's claims and record.

:func:`similar_claims` fetches candidates through the full-text index (any of the claim's
distinctive words, best-ranked first), then scores them in Python: shingle Jaccard similarity
(:mod:`claims_app.crossref.passages`) marks near-identical wording, whoever said it; TF-IDF
cosine over normalised tokens, with document frequencies taken over the candidate pool,
ranks topically similar claims by *other* speakers. Both are suggestions for a reviewer to
link; nothing is linked here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, joinedload

from claims_app.articles.models import Article, Outlet
from claims_app.claims.models import Claim, Tag, claim_tags
from claims_app.crossref.passages import jaccard, shingles, tokens
from claims_app.crossref.query import ParsedQuery
from claims_app.crossref.search import matching_claim_ids
from claims_app.errors import NotFound
from claims_app.speakers.models import Speaker

__all__ = [
    "NEAR_IDENTICAL",
    "STOPWORDS",
    "SimilarClaim",
    "SpeakerRecord",
    "claim_date",
    "neighbour_ids",
    "similar_claims",
    "similar_ids",
    "similar_to_text",
    "speaker_and_merged",
    "speaker_record",
    "timeline_position",
]

#: Shingle Jaccard similarity from which two claims count as the same wording.
NEAR_IDENTICAL = 0.5
#: Least TF-IDF cosine for a topical suggestion.
TOPICAL = 0.15
CANDIDATES = 200
#: The candidates are the best-ranked among this many most recently indexed documents sharing
#: a distinctive word (see ``matching_claim_ids``): a bound on the claim page's cost in a large
#: archive. Older claims with the same words are the statement group's to show.
PROBE_WINDOW = 2_000
PROBE_WORDS = 12

_STOPWORD_TEXT = (
    "a about after all also an and any are as at be been before being but "
    "by can could did do does for from had has have he her his how i if in "
    "into is it its just more most no not now of on one or our out over said "
    "says she should so some such than that the their them then there these they this those to "
    "too under up us very was we were what when where which while who will with would you your"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class SimilarClaim:
    """A suggested link: ``kind`` is "near_identical" or "topical"."""

    claim: Claim
    score: float
    kind: str


def claim_date(claim: Claim) -> dt.date | None:
    """When a claim was said: its own date, else its article's publication date."""
    return claim.said_on or (claim.article.published if claim.article else None)


def _content_tokens(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in STOPWORDS and len(t) > 1]


def _probe(text: str) -> ParsedQuery:
    """The text's distinctive words (longest first), as an any-word query."""
    words = sorted(set(_content_tokens(text)), key=lambda w: (-len(w), w))[:PROBE_WORDS]
    return ParsedQuery(terms=tuple(words))


def _cosine(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
    dot = sum(a[t] * b[t] * idf[t] ** 2 for t in a.keys() & b.keys())
    if not dot:
        return 0.0
    na = math.sqrt(sum((v * idf[t]) ** 2 for t, v in a.items()))
    nb = math.sqrt(sum((v * idf[t]) ** 2 for t, v in b.items()))
    return dot / (na * nb)


def similar_ids(
    session: Session, text: str, *, exclude_claim_id: int | None = None,
    other_than_speaker_id: int | None = None, limit: int = 10,
) -> list[tuple[int, float, str]]:
    """:func:`similar_to_text` as (claim id, score, kind), best first, loading no claim: what
    a page remembers across requests (``claims.page``)."""
    ids = [i for i in matching_claim_ids(session, _probe(text), any_word=True, limit=CANDIDATES,
                                         newest=PROBE_WINDOW)
           if i != exclude_claim_id]
    if not ids:
        return []
    # The pool is scored on its ids, texts and speakers; only the claims shown are loaded
    # with their articles (200 articles with their bodies once cost the claim page more
    # than the scoring).
    pool = session.execute(
        select(Claim.id, Claim.text, Claim.speaker_id).where(Claim.id.in_(ids))).all()
    mine_sh = shingles(text)
    mine_tf = Counter(_content_tokens(text))
    tfs = {cid: Counter(_content_tokens(ctext)) for cid, ctext, _sid in pool}
    df: Counter[str] = Counter()
    for tf in [mine_tf, *tfs.values()]:
        df.update(tf.keys())
    n = len(tfs) + 1
    idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}
    near: list[tuple[int, float, str]] = []
    topical: list[tuple[int, float, str]] = []
    for cid, ctext, sid in pool:
        same = jaccard(mine_sh, shingles(ctext))
        if same >= NEAR_IDENTICAL:
            near.append((cid, round(same, 4), "near_identical"))
            continue
        if other_than_speaker_id is not None and sid == other_than_speaker_id:
            continue
        cos = _cosine(mine_tf, tfs[cid], idf)
        if cos >= TOPICAL:
            topical.append((cid, round(cos, 4), "topical"))
    near.sort(key=lambda s: (-s[1], s[0]))
    topical.sort(key=lambda s: (-s[1], s[0]))
    return (near + topical)[:limit]


def similar_to_text(
    session: Session, text: str, *, exclude_claim_id: int | None = None,
    other_than_speaker_id: int | None = None, limit: int = 10,
) -> list[SimilarClaim]:
    """Claims worded like ``text`` (any speaker) and, after them, claims on the same topic
    (by a speaker other than ``other_than_speaker_id``, when given)."""
    shown = similar_ids(session, text, exclude_claim_id=exclude_claim_id,
                        other_than_speaker_id=other_than_speaker_id, limit=limit)
    if not shown:
        return []
    # One statement: both are many-to-one, joined onto the (at most ``limit``) claims.
    claims = {c.id: c for c in session.scalars(
        select(Claim).where(Claim.id.in_([cid for cid, _score, _kind in shown]))
        .options(joinedload(Claim.article), joinedload(Claim.speaker)))}
    return [SimilarClaim(claims[cid], score, kind) for cid, score, kind in shown]


def similar_claims(session: Session, claim: Claim, limit: int = 10) -> list[SimilarClaim]:
    """Near-identical claims (any article, any speaker) first, then topically similar claims
    by other speakers, each with its score; suggestions for a reviewer to link."""
    return similar_to_text(session, claim.text, exclude_claim_id=claim.id,
                           other_than_speaker_id=claim.speaker_id, limit=limit)


def speaker_and_merged(session: Session, speaker_id: int) -> list[int]:
    """The speaker and every speaker merged into it."""
    if session.get(Speaker, speaker_id) is None:
        raise NotFound(f"There is no speaker {speaker_id}.")
    merged = session.scalars(select(Speaker.id).where(Speaker.merged_into_id == speaker_id))
    return [speaker_id, *merged]


#: Claims listed on each side of a claim on its page.
NEIGHBOURS_EACH_SIDE = 10


def neighbour_ids(session: Session, claim: Claim,
                  each_side: int = NEIGHBOURS_EACH_SIDE) -> tuple[list[int], list[int], int]:
    """The speaker's ``each_side`` claims said just before this one and just after (said on,
    else published; undated last; then id), as ids in date order, and how many claims the
    speaker has in all (and those merged in, this one included): a bounded list where the
    whole one ran to 55,309 links for a prolific speaker (issue 15). Ids only, loading no
    claim: what the claim page remembers across requests (``claims.page``); the speaker
    page lists all of them."""
    assert claim.speaker_id is not None
    ids = speaker_and_merged(session, claim.speaker_id)
    said = func.coalesce(Claim.said_on, Article.published, dt.date.max)
    mine = session.scalar(select(said).select_from(Claim)
                          .join(Article, Article.id == Claim.article_id)
                          .where(Claim.id == claim.id))
    base = (select(Claim.id).join(Article, Article.id == Claim.article_id)
            .where(Claim.speaker_id.in_(ids), Claim.id != claim.id))
    earlier = or_(said < mine, and_(said == mine, Claim.id < claim.id))
    before = list(session.scalars(base.where(earlier).order_by(said.desc(), Claim.id.desc())
                                  .limit(each_side)))
    after = list(session.scalars(base.where(~earlier).order_by(said, Claim.id)
                                 .limit(each_side)))
    total = session.scalar(select(func.count(Claim.id)).where(Claim.speaker_id.in_(ids))) or 0
    return before[::-1], after, total


def timeline_position(session: Session, claim: Claim) -> int:
    """How many of the claim's speaker's own claims come before it in the speaker page's
    timeline order (said on, else published; undated last; then id): which page of that
    timeline holds it, so the claim page's few neighbours page on from there."""
    assert claim.speaker_id is not None
    said = func.coalesce(Claim.said_on, Article.published, dt.date.max)
    mine = session.scalar(select(said).select_from(Claim)
                          .join(Article, Article.id == Claim.article_id)
                          .where(Claim.id == claim.id))
    return session.scalar(
        select(func.count(Claim.id)).join(Article, Article.id == Claim.article_id)
        .where(Claim.speaker_id == claim.speaker_id,
               or_(said < mine, and_(said == mine, Claim.id < claim.id)))) or 0


@dataclass(frozen=True)
class SpeakerRecord:
    speaker_id: int
    claims: int
    first_said: dt.date | None
    last_said: dt.date | None
    by_outlet: list[tuple[str, int]] = field(default_factory=list)
    by_tag: list[tuple[str, int]] = field(default_factory=list)


def speaker_record(session: Session, speaker_id: int) -> SpeakerRecord:
    """How many claims a speaker made, when, in which outlets and under which tags."""
    ids = speaker_and_merged(session, speaker_id)
    said = func.coalesce(Claim.said_on, Article.published)
    total, first, last = session.execute(
        select(func.count(Claim.id), func.min(said), func.max(said))
        .join(Article, Article.id == Claim.article_id).where(Claim.speaker_id.in_(ids))
    ).one()
    outlet = func.coalesce(Outlet.name, "(no outlet)")
    by_outlet = session.execute(
        select(outlet, func.count(Claim.id))
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .where(Claim.speaker_id.in_(ids)).group_by(outlet)
        .order_by(func.count(Claim.id).desc(), outlet)
    ).all()
    by_tag = session.execute(
        select(Tag.name, func.count(Claim.id))
        .join(claim_tags, claim_tags.c.tag_id == Tag.id)
        .join(Claim, Claim.id == claim_tags.c.claim_id)
        .where(Claim.speaker_id.in_(ids)).group_by(Tag.name)
        .order_by(func.count(Claim.id).desc(), Tag.name)
    ).all()
    return SpeakerRecord(speaker_id, total, first, last,
                         [(n, c) for n, c in by_outlet], [(n, c) for n, c in by_tag])
