"""What the claim pages show beside a claim: speaker suggestions for the type-ahead, claims
overlapping a span, the text around a span, and the cross-reference panel."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from claims_app.articles.models import OPENING_CHARS, Article
from claims_app.cache import ProcessCache
from claims_app.claims.lines import ClaimLine, ShownArticle, claim_lines, shown_articles
from claims_app.claims.models import Claim, ClaimLink, LinkType
from claims_app.claims.services import get_claim
from claims_app.crossref.repeats import PassageMatch, similar_passages_counted
from claims_app.crossref.similar import (
    neighbour_ids,
    similar_ids,
    timeline_position,
)
from claims_app.provenance.services import Appearances, appearances
from claims_app.speakers.listing import TIMELINE_PER_PAGE
from claims_app.speakers.models import Speaker, SpeakerAlias
from claims_app.speakers.names import name_key
from claims_app.sqlfuncs import contains_text


@dataclass(frozen=True)
class SpeakerSuggestion:
    id: int
    name: str
    matched: str  # the name or alias the typed text matched


def speaker_suggestions(session: Session, query: str, limit: int = 10) -> list[SpeakerSuggestion]:
    """Speakers whose name or an alias contains the typed text, for the type-ahead."""
    key = name_key(query)
    if len(key) < 2:
        return []
    live = Speaker.merged_into_id.is_(None)
    by_name = session.execute(
        select(Speaker.id, Speaker.name, Speaker.name)
        .where(live, contains_text(Speaker.name_key, key, ignore_case=False))
        .order_by(func.length(Speaker.name_key), Speaker.name).limit(limit)
    ).all()
    by_alias = session.execute(
        select(Speaker.id, Speaker.name, SpeakerAlias.alias)
        .join(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
        .where(live, contains_text(SpeakerAlias.alias_key, key, ignore_case=False))
        .order_by(func.length(SpeakerAlias.alias_key), Speaker.name).limit(limit)
    ).all()
    out: dict[int, SpeakerSuggestion] = {}
    for sid, name, matched in [*by_name, *by_alias]:
        out.setdefault(sid, SpeakerSuggestion(sid, name, matched))
    return list(out.values())[:limit]


#: Claims an overlap check names: enough to offer the right one, bounded whatever the article.
OVERLAPS_LISTED = 5


def overlapping_claims(
    session: Session, article_id: int, start: int, end: int, limit: int = OVERLAPS_LISTED
) -> list[Claim]:
    """Claims of the article sharing a character with ``start``–``end``, nearest first: a
    reviewer about to mark a span already marked is offered the existing claim instead."""
    return list(session.scalars(
        select(Claim)
        .where(Claim.article_id == article_id, Claim.start < end, Claim.end > start)
        .order_by(Claim.start.desc(), Claim.id).limit(limit)
        .options(selectinload(Claim.speaker))))


#: Characters of the article shown on each side of a claim on its edit page.
CONTEXT_CHARS = 1500


@dataclass(frozen=True)
class SpanContext:
    """A window of the article around a span: where it starts in the body, and the text
    before, inside and after the span (the edit page highlights and re-spans in it)."""

    start: int
    before: str
    text: str
    after: str


def span_context(body: str, start: int, end: int, radius: int = CONTEXT_CHARS) -> SpanContext:
    """The span with up to ``radius`` characters either side, cut at a space so no word is
    halved: the page costs the same for a one-page article and a million-character one."""
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    lo, hi = max(0, start - radius), min(len(body), end + radius)
    if lo > 0:
        space = body.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(body):
        space = body.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return SpanContext(lo, body[lo:start], body[start:end], body[end:hi])


def get_claim_page(session: Session, claim_id: int) -> Claim:
    """A claim with everything its page shows loaded up front, its article without the body:
    the page shows the claim's words, never the article's, so a claim of a
    2,000,000-character article costs what any other does (an untitled article's opening
    is read for its derived title)."""
    claim = get_claim(session, claim_id, joinedload(Claim.article).defer(Article.body),
                      joinedload(Claim.created_by), joinedload(Claim.updated_by))
    if not claim.article.title:
        claim.article.list_opening = session.scalar(
            select(func.substr(Article.body, 1, OPENING_CHARS))
            .where(Article.id == claim.article_id))
    return claim


@dataclass(frozen=True)
class PassageElsewhere:
    """A near-identical sentence in another article, and a claim there covering it if any."""

    article: ShownArticle
    start: int
    end: int
    text: str
    similarity: float
    claim: ClaimLine | None


@dataclass(frozen=True)
class PassagesElsewhere:
    """The near-identical sentences listed, and about how many more were left out."""

    items: list[PassageElsewhere] = field(default_factory=list)
    more: int = 0

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self) -> Iterator[PassageElsewhere]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class SimilarLine:
    """A suggested link (``crossref.similar.SimilarClaim``) as the page lists it: ``kind``
    is "near_identical" or "topical"."""

    claim: ClaimLine
    score: float
    kind: str


@dataclass(frozen=True)
class LinkLine:
    """A link a reviewer made, with the claim at its other end."""

    id: int
    link_type: LinkType
    other: ClaimLine


@dataclass
class CrossReference:
    """What the claim page lists beside a claim: every claim listed, in whichever panel and
    at either end of a link, is a plain line (:mod:`claims_app.claims.lines`), all of them
    read in one statement when the lookups are made and remembered with them."""

    speaker_claims: list[ClaimLine] = field(default_factory=list)
    speaker_total: int = 0  # the speaker's claims in all, this one included
    #: The page of the speaker page's timeline holding this claim: the list pages on there.
    speaker_page: int = 1
    similar: list[SimilarLine] = field(default_factory=list)
    #: Other claims of this claim's statement group (the same words elsewhere, derived at
    #: commit), the first ``SAME_STATEMENT_LISTED`` oldest first, to list and link.
    same_statement: list[ClaimLine] = field(default_factory=list)
    passages: PassagesElsewhere = field(default_factory=PassagesElsewhere)
    links_out: list[LinkLine] = field(default_factory=list)  # this claim -> other
    links_in: list[LinkLine] = field(default_factory=list)  # other -> this claim
    links_more: bool = False  # more than ``LINKS_LISTED`` links: the oldest are listed
    appearances: Appearances = field(default_factory=Appearances)


@dataclass(frozen=True)
class _Found:
    """What the cross-reference panel looked up for a claim, as ids and figures (no ORM
    objects: it is remembered across requests and sessions)."""

    before: tuple[int, ...] = ()  # the speaker's claims said just before, in date order
    after: tuple[int, ...] = ()
    speaker_total: int = 0
    speaker_page: int = 1
    similar: tuple[tuple[int, float, str], ...] = ()  # (claim id, score, kind)
    passages: tuple[tuple[PassageMatch, int | None], ...] = ()  # and the claim covering it
    passages_more: int = 0
    #: The statement group's appearances with their diffs (plain data, no ORM objects).
    appearances: Appearances = field(default_factory=Appearances)
    #: The claim's links either way, oldest first: (id, type, source id, target id); and
    #: whether there were more than ``LINKS_LISTED`` (a link made or removed is audited).
    links: tuple[tuple[int, LinkType, int, int], ...] = ()
    links_more: bool = False
    #: Every claim listed above, as a line, and the passages' articles (plain, frozen).
    lines: dict[int, ClaimLine] = field(default_factory=dict)
    articles: dict[int, ShownArticle] = field(default_factory=dict)

    @property
    def same_statement(self) -> tuple[int, ...]:
        """The first ``SAME_STATEMENT_LISTED`` other appearances' claims: the statement
        group answers "the same words elsewhere", so the page compares no texts."""
        return tuple(a.claim_id for a in self.appearances.items[:SAME_STATEMENT_LISTED])

    def claim_ids(self, claim_id: int) -> set[int]:
        """Every claim the panel lists (``claim_id``: the page's own claim)."""
        return {*self.before, *self.after, *(cid for cid, _score, _kind in self.similar),
                *(cid for _match, cid in self.passages if cid is not None),
                *self.same_statement,
                *(other for _id, _type, source, target in self.links
                  for other in (source, target) if other != claim_id)}


#: Claims of the statement group listed as near-identical (the appearances list has more).
SAME_STATEMENT_LISTED = 10


#: Claims whose lookups are remembered (per process; :mod:`claims_app.cache`).
FOUND_CACHE_SIZE = 512
found_cache: ProcessCache[_Found] = ProcessCache("claim cross-references", FOUND_CACHE_SIZE)


def cross_reference(session: Session, claim: Claim) -> CrossReference:
    """Everything the claim page lists beside a claim: what the same speaker said just
    before and after it, in date order (a few: the speaker page lists all); claims and
    passages worded alike elsewhere; and the links reviewers made.

    **Remembered.** The speaker's neighbours, the similar claims, the passages elsewhere and
    the statement group's appearances read and sort every claim of the speaker, rank 2,000
    search matches, look up LSH buckets and diff up to 50 wordings: most of the page's work,
    the same on every view until something changes. They are remembered per claim as ids
    and plain data under the rule of :mod:`claims_app.cache` (recomputed once any claim,
    audited record or passage signature changes; statement groups follow the claims), and
    with them the claims and articles listed, as plain frozen lines
    (:mod:`claims_app.claims.lines`), and the links (made and removed through audited
    services): a remembered view sends no statement of its own. (Paraphrase fidelity,
    fact-checks and changes of position are the view's to ask for: ``claims.views``.)"""
    found = found_cache.get(session, claim.id, lambda: _find(session, claim))
    lines = found.lines
    xref = CrossReference()
    xref.speaker_claims = [lines[i] for i in (*found.before, *found.after) if i in lines]
    xref.speaker_total, xref.speaker_page = found.speaker_total, found.speaker_page
    xref.similar = [SimilarLine(lines[cid], score, kind)
                    for cid, score, kind in found.similar if cid in lines]
    xref.passages = PassagesElsewhere(
        [PassageElsewhere(found.articles[m.article_id], m.start, m.end, m.text, m.similarity,
                          lines.get(cid) if cid is not None else None)
         for m, cid in found.passages if m.article_id in found.articles], found.passages_more)
    xref.appearances = found.appearances
    xref.same_statement = [lines[i] for i in found.same_statement if i in lines]
    xref.links_more = found.links_more
    for link_id, link_type, source, target in found.links:
        if source == claim.id and target in lines:
            xref.links_out.append(LinkLine(link_id, link_type, lines[target]))
        elif target == claim.id and source in lines:
            xref.links_in.append(LinkLine(link_id, link_type, lines[source]))
    return xref


#: Links listed on a claim page (oldest first): a claim everyone cites may gather hundreds.
LINKS_LISTED = 100


@lru_cache(maxsize=1)
def _links_statement() -> Any:
    """The claim's links either way, oldest first, bounded (built once: ids bound)."""
    claim: Any = bindparam("claim")
    return (select(ClaimLink.id, ClaimLink.link_type, ClaimLink.source_claim_id,
                   ClaimLink.target_claim_id)
            .where(or_(ClaimLink.source_claim_id == claim, ClaimLink.target_claim_id == claim))
            .order_by(ClaimLink.id).limit(bindparam("limit")))


def _find(session: Session, claim: Claim) -> _Found:
    """The lookups :func:`cross_reference` remembers."""
    before: list[int] = []
    after: list[int] = []
    total, page = 0, 1
    if claim.speaker_id is not None:
        before, after, total = neighbour_ids(session, claim)
        if total > len(before) + len(after) + 1:
            page = timeline_position(session, claim) // TIMELINE_PER_PAGE + 1
    similar = similar_ids(session, claim.text, exclude_claim_id=claim.id,
                          other_than_speaker_id=claim.speaker_id, limit=10)
    matches, more = _passages_elsewhere(session, claim)
    links = [tuple(row) for row in session.execute(
        _links_statement(), {"claim": claim.id, "limit": LINKS_LISTED + 1})]
    found = _Found(tuple(before), tuple(after), total, page, tuple(similar), tuple(matches),
                   more, appearances(session, claim),
                   tuple(links[:LINKS_LISTED]), len(links) > LINKS_LISTED)
    return dataclasses.replace(
        found, lines=claim_lines(session, found.claim_ids(claim.id)),
        articles=shown_articles(session, {m.article_id for m, _cid in matches}))


#: Passages elsewhere listed on a claim page: a background sentence recurs in thousands of
#: articles, and the page must cost the same for it as for a sentence repeated once.
PASSAGES_LISTED = 10


def _passages_elsewhere(session: Session, claim: Claim
                        ) -> tuple[list[tuple[PassageMatch, int | None]], int]:
    """The ``PASSAGES_LISTED`` best near-identical sentences of other articles (each LSH
    bucket read up to a bound, as the article page does), each with the id of a claim
    covering it if any, and about how many more there are."""
    matches, more = similar_passages_counted(session, claim.text,
                                             exclude_article_id=claim.article_id,
                                             limit=PASSAGES_LISTED)
    more += max(0, len(matches) - PASSAGES_LISTED)
    matches = matches[:PASSAGES_LISTED]
    if not matches:
        return [], more
    # Only the claims covering a match, never every claim of those articles (26,000 in one).
    claims_there = session.execute(
        select(Claim.id, Claim.article_id, Claim.start, Claim.end)
        .where(or_(*(and_(Claim.article_id == m.article_id, Claim.start < m.end,
                          m.start < Claim.end) for m in matches)))
        .order_by(Claim.article_id, Claim.start)).all()
    out = []
    for m in matches:
        covering = next((c.id for c in claims_there if c.article_id == m.article_id
                         and c.start < m.end and m.start < c.end), None)
        out.append((m, covering))
    return out, more
