"""The dashboard at / : totals, review progress chart, most quoted, recent changes."""

from __future__ import annotations

import datetime as dt
import re

from claims_app.claims.models import ClaimStatus
from claims_app.claims.services import set_status
from claims_app.dashboard import services
from tests.worlds.builders import make_article, make_claim


def test_totals_count_reviewed_claims(session, world) -> None:
    set_status(session, None, world.useful, ClaimStatus.CONFIRMED)
    totals = services.totals(session)
    assert (totals.articles, totals.claims, totals.speakers, totals.reviewed) == (2, 3, 2, 1)
    assert round(totals.reviewed_pct) == 33


def test_review_progress_is_cumulative_per_week(session, world) -> None:
    set_status(session, None, world.useful, ClaimStatus.CONFIRMED)
    set_status(session, None, world.useful, ClaimStatus.REJECTED)
    session.flush()
    weeks = services.review_progress(session, weeks=3, today=dt.date.today())
    assert weeks[-1].created == 3 and weeks[-1].reviewed == 1
    assert weeks[0].week.weekday() == 0


def test_most_quoted_puts_the_busiest_speaker_first(session, world) -> None:
    assert services.most_quoted(session)[0].id == world.elmar.id


def test_root_shows_the_dashboard(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Review progress" in page and "<svg" in page and "Most quoted" in page


def test_root_asks_for_a_login(client, world) -> None:
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_dashboard_lists_recently_changed_claims(client, auth, world) -> None:
    auth.login("viewer")
    assert "we will meet again soon" in client.get("/").get_data(as_text=True)


def test_dashboard_runs_a_fixed_number_of_queries(client, auth, world, count_queries) -> None:
    auth.login("viewer")
    count_queries.count = 0
    client.get("/")
    # 12, one for the newest possible misquotes (a second only when there are some), and
    # the desk's one
    assert count_queries.count <= 14, count_queries.count


def test_the_dashboard_never_reads_an_articles_body(client, auth, session, world,
                                                    sent_statements) -> None:
    # The newest claims are often a long article's: the recently changed list and the
    # possible misquotes show an article's title, derived title or outlet, never its text.
    body = "Talks opened on Monday. " + "The delegations met again. " * 20_000 + (
        "The minister said the border would open.")
    make_claim(session, make_article(session, body, title=None),
               "the border would open")
    session.commit()
    auth.login("viewer")
    sent_statements.clear()
    page = client.get("/").get_data(as_text=True)
    assert "Talks opened on Monday." in page  # the derived title of the newest claim's article
    whole = re.compile(r"(?<!substr\()articles\.(body|raw)\b")
    assert [s for s in sent_statements if whole.search(s)] == []
