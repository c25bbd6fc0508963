"""Two people editing the same record from the same version: the second save is refused
with a Conflict carrying what the first saved, in the services and through the web."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from claims_app.articles import services as articles
from claims_app.articles.models import Article
from claims_app.claims import services as claims
from claims_app.claims.models import Claim, ClaimKind
from claims_app.errors import Conflict
from claims_app.speakers import services as speakers
from claims_app.speakers.models import Speaker
from tests.conftest import AuthActions

BODY = 'Elmar Mammadyarov said "the talks were useful" on Monday in Doha.'
QUOTE = "the talks were useful"


@pytest.fixture
def second(connection: Connection) -> Iterator[Session]:
    """Another person's session on the same database (it joins the test's transaction
    without savepoints of its own, so the two sessions' savepoints never interleave)."""
    with Session(bind=connection, join_transaction_mode="rollback_only",
                 expire_on_commit=False) as sess:
        yield sess


@pytest.fixture
def records(session: Session, users: dict) -> tuple[int, int, int]:
    article = articles.create_article(session, users["editor"], BODY, {"title": "Doha"})
    speaker = speakers.create_speaker(session, users["editor"], "Elmar Mammadyarov")
    start = BODY.index(QUOTE)
    claim = claims.create_claim(session, users["editor"], article, claims.ClaimInput(
        start=start, end=start + len(QUOTE), kind=ClaimKind.DIRECT, speaker_id=speaker.id))
    session.commit()
    return article.id, claim.id, speaker.id


def _note(claim: Claim, note: str) -> claims.ClaimInput:
    return claims.ClaimInput(start=claim.start, end=claim.end, kind=claim.kind,
                             speaker_id=claim.speaker_id, note=note)


def test_second_claim_save_from_the_same_version_gets_the_first_saved_values(
    session: Session, second: Session, records: tuple[int, int, int],
) -> None:
    mine, theirs = session.get(Claim, records[1]), second.get(Claim, records[1])
    assert mine is not None and theirs is not None
    version = mine.version
    claims.update_claim(session, None, mine, _note(mine, "first"), expected_version=version)
    session.commit()
    with pytest.raises(Conflict) as refused:
        claims.update_claim(second, None, theirs, _note(theirs, "second"),
                            expected_version=version)
    assert refused.value.current["note"] == "first"
    assert refused.value.current["version"] == version + 1


def test_second_speaker_save_from_the_same_version_gets_the_first_saved_values(
    session: Session, second: Session, records: tuple[int, int, int],
) -> None:
    mine, theirs = session.get(Speaker, records[2]), second.get(Speaker, records[2])
    assert mine is not None and theirs is not None
    version = mine.version
    speakers.update_speaker(session, None, mine, {"description": "first"},
                            expected_version=version)
    session.commit()
    with pytest.raises(Conflict) as refused:
        speakers.update_speaker(second, None, theirs, {"description": "second"},
                                expected_version=version)
    assert refused.value.current["description"] == "first"


def test_second_article_save_from_the_same_version_gets_the_first_saved_values(
    session: Session, second: Session, records: tuple[int, int, int],
) -> None:
    mine, theirs = session.get(Article, records[0]), second.get(Article, records[0])
    assert mine is not None and theirs is not None
    version = mine.version
    articles.update_article(session, None, mine, {"title": "first"}, expected_version=version)
    session.commit()
    with pytest.raises(Conflict) as refused:
        articles.update_article(second, None, theirs, {"title": "second"},
                                expected_version=version)
    assert refused.value.current["title"] == "first"


def test_second_web_save_of_a_claim_shows_the_conflict_page_with_both_versions(
    client: FlaskClient, auth: AuthActions, session: Session,
    records: tuple[int, int, int],
) -> None:
    claim = session.get(Claim, records[1])
    assert claim is not None
    form = {"start": str(claim.start), "end": str(claim.end), "text": claim.text,
            "speaker": "Elmar Mammadyarov", "speaker_id": str(records[2]), "kind": "direct",
            "version": str(claim.version), "tags": "", "speaker_role": "", "cue": "",
            "said_where": ""}
    auth.login("reviewer")
    first = client.post(f"/claims/{records[1]}/edit", data={**form, "note": "FIRST-NOTE"})
    assert first.status_code == 302
    again = client.post(f"/claims/{records[1]}/edit", data={**form, "note": "SECOND-NOTE"})
    assert again.status_code == 409
    html = again.get_data(as_text=True)
    assert "FIRST-NOTE" in html and "SECOND-NOTE" in html
