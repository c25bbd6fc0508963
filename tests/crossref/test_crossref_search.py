"""Full-text search: the same records found on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from claims_app.claims.models import ClaimKind, ClaimStatus
from claims_app.crossref import (
    SearchFilters,
    rebuild_search_index,
    search,
    sync,
)
from claims_app.crossref.models import SearchEntity
from claims_app.crossref.query import parse_query
from claims_app.speakers.models import SpeakerKind
from tests.worlds.builders import make_article, make_claim, make_outlet, make_speaker

A1 = (
    "BAKU, April 6. The Organisation of Islamic Cooperation has offered support to "
    "Azerb\u0430ij\u0430n, its envoy said at the Caf\u00e9 M\u00fcller. "
    "\u201cWe hope that now the peace has been restored,\u201d he added. "
    "The Armenian Armed Forces occupied seven surrounding districts."
)
A2 = (
    "Foreign Minister Elmar Mammadyarov said the occupation of Azerbaijani territories "
    "by Armenia continues. \"Occupation of territories is a serious threat to regional "
    "security,\" Mammadyarov said. Districts surrounding the region were seven, he added."
)
A3 = "Wheat harvests rose in Argentina. Peace talks in the region were not mentioned."


@pytest.fixture
def corpus(session: Session):
    trend, azernews = make_outlet(session, "Trend"), make_outlet(session, "AzerNews")
    sheikh = make_speaker(session, "Rizwan Saeed Sheikh")
    mammadyarov = make_speaker(session, "Elmar Mammadyarov", aliases=("Mammadyarov",))
    oic = make_speaker(session, "Organization of Islamic Cooperation", SpeakerKind.ORGANIZATION)
    a1 = make_article(session, A1, title="OIC offers support", outlet=trend,
                      published=dt.date(2021, 4, 6))
    a2 = make_article(session, A2, title="Mammadyarov at OIC meeting", outlet=azernews,
                      published=dt.date(2019, 11, 6))
    a3 = make_article(session, A3, title="Farm news", outlet=azernews,
                      published=dt.date(2022, 1, 1))
    c_peace = make_claim(session, a1, "We hope that now the peace has been restored", sheikh,
                         tags=["peace"])
    c_support = make_claim(session, a1, "The Organisation of Islamic Cooperation has offered "
                           "support to Azerb\u0430ij\u0430n", oic, kind=ClaimKind.PARAPHRASE)
    c_threat = make_claim(session, a2, "Occupation of territories is a serious threat to "
                          "regional security", mammadyarov, said_on=dt.date(2019, 11, 4),
                          tags=["occupation"])
    c_occ = make_claim(session, a2, "the occupation of Azerbaijani territories by Armenia "
                       "continues", mammadyarov, kind=ClaimKind.INDIRECT)
    c_threat.status = ClaimStatus.CONFIRMED
    sync.write_pending(session)
    return {"a1": a1, "a2": a2, "a3": a3, "peace": c_peace, "support": c_support,
            "threat": c_threat, "occ": c_occ, "sheikh": sheikh, "mammadyarov": mammadyarov,
            "oic": oic, "trend": trend, "azernews": azernews}


def found(session, corpus, query, **filters) -> set[str]:
    """The corpus keys of every record a query finds (all pages)."""
    results = search(session, query, filters=SearchFilters(**filters), per_page=100)
    keys = {(kind, obj.id): key for key, obj in corpus.items()
            for kind in ("claim", "article", "speaker")
            if type(obj).__name__.lower() == kind}
    return {keys[(h.entity.value, h.id)] for h in results.hits}


# One query set, the exact records expected, on both engines.
QUERIES = [
    ("peace", {"a1", "a3", "peace"}),
    ("cafe muller", {"a1"}),
    ("CAFÉ", {"a1"}),
    ("Azerbaijan", {"a1", "support"}),
    ("organization islamic", {"a1", "support", "oic"}),
    ('"peace has been restored"', {"a1", "peace"}),
    ("\u201cpeace has been restored\u201d", {"a1", "peace"}),
    ('"seven surrounding districts"', {"a1"}),
    ("seven surrounding districts", {"a1", "a2"}),
    ("mammadyarov", {"a2", "mammadyarov"}),
    ("occup*", {"a1", "a2", "threat", "occ"}),
    ("serious threat", {"a2", "threat"}),
    ("wheat peace", {"a3"}),
    ("nothing-like-this", set()),
]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_query_finds_exactly_the_expected_records(session, corpus, query, expected) -> None:
    assert found(session, corpus, query) == expected


@pytest.mark.parametrize(
    "query", ['"unbalanced', "OR AND (", "NEAR(a b)", "*", '"', "'", "a:b ^c", "-x +y",
              "col:peace", "\\", "';--", "peace)", "!@#$%^&*()", "", "   "]
)
def test_hostile_query_syntax_never_raises(session, corpus, query) -> None:
    search(session, query)


def test_unbalanced_quote_searches_the_rest_as_a_phrase(session, corpus) -> None:
    assert found(session, corpus, '"peace has been') == {"a1", "peace"}


def test_operator_words_are_searched_as_words(session, corpus) -> None:
    assert found(session, corpus, "OR AND (") == set()
    assert parse_query("OR AND (").terms == ("or", "and")


def test_filter_by_speaker_keeps_their_claims_the_speaker_and_articles_quoting_them(
    session, corpus
) -> None:
    speaker_id = corpus["mammadyarov"].id
    assert found(session, corpus, "occupation", speaker_id=speaker_id) == {
        "a2", "threat", "occ"}
    assert found(session, corpus, "mammadyarov", speaker_id=speaker_id) == {"a2", "mammadyarov"}


def test_filter_by_outlet(session, corpus) -> None:
    assert found(session, corpus, "peace", outlet_id=corpus["azernews"].id) == {"a3"}


def test_filter_by_kind(session, corpus) -> None:
    assert found(session, corpus, "occupation", kind="indirect") == {"occ"}


def test_filter_by_status(session, corpus) -> None:
    assert found(session, corpus, "occupation", status=ClaimStatus.CONFIRMED) == {"threat"}


def test_filter_by_tag(session, corpus) -> None:
    assert found(session, corpus, "occupation", tag="occupation") == {"threat"}


def test_filter_by_said_dates_uses_said_on_else_publication(session, corpus) -> None:
    day = dt.date(2019, 11, 4)
    assert found(session, corpus, "occupation", said_from=day, said_to=day) == {"threat"}
    assert found(session, corpus, "occupation", said_from=dt.date(2019, 11, 5)) == {"occ"}


def test_filter_by_published_dates(session, corpus) -> None:
    assert found(session, corpus, "peace", published_from=dt.date(2021, 1, 1),
                 published_to=dt.date(2021, 12, 31)) == {"a1", "peace"}


def test_filter_by_entity_type(session, corpus) -> None:
    assert found(session, corpus, "peace",
                 entities=frozenset({SearchEntity.ARTICLE})) == {"a1", "a3"}


def test_snippet_pieces_are_verbatim_text_with_matches_flagged(session, corpus) -> None:
    hit = next(h for h in search(session, "azerbaijan restored").hits
               if h.entity is SearchEntity.ARTICLE)
    assert "".join(text for text, _ in hit.snippet) == corpus["a1"].body
    assert [t for t, is_match in hit.snippet if is_match] == [
        "Azerb\u0430ij\u0430n", "restored"]


def test_long_text_snippet_is_cut_around_the_matches(session, corpus) -> None:
    body = " ".join(f"filler{i}" for i in range(200)) + " the needle is here " + " ".join(
        f"tail{i}" for i in range(200))
    make_article(session, body, title=None, published=None)
    hit = search(session, "needle").hits[0]
    assert hit.snippet[0][0].startswith("…") and hit.snippet[-1][0].endswith("…")
    assert ("needle", True) in hit.snippet
    assert len("".join(t for t, _ in hit.snippet).split()) <= 42


def test_more_occurrences_rank_first(session, corpus) -> None:
    once = make_article(session, "A report that mentions Ganja once among other words here.",
                        title=None, published=None)
    often = make_article(session, "Ganja. Ganja was shelled. Ganja again, and Ganja once more.",
                         title=None, published=None)
    assert [h.id for h in search(session, "ganja").hits] == [often.id, once.id]


def test_pagination_counts_every_hit_and_pages_through_them(session, corpus) -> None:
    first = search(session, "occup*", per_page=3)
    second = search(session, "occup*", page=2, per_page=3)
    assert first.total == second.total == 4 and first.pages == 2
    assert len(first.hits) == 3 and len(second.hits) == 1
    assert not set(first.ids) & set(second.ids)


def test_changed_claim_is_found_by_new_words_once_written(session, corpus) -> None:
    claim = corpus["occ"]
    claim.text = "Armenia continues its withdrawal"
    sync.write_pending(session)
    assert found(session, corpus, "withdrawal") == {"occ"}


def test_deleted_claim_leaves_the_index(session, corpus) -> None:
    session.delete(corpus["threat"])
    session.flush()
    assert "threat" not in found(session, corpus, "serious threat")


def test_rebuild_reindexes_everything(session, corpus) -> None:
    counts = rebuild_search_index(session)
    assert counts["claim"] == 4 and counts["article"] == 3 and counts["speaker"] >= 3
    assert found(session, corpus, '"peace has been restored"') == {"a1", "peace"}


def test_merged_speaker_is_not_found(session, corpus) -> None:
    corpus["sheikh"].merged_into_id = corpus["oic"].id
    session.flush()
    assert "sheikh" not in found(session, corpus, "rizwan")
