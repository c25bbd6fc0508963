"""The article list at scale: no bodies loaded, a count that stops, untitled titles from
the body's opening (issue 8)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from claims_app.articles import listing
from claims_app.articles.models import OPENING_CHARS, Article
from tests.worlds.builders import make_article


def test_untitled_articles_show_a_derived_title_without_loading_bodies(
        client, auth, session, users, connection) -> None:
    words = " ".join(f"word{i}" for i in range(40))
    make_article(session, words, title=None)
    long_words = "x" * (OPENING_CHARS + 50) + " tail"  # one long word: cut, not read on
    make_article(session, long_words, title=None)
    make_article(session, "Short first sentence. And then a second one.", title=None)
    session.commit()
    auth.login("viewer")
    seen: list[str] = []

    def listener(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(connection, "before_cursor_execute", listener)
    try:
        page = client.get("/articles/").get_data(as_text=True)
    finally:
        event.remove(connection, "before_cursor_execute", listener)
    expected = Article(title=None, body=words).display_title
    # The first sentence cut at a word near 80 characters, italic and labelled as derived.
    assert expected.endswith("word12…") and len(expected) <= 81
    assert "<i class=\"derived-title\"" in page and expected in page
    assert page.count("(derived title)") == 3 and "[untitled]" not in page
    assert "x" * 80 + "…" in page
    assert ">Short first sentence.</i>" in page
    listing = [s for s in seen if "FROM articles" in s and "LIMIT" in s]
    assert listing and all("articles.raw" not in s for s in listing)
    assert all("substr(articles.body" in s.replace("SUBSTR", "substr") or
               "articles.body" not in s.split("FROM")[0] for s in listing)


def test_list_count_stops_at_the_limit(session, users, monkeypatch) -> None:
    for i in range(7):
        make_article(session, f"Body number {i}.", title=f"Article {i}")
    monkeypatch.setattr(listing, "LIST_COUNT_LIMIT", 4)
    page, _ = listing.filter_articles(session, listing.ArticleFilters(), per_page=2)
    assert (page.total, page.capped, page.has_next) == (4, True, True)
    assert page.total_label == "more than 4"
    deep, _ = listing.filter_articles(session, listing.ArticleFilters(), page=4, per_page=2)
    assert (deep.total, deep.capped, len(deep.items), deep.has_next) == (7, False, 1, False)
    exact = listing.list_articles(session, per_page=50)  # the count covers the page asked
    assert (exact.total, exact.capped) == (7, False)


def test_list_page_says_more_than_when_the_count_stopped(client, auth, session, users,
                                                         monkeypatch) -> None:
    for i in range(30):
        make_article(session, f"Body number {i}.", title=f"Article {i:02}")
    session.commit()
    monkeypatch.setattr(listing, "LIST_COUNT_LIMIT", 3)
    auth.login("viewer")
    page = client.get("/articles/?sort=title").get_data(as_text=True)
    # Counting stops after the first page's 25 rows: "more than 25", and a next page.
    assert "(more than 25)" in page and "page=2" in page
    second = client.get("/articles/?sort=title&page=2").get_data(as_text=True)
    assert "Article 29" in second


def test_newest_first_pages_by_key_give_the_same_pages_as_offsets(session, users) -> None:
    import datetime as dt

    for i in range(9):
        make_article(session, f"Body number {i}.", title=f"Article {i}",
                     published=None if i % 4 == 0 else dt.date(2020, 1, 1 + i % 3))
    newest = listing.ArticleFilters()
    by_offset = [a.id for p in (1, 2, 3, 4, 5)
                 for a in listing.filter_articles(session, newest, page=p, per_page=2)[0].items]
    by_key, cursor, page = [], None, 1
    while True:
        result, _ = listing.filter_articles(session, newest, page=page, per_page=2,
                                             after=cursor)
        by_key += [a.id for a in result.items]
        if result.cursor is None:
            break
        cursor, page = result.cursor, page + 1
    assert by_key == by_offset and len(by_key) == 9
    bad, _ = listing.filter_articles(session, newest, page=2, per_page=2, after="junk_x")
    assert [a.id for a in bad.items] == by_offset[2:4]


def test_next_link_carries_the_cursor_on_the_default_sort(client, auth, session, users) -> None:
    for i in range(30):
        make_article(session, f"Body number {i}.", title=f"Article {i:02}")
    session.commit()
    auth.login("viewer")
    page = client.get("/articles/").get_data(as_text=True)
    assert "after=2019-03-12_" in page
    cursor = page.split("after=")[1].split('"')[0].split("&")[0]
    second = client.get(f"/articles/?page=2&after={cursor}").get_data(as_text=True)
    assert second.count("/articles/") > 5 and "Page 2 of 2" in second
