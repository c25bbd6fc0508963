"""What a search asks: the query as normalised tokens, and the filters narrowing it.

**Query syntax.** Words are ANDed; ``"double quoted"`` words form a phrase; ``word*`` is a
prefix; a hyphenated or apostrophised word ("Nagorno-Karabakh", "they'll") is a phrase of its
parts. Nothing else is syntax: operators, brackets and stray quotes are treated as text, so no
input can make the engine's query parser fail (every token passed down is alphanumeric).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from claims_app.claims.models import ClaimKind, ClaimStatus
from claims_app.crossref.models import SearchEntity
from claims_app.crossref.passages import tokens
from claims_app.textnorm import fold

__all__ = ["MAX_QUERY_TOKENS", "ParsedQuery", "SearchFilters", "parse_query"]

MAX_QUERY_TOKENS = 32


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query as normalised tokens: every term, phrase and prefix must match."""

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    prefixes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.terms or self.phrases or self.prefixes)

    @property
    def words(self) -> frozenset[str]:
        return frozenset(self.terms) | {w for p in self.phrases for w in p}

    def fts5(self) -> str:
        """An FTS5 MATCH expression; every token is alphanumeric and double-quoted."""
        parts = [f'"{t}"' for t in self.terms]
        parts += ['"' + " ".join(p) + '"' for p in self.phrases]
        parts += [f'"{p}"*' for p in self.prefixes]
        return " AND ".join(parts)

    def tsquery(self) -> str:
        """A PostgreSQL ``to_tsquery`` expression over the same alphanumeric tokens."""
        parts = [f"'{t}'" for t in self.terms]
        parts += ["(" + " <-> ".join(f"'{w}'" for w in p) + ")" for p in self.phrases]
        parts += [f"'{p}':*" for p in self.prefixes]
        return " & ".join(parts)

    def fts5_any(self) -> str:
        """Like :meth:`fts5`, but any one term, phrase or prefix suffices."""
        return self.fts5().replace(" AND ", " OR ")

    def tsquery_any(self) -> str:
        return self.tsquery().replace(" & ", " | ")


_QUERY_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')


def parse_query(query: str) -> ParsedQuery:
    """Split user input into terms, phrases and prefixes; never fails (see module docstring)."""
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []
    budget = MAX_QUERY_TOKENS
    for m in _QUERY_PART.finditer(fold(query or "")):
        quoted, bare = m.group(1), m.group(2)
        prefix = bare is not None and bare.endswith("*")
        toks = tokens(quoted if quoted is not None else bare)[:budget]
        if not toks:
            continue
        budget -= len(toks)
        if prefix and len(toks) == 1:
            prefixes.append(toks[0])
        elif len(toks) == 1:
            terms.append(toks[0])
        else:
            phrases.append(tuple(toks))
        if budget <= 0:
            break
    return ParsedQuery(tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(phrases)),
                       tuple(dict.fromkeys(prefixes)))


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing a search. A filter applies to the records it describes, and records it cannot
    describe are left out: ``status`` keeps claims only, ``outlet_id`` claims and articles,
    ``speaker_id`` the speaker, their claims and the articles quoting them. Said dates are the
    claim's ``said_on``, else its article's publication date."""

    entities: frozenset[SearchEntity] | None = None
    speaker_id: int | None = None
    outlet_id: int | None = None
    kind: ClaimKind | str | None = None
    status: ClaimStatus | str | None = None
    reviewed: bool | None = None  # claims.conditions.reviewed_condition, or its complement
    tag: str | None = None
    said_from: dt.date | None = None
    said_to: dt.date | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None

    @property
    def claims_only(self) -> bool:
        return any(v is not None for v in (self.kind, self.status, self.reviewed, self.tag,
                                            self.said_from, self.said_to))

    @property
    def needs_article(self) -> bool:
        return any(v is not None for v in (self.outlet_id, self.published_from,
                                            self.published_to))

    @property
    def narrows_records(self) -> bool:
        """Whether a filter looks beyond the search document itself (at its claim, article or
        speaker); without one, the index alone answers the query."""
        return self.claims_only or self.needs_article or self.speaker_id is not None

    def chosen_entities(self) -> set[SearchEntity]:
        """The record types these filters can describe (see the class docstring)."""
        entities = set(self.entities or SearchEntity)
        if self.claims_only:
            entities &= {SearchEntity.CLAIM}
        if self.needs_article:
            entities -= {SearchEntity.SPEAKER}
        return entities
