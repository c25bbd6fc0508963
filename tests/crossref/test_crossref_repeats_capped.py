"""Capped repeat lookups (the article page's panel): a sentence repeated in many articles
lists a few of them and says about how many more, at a cost that does not grow with them."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from claims_app.crossref import passage_repeats
from claims_app.crossref import repeats as repeats_module

BOILERPLATE = ("The organization, founded in 1969, brings together 57 member states across "
               "four continents and is the second largest intergovernmental body.")


def _body(n: int) -> str:
    return (f"Delegation number {n} arrived in the capital on a quiet morning of talks. "
            f"{BOILERPLATE} Officials of mission {n} declined to comment on the outcome.")


@pytest.fixture
def crowded(article_factory):
    """Twelve articles carrying the same background sentence."""
    return [article_factory(_body(n), title=f"Article {n}") for n in range(12)]


def _boilerplate_repeat(session, article_id, **kw):
    found = [r for r in passage_repeats(session, article_id, **kw) if BOILERPLATE in r.text]
    assert len(found) == 1
    return found[0]


def test_a_capped_lookup_lists_at_most_the_limit(session, crowded) -> None:
    repeat = _boilerplate_repeat(session, crowded[0].id, limit=3)
    assert len(repeat.matches) == 3
    assert crowded[0].id not in repeat.article_ids


def test_a_capped_lookup_says_how_many_more_repeat_the_sentence(session, crowded) -> None:
    repeat = _boilerplate_repeat(session, crowded[0].id, limit=3)
    assert (repeat.more, repeat.more_capped) == (11 - 3, False)


def test_an_uncapped_lookup_lists_every_repeat_and_no_more(session, crowded) -> None:
    repeat = _boilerplate_repeat(session, crowded[0].id)
    assert len(repeat.matches) == 11
    assert (repeat.more, repeat.more_capped) == (0, False)


def test_the_count_of_more_stops_at_its_cap(session, crowded, monkeypatch) -> None:
    monkeypatch.setattr(repeats_module, "MORE_COUNT_CAP", 6)
    repeat = _boilerplate_repeat(session, crowded[0].id, limit=3)
    assert repeat.more_capped
    assert repeat.more == 6 - 1 - 3  # counted up to the cap, less its own sentence and 3 shown


def test_a_capped_lookup_finds_the_same_repeats_as_a_full_one_when_few(
    session, seed_articles
) -> None:
    article = seed_articles["000"]
    full = passage_repeats(session, article.id)
    capped = passage_repeats(session, article.id, limit=5)
    assert [(r.start, r.end, r.matches) for r in capped] == [
        (r.start, r.end, r.matches[:5]) for r in full]


def test_a_capped_lookup_costs_the_same_statements_however_many_repeat(
    session, article_factory, engine
) -> None:
    def statements(article_id: int) -> int:
        count = 0

        def bump(*_args: object) -> None:
            nonlocal count
            count += 1

        event.listen(engine, "before_cursor_execute", bump)
        try:
            passage_repeats(session, article_id, limit=3)
        finally:
            event.remove(engine, "before_cursor_execute", bump)
        return count

    first = article_factory(_body(0))
    article_factory(_body(1))
    few = statements(first.id)
    for n in range(2, 30):
        article_factory(_body(n))
    assert statements(first.id) == few + 1  # and one count of the crowded bucket
