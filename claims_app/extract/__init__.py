"""Claim extraction: quotations and reported speech, with speaker, date and place.

Pure functions on text: no database, no Flask, no I/O.  The importer calls
:func:`extract_claims` on an article body and stores each :class:`ExtractedClaim` unreviewed.
"""

from claims_app.extract.model import ExtractedClaim
from claims_app.extract.pipeline import extract_claims

__all__ = ["ExtractedClaim", "extract_claims"]
