"""Repeated wording: background sentences recurring across the seed articles are found."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from claims_app.crossref import passage_repeats, similar_passages
from claims_app.crossref.models import PassageSignature
from claims_app.crossref.passages import BANDS, jaccard, shingles
from claims_app.crossref.repeats import index_passages

BACKGROUND = {
    "began in 1988": (
        "The conflict between the two South Caucasus countries began in 1988 when Armenia made "
        "territorial claims against Azerbaijan.",
        {"000", "001", "002"},
    ),
    "occupied 20 percent": (
        "As a result of the ensuing war, the Armenian Armed Forces occupied 20 percent of "
        "Azerbaijan, including the Nagorno-Karabakh region and seven surrounding districts.",
        {"000", "001", "002"},
    ),
    "1994 ceasefire": (
        "The 1994 ceasefire agreement was followed by peace negotiations.",
        {"000", "001", "002"},
    ),
    "complete ceasefire": (
        "A complete ceasefire and a cessation of all hostilities in the zone of the "
        "Nagorno-Karabakh conflict was introduced on Nov. 10, 2020.",
        {"000", "001"},
    ),
}


def names_of(seed_articles, article_ids):
    by_id = {a.id: name for name, a in seed_articles.items()}
    return {by_id[i] for i in article_ids}


@pytest.mark.parametrize("label", sorted(BACKGROUND))
def test_background_statement_is_found_in_every_seed_carrying_it_and_no_other(
    session, seed_articles, label
) -> None:
    text, expected = BACKGROUND[label]
    found = similar_passages(session, text)
    assert names_of(seed_articles, {m.article_id for m in found}) == expected


@pytest.mark.parametrize("label", sorted(BACKGROUND))
def test_article_repeats_list_the_background_statement_with_the_other_seeds(
    session, seed_articles, label
) -> None:
    text, expected = BACKGROUND[label]
    article = seed_articles["000"]
    repeats = passage_repeats(session, article.id)
    mine = [r for r in repeats if jaccard(shingles(r.text), shingles(text)) > 0.7]
    assert len(mine) == 1
    assert names_of(seed_articles, mine[0].article_ids) == expected - {"000"}


def test_repeat_offsets_point_into_both_bodies(session, seed_articles) -> None:
    article = seed_articles["001"]
    others = {a.id: a for a in seed_articles.values()}
    for repeat in passage_repeats(session, article.id):
        assert article.body[repeat.start:repeat.end] == repeat.text
        for m in repeat.matches:
            assert others[m.article_id].body[m.start:m.end] == m.text
            assert (m.query_start, m.query_end) == (repeat.start, repeat.end)


def test_was_and_were_still_match(session, seed_articles) -> None:
    repeats = passage_repeats(session, seed_articles["001"].id)
    ceasefire = next(r for r in repeats if "cessation of all hostilities" in r.text)
    assert "were introduced" in ceasefire.text
    match = ceasefire.matches[0]
    assert "was introduced" in match.text and 0.5 <= match.similarity < 1.0


def test_organisation_and_organization_spellings_are_the_same_words(session) -> None:
    a = shingles("The Organisation of Islamic Cooperation met in Doha on Monday.")
    b = shingles("The Organization of Islamic Cooperation met in Doha on Monday.")
    assert a == b


def test_lookalike_letters_and_curly_quotes_do_not_change_shingles() -> None:
    plain = shingles('Azerbaijan noted that "the peace" has been restored in the region.')
    tricky = shingles("Azerb\u0430ij\u0430n noted that \u201cthe peace\u201d has been restored "
                      "in the region.")
    assert plain == tricky


def test_unrelated_text_has_no_repeats(session, seed_articles) -> None:
    assert similar_passages(session, "Quarterly wheat exports rose sharply in the Argentine "
                                     "pampas after the rains.") == []


def test_article_excludes_itself(session, seed_articles) -> None:
    article = seed_articles["000"]
    for repeat in passage_repeats(session, article.id):
        assert all(m.article_id != article.id for m in repeat.matches)


def test_include_unique_lists_every_indexed_sentence(session, seed_articles) -> None:
    article = seed_articles["004"]
    every = passage_repeats(session, article.id, include_unique=True)
    assert len(every) > len(passage_repeats(session, article.id))
    assert [r.start for r in every] == sorted(r.start for r in every)


def test_reindexing_an_article_replaces_its_signatures(session, seed_articles) -> None:
    article = seed_articles["000"]
    count = select(func.count()).where(PassageSignature.article_id == article.id)
    before = session.scalar(count)
    sentences = index_passages(session, article)
    assert session.scalar(count) == before == sentences * BANDS


def test_deleting_an_article_removes_its_signatures(session, seed_articles) -> None:
    article = seed_articles["002"]
    session.delete(article)
    session.flush()
    assert session.scalar(select(func.count()).where(
        PassageSignature.article_id == article.id)) == 0
    text, _ = BACKGROUND["1994 ceasefire"]
    assert "002" not in names_of(
        {k: v for k, v in seed_articles.items() if k != "002"} | {"002": article},
        {m.article_id for m in similar_passages(session, text)},
    )
