"""Claim extraction: quotations and reported speech, with speaker, date and place.

Pure functions on text: no database, no Flask, no I/O.  The importer calls
:func:`extract_claims` on an article body and stores each :class:`ExtractedClaim` unreviewed.
The exceptions are the scoring against gold files (``evaluate``) and its command
(``commands``), which ``init_app`` registers only when an app asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claims_app.extract.model import ExtractedClaim
from claims_app.extract.pipeline import extract_claims

if TYPE_CHECKING:
    from flask import Flask

__all__ = ["ExtractedClaim", "extract_claims", "init_app"]


def init_app(app: Flask) -> None:
    """Register ``claims-app evaluate``."""
    # Here, not at the top: the extractor is imported without Flask or click (workers,
    # benchmarks), and the command needs both.
    from claims_app.extract import commands

    app.cli.add_command(commands.evaluate_command)
