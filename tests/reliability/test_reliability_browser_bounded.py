"""In Chromium, at a desktop and a phone width: a long article's claims a page at a time,
and a long article's re-extraction followed on its job page to the end (issue 15)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import insert

from claims_app.accounts.services import create_user
from claims_app.claims.models import Claim, ClaimKind, ClaimOrigin
from claims_app.db import get_db
from claims_app.jobs import worker
from tests.support import TEST_PASSWORD, browser_login, chromium_missing, live_app, serving
from tests.worlds.builders import make_article

pytestmark = pytest.mark.browser

if chromium_missing():
    pytest.skip(chromium_missing() or "", allow_module_level=True)

WIDTHS = [1366, 390]
QUOTED = ('Foreign Minister Elmar Mammadyarov said "the talks were useful" on Monday. '
          '"We will meet again soon," the envoy Rizwan Sheikh told journalists. ')


@dataclass(frozen=True)
class Live:
    url: str
    long_article: int
    rerun_article: int


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    app = live_app(tmp_path_factory.mktemp("bounded-browser"), "bounded-browser")
    app.config["RERUN_IN_REQUEST_CHARS"] = 100  # the second article counts as long
    factory = get_db(app).sessionmaker
    with factory() as session:
        sentences = [f'Minister {i} said "pier {i} reopens on the agreed date".'
                     for i in range(250)]
        body = " ".join(sentences)
        long_article = make_article(session, body, title="A long article", published=None)
        rerun = make_article(session, QUOTED, title="Talks", published=None)
        rows, pos = [], 0
        for sentence in sentences:
            start, end = pos + sentence.index('"') + 1, pos + sentence.rindex('"')
            rows.append({"article_id": long_article.id, "kind": ClaimKind.DIRECT,
                         "origin": ClaimOrigin.MANUAL, "text": body[start:end],
                         "start": start, "end": end})
            pos += len(sentence) + 1
        session.execute(insert(Claim), rows)
        create_user(session, None, "rita", TEST_PASSWORD, "reviewer")
        session.commit()
        ids = long_article.id, rerun.id
    stop = worker.start(app)  # as `claims-app serve` does
    try:
        with serving(app) as url:
            yield Live(url, *ids)
    finally:
        stop.set()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_articles_claims_are_paged(page, live: Live, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, live.url, "rita")
    page.goto(f"{live.url}/articles/{live.long_article}")
    pager = page.locator("nav.claims-pager").first
    assert "Showing claims 1–100 of 250" in pager.inner_text()
    assert page.locator("#article-body mark.claim").count() == 100
    box = pager.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    pager.get_by_role("link", name="Later claims →").click()
    page.wait_for_url(re.compile(r".*page=2.*"))
    assert "Showing claims 101–200 of 250" in page.locator("nav.claims-pager").first.inner_text()
    assert page.locator("ol.claim-list > li").count() == 100


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_articles_rerun_is_followed_on_its_job_page(page, live: Live,
                                                           width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, live.url, "rita")
    page.goto(f"{live.url}/articles/{live.rerun_article}")
    page.get_by_role("button", name="Re-run extraction").click()
    page.wait_for_url(re.compile(r".*/jobs/\d+$"))
    assert page.locator("#job-progress").is_visible()
    page.locator("#job[data-state=done]").wait_for(timeout=30000)  # the worker thread ran
    summary = page.locator("#job-summary")
    assert re.fullmatch(r"Extraction re-run: \d+ added, .*\.", summary.inner_text())
    page.reload()  # the state lives in the database
    assert page.locator("#job-state").inner_text() == "Done."
    assert page.locator("#job-summary").is_visible()
