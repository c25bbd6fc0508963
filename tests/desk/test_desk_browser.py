"""Working as a desk in a real Chromium against a live server with CSRF on: an editor
assigns a claim and the reviewer finds it in My queue; a comment is posted and shows in the
thread and in History; two people edit one claim and the second gets the three-way page
naming the first, and saves without undoing the first one's change. My queue, the thread and
the conflict page fit a 390 px phone and pass axe. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from claims_app.accounts.services import create_user
from claims_app.claims.models import Claim
from claims_app.db import get_db
from tests.support import TEST_PASSWORD, browser_login, chromium_missing, live_app, serving
from tests.web.test_web_look import ARTIFACTS, _axe_blocking, _overflow
from tests.worlds.annotate import BODY
from tests.worlds.builders import make_article, make_claim

pytestmark = pytest.mark.browser

if chromium_missing():
    pytest.skip(chromium_missing() or "", allow_module_level=True)


@dataclass(frozen=True)
class Live:
    url: str
    article_id: int
    claim_ids: dict[str, int]
    factory: Any


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    app = live_app(tmp_path_factory.mktemp("desk-db"), "desk-test")
    factory = get_db(app).sessionmaker
    with factory() as session:
        create_user(session, None, "rita", TEST_PASSWORD, "reviewer")
        create_user(session, None, "eddie", TEST_PASSWORD, "editor")
        article = make_article(session, BODY, published=dt.date(2019, 3, 12))
        claims = {name: make_claim(session, article, text).id for name, text in (
            ("useful", "the talks were useful"), ("slow", "progress was slow"),
            ("calm", "the border was calm"))}
        session.commit()
        article_id = article.id
    with serving(app) as url:
        yield Live(url, article_id, claims, factory)


def _page(browser: Any, live: Live, username: str, width: int = 1366) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    browser_login(page, live.url, username)
    return page


def _fits_and_passes_axe(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    fit = _overflow(page)
    assert fit["scroll"] <= fit["inner"], f"{name} scrolls sideways: {fit}"
    assert _axe_blocking(page) == [], name


def test_editor_assigns_a_claim_and_the_reviewer_sees_it_in_my_queue(browser: Any,
                                                                     live: Live) -> None:
    claim_id = live.claim_ids["slow"]
    eddie = _page(browser, live, "eddie")
    try:
        eddie.goto(f"{live.url}/claims/{claim_id}")
        eddie.select_option("#assign-assignee", label="rita")
        eddie.fill("#assign-due_note", "by Friday")
        eddie.click("form.assign-form button[type=submit]")
        eddie.wait_for_selector("text=Assigned to rita.")
        assert "due: by Friday" in eddie.inner_text("#assignment")
        _fits_and_passes_axe(eddie, "desk-claim-assigned-1366")
    finally:
        eddie.context.close()
    for width in (1366, 390):
        rita = _page(browser, live, "rita", width)
        try:
            rita.click("nav >> text=My queue")
            rita.wait_for_url(f"{live.url}/desk/mine")
            item = rita.inner_text(".my-queue")
            assert "progress was slow" in item and "Talks in Doha" in item
            assert "open" in item and "by Friday" in item
            _fits_and_passes_axe(rita, f"desk-my-queue-{width}")
        finally:
            rita.context.close()


def test_a_comment_shows_in_the_thread_and_in_history(browser: Any, live: Live) -> None:
    claim_id = live.claim_ids["useful"]
    for width in (1366, 390):
        rita = _page(browser, live, "rita", width)
        try:
            rita.goto(f"{live.url}/claims/{claim_id}")
            text = f"Check the date ({width})\nagainst the ministry's release."
            rita.fill("#comment-text", text)
            rita.click("form.comment-form button[type=submit]")
            rita.wait_for_selector("text=Comment posted.")
            # the line break is the stylesheet's (white-space: pre-wrap): read the thread once
            # the page after the redirect has loaded it, not while it is still on its way
            rita.wait_for_load_state("load")
            thread = rita.inner_text("#comments .thread")
            assert f"Check the date ({width})\nagainst the ministry" in thread
            assert "rita" in thread
            _fits_and_passes_axe(rita, f"desk-comment-thread-{width}")
            rita.goto(f"{live.url}/history/claim/{claim_id}")
            assert f"Check the date ({width})" in rita.inner_text("main")
        finally:
            rita.context.close()


def test_second_editor_gets_the_three_way_page_and_keeps_the_first_ones_change(
        browser: Any, live: Live) -> None:
    claim_id = live.claim_ids["calm"]
    eddie, rita = _page(browser, live, "eddie"), _page(browser, live, "rita")
    try:
        for page in (eddie, rita):
            page.goto(f"{live.url}/claims/{claim_id}/edit")
        eddie.fill("#cue", "said in a statement")
        eddie.click("input[type=submit][value='Save claim']")
        eddie.wait_for_selector("text=Claim saved.")

        rita.fill("#note", "The ministry's wording, not the minister's.")
        rita.click("input[type=submit][value='Save claim']")
        rita.wait_for_selector("form.three-way")
        assert "eddie" in rita.inner_text("#conflict-who")
        assert "they changed" in rita.inner_text("#field-cue")
        assert "you changed" in rita.inner_text("#field-note")
        _fits_and_passes_axe(rita, "desk-three-way-1366")
        rita.click("#save-merged")
        rita.wait_for_selector("text=Claim saved.")
    finally:
        eddie.context.close()
        rita.context.close()
    with live.factory() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        assert claim.cue == "said in a statement"  # the first save is not reverted
        assert claim.note == "The ministry's wording, not the minister's."
