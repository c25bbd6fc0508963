"""Requests racing to create the same shared record (issue 15, item 4): ten API PATCHes at
once naming one new speaker, with one new role and one new tag, make one speaker, one role
and one tag, and every request succeeds. Real threads, real transactions, each engine.

And the unique key behind it: two live speakers can never share a name key (merged ones
aside), whatever path tries.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claims_app.accounts.models import Role
from claims_app.accounts.services import create_user
from claims_app.api.tokens import create_token
from claims_app.articles import services as articles
from claims_app.claims import services as claims
from claims_app.claims.models import Claim, ClaimKind, Tag
from claims_app.db import get_db
from claims_app.errors import InvalidInput
from claims_app.speakers import services as speakers
from claims_app.speakers.models import Speaker, SpeakerRole
from tests.support import TEST_PASSWORD, in_threads, isolated_app

PARALLEL = 10


@pytest.fixture
def own_app(database_kind: str, tmp_path: Path) -> Iterator[Flask]:
    with isolated_app(database_kind, tmp_path) as app:
        yield app


def _claims_and_token(app: Flask) -> tuple[list[tuple[int, int]], str]:
    """Ten claims in one article, and an editor's API token; committed."""
    body = " ".join(f'Someone said "point number {i} stands" today.' for i in range(PARALLEL))
    with get_db(app).write_sessionmaker() as s, s.begin():
        editor = create_user(s, None, "racer", TEST_PASSWORD, Role.EDITOR)
        article = articles.create_article(s, editor, body, {"title": "Race"})
        made = []
        for i in range(PARALLEL):
            quote = f"point number {i} stands"
            start = body.index(quote)
            made.append(claims.create_claim(s, editor, article, claims.ClaimInput(
                start=start, end=start + len(quote), kind=ClaimKind.DIRECT)))
        _token, plaintext = create_token(s, editor, "race")
        s.flush()
        ids = [(c.id, c.version) for c in made]
    return ids, plaintext


def test_ten_parallel_patches_naming_one_new_speaker_make_one_speaker_and_no_error(
    own_app: Flask,
) -> None:
    ids, token = _claims_and_token(own_app)

    def patch(claim_id: int, version: int) -> tuple[int, Any]:
        response = own_app.test_client().patch(
            f"/api/v1/claims/{claim_id}", headers={"Authorization": f"Bearer {token}"},
            json={"version": version, "speaker_name": "Nargiz Aliyeva",
                  "speaker_role": "Deputy Minister of Culture", "tags": ["bridge talks"]})
        return response.status_code, response.get_json()

    answers = in_threads(*[lambda c=c, v=v: patch(c, v) for c, v in ids])

    assert [status for status, _body in answers] == [200] * PARALLEL, answers
    with get_db(own_app).sessionmaker() as s:
        named = list(s.scalars(select(Speaker).where(Speaker.name_key == "nargiz aliyeva")))
        assert len(named) == 1
        assert s.scalar(select(func.count(SpeakerRole.id))) == 1
        assert s.scalar(select(func.count(Tag.id))) == 1
        attributed = set(s.scalars(select(Claim.speaker_id)))
    assert attributed == {named[0].id}


def test_ten_parallel_tag_saves_share_one_new_tag(own_app: Flask) -> None:
    ids, token = _claims_and_token(own_app)

    def patch(claim_id: int, version: int) -> int:
        return own_app.test_client().patch(
            f"/api/v1/claims/{claim_id}", headers={"Authorization": f"Bearer {token}"},
            json={"version": version, "tags": ["new shared tag"]}).status_code

    statuses = in_threads(*[lambda c=c, v=v: patch(c, v) for c, v in ids])

    assert statuses == [200] * PARALLEL
    with get_db(own_app).sessionmaker() as s:
        assert list(s.scalars(select(Tag.name))) == ["new shared tag"]


# --- the unique key itself (in the test's transaction) ---------------------------------------

