"""One way to list speakers: the web's list and the API's show the same speakers for the
same words (live ones only, matched on normalised names), each with its own sorts."""

from __future__ import annotations

from claims_app.api import queries
from claims_app.speakers import listing as speaker_listing
from claims_app.speakers import merge as speaker_merge
from claims_app.speakers import services
from claims_app.speakers.models import SpeakerKind


def _web(session, q: str | None) -> set[str]:
    return {r.speaker.name for r in speaker_listing.list_speakers(session, query=q).items}


def _api(session, q: str | None, kind: SpeakerKind | None = None) -> set[str]:
    page = queries.list_speakers(session, q=q, kind=kind, sort="name", page=1, per_page=50)
    return {s.name for s in page.items}


def _people(session) -> None:
    for name in ("Ana López", "Jürgen Müller", "J. Müller", "Reuters Staff"):
        services.create_speaker(session, None, name,
                                kind=SpeakerKind.ORGANIZATION if "Reuters" in name
                                else SpeakerKind.PERSON)


def test_both_lists_leave_out_merged_speakers(session) -> None:
    _people(session)
    by_name = {r.speaker.name: r.speaker for r in speaker_listing.list_speakers(session).items}
    speaker_merge.merge_speakers(session, None, by_name["J. Müller"], by_name["Jürgen Müller"])
    assert "J. Müller" not in _api(session, None)
    assert _api(session, None) == _web(session, None)


def test_both_lists_match_the_normalised_name_not_the_raw_one(session) -> None:
    _people(session)
    for typed in ("lopez", "ANA  LÓPEZ", "muller", "müller"):
        assert _api(session, typed) == _web(session, typed), typed
    assert _api(session, "lopez") == {"Ana López"}
    assert _api(session, "muller") == {"Jürgen Müller", "J. Müller"}


def test_the_api_also_narrows_by_kind(session) -> None:
    _people(session)
    assert _api(session, None, SpeakerKind.ORGANIZATION) == {"Reuters Staff"}
