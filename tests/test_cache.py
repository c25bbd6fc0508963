"""Per-process caches: one invalidation rule (the data's fingerprint), one way to forget
(``claims_app.cache``)."""

from __future__ import annotations

from itertools import count

from sqlalchemy.orm import Session

from claims_app import cache
from claims_app.articles.passages import panel_cache
from claims_app.articles.services import create_article
from claims_app.cache import ProcessCache
from claims_app.speakers.listing import timeline_cache
from claims_app.speakers.services import create_speaker
from claims_app.summaries import summaries

BODY = "The minister said the bridge over the river will open to traffic in May this year."


def test_a_value_is_served_while_the_data_is_unchanged(session: Session) -> None:
    remembered: ProcessCache[int] = ProcessCache("test", 8)
    numbers = count(1)
    first = remembered.get(session, "k", lambda: next(numbers))
    assert remembered.get(session, "k", lambda: next(numbers)) == first == 1


def test_any_audited_change_makes_every_value_stale(session: Session) -> None:
    remembered: ProcessCache[int] = ProcessCache("test", 8)
    numbers = count(1)
    remembered.get(session, "k", lambda: next(numbers))
    create_speaker(session, None, "Jeyhun Bayramov")  # writes an audit event
    assert remembered.get(session, "k", lambda: next(numbers)) == 2


def test_new_passage_signatures_make_values_stale(session: Session) -> None:
    remembered: ProcessCache[int] = ProcessCache("test", 8)
    numbers = count(1)
    remembered.get(session, "k", lambda: next(numbers))
    before = cache.fingerprint(session)
    create_article(session, None, BODY, {})
    session.commit()  # the commit writes the article's passage signatures
    after = cache.fingerprint(session)
    assert after[2] != before[2]
    assert remembered.get(session, "k", lambda: next(numbers)) == 2


def test_the_least_recently_used_value_is_dropped_beyond_the_size(session: Session) -> None:
    remembered: ProcessCache[str] = ProcessCache("test", 2)
    for key in ("a", "b", "c"):
        remembered.get(session, key, lambda key=key: key)
    assert len(remembered) == 2
    assert remembered.lookup(session, "a") is None
    assert remembered.lookup(session, "c") is not None


def test_clear_all_forgets_every_cache_of_the_process(session: Session) -> None:
    remembered: ProcessCache[int] = ProcessCache("test", 8)
    remembered.get(session, "k", lambda: 1)
    timeline_cache.get(session, 1, lambda: None)  # type: ignore[arg-type,return-value]
    panel_cache.get(session, (1, 3), lambda: [])
    summaries.get(session, "test", lambda s: 1)
    cache.clear_all()
    assert len(remembered) == len(timeline_cache) == len(panel_cache) == 0
    assert summaries.get(session, "test", lambda s: 2).value == 2


def test_a_request_reads_the_fingerprint_once_until_it_writes(
        app, session: Session, count_queries) -> None:
    # A page asking several caches pays for one fingerprint; a write of the request's own
    # (here an audited speaker, flushed) makes the next question read it again, and the
    # value computed after the write is not filed under the state before it.
    first: ProcessCache[int] = ProcessCache("test a", 8)
    second: ProcessCache[int] = ProcessCache("test b", 8)
    numbers = count(1)
    with app.test_request_context("/"):
        first.get(session, "k", lambda: next(numbers))
        before = count_queries()
        assert second.get(session, "k", lambda: next(numbers)) == 2
        assert count_queries() - before == 0  # the fingerprint was not read again
        create_speaker(session, None, "Jeyhun Bayramov")
        assert first.get(session, "k", lambda: next(numbers)) == 3


def test_outside_a_request_every_question_reads_the_fingerprint(
        session: Session, count_queries) -> None:
    # A command or a job holds its session for long: another session's commit must count.
    remembered: ProcessCache[int] = ProcessCache("test", 8)
    remembered.get(session, "k", lambda: 1)
    before = count_queries()
    remembered.get(session, "k", lambda: 2)
    assert count_queries() - before == 1
