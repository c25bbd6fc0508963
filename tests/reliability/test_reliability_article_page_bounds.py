"""An article page costs the same for 4,000 claims as for 200 (issue 15, item 1).

The page once compared every body segment with every repeated passage and rendered every
claim: 9-14 s and 9.9 MB for an article of 4,000 claims, over 300 s for 26,802. These tests
hold the bounds by counting the work, never by timing it: the statements a view sends, the
claims it renders, the bytes of the page, and the pieces the body is cut into.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims_app import cache
from claims_app.articles import passages
from claims_app.articles.models import Article
from claims_app.articles.page import (
    BODY_WINDOW_CHARS,
    CLAIMS_PER_PAGE,
    WHOLE_BODY_CHARS,
    WINDOW_CONTEXT_CHARS,
    Segment,
)
from claims_app.articles.passages import BodyPiece, body_pieces
from claims_app.articles.views import PASSAGES_LISTED
from claims_app.claims.models import Claim, ClaimKind, ClaimOrigin
from claims_app.crossref import index_article
from tests.worlds.builders import make_article

SENTENCE = 'Minister {i} said "the harbour number {i} will reopen on the agreed date".'


def _article_with_claims(session: Any, count: int, *, seed: str = "",
                         sentences_count: int | None = None) -> Article:
    """An article of quoted sentences (``count`` unless given), the first ``count`` of them
    claims (written in bulk)."""
    sentences = [SENTENCE.format(i=i) for i in range(sentences_count or count)]
    body = seed + " ".join(sentences)
    article = make_article(session, body, title=f"Long article {count}{seed}", published=None)
    pos = len(seed)
    rows = []
    for sentence in sentences[:count]:
        quote = sentence.index('"') + 1
        start, end = pos + quote, pos + len(sentence) - 2
        rows.append(Claim(article_id=article.id, kind=ClaimKind.DIRECT, origin=ClaimOrigin.MANUAL,
                          text=body[start:end], start=start, end=end))
        pos += len(sentence) + 1
    session.add_all(rows)
    session.flush()
    return article


@pytest.fixture
def statements(count_queries: Callable[[], int]) -> Callable[[], int]:
    """The statements sent on the test's connection (the suite's ``count_queries``)."""
    return count_queries


def _page(client: Any, article: Article, statements: Callable[[], int],
          query: str = "") -> tuple[str, int]:
    cache.clear_all()
    before = statements()
    response = client.get(f"/articles/{article.id}{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True), statements() - before


def test_a_long_article_page_renders_one_page_of_claims_with_the_same_statements(
        client, auth, session, users, statements) -> None:
    # The same body (the passage lookup's statements follow the body's sentences, which the
    # article size limit bounds); four times the claims.
    small = _article_with_claims(session, 250, sentences_count=1000)
    large = _article_with_claims(session, 1000, seed="Another. ")
    session.commit()
    auth.login("viewer")
    _page(client, small, statements)  # warm up: login, first load
    small_html, small_statements = _page(client, small, statements)
    large_html, large_statements = _page(client, large, statements)
    assert large_statements == small_statements
    for html in (small_html, large_html):
        assert len(re.findall(r'<mark class="claim', html)) == CLAIMS_PER_PAGE
        assert len(re.findall(r'href="/claims/\d+"', html)) == CLAIMS_PER_PAGE
    # The page is the body (bounded by the article size limit) plus one page of claims:
    # four times the claims add nothing.
    assert abs(len(large_html) - len(small_html)) < 2000
    assert len(large_html) < 2 * len(large.body) + CLAIMS_PER_PAGE * 1200
    assert f"Showing claims 1–{CLAIMS_PER_PAGE} of 1,000" in large_html
    assert f"/articles/{large.id}?page=2" in large_html


def test_later_claims_are_one_click_away_and_a_claim_link_lands_on_its_page(
        client, auth, session, users) -> None:
    per = CLAIMS_PER_PAGE
    article = _article_with_claims(session, 2 * per + 50)
    session.commit()
    claims = sorted(article.claims, key=lambda c: c.start)
    auth.login("viewer")
    third = client.get(f"/articles/{article.id}?page=3").get_data(as_text=True)
    assert f"Showing claims {2 * per + 1}–{2 * per + 50} of {2 * per + 50}" in third
    assert f'id="claim-{claims[2 * per + 20].id}"' in third
    assert f'id="claim-{claims[10].id}"' not in third
    assert f"/articles/{article.id}?page=2" in third
    landed = client.get(f"/articles/{article.id}?claim={claims[per + 50].id}").get_data(
        as_text=True)
    assert f"Showing claims {per + 1}–{2 * per} of {2 * per + 50}" in landed
    assert f'status-unreviewed" id="claim-{claims[per + 50].id}"' in landed
    too_far = client.get(f"/articles/{article.id}?page=99999")
    assert too_far.status_code == 200
    assert f"Showing claims {2 * per + 1}–" in too_far.get_data(as_text=True)
    # Not a page number at all (the one parser of page numbers, inputs.page_number).
    assert client.get(f"/articles/{article.id}?page=99999999999999999999").status_code == 400


def test_a_long_article_with_repeated_passages_lists_a_bounded_panel(
        client, auth, session, users, statements) -> None:
    first = _article_with_claims(session, 300)
    second = _article_with_claims(session, 300, seed="Echo. ")
    for made in (first, second):
        index_article(session, made)
    session.commit()
    auth.login("viewer")
    html, _ = _page(client, second, statements)
    assert "Passages elsewhere (300)" in html
    assert f"Listing the first {PASSAGES_LISTED}; every one is marked in the text." in html
    assert html.count('class="repeated') >= 300


def test_the_time_limit_stops_a_page_whose_loops_run_long(
        app, client, auth, session, users) -> None:
    article = _article_with_claims(session, 1100)
    session.commit()
    auth.login("viewer")
    limit = app.config["REQUEST_TIME_LIMIT_SECONDS"]
    app.config["REQUEST_TIME_LIMIT_SECONDS"] = 1e-9  # every loop check finds it passed
    try:
        response = client.get(f"/articles/{article.id}")
    finally:
        app.config["REQUEST_TIME_LIMIT_SECONDS"] = limit
    assert response.status_code == 503
    assert "longer than the 1e-09-second limit and was stopped" in response.get_data(as_text=True)


# The cutting itself: a linear sweep that gives exactly the pieces the pairwise cut gave.

def _pairwise(segments: list[Segment], spans_in: list[tuple[int, int]],
              target: tuple[int, int] | None) -> list[BodyPiece]:
    """The former quadratic cut, kept as the specification of the pieces."""
    spans = sorted({*spans_in, *([target] if target else [])})
    starts = {s for s, _ in spans}
    pieces: list[BodyPiece] = []
    pos = 0
    for seg in segments:
        end = pos + len(seg.text)
        if seg.claim is not None:
            for s in sorted(x for x in starts if pos <= x < end):
                pieces.append(BodyPiece("", anchor=s))
            pieces.append(BodyPiece(seg.text, seg.claim))
        else:
            cuts = sorted({pos, end, *(x for s, e in spans for x in (s, e) if pos < x < end)})
            for a, b in zip(cuts, cuts[1:], strict=False):
                inside = [(s, e) for s, e in spans if s <= a and b <= e]
                pieces.append(BodyPiece(
                    seg.text[a - pos:b - pos], None, repeated=bool(inside),
                    target=target is not None and target[0] <= a and b <= target[1],
                    anchor=a if a in starts else None))
        pos = end
    return pieces


@st.composite
def _layouts(draw: Any) -> tuple[list[Segment], list[tuple[int, int]], tuple[int, int] | None]:
    lengths = draw(st.lists(st.integers(1, 12), min_size=1, max_size=12))
    claimed = draw(st.lists(st.booleans(), min_size=len(lengths), max_size=len(lengths)))
    segments = [Segment("x" * n, Claim(id=i) if c else None)
                for i, (n, c) in enumerate(zip(lengths, claimed, strict=True))]
    size = sum(lengths)
    span = st.tuples(st.integers(0, size - 1), st.integers(1, size)).filter(
        lambda s: s[0] < s[1])
    spans = draw(st.lists(span, max_size=8))
    target = draw(st.none() | span)
    return segments, spans, target


@settings(max_examples=300, deadline=None)
@given(_layouts())
def test_the_sweep_cuts_the_body_exactly_as_the_pairwise_cut(layout: Any) -> None:
    segments, spans, target = layout
    assert body_pieces(segments, spans, target) == _pairwise(segments, spans, target)


def test_repeats_are_looked_up_in_the_leading_characters_of_a_long_article(
        client, auth, session, users, monkeypatch) -> None:
    first = _article_with_claims(session, 120)
    second = _article_with_claims(session, 120, seed="Echo. ")
    for made in (first, second):
        index_article(session, made)
    session.commit()
    monkeypatch.setattr(passages, "PASSAGE_LOOKUP_CHARS", 40 * len(SENTENCE))
    import claims_app.articles.views as views

    monkeypatch.setattr(views, "PASSAGE_LOOKUP_CHARS", 40 * len(SENTENCE))
    auth.login("viewer")
    html = client.get(f"/articles/{second.id}").get_data(as_text=True)
    found = int(re.search(r"Passages elsewhere \((\d+)\)", html).group(1))
    assert 30 <= found < 45  # the sentences within the leading characters only
    assert f"Looked up in the first {40 * len(SENTENCE):,} characters" in html


def test_sentences_of_one_article_are_cut_from_one_read_of_its_body(session, users) -> None:
    from claims_app.crossref import repeats

    dense = _article_with_claims(session, 40)
    sparse = _article_with_claims(session, 3, seed="Other. ")
    spans = [(c.start, c.end) for c in sorted(dense.claims, key=lambda c: c.start)]
    keys = [(dense.id, s, e) for s, e in spans] + [(sparse.id, c.start, c.end)
                                                  for c in sparse.claims]
    texts = repeats._sentence_texts(session, keys)
    assert texts == {(a, s, e): (dense if a == dense.id else sparse).body[s:e]
                     for a, s, e in keys}


OLD_BODY_LOOP = (  # the template loop body_html replaces, kept as its specification
    "{% for seg in pieces %}{% if seg.claim %}{% set c = seg.claim %}{% set who = c.speaker.name"
    " if c.speaker else 'unattributed' %}<mark class=\"claim kind-{{ c.kind.value }} status-{{ "
    "c.status.value }}\" id=\"claim-{{ c.id }}\" tabindex=\"0\" title=\"{{ who }} · {{ "
    "c.kind.value }} · {{ c.status.value }}\" data-tip=\"{{ who }} · {{ c.kind.value }} · {{ "
    "c.status.value }}\" data-claim-id=\"{{ c.id }}\">{{ seg.text }}</mark>{% elif seg.repeated "
    "or seg.target or seg.anchor is not none %}<span class=\"{% if seg.repeated %}repeated{% "
    "endif %}{% if seg.target %} passage-target{% endif %}\"{% if seg.anchor is not none %} "
    "id=\"offset-{{ seg.anchor }}\"{% endif %}>{{ seg.text }}</span>{% else %}{{ seg.text }}"
    "{% endif %}{% endfor %}")


def test_body_html_is_the_template_loop_it_replaced() -> None:
    from jinja2 import Environment

    from claims_app.articles.passages import body_html
    from claims_app.claims.models import ClaimStatus
    from claims_app.speakers.models import Speaker

    evil = Speaker(name='<script>alert("x")</script> & "Co"')
    claims = [Claim(id=7, kind=ClaimKind.DIRECT, status=ClaimStatus.UNREVIEWED, speaker=evil),
              Claim(id=8, kind=ClaimKind.INDIRECT, status=ClaimStatus.REJECTED, speaker=None)]
    segments = [Segment("Intro <b>bold</b> & more. ", None), Segment("quoted <i>", claims[0]),
                Segment(" middle text here. ", None), Segment("second", claims[1]),
                Segment(" tail & end.", None)]
    pieces = body_pieces(segments, [(3, 12), (40, 50), (55, 60)], (44, 58))
    expected = Environment(autoescape=True).from_string(OLD_BODY_LOOP).render(pieces=pieces)
    assert str(body_html(pieces)) == expected


def test_a_long_body_is_shown_a_window_at_a_time(client, auth, session, users,
                                                 statements) -> None:
    """Past ``WHOLE_BODY_CHARS`` the page shows the stretch of the body around its claims,
    read with ``substr``: the page's size and statements stay the same for a body ten times
    longer, every claim of the page is marked in it, and the offsets of a selection count
    from the whole body (``data-offset``)."""
    # 300 claims in a body of about 55,000 characters, and 300 in one of about 2,200,000.
    short = _article_with_claims(session, 300, sentences_count=700)
    long = _article_with_claims(session, 300, sentences_count=7_000, seed="Long. ")
    session.commit()
    assert WHOLE_BODY_CHARS < len(short.body) < BODY_WINDOW_CHARS * 2
    assert len(long.body) > 10 * len(short.body)
    auth.login("viewer")
    # Viewed again (the passages panel, whose look-up follows the body's first
    # PASSAGE_LOOKUP_CHARS, is then remembered): the same statements.
    counted = []
    for article in (short, long):
        client.get(f"/articles/{article.id}?page=2")
        before = statements()
        page = client.get(f"/articles/{article.id}?page=2").get_data(as_text=True)
        counted.append((page, statements() - before))
    (small, small_statements), (large, large_statements) = counted
    assert large_statements <= small_statements
    assert len(large) < len(small) * 1.2 and len(large) < len(long.body) / 4
    # The page's claims are all marked, in a window reaching from before the first of them.
    marked = re.findall(r'<mark class="claim[^"]*" id="claim-(\d+)"', large)
    listed = re.findall(r'<a href="/claims/(\d+)">', large)
    assert len(marked) == CLAIMS_PER_PAGE and set(marked) <= set(listed)
    body = re.search(r'id="article-body" data-article-id="\d+" data-offset="(\d+)">', large)
    assert body is not None
    first = min(c.start for c in long.claims if str(c.id) in marked)
    assert 0 < first - int(body.group(1)) <= WINDOW_CONTEXT_CHARS
    assert f"of {len(long.body):,}: the text around this page’s claims" in large
    assert f'href="/articles/{long.id}/text"' in large


def test_a_window_holds_the_passage_a_link_points_at(client, auth, session, users,
                                                     statements) -> None:
    long = _article_with_claims(session, 10, sentences_count=7_000)
    session.commit()
    at = long.body.index(SENTENCE.format(i=5_000))
    span = f"{at}-{at + len(SENTENCE.format(i=5_000))}"
    auth.login("viewer")
    page, _ = _page(client, long, statements, f"?passage={span}")
    assert f'id="offset-{at}"' in page and "passage-target" in page
    assert "harbour number 5000 will reopen" in page
    body = re.search(r'id="article-body"[^>]*>(.*?)</div>', page, re.S)
    assert body is not None and "harbour number 5000 will reopen" in body.group(1)
    assert "harbour number 5 will" not in body.group(1)  # the claims' stretch is not shown


def test_a_body_of_few_characters_but_many_bytes_is_still_shown_whole(
        client, auth, session, users) -> None:
    """Whether the body comes with the page is decided on its size in bytes (counting the
    characters of a long body twice cost as much as the rest of the query): a body under
    ``WHOLE_BODY_CHARS`` characters whose bytes are over it (Armenian, two bytes a letter)
    is still shown whole, read when the page needs it."""
    body = ("Երևան " * (WHOLE_BODY_CHARS // 6 - 10)) + 'Minister said "the harbour reopens".'
    assert len(body) <= WHOLE_BODY_CHARS < len(body.encode("utf-8"))
    article = make_article(session, body, title="Many bytes", published=None)
    session.commit()
    auth.login("viewer")
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "the text around" not in page  # no window: the whole body
    assert page.count("Երևան") >= WHOLE_BODY_CHARS // 6 - 10
