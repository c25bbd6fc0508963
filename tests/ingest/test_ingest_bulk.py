"""The importer's bulk path (issue 8): a batch is written in a few statements whatever its
size, it finds speakers exactly as one-by-one lookups would, and it times each phase."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from claims_app.db import get_db
from claims_app.ingest.importer import import_paths
from claims_app.ingest.pacing import PHASES
from claims_app.speakers.models import Speaker, SpeakerKind
from claims_app.speakers.names import name_key
from claims_app.speakers.resolve import (
    SpeakerCache,
    find_speaker,
    prime_speaker_cache,
    resolve_speaker,
)
from claims_app.speakers.services import create_speaker, update_speaker


def _articles(tmp_path: Path, name: str, count: int, tag: str = "") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps({
        "title": f"Bridge report {tag}{i}", "published": "2024-05-02",
        "body": f'Minister Anar Valiyev said "the bridge {tag}{i} opens on time" on Monday. '
                f'Valiyev added that repairs on road {tag}{i} were finished.'}) + "\n"
        for i in range(count)), encoding="utf-8")
    return path


def _statements(app, path: Path) -> int:
    engine = get_db(app).engine
    seen = [0]

    def count(*_args) -> None:
        seen[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        summary = import_paths(get_db(app).sessionmaker, [path])
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert summary.ok and summary.imported > 0
    return seen[0]


def test_a_bigger_batch_costs_no_more_statements_per_article(app, session, tmp_path) -> None:
    _statements(app, _articles(tmp_path, "first.jsonl", 1, "a"))  # the speaker exists now
    ten = _statements(app, _articles(tmp_path, "ten.jsonl", 10, "b"))
    forty = _statements(app, _articles(tmp_path, "forty.jsonl", 40, "c"))
    assert forty <= ten + 5, (ten, forty)


def test_the_summary_times_every_phase(app, session, tmp_path) -> None:
    summary = import_paths(get_db(app).sessionmaker, [_articles(tmp_path, "a.jsonl", 3)])
    assert set(summary.seconds) == set(PHASES)
    assert all(seconds > 0 for seconds in summary.seconds.values())


def test_primed_answers_are_the_answers_of_find_speaker(session: Session) -> None:
    elmar = create_speaker(session, None, "Elmar Mammadyarov")
    update_speaker(session, None, elmar, {"aliases": ["E. Mammadyarov"]},
                   expected_version=None)
    oic = create_speaker(session, None, "Organisation of Islamic Cooperation",
                         kind="organization")
    update_speaker(session, None, oic, {"aliases": ["OIC"]}, expected_version=None)
    names = [("Elmar Mammadyarov", "person"), ("E. Mammadyarov", "person"),
             ("OIC", "organization"), ("Nobody Known", "person")]
    cache = SpeakerCache()
    prime_speaker_cache(session, names, cache)
    for name, kind in names:
        primed = cache.found.get((name_key(name), SpeakerKind(kind)))
        assert primed is find_speaker(session, name, kind), name
    assert cache.unmatched == {name_key("Nobody Known")}


def test_a_surname_alone_finds_the_one_person_with_that_surname(session: Session) -> None:
    elmar = create_speaker(session, None, "Elmar Mammadyarov")
    create_speaker(session, None, "Mammadyarov Group", kind="organization")
    assert find_speaker(session, "Mammadyarov", "person") is elmar


def test_renaming_a_speaker_keeps_its_surname_key(session: Session) -> None:
    speaker = create_speaker(session, None, "Anar Valiyev")
    update_speaker(session, None, speaker, {"name": "Anar Guliyev"}, expected_version=None)
    session.flush()
    stored = session.scalar(select(Speaker.surname_key).where(Speaker.id == speaker.id))
    assert stored == "guliyev"
    assert find_speaker(session, "Guliyev", "person") is speaker


def test_speakers_of_a_batch_are_not_duplicated(app, session, tmp_path) -> None:
    import_paths(get_db(app).sessionmaker, [_articles(tmp_path, "a.jsonl", 5)])
    session.expire_all()
    names = session.scalars(select(Speaker.name).where(
        Speaker.name.like("%Valiyev%"))).all()
    assert names == ["Anar Valiyev"]
    assert session.scalar(select(func.count()).select_from(Speaker)) == 1


def _resolve_in_batch(session: Session, names: list[tuple[str, str, tuple[str, ...]]]):
    """Resolve names the way an import batch does: primed cache, no autoflush."""
    cache = SpeakerCache()
    prime_speaker_cache(session, [(n, k) for n, k, aliases in names for n in (n, *aliases)],
                        cache)
    with session.no_autoflush:
        return [resolve_speaker(session, None, n, kind=k, aliases=a, cache=cache)
                for n, k, a in names]


def test_an_acronym_first_seen_as_an_alias_in_a_batch_finds_the_same_speaker(
        session: Session) -> None:
    org, again, as_person = _resolve_in_batch(session, [
        ("Organisation of Islamic Cooperation", "organization", ("OIC",)),
        ("OIC", "organization", ()),
        ("OIC", "person", ()),
    ])
    assert org is again is as_person
    assert session.scalar(select(func.count()).select_from(Speaker)) == 1


def test_a_surname_after_the_full_name_in_a_batch_finds_the_same_person(
        session: Session) -> None:
    full, short = _resolve_in_batch(session, [
        ("Elmar Mammadyarov", "person", ()),
        ("Mammadyarov", "person", ()),
    ])
    assert full is short


def test_a_surname_shared_by_two_new_people_in_a_batch_stays_unresolved(
        session: Session) -> None:
    first, second, short = _resolve_in_batch(session, [
        ("Elmar Mammadyarov", "person", ()),
        ("Nigar Mammadyarova Mammadyarov", "person", ()),
        ("Mammadyarov", "person", ()),
    ])
    assert first is not second
    assert short is not first and short is not second  # ambiguous: a speaker of its own


def test_resolving_a_known_name_in_a_known_role_and_date_range_records_nothing(
        session: Session) -> None:
    import datetime as dt

    from claims_app.audit.models import AuditEvent

    first = resolve_speaker(session, None, "Anar Valiyev", role="minister",
                            seen_on=dt.date(2024, 1, 1))
    resolve_speaker(session, None, "Anar Valiyev", role="minister",
                    seen_on=dt.date(2024, 3, 1))
    session.flush()
    events = session.scalar(select(func.count()).select_from(AuditEvent))
    again = resolve_speaker(session, None, "Anar Valiyev", role="Minister",
                            seen_on=dt.date(2024, 2, 1))
    session.flush()
    assert again is first
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_a_date_outside_the_role_range_widens_it_and_is_audited(session: Session) -> None:
    import datetime as dt

    from claims_app.audit.models import AuditEvent

    speaker = resolve_speaker(session, None, "Anar Valiyev", role="minister",
                              seen_on=dt.date(2024, 1, 1))
    session.flush()
    events = session.scalar(select(func.count()).select_from(AuditEvent))
    resolve_speaker(session, None, "Anar Valiyev", role="minister", seen_on=dt.date(2023, 5, 1))
    session.flush()
    assert speaker.roles[0].first_seen == dt.date(2023, 5, 1)
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == events + 1


def _stored(session: Session) -> dict[str, object]:
    from claims_app.claims.models import Claim
    from claims_app.crossref.models import PassageSignature, SearchDocument

    session.expire_all()
    return {
        "claims": session.execute(select(Claim.text, Claim.start, Claim.kind)
                                  .order_by(Claim.text, Claim.start)).all(),
        "speakers": session.scalars(select(Speaker.name).order_by(Speaker.name)).all(),
        "signatures": session.scalar(select(func.count()).select_from(PassageSignature)),
        "documents": session.scalars(select(SearchDocument.body)
                                     .order_by(SearchDocument.body)).all(),
    }


def test_planning_in_a_worker_process_stores_the_same_as_in_process(
        app, session, tmp_path, monkeypatch) -> None:
    from claims_app.db import get_db
    from claims_app.ingest import importer, planning

    submitted: list[object] = []

    class CountingPool(planning.ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            submitted.append(args)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(planning, "ProcessPoolExecutor", CountingPool)
    monkeypatch.setattr(importer, "BATCH_ARTICLES", 3)  # 10 articles: four batches
    path = _articles(tmp_path, "many.jsonl", 10)
    summary = import_paths(get_db(app).sessionmaker, [path], workers=1)
    assert summary.imported == 10 and summary.ok
    assert len(submitted) == 4  # every batch was planned in the worker
    assert summary.seconds["extract"] > 0 and summary.seconds["index"] > 0
    in_worker = _stored(session)
    with get_db(app).sessionmaker() as s, s.begin():
        for table in ("audit_events", "search_documents", "passage_signatures", "claims",
                      "articles", "speaker_roles", "speaker_aliases", "speakers"):
            s.execute(text(f"DELETE FROM {table}"))
    assert import_paths(get_db(app).sessionmaker, [path]).imported == 10
    assert _stored(session) == in_worker
