"""A person's claim actions: annotate a span, revise a claim, take the extractor's runner-up
speaker. Web, API and CLI call these same functions, so the speaker typed is found (or
created, when asked) by one rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims_app.accounts.models import User
from claims_app.articles.models import Article
from claims_app.claims.models import (
    Claim,
    ClaimOrigin,
    ClaimStatus,
)
from claims_app.claims.services import (
    ClaimInput,
    check_version,
    create_claim,
    set_status,
    update_claim,
)
from claims_app.errors import InvalidInput
from claims_app.speakers.models import Speaker, SpeakerKind
from claims_app.speakers.names import name_key
from claims_app.speakers.resolve import find_speaker, resolve_speaker


@dataclass(frozen=True)
class SpeakerChoice:
    """Who a person typed as the speaker: a name, perhaps a picked id, and whether a name
    nobody has yet may become a new speaker. With ``create_new`` the name is resolved as
    extraction resolves names, noting ``role`` (held on ``seen_on``) on the speaker."""

    name: str | None = None
    speaker_id: int | None = None
    create_new: bool = False
    role: str | None = None
    seen_on: dt.date | None = None
    new_kind: SpeakerKind = SpeakerKind.PERSON  # what a speaker created from the claim is


def speaker_from_choice(
    session: Session, actor: User | None, choice: SpeakerChoice
) -> Speaker | None:
    """The speaker meant: the picked one when its name fits what was typed, else the one the
    name or an alias refers to, else (only when asked) a new one. No name: unattributed."""
    name = " ".join((choice.name or "").split())
    if not name:
        return None
    if choice.speaker_id is not None:
        picked = session.scalar(select(Speaker).where(Speaker.id == choice.speaker_id)
                                .options(selectinload(Speaker.aliases)))
        key = name_key(name)
        if picked is not None and (picked.name_key == key
                                   or any(a.alias_key == key for a in picked.aliases)):
            return picked
    if choice.create_new:  # finds the speaker the name refers to first, as find_speaker
        return resolve_speaker(session, actor, name, kind=choice.new_kind, role=choice.role,
                               seen_on=choice.seen_on)
    found = find_speaker(session, name)
    if found is not None:
        return found
    raise InvalidInput(
        f"No speaker is called “{name}”. Pick one from the suggestions, or tick "
        "“create a new speaker”.", field="speaker")


def annotate_claim(
    session: Session, actor: User | None, article: Article, data: ClaimInput,
    speaker: SpeakerChoice | None = None,
) -> Claim:
    """A claim a person marked in an article by hand (the web's annotate form, the API's
    POST), with its speaker found or created from ``speaker``; without one,
    ``data.speaker_id`` is the speaker (checked to exist)."""
    if speaker is not None:
        with session.no_autoflush:
            who = speaker_from_choice(session, actor, speaker)
        data.speaker_id = who.id if who else None
    return create_claim(session, actor, article, data, origin=ClaimOrigin.MANUAL)


def revise_claim(
    session: Session, actor: User | None, claim: Claim, data: ClaimInput,
    speaker: SpeakerChoice | None = None, *, expected_version: int | None,
    mark_corrected: bool = False,
) -> Claim:
    """Save a person's edit of a claim (span re-anchored from the body): the web's edit
    form and the API's PATCH. The speaker as in ``annotate_claim``; from the review queue's
    "correct" it also marks the claim corrected."""
    check_version(claim, expected_version)
    if speaker is not None:
        who = speaker_from_choice(session, actor, speaker)
        data.speaker_id = who.id if who else None
    update_claim(session, actor, claim, data, expected_version=None)
    if mark_corrected:
        set_status(session, actor, claim, ClaimStatus.CORRECTED)
    return claim


def stored_input(claim: Claim) -> ClaimInput:
    """A claim's stored values as an edit would send them unchanged (segments kept)."""
    return ClaimInput(
        start=claim.start, end=claim.end, kind=claim.kind, text=claim.text,
        speaker_id=claim.speaker_id, speaker_role=claim.speaker_role, cue=claim.cue,
        said_on=claim.said_on, said_on_basis=claim.said_on_basis, said_where=claim.said_where,
        note=claim.note, tags=[t.name for t in claim.tags],
        segments=claim.spans if claim.segments else None)


def use_runner_up(
    session: Session, actor: User | None, claim: Claim, *, expected_version: int | None,
) -> Claim:
    """Make the speaker the extractor nearly chose the claim's speaker (the claim page's
    one-click alternative). It is an edit like any other (``revise_claim``: version-checked,
    audited as an update, re-indexed); the name is found among the speakers or becomes a
    new one, and the runner-up is then dropped, the question being settled."""
    name = claim.runner_up_name
    if not name:
        raise InvalidInput("This claim has no other speaker to offer.", field="speaker")
    return revise_claim(session, actor, claim, stored_input(claim),
                        SpeakerChoice(name=name, create_new=True),
                        expected_version=expected_version)
