"""The reviewer's path through the pages in a real Chromium, against a live server with CSRF
on, on a fresh migrated database holding the seed articles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from claims_app.accounts.services import create_user
from claims_app.articles.models import Article
from claims_app.db import get_db
from claims_app.ingest.importer import import_paths
from tests.support import (
    TEST_PASSWORD,
    browser_login,
    chromium_missing,
    live_app,
    serving,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SENTENCE = ("A complete ceasefire and a cessation of all hostilities in the zone of the "
            "Nagorno-Karabakh conflict was introduced on Nov. 10, 2020.")
ELSEWHERE = ("A complete ceasefire and a cessation of all hostilities in the zone of the "
             "Nagorno-Karabakh conflict were introduced on Nov. 10, 2020.")

if chromium_missing():
    pytest.skip(chromium_missing() or "", allow_module_level=True)

# Selects `text` inside #article-body with a Range over its text nodes, as a mouse would.
SELECT_JS = """
(text) => {
  const body = document.getElementById('article-body');
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
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
  body.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
  return true;
}
"""


@dataclass(frozen=True)
class Live:
    url: str
    first_article_id: int


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A real server on a free port with CSRF on, the seeds imported, two accounts."""
    app = live_app(tmp_path_factory.mktemp("browser-db"), "browser-test")
    factory = get_db(app).sessionmaker
    summary = import_paths(factory, [ROOT / "seeds"])
    assert summary.imported == 5, summary.lines()
    with factory() as session:
        articles = session.scalars(select(Article).order_by(Article.id)).all()
        first = next(a.id for a in articles if a.source_name and "000_" in a.source_name)
        create_user(session, None, "rita", TEST_PASSWORD, "reviewer")
        create_user(session, None, "vic", TEST_PASSWORD, "viewer")
        session.commit()
    with serving(app) as url:
        yield Live(url, first)


def test_reviewer_annotates_finds_crossreferences_edits_and_confirms(page, live: Live) -> None:
    page.set_default_timeout(10_000)
    browser_login(page, live.url, "rita")

    # Annotate: select the sentence; the panel opens beside it; save it as the outlet's
    # assertion and it is marked in place.
    page.goto(f"{live.url}/articles/{live.first_article_id}")
    assert page.evaluate(SELECT_JS, SENTENCE)
    page.wait_for_selector("#annotate-panel:not([hidden])")
    assert page.inner_text("#annotate-panel-quote").strip() == SENTENCE
    page.select_option("#kind", "assertion")
    page.fill("#tags", "ceasefire")
    page.click("#annotate-panel-save")
    added = page.wait_for_selector("#annotate-hint a")
    claim_id = int((added.get_attribute("href") or "").rsplit("/", 1)[1])
    page.reload()
    mark = page.locator(f"mark#claim-{claim_id}")
    assert mark.inner_text() == SENTENCE
    assert "kind-assertion" in (mark.get_attribute("class") or "")
    mark.focus()
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "test-artifacts" / "article-page.png"), full_page=True)

    # Find it again through the article list's search box, then open the claim.
    page.goto(f"{live.url}/articles/")
    page.fill("#q", "cessation of all hostilities")
    page.click("form[role=search] button[type=submit]")
    page.click(f"a[href$='/articles/{live.first_article_id}']")
    page.click(f"ol.claim-list a[href$='/claims/{claim_id}']")
    panel = page.locator("aside.xref")
    assert ELSEWHERE in panel.inner_text()

    # Edit it.
    page.click("text=Edit claim")
    page.fill("#note", "Checked against the joint statement.")
    page.click("#submit")
    page.wait_for_url(re.compile(rf".*#claim-{claim_id}$"))
    page.goto(f"{live.url}/claims/{claim_id}")
    assert "Checked against the joint statement." in page.inner_text("main")

    # Confirm an extracted quote of Rizwan Saeed Sheikh in the review queue.
    page.goto(f"{live.url}/articles/{live.first_article_id}")
    page.click("text=Review its claims")
    item = page.locator(".queue-item", has_text="Rizwan Saeed Sheikh").first
    quote_id = item.get_attribute("data-claim-id")
    item.locator("button[value=accept]").click()
    page.wait_for_load_state()
    assert f"Claim {quote_id} accepted." in page.inner_text("main")
    page.goto(f"{live.url}/claims/{quote_id}")
    assert "confirmed" in page.inner_text("h1")
    quote = page.inner_text("blockquote.claim-text")

    # And it is on his speaker page.
    page.click("dl.meta a[href*='/speakers/']")
    assert "Rizwan Saeed Sheikh" in page.inner_text("h1")
    assert quote.strip()[:40] in page.inner_text("main")


def test_viewer_sees_no_edit_controls_and_is_refused_when_posting(page, live: Live) -> None:
    page.set_default_timeout(10_000)
    browser_login(page, live.url, "vic")
    page.goto(f"{live.url}/articles/{live.first_article_id}")
    assert page.locator("#add-claim").count() == 0
    assert page.locator("text=Edit article").count() == 0
    page.click("ol.claim-list a >> nth=0")
    claim_url = page.url
    assert page.locator("text=Edit claim").count() == 0
    assert page.locator("button[value=accept]").count() == 0
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    response = page.request.post(f"{claim_url}/status",
                                 form={"csrf_token": token or "", "action": "accept"})
    assert response.status == 403
