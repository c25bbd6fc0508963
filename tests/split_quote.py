"""A hand-written article with a quote split around its attribution, ``"A," X said. "B."``,
and the one claim (two segments, a runner-up speaker) an extractor proposes for it.

The tests of storage, review and export feed this claim to the importer themselves (see
``fake_extractor``), so they do not depend on the extraction rules of the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from claims_app.extract import ExtractedClaim

FIRST = "We will rebuild the port"
SECOND = "The work starts in May and ends in spring."
BODY = (f'Officials met in Baku on Monday.\n"{FIRST}," Elmar Mammadyarov said. "{SECOND}"\n'
        "The ministry said the border was calm.")
BETWEEN = '," Elmar Mammadyarov said. "'
PUBLISHED = dt.date(2021, 4, 6)
RUNNER_UP = ("Rizwan Saeed Sheikh", 0.41)


def spans(body: str = BODY) -> list[tuple[int, int]]:
    first = body.index(FIRST)
    second = body.index(SECOND)
    return [(first, first + len(FIRST)), (second, second + len(SECOND))]


def split_claim(body: str = BODY, *, speaker: str = "Elmar Mammadyarov",
                runner_up: tuple[str, float] | None = RUNNER_UP,
                confidence: float = 0.8) -> ExtractedClaim:
    """The claim an extractor proposes for the split quote (text = the outer span)."""
    (start, _), (_, end) = spans(body)
    return ExtractedClaim(
        kind="direct", text=body[start:end], start=start, end=end, speaker_name=speaker,
        speaker_kind="person", speaker_role=None, speaker_aliases=(), cue="said",
        confidence=confidence, said_on=PUBLISHED, said_on_basis="publication",
        said_where=None, segments=tuple(spans(body)), runner_up=runner_up)


def calm_claim(body: str = BODY) -> ExtractedClaim:
    """A plain one-segment claim later in the same article."""
    text = "the border was calm"
    start = body.index(text)
    return ExtractedClaim(
        kind="indirect", text=text, start=start, end=start + len(text),
        speaker_name="Ministry of Foreign Affairs", speaker_kind="organization",
        speaker_role=None, speaker_aliases=(), cue="said", confidence=0.6, said_on=PUBLISHED,
        said_on_basis="publication", said_where=None)


Proposer = Callable[[str], list[ExtractedClaim]]


def use_extractor(monkeypatch: pytest.MonkeyPatch, propose: Proposer) -> None:
    """Make the importer and re-extraction see ``propose(body)`` as the extractor's output."""

    def extract(body: str, **_kw: Any) -> list[ExtractedClaim]:
        return propose(body)

    monkeypatch.setattr("claims_app.ingest.planning.extract_claims", extract)
    monkeypatch.setattr("claims_app.ingest.rerun.extract_claims", extract)
