"""Re-running extraction from the article page: the current rules applied, reviewed claims
kept, and a summary of what was added, changed, removed and left."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from claims_app.claims.models import Claim, ClaimOrigin, ClaimStatus
from claims_app.claims.services import ClaimInput, create_claim, set_status, update_claim
from tests.worlds.builders import make_article

BODY = ('Foreign Minister Elmar Mammadyarov said "the talks were useful" on Monday. '
        '"We will meet again soon," the envoy Rizwan Sheikh told journalists.')


def _claims(session, article_id: int) -> list[Claim]:
    return list(session.scalars(select(Claim).where(Claim.article_id == article_id)
                                .order_by(Claim.start)))


def test_article_page_offers_the_button_to_annotators(client, auth, world) -> None:
    auth.login("reviewer")
    page = client.get(f"/articles/{world.first.id}").get_data(as_text=True)
    assert f'action="/articles/{world.first.id}/extract"' in page


def test_viewers_see_no_rerun_button(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get(f"/articles/{world.first.id}").get_data(as_text=True)
    assert "Re-run extraction" not in page


def test_viewers_cannot_rerun_extraction(client, auth, world) -> None:
    auth.login("viewer")
    assert client.post(f"/articles/{world.first.id}/extract").status_code == 403


def test_rerun_proposes_the_missing_claims_and_says_how_many(client, auth, session,
                                                            users) -> None:
    article = make_article(session, BODY, published=dt.date(2020, 1, 1), title=None)
    session.commit()
    auth.login("reviewer")
    response = client.post(f"/articles/{article.id}/extract", follow_redirects=True)
    assert ("Extraction re-run: 2 added, 0 changed, 0 removed, 0 unchanged; 0 left as "
            "reviewers made them." in response.get_data(as_text=True))
    assert [c.text for c in _claims(session, article.id)] == [
        '"the talks were useful" on Monday', "We will meet again soon"]


def test_rerun_keeps_a_reviewed_claim_and_adds_no_duplicates(client, auth, session,
                                                            users) -> None:
    article = make_article(session, BODY, published=dt.date(2020, 1, 1), title=None)
    session.commit()
    auth.login("reviewer")
    client.post(f"/articles/{article.id}/extract")
    useful = _claims(session, article.id)[0]
    update_claim(session, users["reviewer"], useful, ClaimInput(
        start=useful.start, end=useful.end, kind=useful.kind, text=useful.text,
        speaker_id=None, note="checked against the ministry transcript"),
        expected_version=None)
    set_status(session, users["reviewer"], useful, ClaimStatus.CONFIRMED)
    session.commit()
    before = (useful.version, useful.note, useful.speaker_id, useful.status)
    response = client.post(f"/articles/{article.id}/extract", follow_redirects=True)
    assert ("Extraction re-run: 0 added, 0 changed, 0 removed, 1 unchanged; 1 left as "
            "reviewers made it." in response.get_data(as_text=True))
    session.expire_all()
    again = session.get(Claim, useful.id)
    assert (again.version, again.note, again.speaker_id, again.status) == before
    assert session.scalar(select(func.count(Claim.id))
                          .where(Claim.article_id == article.id)) == 2


def test_rerun_makes_new_claims_searchable(client, auth, session, users) -> None:
    article = make_article(session, BODY, published=dt.date(2020, 1, 1), title=None)
    session.commit()
    auth.login("reviewer")
    client.post(f"/articles/{article.id}/extract")
    page = client.get("/search/?q=useful&type=claim").get_data(as_text=True)
    assert "1 result" in page


def test_rerun_does_not_repropose_a_claim_whose_span_a_reviewer_narrowed(client, auth, session,
                                                                        users) -> None:
    article = make_article(session, BODY, published=dt.date(2020, 1, 1), title=None)
    session.commit()
    auth.login("reviewer")
    client.post(f"/articles/{article.id}/extract")
    useful = _claims(session, article.id)[0]
    start = BODY.index("talks were useful")
    update_claim(session, users["reviewer"], useful, ClaimInput(
        start=start, end=start + len("talks were useful"), kind=useful.kind,
        speaker_id=useful.speaker_id), expected_version=None)
    session.commit()
    client.post(f"/articles/{article.id}/extract")
    assert [c.text for c in _claims(session, article.id)] == [
        "talks were useful", "We will meet again soon"]


def test_rerun_applies_new_rules_but_leaves_a_confirmed_claim_and_says_so(
        client, auth, session, users, monkeypatch) -> None:
    """The split quote: the old proposal of its first half was confirmed, so the new rules'
    one-claim version is not made; the untouched statement beside it is brought up to date."""
    from tests.split_quote import BODY as SPLIT_BODY
    from tests.split_quote import FIRST, calm_claim, split_claim, use_extractor

    use_extractor(monkeypatch, lambda body: [split_claim(body), calm_claim(body)])
    article = make_article(session, SPLIT_BODY, published=dt.date(2021, 4, 6), title=None)
    first = SPLIT_BODY.index(FIRST)
    confirmed = create_claim(session, users["reviewer"], article, ClaimInput(
        start=first, end=first + len(FIRST), kind="direct"), origin=ClaimOrigin.EXTRACTED)
    set_status(session, users["reviewer"], confirmed, ClaimStatus.CONFIRMED)
    session.commit()
    auth.login("reviewer")
    page = client.post(f"/articles/{article.id}/extract",
                       follow_redirects=True).get_data(as_text=True)
    assert ("Extraction re-run: 1 added, 0 changed, 0 removed, 0 unchanged; 1 left as "
            "reviewers made it." in page)
    assert [c.text for c in _claims(session, article.id)] == [FIRST, "the border was calm"]
    session.expire_all()
    assert session.get(Claim, confirmed.id).status is ClaimStatus.CONFIRMED
