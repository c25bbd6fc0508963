"""The record the extractor hands to the importer: one proposed claim with its evidence."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

__all__ = ["ExtractedClaim", "DIRECT", "INDIRECT", "PERSON", "ORGANIZATION"]

DIRECT = "direct"
INDIRECT = "indirect"
PERSON = "person"
ORGANIZATION = "organization"


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """A claim proposed for review, anchored to ``body[start:end]`` of the article body.

    ``text`` is always exactly ``body[start:end]``.  For a direct quote it is the words inside the
    quotation marks (no marks, no trailing comma that stands in for a full stop).  For an indirect
    claim it is the reported content: the clause after the cue ("X said that A." gives "A"), or
    the clause before a trailing attribution ("A, X said." gives "A"), without the final period.
    ``confidence`` says how sure the rules were, so reviewers can triage; nothing is accepted
    without review.

    ``segments`` lists the pieces of a quotation split around its attribution
    (``"A," X said. "B."`` is one claim whose segments are A and B); empty means the single
    segment ``start..end``.  ``runner_up`` is the second-best speaker and its score when the
    rules found two candidates close together, so a reviewer can switch with one click.
    """

    kind: str
    text: str
    start: int
    end: int
    speaker_name: str | None
    speaker_kind: str
    speaker_role: str | None
    speaker_aliases: tuple[str, ...]
    cue: str | None
    confidence: float
    said_on: datetime.date | None
    said_on_basis: str
    said_where: str | None
    segments: tuple[tuple[int, int], ...] = ()
    runner_up: tuple[str, float] | None = None
