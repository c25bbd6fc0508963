"""The article pages: list, one article with its claims highlighted, enter, edit, delete."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from claims_app import cache
from claims_app.articles.models import Article, DatePrecision
from claims_app.articles.services import edit_article, update_article
from claims_app.claims.models import Claim
from claims_app.claims.services import add_link, add_review
from claims_app.speakers.services import create_speaker
from tests.desk.formdata import form_fields
from tests.worlds.annotate import BODY
from tests.worlds.builders import make_article, make_claim, make_outlet


def test_list_shows_articles_with_unreviewed_counts(client, auth, article, claims):
    auth.login("viewer")
    page = client.get("/articles/").get_data(as_text=True)
    assert "Talks in Doha" in page
    assert "3 unreviewed" in page


def test_list_searches_title_and_body(client, auth, session, article):
    make_article(session, "Nothing about that here.", title="Weather")
    session.commit()
    auth.login("viewer")
    page = client.get("/articles/?q=progress+was").get_data(as_text=True)
    assert "Talks in Doha" in page and "Weather" not in page


def test_list_filters_by_outlet(client, auth, session, article):
    other = make_outlet(session, "APA")
    make_article(session, "Another text.", title="Elsewhere", outlet=other)
    session.commit()
    auth.login("viewer")
    page = client.get(f"/articles/?outlet={other.id}").get_data(as_text=True)
    assert "Elsewhere" in page and "Talks in Doha" not in page


def test_list_filters_by_date_range(client, auth, session, article):
    make_article(session, "Old text.", title="Old one", published=dt.date(2001, 1, 1))
    session.commit()
    auth.login("viewer")
    page = client.get("/articles/?date_from=2019-01-01&date_to=2019-12-31").get_data(
        as_text=True)
    assert "Talks in Doha" in page and "Old one" not in page


def test_list_filters_articles_with_unreviewed_claims(client, auth, session, article, claims):
    make_article(session, "No claims in this one.", title="Quiet")
    session.commit()
    auth.login("viewer")
    page = client.get("/articles/?unreviewed=y").get_data(as_text=True)
    assert "Talks in Doha" in page and "Quiet" not in page


def test_list_sorts_by_title(client, auth, session, article):
    make_article(session, "Zed text.", title="Aardvark news", published=dt.date(2001, 1, 1))
    session.commit()
    auth.login("viewer")
    page = client.get("/articles/?sort=title").get_data(as_text=True)
    assert page.index("Aardvark news") < page.index("Talks in Doha")


def test_list_refuses_a_date_range_that_ends_before_it_starts(client, auth, article):
    auth.login("viewer")
    response = client.get("/articles/?date_from=2020-01-02&date_to=2020-01-01")
    assert response.status_code == 400
    assert "The end date is before the start date." in response.get_data(as_text=True)


def test_list_paginates(client, auth, session, users):
    for i in range(27):
        make_article(session, f"Body number {i}.", title=f"Article {i:02d}")
    session.commit()
    auth.login("viewer")
    first = client.get("/articles/?sort=title").get_data(as_text=True)
    second = client.get("/articles/?sort=title&page=2").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Article 26" not in first
    assert "Article 26" in second


def test_article_page_highlights_every_claim_with_speaker_tooltip(client, auth, article, claims):
    auth.login("viewer")
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    useful = claims["useful"]
    mark = re.search(rf'<mark class="claim kind-direct status-unreviewed" id="claim-{useful.id}"'
                     r'[^>]*>', page)
    assert mark is not None
    assert 'tabindex="0"' in mark.group(0)
    assert 'title="Elmar Mammadyarov · direct · unreviewed"' in mark.group(0)
    assert 'data-tip="Elmar Mammadyarov · direct · unreviewed"' in mark.group(0)
    assert page.count("<mark ") == 3


def test_article_page_body_text_is_the_body_exactly(client, auth, article, claims):
    auth.login("viewer")
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    inner = re.search(r'id="article-body"[^>]*>(.*?)</div>', page, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", inner).replace("&#34;", '"').replace("&quot;", '"')
    assert text == BODY


def test_article_page_says_unknown_for_an_undated_article(client, auth, session, users):
    undated = make_article(session, "Undated text.", published=None)
    session.commit()
    auth.login("viewer")
    page = client.get(f"/articles/{undated.id}").get_data(as_text=True)
    assert "<dt>Published</dt><dd>unknown</dd>" in page


def test_article_page_shows_what_a_partial_date_gave(client, auth, session, users):
    partial = make_article(session, "Partial text.", published=None, published_text="Oct.23")
    month = make_article(session, "Month text.", published=dt.date(2020, 10, 1),
                         precision=DatePrecision.MONTH)
    session.commit()
    auth.login("viewer")
    assert "unknown (source says “Oct.23”)" in client.get(
        f"/articles/{partial.id}").get_data(as_text=True)
    assert "<dd>October 2020</dd>" in client.get(f"/articles/{month.id}").get_data(as_text=True)


def test_article_page_escapes_user_text(client, auth, session, users):
    nasty = make_article(session, "<script>alert(1)</script> said nothing.",
                         title="<b>bold</b>")
    session.commit()
    auth.login("viewer")
    page = client.get(f"/articles/{nasty.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page


def test_article_page_has_no_inline_scripts_or_handlers(client, auth, article, claims):
    auth.login("editor")
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert not re.search(r"\son[a-z]+=", page)
    assert "style=" not in page


def test_viewer_sees_no_edit_controls_on_the_article_page(client, auth, article, claims):
    auth.login("viewer")
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "Add claim" not in page and "Edit article" not in page and "Delete…" not in page


def test_reviewer_sees_add_claim_but_not_article_editing(client, auth, article):
    auth.login("reviewer")
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "Add claim" in page and "Edit article" not in page


def test_article_page_query_count_does_not_grow_with_claims(
        client, auth, session, article, claims, count_queries):
    auth.login("viewer")
    client.get(f"/articles/{article.id}")  # warm up: login, first load
    cache.clear_all()  # both views compute the passages panel afresh
    base = count_queries()
    client.get(f"/articles/{article.id}")
    few = count_queries() - base
    for i in range(30):
        sentence = f"Claim sentence {i}."
        article.body += " " + sentence
        session.flush()
        speaker = create_speaker(session, None, f"Speaker {i}") if i % 2 else None
        make_claim(session, article, sentence, speaker)
    session.commit()
    cache.clear_all()
    before = count_queries()
    client.get(f"/articles/{article.id}")
    many = count_queries() - before
    assert many == few
    # 9, the desk panel's assignment and comment thread, and the boilerplate look-up (one
    # statement when none of the article's unattributed claims is carried elsewhere)
    assert many <= 12


def test_missing_article_is_404(client, auth, users):
    auth.login("viewer")
    assert client.get("/articles/999999").status_code == 404


def test_editor_enters_an_article(client, auth, session, users):
    auth.login("editor")
    response = client.post("/articles/new", data={
        "title": "Hand entered", "outlet": "Report.az", "published": "2021-04-06",
        "published_precision": "day", "language": "en", "body": "Line one.\r\nLine two.",
    })
    assert response.status_code == 302
    stored = session.scalar(select(Article).where(Article.title == "Hand entered"))
    assert stored.body == "Line one.\nLine two."
    assert stored.outlet.name == "Report.az"


def test_entering_an_article_without_body_shows_the_error_beside_it(client, auth, users):
    auth.login("editor")
    response = client.post("/articles/new", data={"title": "Kept title", "body": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="body-error"' in page and 'value="Kept title"' in page


def test_entering_an_article_twice_is_refused(client, auth, article):
    auth.login("editor")
    response = client.post("/articles/new", data={"title": "Copy", "body": BODY,
                                                   "published_precision": "unknown"})
    assert response.status_code == 400
    assert "already stored" in response.get_data(as_text=True)


def test_reviewer_cannot_enter_articles(client, auth, users):
    auth.login("reviewer")
    assert client.get("/articles/new").status_code == 403
    assert client.post("/articles/new", data={"body": "x"}).status_code == 403


def test_edit_form_is_filled_with_the_article(client, auth, article):
    auth.login("editor")
    page = client.get(f"/articles/{article.id}/edit").get_data(as_text=True)
    assert 'value="Talks in Doha"' in page and 'value="Trend"' in page


def test_editing_metadata_saves_it(client, auth, session, article):
    auth.login("editor")
    response = client.post(f"/articles/{article.id}/edit", data={
        "title": "Renamed", "outlet": "Trend", "published": "2019-03-12",
        "published_precision": "day", "body": BODY, "version": article.version,
    })
    assert response.status_code == 302
    session.refresh(article)
    assert article.title == "Renamed"


def test_editing_the_body_reanchors_claims(client, auth, session, article, claims):
    auth.login("editor")
    new_body = "UPDATE: " + BODY.replace("on Monday", "on Monday in Doha")
    response = client.post(f"/articles/{article.id}/edit", data={
        "title": "Talks in Doha", "published_precision": "unknown", "body": new_body,
        "version": article.version,
    })
    assert response.status_code == 302
    session.expire_all()
    for claim in session.scalars(select(Claim).where(Claim.article_id == article.id)):
        assert new_body[claim.start:claim.end] == claim.text
        assert new_body[:claim.start].endswith(claim.prefix)
    slow = session.get(Claim, claims["slow"].id)
    assert slow.start == BODY.index("progress was slow") + len("UPDATE: ") + len(" in Doha")


def test_body_edit_that_removes_a_claims_text_is_refused_and_lists_it(
        client, auth, session, article, claims):
    auth.login("editor")
    new_body = BODY.replace("progress was slow", "progress was fast")
    response = client.post(f"/articles/{article.id}/edit", data={
        "title": "Talks in Doha", "published_precision": "unknown", "body": new_body,
        "version": article.version,
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"claim {claims['slow'].id} (“progress was slow”)" in page
    assert "progress was fast" in page  # what was typed is kept
    session.expire_all()
    assert session.get(Article, article.id).body == BODY


def _stale_article_edit(client, session, article, editor, **mine):
    stale = article.version
    update_article(session, editor, article, {"title": "Changed meanwhile"},
                   expected_version=stale)
    session.commit()
    return client.post(f"/articles/{article.id}/edit", data={
        "title": "Talks in Doha", "published_precision": "unknown", "body": BODY,
        "version": stale, **mine})


def test_editing_a_stale_article_shows_the_three_way_page(client, auth, session, article,
                                                          users):
    auth.login("editor")
    response = _stale_article_edit(client, session, article, users["admin"],
                                   notes="my notes")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "<strong>admin</strong> saved it" in page
    title = page[page.index('id="field-title"'):]
    title = title[: title.index("</tr>")]
    assert "they changed" in title and "Changed meanwhile" in title
    assert 'id="field-notes"' in page and "you changed" in page


def test_article_conflict_page_keeps_their_title_and_applies_my_notes(
        client, auth, session, article, users):
    auth.login("editor")
    page = _stale_article_edit(client, session, article, users["admin"],
                               notes="my notes").get_data(as_text=True)
    action, fields = form_fields(page, "three-way")
    assert client.post(action, data=fields).status_code == 302
    session.expire_all()
    stored = session.get(Article, article.id)
    assert stored.title == "Changed meanwhile" and stored.notes == "my notes"


def test_delete_confirmation_says_what_goes_with_the_article(
        client, auth, session, article, claims, users):
    add_review(session, users["reviewer"], claims["useful"], "accurate_quote")
    other = make_article(session, "Elsewhere the talks were useful too.", title="Other")
    add_link(session, None, claims["useful"],
             make_claim(session, other, "the talks were useful"), "repeats")
    session.commit()
    auth.login("editor")
    page = client.get(f"/articles/{article.id}/delete").get_data(as_text=True)
    assert "<strong>3</strong> claims" in page
    assert "<strong>1</strong> review " in page
    assert "<strong>1</strong> link " in page


def test_deleting_an_article_removes_it_and_its_claims(client, auth, session, article, claims):
    article_id, claim_id = article.id, claims["useful"].id
    auth.login("editor")
    response = client.post(f"/articles/{article_id}/delete",
                           data={"version": article.version})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Article, article_id) is None
    assert session.get(Claim, claim_id) is None


def test_reviewer_cannot_delete_an_article(client, auth, article):
    auth.login("reviewer")
    assert client.get(f"/articles/{article.id}/delete").status_code == 403
    assert client.post(f"/articles/{article.id}/delete").status_code == 403


def test_anonymous_visitor_is_sent_to_login(client, article):
    response = client.get(f"/articles/{article.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_article_page_warns_about_lookalike_letters(client, auth, session, users):
    mixed = make_article(session, "\u0420e noted that the talks went on.", title="Mixed")
    session.commit()
    auth.login("viewer")
    page = client.get(f"/articles/{mixed.id}").get_data(as_text=True)
    assert "character 0: “\u0420” (U+0420) stands for Latin “P”" in page


def test_body_edit_keeps_a_repeated_sentence_on_its_own_occurrence(session, users):
    from claims_app.articles.services import edit_article

    body = "it is calm. Then he said: it is calm. End."
    article = make_article(session, body, title="Twice")
    second = make_claim(session, article, "it is calm", occurrence=1)
    old_start = second.start
    assert old_start > 0
    edit_article(session, None, article, {"body": "New lead. " + body}, expected_version=None)
    assert article.body[second.start:second.end] == "it is calm"
    assert second.start == len("New lead. ") + old_start


def test_an_articles_length_and_claim_count_are_remembered_until_it_changes(
        client, auth, session, users, sent_statements):
    # Counting a long body's characters reads all of it (PostgreSQL), and counting a large
    # article's claims reads them all: a second view of the page reads neither; a new
    # claim and an edited body are shown at once (each an audited change).
    body = "Opening line. " + "The talks went on. " * 4_000 + "The minister said it ended."
    article = make_article(session, body, title="Long talks")
    make_claim(session, article, "The talks went on.")
    session.commit()
    auth.login("reviewer")
    client.get(f"/articles/{article.id}")
    sent_statements.clear()
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    sizes = re.compile(r"\blength\(articles\.body\)|count\(\*\)")
    assert not [s for s in sent_statements if sizes.search(s)]
    assert f"of {len(body):,}" in page and "Claims (1)" in page
    make_claim(session, article, "The minister said it ended.")
    edit_article(session, users["editor"], article, {"body": body + " More."},
                 expected_version=article.version)
    session.commit()
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert f"of {len(body) + 6:,}" in page and "Claims (2)" in page
