"""The reviewer pages for a quote split around its attribution and for the runner-up speaker:
each segment highlighted (not the words between), and "use this speaker instead"."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim, ClaimKind
from claims_app.claims.services import ClaimInput, create_claim
from claims_app.speakers.models import Speaker
from claims_app.speakers.services import create_speaker
from tests.split_quote import BETWEEN, BODY, FIRST, RUNNER_UP, SECOND, spans
from tests.worlds.builders import make_article, make_speaker


@pytest.fixture
def split(session: Session, users) -> Claim:
    article = make_article(session, BODY, source_name="split.txt", title="Port talks",
                           published=None)
    elmar = make_speaker(session, "Elmar Mammadyarov")
    (a, b), (c, d) = spans()
    claim = create_claim(session, users["editor"], article, ClaimInput(
        start=a, end=d, kind=ClaimKind.DIRECT, speaker_id=elmar.id, segments=[(a, b), (c, d)],
        runner_up=RUNNER_UP, confidence=0.8))
    session.commit()
    return claim


def test_the_article_page_marks_each_segment_once_with_the_claims_anchor_on_the_first(
        client, auth, split) -> None:
    auth.login("viewer")
    page = client.get(f"/articles/{split.article_id}").get_data(as_text=True)
    marks = re.findall(r'<mark class="([^"]*)"([^>]*)>([^<]*)</mark>', page)
    assert [text for _, _, text in marks] == [FIRST, SECOND]
    assert f' id="claim-{split.id}"' in marks[0][1] and " id=" not in marks[1][1]
    assert "claim-part" in marks[1][0] and 'data-part="2/2"' in marks[1][1]
    assert BETWEEN.replace('"', "&#34;") in page  # between the marks, as plain text


def test_the_claim_page_highlights_the_segments_and_not_the_attribution(client, auth,
                                                                        split) -> None:
    auth.login("viewer")
    page = client.get(f"/claims/{split.id}").get_data(as_text=True)
    assert re.findall(r'<mark class="segment">([^<]*)</mark>', page) == [FIRST, SECOND]
    assert '<span class="between">' in page
    (a, b), (c, d) = spans()
    assert f"{a}–{b}, {c}–{d}" in page


def test_the_claim_page_offers_the_runner_up_to_annotators_only(client, auth, split) -> None:
    auth.login("viewer")
    page = client.get(f"/claims/{split.id}").get_data(as_text=True)
    assert "Rizwan Saeed Sheikh" in page and "(score 0.41)" in page
    assert "Use this speaker instead" not in page
    auth.logout()
    auth.login("reviewer")
    page = client.get(f"/claims/{split.id}").get_data(as_text=True)
    assert f'action="/claims/{split.id}/runner-up"' in page
    assert "Use this speaker instead" in page


def test_using_the_runner_up_makes_it_the_speaker_audited_and_drops_it(client, auth, session,
                                                                       split) -> None:
    auth.login("reviewer")
    response = client.post(f"/claims/{split.id}/runner-up", data={"version": split.version})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/claims/{split.id}")
    session.expire_all()
    claim = session.get(Claim, split.id)
    assert claim.speaker.name == "Rizwan Saeed Sheikh"
    assert (claim.runner_up_name, claim.runner_up_score) == (None, None)
    assert claim.segment_texts == [FIRST, SECOND]  # nothing else moved
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "claim", AuditEvent.entity_id == claim.id,
        AuditEvent.action == "update")).one()
    assert event.actor_name == "reviewer"
    assert event.before["runner_up_name"] == "Rizwan Saeed Sheikh"
    assert event.after["speaker_id"] == claim.speaker_id
    page = client.get(f"/claims/{split.id}").get_data(as_text=True)
    assert "Speaker changed from Elmar Mammadyarov to Rizwan Saeed Sheikh." in page
    assert "Use this speaker instead" not in page


def test_the_runner_up_goes_to_a_speaker_already_known_by_that_name(client, auth, session,
                                                                   split) -> None:
    known = create_speaker(session, None, "Rizwan Saeed Sheikh")
    session.commit()
    auth.login("reviewer")
    client.post(f"/claims/{split.id}/runner-up", data={"version": split.version})
    session.expire_all()
    assert session.get(Claim, split.id).speaker_id == known.id
    assert session.scalar(select(Speaker.id).where(
        Speaker.name == "Rizwan Saeed Sheikh", Speaker.id != known.id)) is None


def test_a_stale_version_changes_nothing_and_says_why(client, auth, session, split) -> None:
    auth.login("reviewer")
    # Any version but the stored one is someone else's (0 is no version at all).
    response = client.post(f"/claims/{split.id}/runner-up",
                           data={"version": split.version + 1}, follow_redirects=True)
    assert "Someone else changed this claim after you opened it" in response.get_data(
        as_text=True)
    session.expire_all()
    claim = session.get(Claim, split.id)
    assert claim.speaker.name == "Elmar Mammadyarov"
    assert claim.runner_up_name == "Rizwan Saeed Sheikh"


def test_a_claim_without_a_runner_up_says_so(client, auth, session, split) -> None:
    split.runner_up_name = split.runner_up_score = None
    session.commit()
    auth.login("reviewer")
    response = client.post(f"/claims/{split.id}/runner-up", data={"version": split.version},
                           follow_redirects=True)
    assert "This claim has no other speaker to offer." in response.get_data(as_text=True)


def test_viewers_cannot_use_the_runner_up(client, auth, split) -> None:
    auth.login("viewer")
    assert client.post(f"/claims/{split.id}/runner-up",
                       data={"version": split.version}).status_code == 403


def test_editing_the_speaker_by_hand_drops_the_runner_up(client, auth, session, split) -> None:
    auth.login("reviewer")
    (a, _), (_, d) = spans()
    response = client.post(f"/claims/{split.id}/edit", data={
        "start": a, "end": d, "kind": "direct", "speaker": "Hikmet Hajiyev",
        "create_speaker": "y", "version": split.version})
    assert response.status_code == 302
    session.expire_all()
    claim = session.get(Claim, split.id)
    assert claim.speaker.name == "Hikmet Hajiyev" and claim.runner_up_name is None
    assert claim.segment_texts == [FIRST, SECOND]  # the span was kept, so the segments too


def test_the_edit_form_says_how_the_segments_are_kept(client, auth, split) -> None:
    auth.login("reviewer")
    page = client.get(f"/claims/{split.id}/edit").get_data(as_text=True)
    (a, b), (c, d) = spans()
    assert f"This claim is in 2 segments (characters {a}–{b}, {c}–{d})" in page
    assert "a new span makes it one segment" in page


def test_the_review_queue_shows_the_segments_and_not_the_attribution_as_claimed(
        client, auth, split) -> None:
    auth.login("reviewer")
    page = client.get("/review/").get_data(as_text=True)
    # Each segment is marked in the claim's context; the attribution between them is not.
    assert re.findall(r'<mark class="ctx-claim[^"]*">([^<]*)</mark>', page) == [FIRST, SECOND]
    assert '<span class="between">' in page
