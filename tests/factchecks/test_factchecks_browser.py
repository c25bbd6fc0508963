"""Fact-check memory and changes of position in a real Chromium against a live server with
CSRF on: a ClaimReview file imported on the Import page shows on the matching claim's page
and in the review queue; confirming a possible change of position on the speaker page makes
the ``contradicts`` link. At 1366 px, and the new sections at 390 px without sideways
scrolling; axe-core on the pages that carry them. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from claims_app.accounts.services import create_user
from claims_app.claims.models import ClaimLink, LinkType
from claims_app.db import get_db
from claims_app.speakers.services import create_speaker
from tests.support import TEST_PASSWORD, browser_login, chromium_missing, live_app, serving
from tests.worlds.builders import make_article, make_claim

pytestmark = pytest.mark.browser

if chromium_missing():
    pytest.skip(chromium_missing() or "", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE_JS = ROOT / "tests" / "web" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
SHELLING = "Armenian forces shelled the city of Ganja overnight, killing two civilians"
EARLY = "Turkey supports the ceasefire proposed by the Minsk Group."
LATE = "Turkey opposes the ceasefire proposed by the Minsk Group."
REVIEW = {
    "@context": "https://schema.org", "@type": "ClaimReview",
    "url": "https://factcheck.example/ganja",
    "claimReviewed": SHELLING + ".",
    "author": {"@type": "Organization", "name": "Fact Check Caucasus"},
    "datePublished": "2021-05-02",
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Hikmet Hajiyev"}},
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                     "alternateName": "False"},
}


@dataclass(frozen=True)
class Live:
    url: str
    ids: dict[str, int]
    factory: Any


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    app = live_app(tmp_path_factory.mktemp("factchecks-db"), "factchecks-test")
    factory = get_db(app).sessionmaker
    with factory() as session:
        create_user(session, None, "eddie", TEST_PASSWORD, "editor")
        hajiyev = create_speaker(session, None, "Hikmet Hajiyev")
        erdogan = create_speaker(session, None, "Recep Tayyip Erdogan")
        shelled = make_article(session, f'Presidential aide Hikmet Hajiyev said "{SHELLING}" '
                               "on Sunday.", published=dt.date(2020, 10, 4))
        first = make_article(session, f'President Erdogan said "{EARLY}" on Friday.',
                             published=dt.date(2020, 10, 2))
        second = make_article(session, f'President Erdogan said "{LATE}" on Tuesday.',
                              published=dt.date(2020, 10, 20))
        claim = make_claim(session, shelled, SHELLING, hajiyev)
        early = make_claim(session, first, EARLY, erdogan)
        late = make_claim(session, second, LATE, erdogan)
        session.commit()
        ids = {"claim": claim.id, "early": early.id, "late": late.id, "erdogan": erdogan.id}
    with serving(app) as url:
        yield Live(url, ids, factory)


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _axe_blocking(page: Any) -> list[str]:
    if not AXE_JS.exists():
        pytest.skip(f"axe-core not installed at {AXE_JS}; run `make axe` (needs npm)")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['impact']} {v['id']}: {v['help']}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


def test_an_imported_fact_check_shows_on_the_matching_claim(browser: Any, live: Live,
                                                            tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        browser_login(page, live.url, "eddie")
        upload = tmp_path / "ganja-review.json"
        upload.write_text(json.dumps([REVIEW]), encoding="utf-8")
        page.goto(f"{live.url}/import")
        page.set_input_files("#files", str(upload))
        page.click("#submit")
        summary = page.locator("#import-summary")
        summary.wait_for()
        assert "1 of the imported are fact-checks" in summary.inner_text()
        _shot(page, "factcheck-import-1366")

        page.goto(f"{live.url}/claims/{live.ids['claim']}")
        checks = page.locator("ul.fact-checks li")
        assert checks.count() == 1
        text = checks.first.inner_text()
        assert "Already checked by Fact Check Caucasus: False, 2 May 2021" in text
        assert "same speaker" in text
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        _shot(page, "factcheck-claim-1366")
        assert _axe_blocking(page) == []

        page.goto(f"{live.url}/review/?factchecked=1")
        items = page.locator("li.queue-item")
        assert items.count() == 1
        queued = items.first.inner_text()
        assert "Already checked by Fact Check Caucasus: False, 2021-05-02" in queued

        page.set_viewport_size({"width": 390, "height": 844})
        for path in (f"/claims/{live.ids['claim']}", "/review/?factchecked=1", "/import"):
            page.goto(live.url + path)
            assert page.evaluate(NO_SIDEWAYS_SCROLL), path
        _shot(page, "factcheck-import-390")
    finally:
        context.close()


def test_confirming_a_change_of_position_creates_the_link(browser: Any, live: Live) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        browser_login(page, live.url, "eddie")
        page.goto(f"{live.url}/speakers/{live.ids['erdogan']}")
        pair = page.locator(f"li.position-change[data-earlier='{live.ids['early']}']"
                            f"[data-later='{live.ids['late']}']")
        assert pair.count() == 1
        assert "2 October 2020" in pair.inner_text() and "20 October 2020" in pair.inner_text()
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        _shot(page, "position-change-390")
        assert _axe_blocking(page) == []

        page.set_viewport_size({"width": 1366, "height": 900})
        page.reload()
        _shot(page, "position-change-1366")
        pair.get_by_role("button", name="Confirm: the later contradicts the earlier").click()
        page.wait_for_load_state()
        assert f"Linked: claim {live.ids['late']} contradicts claim {live.ids['early']}" \
            in page.inner_text("body")
        assert page.locator("li.position-change").count() == 0
        with live.factory() as session:
            link = session.scalars(select(ClaimLink)).one()
            assert (link.source_claim_id, link.target_claim_id, link.link_type) == (
                live.ids["late"], live.ids["early"], LinkType.CONTRADICTS)
        page.goto(f"{live.url}/claims/{live.ids['late']}")
        assert "contradicts" in page.locator("ul.links").inner_text()
    finally:
        context.close()
