"""Conditions on ``claims`` that several packages share, each defined once here.

``reviewed_condition`` lives with the claims, not with the review queue: the dashboard, the
search and export filters, the desk's "done" and the queue itself all ask whether a claim is
reviewed, and when it lived in ``review.services`` the desk and the queue imported each other
(the queue needs the desk's "assigned to me"; the desk needed "reviewed").
"""

from __future__ import annotations

from sqlalchemy import ColumnElement

from claims_app.claims.models import Claim, ClaimStatus

__all__ = ["reviewed_condition"]


def reviewed_condition() -> ColumnElement[bool]:
    """THE definition of a reviewed claim, as a condition on ``claims``: a reviewer has
    decided on it, so its status is no longer "unreviewed" (accepted, corrected, rejected,
    or given a verdict, which confirms an unreviewed claim). The dashboard's figure, the
    search and export filters, the queue (its complement) and the ClaimReview export all
    use this one expression, so "reviewed" never means two things."""
    return Claim.status != ClaimStatus.UNREVIEWED
