"""The "Passages elsewhere" panel lists a few of the articles repeating a sentence and says
about how many more, so a background paragraph found in thousands of articles stays cheap."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from claims_app.articles.models import Article
from claims_app.articles.passages import (
    MATCHES_PER_PASSAGE,
    RepeatedPassage,
    passages_elsewhere,
)
from claims_app.articles.services import update_article
from tests.worlds.builders import make_article

BOILERPLATE = ("The organization, founded in 1969, brings together 57 member states across "
               "four continents and is the second largest intergovernmental body.")
REPEATS = MATCHES_PER_PASSAGE + 4  # other articles carrying the sentence


@pytest.fixture
def crowded(session: Session, users) -> list[int]:
    ids = [make_article(session, f"Report {n} from the summit on a quiet morning of talks. "
                                f"{BOILERPLATE} Nobody from mission {n} commented on it.",
                        title=f"Summit report {n}", published=None).id
           for n in range(REPEATS + 1)]
    session.commit()
    return ids


def test_panel_lists_at_most_the_cap_of_other_articles(client, auth, crowded) -> None:
    auth.login("viewer")
    page = client.get(f"/articles/{crowded[0]}").get_data(as_text=True)
    listed = {n for n in range(1, REPEATS + 1) if f">Summit report {n}</a>" in page}
    assert len(listed) == MATCHES_PER_PASSAGE


def test_panel_says_how_many_more_articles_repeat_the_sentence(client, auth, crowded) -> None:
    auth.login("viewer")
    page = client.get(f"/articles/{crowded[0]}").get_data(as_text=True)
    assert f"and about {REPEATS - MATCHES_PER_PASSAGE} more" in page


def test_more_label_reads_as_a_lower_bound_when_counting_stopped() -> None:
    passage = RepeatedPassage(0, 10, "x", [], more=995, more_capped=True)
    assert passage.more_label == "and more than 995 more"


def test_more_label_is_empty_when_nothing_is_left_out() -> None:
    assert RepeatedPassage(0, 10, "x", []).more_label == ""


def test_a_panel_is_remembered_while_nothing_changes(session, crowded) -> None:
    first = passages_elsewhere(session, crowded[0])
    assert passages_elsewhere(session, crowded[0]) is first


def test_a_remembered_panel_shows_a_newly_indexed_article(session, users) -> None:
    alone = make_article(session, f"A lone report on a quiet morning of talks. {BOILERPLATE}",
                         title="Lone report", published=None)
    assert passages_elsewhere(session, alone.id) == []
    make_article(session, f"{BOILERPLATE} A second report, filed later.", title="Later report",
                 published=None)
    panel = passages_elsewhere(session, alone.id)
    assert [e.article.display_title for p in panel for e in p.elsewhere] == ["Later report"]


def test_a_remembered_panel_follows_an_edited_title(session, crowded) -> None:
    before = passages_elsewhere(session, crowded[0])
    shown = before[0].elsewhere[0].article
    other = session.get(Article, shown.id)
    update_article(session, None, other, {"title": "Renamed report"}, expected_version=None)
    after = passages_elsewhere(session, crowded[0])
    assert "Renamed report" in [e.article.display_title for p in after for e in p.elsewhere]
