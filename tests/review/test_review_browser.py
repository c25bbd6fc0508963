"""The reviewer's flows in a real Chromium against a live server with CSRF on: reviewing from
the queue with keys (speaker and span corrected in place), linking two claims by searching
in the picker, a large upload imported in the background to completion, the article page's
passages panel and derived titles; at 1366 px, the queue also at 390 px, with axe-core on
each page as the flow leaves it. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from claims_app.accounts.services import create_user
from claims_app.articles.models import Article
from claims_app.claims.models import Claim, ClaimKind, ClaimLink, ClaimStatus
from claims_app.db import get_db
from claims_app.jobs import worker
from tests.claims.test_claims_annotate_browser import SELECT_JS
from tests.support import (
    AXE_JS,
    IN_CI,
    TEST_PASSWORD,
    axe_blocking,
    browser_login,
    chromium_missing,
    live_app,
    serving,
)
from tests.worlds.builders import make_article, make_claim, make_outlet, make_speaker

pytestmark = pytest.mark.browser

if chromium_missing():
    pytest.skip(chromium_missing() or "", allow_module_level=True)
if not AXE_JS.exists() and not IN_CI:
    pytest.skip(f"axe-core not installed at {AXE_JS}; run `make axe` (needs npm)",
                allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SHARED = "The occupation of Azerbaijani territories threatens security in the whole region."
FIRST = (f"The summit opened on Monday in Baku. {SHARED} Foreign Minister Elmar Mammadyarov "
         "said \"the talks were useful\" after the first session. He added that progress was "
         "slow. The ministry said the border was calm.")
SECOND = (f"Residents of the border villages said they had heard no shooting for a week. "
          f"{SHARED} Trade grew by ten percent, officials said.")
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
#: Uploads larger than this are imported in the background in these tests.
THRESHOLD = 400


@dataclass(frozen=True)
class Live:
    url: str
    factory: Any
    first: int
    second: int
    useful: int
    slow: int
    calm: int
    villages: int
    elmar: int


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    app = live_app(tmp_path_factory.mktemp("review-db"), "review-test")
    app.config["IMPORT_IN_REQUEST_BYTES"] = THRESHOLD
    app.instance_path = str(tmp_path_factory.mktemp("review-instance"))
    factory = get_db(app).sessionmaker
    with factory() as session:
        create_user(session, None, "rita", TEST_PASSWORD, "reviewer")
        create_user(session, None, "eddie", TEST_PASSWORD, "editor")
        trend = make_outlet(session, "Trend")
        elmar = make_speaker(session, "Elmar Mammadyarov", aliases=("Mammadyarov",))
        first = make_article(session, FIRST, outlet=trend)
        second = make_article(session, SECOND, title=None, published=dt.date(2019, 3, 14))
        useful = make_claim(session, first, "the talks were useful", None, confidence=0.2)
        useful.runner_up_name, useful.runner_up_score = "Elmar Mammadyarov", 0.4
        slow = make_claim(session, first, "progress was", elmar, kind=ClaimKind.INDIRECT,
                          confidence=0.3)
        calm = make_claim(session, first, "the border was calm", None,
                          kind=ClaimKind.PARAPHRASE, confidence=0.5)
        villages = make_claim(session, second, "they had heard no shooting for a week",
                              None, kind=ClaimKind.INDIRECT, confidence=0.6)
        session.commit()
        ids = (first.id, second.id, useful.id, slow.id, calm.id, villages.id, elmar.id)
    stop = worker.start(app)  # as `claims-app serve` does
    try:
        with serving(app) as url:
            yield Live(url, factory, *ids)
    finally:
        stop.set()


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """axe-core is injected as a script tag, which the site's CSP forbids; the test's own
    injection is let through (the CSP itself is tested in tests/security)."""
    return {**browser_context_args, "bypass_csp": True}


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _claim(live: Live, claim_id: int) -> Claim:
    with live.factory() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        session.expunge(claim)
        return claim


def _start(page: Any, live: Live, width: int = 1366) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.set_default_timeout(15_000)
    browser_login(page, live.url, "rita")


def test_review_from_the_queue_with_keys_correcting_in_place_at_1366(page: Any,
                                                                    live: Live) -> None:
    _start(page, live)
    page.goto(f"{live.url}/review/?article={live.first}")
    first = page.locator(f"#q-{live.useful}")
    assert "current" in (first.get_attribute("class") or "")
    context = first.locator(".queue-context").inner_text()
    assert "The summit opened on Monday in Baku." not in context  # two sentences back
    assert SHARED in context and "after the first session." in context
    assert first.locator("mark.ctx-claim").inner_text() == "the talks were useful"
    assert "runner-up: Elmar Mammadyarov" in first.inner_text()

    # s: the speaker, typed as an alias, saved without leaving the queue.
    page.keyboard.press("s")
    box = page.locator(f"#speaker-{live.useful}")
    box.wait_for(state="visible")
    assert box.evaluate("el => el === document.activeElement")
    box.fill("Mammadyar")
    page.wait_for_function("document.querySelectorAll('#queue-speakers option').length > 0")
    box.fill("Mammadyarov")
    page.fill(f"#role-{live.useful}", "foreign minister")
    assert axe_blocking(page) == []
    _shot(page, "queue-speaker-in-place-1366")
    box.press("Enter")
    done = first.locator(".inplace-done")
    done.wait_for()
    assert "Speaker saved: Elmar Mammadyarov." in done.inner_text()
    assert first.locator(".q-speaker").inner_text() == "Elmar Mammadyarov"
    assert page.url.endswith(f"/review/?article={live.first}")  # never left the queue
    stored = _claim(live, live.useful)
    assert (stored.speaker_id, stored.speaker_role, stored.status) == (
        live.elmar, "foreign minister", ClaimStatus.CORRECTED)

    # j then e: the span, selected in the claim's context.
    page.keyboard.press("j")
    second = page.locator(f"#q-{live.slow}")
    assert "current" in (second.get_attribute("class") or "")
    page.keyboard.press("e")
    second.locator("form.inplace-span").wait_for(state="visible")
    assert page.evaluate(SELECT_JS, [f"ctx-{live.slow}", "that progress was sl"])
    save = second.locator("form.inplace-span button[type=submit]")
    assert save.is_enabled()
    assert "New span: “that progress was slow”" in second.locator(
        "form.inplace-span .inplace-status").inner_text()
    save.click()
    second.locator(".inplace-done").wait_for()
    moved = _claim(live, live.slow)
    start = FIRST.index("that progress was slow")
    assert (moved.start, moved.end, moved.text) == (start, start + 22, "that progress was slow")
    assert moved.speaker_id == live.elmar and moved.status is ClaimStatus.CORRECTED

    # j then a: accepted with one key (the page reloads on the same filters).
    page.keyboard.press("j")
    page.keyboard.press("a")
    page.wait_for_load_state()
    page.locator("#queue").wait_for()
    assert _claim(live, live.calm).status is ClaimStatus.CONFIRMED
    assert f"article={live.first}" in page.url
    _shot(page, "queue-after-review-1366")
    assert axe_blocking(page) == []


def test_queue_fits_a_phone_at_390(page: Any, live: Live) -> None:
    _start(page, live, 390)
    page.goto(f"{live.url}/review/?status=any")
    page.locator("#queue .queue-item").first.wait_for()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.keyboard.press("s")
    page.locator("form.inplace-speaker").first.wait_for(state="visible")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.keyboard.press("Escape")
    page.click("#queue-filters summary")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    _shot(page, "queue-390")
    assert axe_blocking(page) == []


def test_link_two_claims_by_searching_in_the_picker_at_1366(page: Any, live: Live) -> None:
    _start(page, live)
    page.goto(f"{live.url}/claims/{live.calm}")
    assert page.locator("#target_id").get_attribute("type") == "hidden"
    box = page.locator("#target_id-search")
    box.fill("shooting wee")
    option = page.locator(f"#target_id-options [data-claim-id='{live.villages}']")
    option.wait_for()
    assert "they had heard no shooting for a week" in option.inner_text()
    assert axe_blocking(page) == []
    _shot(page, "claim-picker-1366")
    box.press("ArrowDown")
    box.press("Enter")
    assert page.input_value("#target_id") == str(live.villages)
    assert f"Claim {live.villages}:" in page.inner_text("#target_id-chosen")
    page.select_option("#link_type", "supports")
    page.click(".link-form input[type=submit], .link-form button[type=submit]")
    page.wait_for_url(lambda url: url.endswith("#links"))
    with live.factory() as session:
        link = session.scalar(select(ClaimLink).where(ClaimLink.source_claim_id == live.calm))
        assert link is not None and link.target_claim_id == live.villages
        assert link.link_type.value == "supports"


def test_a_large_upload_is_imported_in_the_background_at_1366(page: Any, live: Live,
                                                              tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.set_default_timeout(30_000)
    browser_login(page, live.url, "eddie")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))[:3]
    assert sum(p.stat().st_size for p in seeds) > THRESHOLD
    page.goto(f"{live.url}/import")
    page.set_input_files("#files", [str(p) for p in seeds])
    page.click("#submit")
    page.wait_for_url(lambda url: "/jobs/" in url)
    assert page.inner_text("h1") == "Importing articles"
    page.wait_for_function(
        "['done', 'failed'].includes(document.getElementById('job').dataset.state)")
    assert page.inner_text("#job-error") == "", page.inner_text("#job-error")
    bar = page.locator("#job-progress")
    assert (bar.get_attribute("max"), page.evaluate(
        "document.getElementById('job-progress').value")) == ("3", 3)
    summary = page.inner_text("#job-summary")
    assert summary.startswith("imported: 3, already present: 0, failed: 0")
    page.reload()  # the state is the job's row: a reload shows the same
    assert page.inner_text("#job-state") == "Done."
    assert "imported: 3" in page.inner_text("#job-summary")
    assert page.locator("#job-next").is_visible()
    _shot(page, "import-job-done-1366")
    assert axe_blocking(page) == []
    with live.factory() as session:
        assert len(session.scalars(select(Article.id)).all()) == 5  # two made, three imported


def test_article_passages_panel_is_a_count_with_the_list_on_demand_at_1366(
        page: Any, live: Live) -> None:
    _start(page, live)
    page.goto(f"{live.url}/articles/{live.first}")
    panel = page.locator("details.passage-elsewhere").first
    assert panel.locator("summary").inner_text() == "in 1 other article"
    link = panel.locator(f"a[href^='/articles/{live.second}?passage=']")
    assert not link.is_visible()
    panel.locator("summary").click()
    assert link.is_visible()
    assert "derived title" in link.inner_text()
    assert "dotted underline" in page.inner_text(".legend")
    _shot(page, "article-passages-1366")
    assert axe_blocking(page) == []


def test_a_derived_title_is_shown_marked_at_1366(page: Any, live: Live) -> None:
    _start(page, live)
    page.goto(f"{live.url}/articles/")
    derived = page.locator(f"a[href='/articles/{live.second}'] i.derived-title")
    assert derived.inner_text() == ("Residents of the border villages said they had heard "
                                    "no shooting for a week.")
    assert derived.evaluate("el => getComputedStyle(el).fontStyle") == "italic"
    assert "[untitled]" not in page.inner_text("body")
    assert "(derived title)" in page.inner_text("body")
    _shot(page, "articles-derived-title-1366")