def test_the_database_refuses_a_second_live_speaker_with_the_same_name_key(
    session: Session,
) -> None:
    speakers.create_speaker(session, None, "Anar Valiyev")
    session.flush()
    with pytest.raises(IntegrityError), session.begin_nested():
        session.execute(text(
            "INSERT INTO speakers (name, name_key, kind, version, created_at, updated_at) "
            "VALUES ('ANAR  Valiyev', 'anar valiyev', 'person', 1, CURRENT_TIMESTAMP, "
            "CURRENT_TIMESTAMP)"))


def test_a_merged_speaker_keeps_its_name_beside_a_live_one(session: Session) -> None:
    first = speakers.create_speaker(session, None, "Anar Valiyev")
    second = speakers.create_speaker(session, None, "A. Valiyev")
    speakers.merge_speakers(session, None, second, first)
    speakers.update_speaker(session, None, second, {"name": "Anar Valiyev"},
                            expected_version=None)
    session.flush()
    assert second.merged_into_id == first.id and second.name_key == first.name_key


def test_creating_or_renaming_onto_a_taken_name_is_refused_beside_the_field(
    session: Session,
) -> None:
    taken = speakers.create_speaker(session, None, "Anar Valiyev")
    other = speakers.create_speaker(session, None, "Leyla Abdullayeva")
    with pytest.raises(InvalidInput) as refused:
        speakers.create_speaker(session, None, "anar  VALIYEV")
    assert refused.value.field == "name" and f"Speaker {taken.id}" in refused.value.message
    with pytest.raises(InvalidInput) as renamed:
        speakers.update_speaker(session, None, other, {"name": "Anar Valiyev"},
                                expected_version=None)
    assert renamed.value.field == "name"


def test_the_api_answers_422_for_a_second_speaker_of_the_same_name(
    client: Any, session: Session, users: dict[str, Any],
) -> None:
    _token, plaintext = create_token(session, users["editor"], "t")
    session.commit()
    headers = {"Authorization": f"Bearer {plaintext}"}
    assert client.post("/api/v1/speakers", json={"name": "Anar Valiyev"},
                       headers=headers).status_code == 201
    again = client.post("/api/v1/speakers", json={"name": "Anar Valiyev"}, headers=headers)
    assert again.status_code == 422
    assert again.get_json()["field"] == "name"


@pytest.fixture
def empty_session(database_kind: str, tmp_path: Path) -> Iterator[Session]:
    from claims_app import migrate
    from claims_app.db import make_engine
    from tests.support import drop_postgres_database, new_database_url

    url = new_database_url(database_kind, tmp_path)
    engine = make_engine(url)
    try:
        migrate.upgrade(engine, "head")
        with Session(engine, expire_on_commit=False) as sess:
            yield sess
    finally:
        engine.dispose()
        if database_kind == "postgresql":
            drop_postgres_database(url)


def test_restore_keeps_a_merged_speaker_beside_its_same_named_target(
    session: Session, empty_session: Session,
) -> None:
    """A merged speaker may share its target's name; restoring the export must store it
    merged from the start (targets first), or the unique key refuses the file."""
    import io

    from claims_app.ingest.load_export import load_export
    from tests.export.exporting import export_text

    first = speakers.create_speaker(session, None, "Anar Valiyev")
    second = speakers.create_speaker(session, None, "A. Valiyev")
    speakers.merge_speakers(session, None, second, first)
    speakers.update_speaker(session, None, second, {"name": "Anar Valiyev"},
                            expected_version=None)
    session.commit()
    load_export(empty_session, io.StringIO(export_text(session, "json")))
    empty_session.commit()
    rows = {(s.id, s.name_key, s.merged_into_id) for s in empty_session.scalars(
        select(Speaker).where(Speaker.name_key == "anar valiyev"))}
    assert rows == {(first.id, "anar valiyev", None), (second.id, "anar valiyev", first.id)}
