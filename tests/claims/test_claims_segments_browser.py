"""In a real Chromium, at a desktop (1366 px) and a phone (390 px) width: a quote split
around its attribution is highlighted piece by piece, and the runner-up speaker is one
click (a CSRF-checked POST) away."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from claims_app.accounts.services import create_user
from claims_app.claims.models import ClaimKind
from claims_app.claims.services import ClaimInput, create_claim
from claims_app.db import get_db
from tests.split_quote import BETWEEN, BODY, FIRST, RUNNER_UP, SECOND, spans
from tests.support import TEST_PASSWORD, browser_login, chromium_missing, live_app, serving
from tests.worlds.builders import make_article, make_speaker

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (1366, 390)

if chromium_missing():
    pytest.skip(chromium_missing() or "", allow_module_level=True)


@dataclass(frozen=True)
class Live:
    url: str
    article_ids: dict[int, int]  # width -> its own article (each test changes its claim)
    claim_ids: dict[int, int]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    app = live_app(tmp_path_factory.mktemp("segments-browser-db"), "segments-browser")
    articles: dict[int, int] = {}
    claims: dict[int, int] = {}
    with get_db(app).sessionmaker() as session:
        elmar = make_speaker(session, "Elmar Mammadyarov")
        for width in WIDTHS:
            body = f"Edition {width}. {BODY}"
            article = make_article(session, body, title="Port talks", published=None,
                                   source_name=f"split-{width}.txt")
            (a, b), (c, d) = spans(body)
            claim = create_claim(session, None, article, ClaimInput(
                start=a, end=d, kind=ClaimKind.DIRECT, speaker_id=elmar.id,
                segments=[(a, b), (c, d)], runner_up=RUNNER_UP, confidence=0.8))
            articles[width], claims[width] = article.id, claim.id
        create_user(session, None, "rita", TEST_PASSWORD, "reviewer")
        session.commit()
    with serving(app) as url:
        yield Live(url, articles, claims)


def _fits(page) -> bool:
    """Nothing in the page's main content sticks out sideways (what this test adds; the
    site's navigation bar is the layout's own business)."""
    return not page.evaluate("""() => [...document.querySelectorAll('main *')]
        .some(e => e.getBoundingClientRect().right > window.innerWidth + 1)""")


@pytest.mark.parametrize("width", WIDTHS)
def test_segments_are_highlighted_and_the_runner_up_is_one_click(browser, live: Live,
                                                                 width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(10_000)
    try:
        browser_login(page, live.url, "rita")
        claim_id = live.claim_ids[width]

        # The article page marks the two pieces, not the attribution between them.
        page.goto(f"{live.url}/articles/{live.article_ids[width]}")
        marks = page.locator(f"mark[data-claim-id='{claim_id}']")
        assert marks.all_inner_texts() == [FIRST, SECOND]
        assert page.locator(f"mark#claim-{claim_id}").inner_text() == FIRST
        assert BETWEEN in page.inner_text("#article-body")
        assert _fits(page)

        # The claim page: segments marked, the runner-up offered.
        page.goto(f"{live.url}/claims/{claim_id}")
        assert page.locator("blockquote.claim-text mark.segment").all_inner_texts() == [
            FIRST, SECOND]
        assert page.locator("blockquote.claim-text .between").inner_text() == BETWEEN
        offer = page.locator("#runner-up")
        assert "Rizwan Saeed Sheikh" in offer.inner_text()
        button = page.locator("#use-runner-up")
        assert button.is_visible()
        box = button.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
        assert _fits(page)
        (ROOT / "test-artifacts").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "test-artifacts" / f"runner-up-{width}.png"),
                        full_page=True)

        # One click: the runner-up becomes the speaker, and is no longer offered.
        button.click()
        page.wait_for_url(re.compile(rf".*/claims/{claim_id}$"))
        main = page.inner_text("main")
        assert "Speaker changed from Elmar Mammadyarov to Rizwan Saeed Sheikh." in main
        assert "Rizwan Saeed Sheikh" in page.inner_text("dl.meta dd >> nth=0")
        assert page.locator("#use-runner-up").count() == 0
        assert _fits(page)
    finally:
        page.close()


def test_the_runner_up_post_without_the_csrf_token_is_refused(browser, live: Live) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        browser_login(page, live.url, "rita")
        claim_id = live.claim_ids[WIDTHS[0]]
        response = page.request.post(f"{live.url}/claims/{claim_id}/runner-up",
                                     form={"version": "1"})
        assert response.status == 400
    finally:
        page.close()
