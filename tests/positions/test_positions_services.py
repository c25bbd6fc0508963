"""Changes of position on the pages: proposed on the speaker page and the claim page;
confirming makes a ``contradicts`` link through the link service (audited); dismissing is
remembered (audited) and the pair is not proposed again; a stale page decides nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from claims_app.audit.models import AuditEvent
from claims_app.claims.models import ClaimLink, LinkType
from claims_app.positions import services as positions
from claims_app.positions.models import PositionDismissal
from claims_app.positions.services import (
    claim_position_changes,
    speaker_position_changes,
)
from claims_app.speakers.services import create_speaker
from tests.worlds.builders import make_article, make_claim

EARLY = "Turkey supports the ceasefire proposed by the Minsk Group."
LATE = "Turkey opposes the ceasefire proposed by the Minsk Group."
OTHER = "Turkey will build a new airport in Nakhchivan."


def _pair(session):
    erdogan = create_speaker(session, None, "Recep Tayyip Erdogan")
    first = make_article(session, f'President Erdogan said "{EARLY}" on Friday. {OTHER}',
                         published=dt.date(2020, 10, 2))
    second = make_article(session, f'President Erdogan said "{LATE}" on Tuesday.',
                          published=dt.date(2020, 10, 20))
    early = make_claim(session, first, EARLY, erdogan)
    late = make_claim(session, second, LATE, erdogan)
    make_claim(session, first, OTHER, erdogan)
    session.commit()
    return erdogan, early, late


def _form(early, late, **extra):
    return {"earlier_version": early.version, "later_version": late.version,
            "kind": "stance", **extra}


def test_both_pages_propose_the_pair_side_by_side(client, auth, session, users) -> None:
    erdogan, early, late = _pair(session)
    [change] = speaker_position_changes(session, erdogan.id)
    assert (change.earlier.id, change.later.id, change.change.kind) == (early.id, late.id,
                                                                        "stance")
    assert [c.later.id for c in claim_position_changes(session, early)] == [late.id]
    auth.login("reviewer")
    for url in (f"/speakers/{erdogan.id}", f"/claims/{early.id}"):
        html = client.get(url).get_data(as_text=True)
        assert f'data-earlier="{early.id}" data-later="{late.id}"' in html
        assert "Possible change of position" in html and "2 October 2020" in html


def test_confirming_makes_a_contradicts_link_through_the_link_service(client, auth, session,
                                                                      users) -> None:
    erdogan, early, late = _pair(session)
    auth.login("reviewer")
    response = client.post(f"/positions/{early.id}/{late.id}/confirm",
                           data=_form(early, late, next=f"/speakers/{erdogan.id}"))
    assert response.status_code == 303 and response.location.endswith(
        f"/speakers/{erdogan.id}")
    link = session.scalars(select(ClaimLink)).one()
    assert (link.source_claim_id, link.target_claim_id, link.link_type) == (
        late.id, early.id, LinkType.CONTRADICTS)
    assert link.created_by_id == users["reviewer"].id
    assert session.scalar(select(AuditEvent.action).where(
        AuditEvent.entity_type == "claimlink")) == "link"
    assert speaker_position_changes(session, erdogan.id) == []  # decided: not proposed again


def test_dismissing_is_remembered_and_audited(client, auth, session, users) -> None:
    erdogan, early, late = _pair(session)
    auth.login("reviewer")
    response = client.post(f"/positions/{early.id}/{late.id}/dismiss", data=_form(early, late))
    assert response.status_code == 303
    dismissal = session.scalars(select(PositionDismissal)).one()
    assert (dismissal.first_claim_id, dismissal.second_claim_id) == (early.id, late.id)
    assert dismissal.dismissed_by_id == users["reviewer"].id
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "positiondismissal")).one()
    assert event.action == "dismiss" and event.actor_name == "reviewer"
    assert speaker_position_changes(session, erdogan.id) == []
    assert claim_position_changes(session, late) == []
    assert session.scalars(select(ClaimLink)).all() == []
    html = client.get(f"/speakers/{erdogan.id}").get_data(as_text=True)
    assert "None proposed" in html


def test_a_stale_or_versionless_decision_changes_nothing(client, auth, session, users) -> None:
    _erdogan, early, late = _pair(session)
    auth.login("reviewer")
    stale = _form(early, late, later_version=late.version + 1)
    client.post(f"/positions/{early.id}/{late.id}/confirm", data=stale)
    client.post(f"/positions/{early.id}/{late.id}/dismiss", data={"kind": "stance"})
    assert session.scalars(select(ClaimLink)).all() == []
    assert session.scalars(select(PositionDismissal)).all() == []


def test_a_viewer_cannot_decide(client, auth, session, users) -> None:
    _erdogan, early, late = _pair(session)
    auth.login("viewer")
    response = client.post(f"/positions/{early.id}/{late.id}/confirm", data=_form(early, late))
    assert response.status_code == 403
    assert session.scalars(select(ClaimLink)).all() == []


def test_the_speaker_page_compares_only_the_newest_claims_read_as_bounded_ranges(
        session, users, monkeypatch, count_queries) -> None:
    # The speaker's newest CLAIMS_COMPARED claims, dated by their own day or their article's,
    # are compared; older ones are not read at all (one range per speaker id).
    erdogan, early, late = _pair(session)
    newer = make_article(session, "Erdogan spoke on Sunday. Turkey will open a consulate in "
                         "Shusha next spring.", published=dt.date(2020, 11, 1))
    make_claim(session, newer, "Turkey will open a consulate in Shusha next spring", erdogan)
    session.commit()
    monkeypatch.setattr(positions, "CLAIMS_COMPARED", 4)
    assert [c.later.id for c in speaker_position_changes(session, erdogan.id)] == [late.id]
    # the early claim and OTHER share 2 October; OTHER is newer by id, so with three the
    # early claim is left out
    monkeypatch.setattr(positions, "CLAIMS_COMPARED", 3)
    before = count_queries()
    assert speaker_position_changes(session, erdogan.id) == []
    assert count_queries() - before <= 3


def _no_comparing(*_args, **_kwargs):
    raise AssertionError("compared again though nothing changed")


@pytest.mark.parametrize("page", ["speaker", "claim"])
def test_a_pages_proposals_are_remembered_until_a_decision_changes_them(
        client, auth, session, users, monkeypatch, page) -> None:
    # A warm view compares nothing (the speaker page's panel comes from
    # speaker_changes_cache, the claim page's from claim_changes_cache); dismissing the pair
    # is an audit event, so the next view computes the proposals again without it.
    erdogan, early, late = _pair(session)
    if page == "speaker":
        path = f"/speakers/{erdogan.id}"

        def later_ids() -> list[int]:
            return [c.later.id for c in speaker_position_changes(session, erdogan.id)]
    else:
        path = f"/claims/{early.id}"

        def later_ids() -> list[int]:
            return [c.later.id for c in claim_position_changes(session, early)]
    assert later_ids() == [late.id]
    monkeypatch.setattr(positions, "propose", _no_comparing)
    auth.login("reviewer")
    html = client.get(path).get_data(as_text=True)
    assert f'data-earlier="{early.id}" data-later="{late.id}"' in html
    monkeypatch.undo()
    client.post(f"/positions/{early.id}/{late.id}/dismiss", data=_form(early, late))
    assert later_ids() == []


def test_the_speaker_page_states_how_many_claims_were_compared_and_pairs_found(
        client, auth, session, users, monkeypatch) -> None:
    erdogan, early, late = _pair(session)
    again = make_article(session, f'Erdogan repeated: "{EARLY}"', published=dt.date(2020, 10, 9))
    make_claim(session, again, EARLY, erdogan)
    session.commit()
    auth.login("reviewer")
    html = client.get(f"/speakers/{erdogan.id}").get_data(as_text=True)
    assert "position-bounds" not in html  # all 4 claims compared, both pairs listed
    monkeypatch.setattr(positions, "LISTED", 1)
    html = client.get(f"/speakers/{erdogan.id}").get_data(as_text=True)
    assert "Listed: 1 of 2 pairs found" in html
    monkeypatch.setattr(positions, "CLAIMS_COMPARED", 2)
    html = client.get(f"/speakers/{erdogan.id}").get_data(as_text=True)
    assert "newest 2 claims with a known date, of 4" in html
