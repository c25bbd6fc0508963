"""The claim page's list of the speaker's other claims and the first-said answer are bounded
(issue 15, item 2).

A speaker with 55,309 claims made every one of their claim pages list all of them (9.9 MB);
the first-said question compared every repeat of a boilerplate sentence. The claim page now
lists the few said nearest the claim, with the total and a link to the speaker page (which
pages all of them); first-said compares the most alike repeats and says how many it left.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import insert, select

from claims_app.claims import page as claim_page
from claims_app.claims.models import Claim, ClaimKind, ClaimOrigin
from claims_app.crossref import questions
from claims_app.crossref.similar import NEIGHBOURS_EACH_SIDE, neighbour_ids
from tests.worlds.builders import make_article, make_claim, make_speaker

LINE = "The harbour authority confirmed that the northern breakwater will be rebuilt this year."


@pytest.fixture
def statements(count_queries: Callable[[], int]) -> Callable[[], int]:
    """The statements sent on the test's connection (the suite's ``count_queries``)."""
    return count_queries


def _prolific(session: Any, count: int, name: str) -> list[int]:
    """A speaker with ``count`` claims, one a day from 2020-01-01, in one article; ids."""
    speaker = make_speaker(session, name)
    body = " ".join(f"{name} said the figure {i} is right." for i in range(count))
    article = make_article(session, body, index=False, title=None, published=None)
    rows, pos = [], 0
    for i in range(count):
        sentence = f"{name} said the figure {i} is right."
        start = body.index("the figure", pos)
        end = start + len(f"the figure {i} is right")
        rows.append({"article_id": article.id, "speaker_id": speaker.id, "start": start,
                     "end": end, "text": body[start:end], "kind": ClaimKind.INDIRECT,
                     "origin": ClaimOrigin.MANUAL, "said_on": dt.date(2020, 1, 1)
                     + dt.timedelta(days=i)})
        pos += len(sentence) + 1
    session.execute(insert(Claim), rows)
    session.flush()
    return list(session.scalars(select(Claim.id).where(Claim.speaker_id == speaker.id)
                                .order_by(Claim.said_on)))


def test_the_claim_page_lists_the_speakers_nearest_claims_and_links_to_all(
        client, auth, session, users, statements) -> None:
    few = _prolific(session, 30, "Amina Quietly")
    many = _prolific(session, 600, "Boris Prolific")
    session.commit()
    auth.login("viewer")
    client.get(f"/claims/{few[15]}")  # warm up
    claim_page.found_cache.clear()  # both views below make the lookups a page remembers
    before = statements()
    small = client.get(f"/claims/{few[15]}").get_data(as_text=True)
    small_statements = statements() - before
    before = statements()
    large = client.get(f"/claims/{many[300]}").get_data(as_text=True)
    # 20 times the claims cost no more statements (the small page's cross-reference
    # panels may read a little more: fewer of its lookups are answered from the cache).
    assert statements() - before <= small_statements
    timeline = re.search(r'<ol class="timeline">(.*?)</ol>', large, re.S)
    assert timeline is not None
    listed = re.findall(r'href="/claims/(\d+)"', timeline.group(1))
    assert len(listed) == 2 * NEIGHBOURS_EACH_SIDE
    assert [int(i) for i in listed] == many[290:300] + many[301:311]  # date order around it
    assert "of 599 other claims" in large and "All 600 claims by Boris Prolific" in large
    assert abs(len(large) - len(small)) < 3000


def test_neighbours_at_the_edges_of_the_timeline(session, users) -> None:
    ids = _prolific(session, 40, "Cara Edge")
    claim = session.get(Claim, ids[0])
    before, after, _total = neighbour_ids(session, claim)
    assert (before, after) == ([], ids[1:11])
    before, after, total = neighbour_ids(session, session.get(Claim, ids[-1]))
    assert [*before, *after] == ids[-11:-1] and total == 40


def test_first_said_compares_a_bounded_number_of_repeats_and_says_so(
        client, auth, session, users, monkeypatch) -> None:
    for day in range(12):
        make_article(session, f"Report {day}. {LINE}", published=dt.date(2021, 3, 1 + day),
                     title=None)
    speaker = make_speaker(session, "Harbour Chief")
    quoted = make_article(session, f"Interview. {LINE}", published=dt.date(2021, 4, 1), title=None)
    claim = make_claim(session, quoted, LINE, speaker)
    session.commit()
    monkeypatch.setattr(questions, "FIRST_SAID_PASSAGES", 3)
    found = questions.first_said(session, claim)
    assert found is not None and found.unchecked > 0
    auth.login("viewer")
    page = client.get(f"/questions/first-said?claim={claim.id}").get_data(as_text=True)
    assert "more sentences than were compared; an earlier one may be among them" in page
    monkeypatch.setattr(questions, "FIRST_SAID_PASSAGES", 200)
    everything = questions.first_said(session, claim)
    assert everything is not None and everything.unchecked == 0
    assert everything.date == dt.date(2021, 3, 1)


def _listed(page: str) -> list[int]:
    answers = re.search(r'<ol class="answers">(.*?)</ol>', page, re.S)
    assert answers is not None
    return [int(i) for i in re.findall(r'data-claim-id="(\d+)"', answers.group(1))]


def test_the_claim_page_pages_on_into_the_speakers_timeline(client, auth, session,
                                                            users) -> None:
    many = _prolific(session, 300, "Dora Timeline")
    session.commit()
    auth.login("viewer")
    page = client.get(f"/claims/{many[180]}").get_data(as_text=True)
    # 180 claims come before it: the speaker page's fourth page of 50 holds it.
    link = re.search(r'href="([^"]+)" class="speaker-claims-page"', page)
    assert link is not None and link.group(1).endswith("?page=4")
    timeline = client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert "the figure 180 is right" in timeline and "Claims 151–200 of 300" in timeline


def test_said_between_lists_a_page_at_a_time(client, auth, session, users,
                                             statements) -> None:
    few = _prolific(session, 30, "Eli Brief")
    many = _prolific(session, 600, "Fay Verbose")
    session.commit()
    auth.login("viewer")
    ask = "/questions/said-between?speaker={}&start=2020-01-01&end=2030-01-01"
    client.get(ask.format("Eli+Brief"))  # warm up
    before = statements()
    small = client.get(ask.format("Eli+Brief")).get_data(as_text=True)
    small_statements = statements() - before
    before = statements()
    large = client.get(ask.format("Fay+Verbose")).get_data(as_text=True)
    assert statements() - before <= small_statements
    assert _listed(small) == few
    assert _listed(large) == many[:questions.ANSWERS_PER_PAGE]
    assert "600 claims by" in large and 'rel="next"' in large
    last = client.get(ask.format("Fay+Verbose") + "&page=12").get_data(as_text=True)
    assert _listed(last) == many[550:] and 'rel="next"' not in last
    assert "Claims 551–600 of 600 (page 12 of 12)" in last


def test_said_between_counts_no_further_than_its_limit(session, users, monkeypatch) -> None:
    speaker_claims = _prolific(session, 80, "Gus Counted")
    speaker = session.get(Claim, speaker_claims[0]).speaker_id
    monkeypatch.setattr(questions, "COUNT_LIMIT", 60)
    page = questions.said_between(session, speaker, None, None, page=1, per_page=50)
    assert (len(page.items), page.total, page.capped) == (50, 60, True)
    assert page.total_label == "more than 60"


def test_said_about_lists_a_page_at_a_time(client, auth, session, users) -> None:
    speaker = make_speaker(session, "Hana Harbour")
    body = " ".join(f"The harbour toll rose by {i} percent." for i in range(120))
    article = make_article(session, body, published=dt.date(2023, 1, 1), title=None)
    made = [make_claim(session, article, f"The harbour toll rose by {i} percent.", speaker,
                       said_on=dt.date(2022, 1, 1) + dt.timedelta(days=i)).id
            for i in range(120)]
    session.commit()
    first = questions.said_about(session, speaker.id, "harbour toll")
    assert (len(first.items), first.total) == (questions.ANSWERS_PER_PAGE, 120)
    assert [c.id for c in first.items] == made[:questions.ANSWERS_PER_PAGE]
    auth.login("viewer")
    ask = "/questions/said-about?speaker=Hana+Harbour&topic=harbour+toll"
    page = client.get(ask).get_data(as_text=True)
    assert _listed(page) == made[:50] and "120 claims by" in page
    third = client.get(ask + "&page=3").get_data(as_text=True)
    assert _listed(third) == made[100:] and "Claims 101–120 of 120" in third
    assert client.get(ask + "&page=x").status_code == 400
