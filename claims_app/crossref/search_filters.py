"""What the search page needs besides the search itself: the speaker filter's lookup."""

from __future__ import annotations

from sqlalchemy.orm import Session

from claims_app.accounts.security import int_or_none
from claims_app.speakers.models import Speaker
from claims_app.speakers.services import find_speaker


def speaker_for_filter(session: Session, value: str) -> Speaker | None:
    """A speaker named in the filter box: a number is an id, anything else a name or alias."""
    value = value.strip()
    if value.isdigit():  # beyond any id (or a digit int() cannot read, e.g. "²"): nobody
        number = int_or_none(value)
        return session.get(Speaker, number) if number is not None else None
    return find_speaker(session, value)
