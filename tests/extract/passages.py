"""What the extraction pass tests share: a passage's claims of one kind, and where a
piece of text stands in it."""

from __future__ import annotations

from claims_app.extract import ExtractedClaim, extract_claims


def direct(body: str) -> list[ExtractedClaim]:
    """The passage's direct quotations."""
    return [c for c in extract_claims(body) if c.kind == "direct"]


def indirect(body: str) -> list[ExtractedClaim]:
    """The passage's reported speech (claims of the indirect kind)."""
    return [c for c in extract_claims(body) if c.kind == "indirect"]


def span(body: str, text: str) -> tuple[int, int]:
    """Where ``text`` first stands in ``body``: (start, end)."""
    start = body.index(text)
    return start, start + len(text)
