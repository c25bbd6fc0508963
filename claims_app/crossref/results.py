"""What a search answers: found records with their snippets, a page of them, and the claims
the picker offers."""

from __future__ import annotations

from dataclasses import dataclass, field

from claims_app.crossref.models import SearchEntity
from claims_app.crossref.query import ParsedQuery
from claims_app.crossref.snippets import Piece
from claims_app.web.pagination import Page

__all__ = ["PickedClaim", "SearchHit", "SearchResults", "SpeakerClaim"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One found record. ``snippet`` is text pieces flagged as matches, for safe escaping."""

    entity: SearchEntity
    id: int
    title: str
    snippet: list[Piece]
    score: float
    article_id: int | None = None
    speaker_id: int | None = None
    # An article's or a claim's article's title as lists show it (``article_title`` filter):
    display_title: str = ""
    title_is_derived: bool = False
    who: str | None = None  # a claim's speaker, "Unattributed" when none
    # A speaker's latest claims (at most SPEAKER_CLAIMS) and how many they have in all:
    # a search for a name or an alias finds what the person said, not only the person.
    claims: tuple[SpeakerClaim, ...] = ()
    claim_count: int = 0


@dataclass(frozen=True, slots=True)
class SpeakerClaim:
    """One of a found speaker's claims, as the results list shows it."""

    id: int
    text: str
    article_id: int


@dataclass(frozen=True)
class SearchResults(Page[SearchHit]):
    """A page of hits (``items``, also ``hits``) with the parsed query. ``total`` is exact
    up to :data:`COUNT_LIMIT`; beyond it ``capped`` is set and ``total_label`` reads
    "more than 1,000" (see :class:`claims_app.web.pagination.Page`). ``windowed`` says the query
    matched more than :data:`RANK_WINDOW` documents and only that many, the most recently
    indexed, were ranked, counted and paged through; ``window`` is then that number."""

    query: ParsedQuery = field(default_factory=ParsedQuery)
    windowed: bool = False
    window: int | None = None

    @property
    def hits(self) -> list[SearchHit]:
        return self.items

    @property
    def ids(self) -> list[tuple[str, int]]:
        return [(h.entity.value, h.id) for h in self.items]


@dataclass(frozen=True, slots=True)
class PickedClaim:
    """One claim the picker offers: enough to recognise it without opening it."""

    id: int
    text: str
    speaker: str | None
    article_title: str
    title_is_derived: bool
    why: str  # "text", "speaker" or "article": what the typed words matched
