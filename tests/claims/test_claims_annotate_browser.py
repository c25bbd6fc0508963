"""Annotating where one reads, in a real Chromium against a live server with CSRF on: the
panel beside a selection (1366 px and 390 px), the overlap offer, "Add claim" with nothing
selected, and re-spanning a claim by selecting on its edit page. Screenshots go to
test-artifacts/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from claims_app.accounts.services import create_user
from claims_app.articles.models import Article
from claims_app.claims.models import Claim, ClaimKind
from claims_app.db import get_db
from claims_app.speakers.models import Speaker, SpeakerKind
from tests.support import TEST_PASSWORD, browser_login, chromium_missing, live_app, serving
from tests.worlds.builders import make_article, make_claim

pytestmark = pytest.mark.browser

if chromium_missing():
    pytest.skip(chromium_missing() or "", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
BODY = ("Foreign Minister Elmar Mammadyarov said \"the talks were useful\" on Monday. "
        "He added that progress was slow. The ministry said the border was calm. "
        "Observers expected a second round of talks in the spring, officials said.\n\n"
        "Residents of the border villages said they had heard no shooting for a week.")

# Selects `text` (its `occurrence`-th appearance) inside the element `root_id` with a Range
# over its text nodes and releases the mouse there, as a person dragging across it would.
SELECT_JS = """
([rootId, text]) => {
  const root = document.getElementById(rootId);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = []; let full = '';
  while (walker.nextNode()) { nodes.push([walker.currentNode, full.length]);
                              full += walker.currentNode.data; }
  const at = full.indexOf(text);
  if (at < 0) { return false; }
  const locate = (pos) => { for (const [node, from] of nodes) {
      if (pos <= from + node.data.length) { return [node, pos - from]; } } };
  const range = document.createRange();
  range.setStart(...locate(at)); range.setEnd(...locate(at + text.length));
  const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
  root.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
  return true;
}
"""
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@dataclass(frozen=True)
class Live:
    url: str
    article_id: int
    useful_id: int
    factory: object


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    app = live_app(tmp_path_factory.mktemp("annotate-db"), "annotate-test")
    factory = get_db(app).sessionmaker
    with factory() as session:
        create_user(session, None, "rita", TEST_PASSWORD, "reviewer")
        article = make_article(session, BODY, published=dt.date(2019, 3, 12))
        useful = make_claim(session, article, "the talks were useful")
        session.commit()
        ids = article.id, useful.id
    with serving(app) as url:
        yield Live(url, ids[0], ids[1], factory)


def _claims(live: Live) -> list[Claim]:
    with live.factory() as session:  # type: ignore[operator]
        return list(session.scalars(select(Claim).order_by(Claim.id)))


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_annotate_at_a_selection_saves_in_place_at_1366(page, live: Live) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.set_default_timeout(10_000)
    browser_login(page, live.url, "rita")
    page.goto(f"{live.url}/articles/{live.article_id}")

    # A selection from inside one word to inside another takes the whole words.
    assert page.evaluate(SELECT_JS, ["article-body", "order was cal"])
    panel = page.locator("#annotate-panel")
    panel.wait_for(state="visible")
    assert page.inner_text("#annotate-panel-quote") == "border was calm"
    box = panel.bounding_box()
    mark_box = page.evaluate("""() => { const r = window.getSelection().getRangeAt(0)
                                         .getBoundingClientRect(); return r.bottom; }""")
    assert box is not None and box["y"] >= mark_box  # beside (below) the selection
    _shot(page, "annotate-panel-1366")

    # A new speaker, an organisation; a late date with no note is refused beside the field
    # and what was typed stays.
    page.select_option("#kind", "paraphrase")
    page.check("#create_speaker")
    page.check("input[name=new_speaker_kind][value=organization]")
    page.fill("#speaker", "Border Guard Service")
    page.fill("#speaker_role", "border agency")
    page.fill("#said_on", "2019-03-20")
    page.click("#annotate-panel-save")
    error = page.locator("#panel-said_on-error")
    error.wait_for()
    assert "after the article came out" in error.inner_text()
    assert page.input_value("#speaker") == "Border Guard Service"
    assert page.input_value("#speaker_role") == "border agency"
    assert not _claims(live)[1:]  # nothing stored

    page.fill("#note", "Reported ahead of the statement.")
    page.click("#annotate-panel-save")
    added = page.wait_for_selector("#annotate-hint a")
    claim_id = int((added.get_attribute("href") or "").rsplit("/", 1)[1])
    mark = page.locator(f"#article-body mark#claim-{claim_id}")
    assert mark.inner_text() == "border was calm"
    assert panel.is_hidden()

    page.reload()
    mark = page.locator(f"#article-body mark#claim-{claim_id}")
    assert mark.inner_text() == "border was calm"
    assert "kind-paraphrase" in (mark.get_attribute("class") or "")
    with live.factory() as session:  # type: ignore[operator]
        speaker = session.scalar(select(Speaker).where(Speaker.name == "Border Guard Service"))
        assert speaker is not None and speaker.kind is SpeakerKind.ORGANIZATION
        stored = session.get(Claim, claim_id)
        assert stored is not None and stored.kind is ClaimKind.PARAPHRASE


def test_a_selection_over_a_claim_offers_to_edit_it(page, live: Live) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.set_default_timeout(10_000)
    browser_login(page, live.url, "rita")
    page.goto(f"{live.url}/articles/{live.article_id}")
    assert page.evaluate(SELECT_JS, ["article-body", "talks were"])
    offer = page.locator("#annotate-panel-overlap")
    offer.wait_for(state="visible")
    assert "overlaps a claim already marked" in offer.inner_text()
    assert page.locator("#annotate-panel-fields").is_hidden()
    _shot(page, "annotate-overlap-1366")
    page.click("#annotate-panel-anyway")
    assert page.locator("#annotate-panel-fields").is_visible()
    page.click("#annotate-panel-close")
    assert page.evaluate(SELECT_JS, ["article-body", "talks were"])
    page.click(f"#annotate-panel-overlap a[href='/claims/{live.useful_id}/edit']")
    page.wait_for_url(f"{live.url}/claims/{live.useful_id}/edit")


def test_add_claim_with_nothing_selected_explains_instead_of_opening_a_form(
    page, live: Live
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    browser_login(page, live.url, "rita")
    page.goto(f"{live.url}/articles/{live.article_id}")
    page.click("#add-claim")
    assert "Nothing is selected yet" in page.inner_text("#annotate-hint")
    assert page.url == f"{live.url}/articles/{live.article_id}"
    assert page.locator("#annotate-panel").is_hidden()


def test_re_span_by_selecting_on_the_edit_page(page, live: Live) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.set_default_timeout(10_000)
    browser_login(page, live.url, "rita")
    with live.factory() as session:  # type: ignore[operator]
        article = session.get(Article, live.article_id)
        claim = make_claim(session, article, "progress was slow")
        session.commit()
        claim_id = claim.id
    page.goto(f"{live.url}/claims/{claim_id}/edit")
    assert page.inner_text("#respan-mark") == "progress was slow"
    assert page.locator("#start").is_hidden()  # offsets are the advanced, collapsed way
    assert page.evaluate(SELECT_JS, ["respan-text", "that progress was sl"])
    assert page.inner_text("#respan-mark") == "that progress was slow"
    start = BODY.index("that progress was slow")
    assert page.input_value("#start") == str(start)
    assert page.input_value("#end") == str(start + len("that progress was slow"))
    assert "New span" in page.inner_text("#respan-status")
    _shot(page, "claim-respan-1366")
    page.click("#submit")
    page.wait_for_url(lambda url: "/edit" not in url)
    with live.factory() as session:  # type: ignore[operator]
        moved = session.get(Claim, claim_id)
        assert moved is not None and moved.text == "that progress was slow"


def test_the_pages_fit_390_px_and_the_panel_is_usable_there(page, live: Live) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_default_timeout(10_000)
    browser_login(page, live.url, "rita")
    page.goto(f"{live.url}/articles/{live.article_id}")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert page.evaluate(SELECT_JS, ["article-body", "heard no shooting"])
    panel = page.locator("#annotate-panel")
    panel.wait_for(state="visible")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    box = panel.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    _shot(page, "annotate-panel-390")
    page.select_option("#kind", "indirect")
    page.check("#create_speaker")
    page.fill("#speaker", "Residents")
    page.locator("#annotate-panel-save").scroll_into_view_if_needed()
    page.click("#annotate-panel-save")
    added = page.wait_for_selector("#annotate-hint a")
    claim_id = int((added.get_attribute("href") or "").rsplit("/", 1)[1])
    assert page.locator(f"#article-body mark#claim-{claim_id}").inner_text() == (
        "heard no shooting")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    page.goto(f"{live.url}/claims/{claim_id}/edit")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    _shot(page, "claim-edit-390")
