"""In Chromium: an edit sent without its version (the hidden input removed by a script, as
a broken extension or a stale copy of the page might) is refused, and the page comes back
with the text still in the textarea and the reason above the form; saving that page then
applies it (issue 15, item 13: the refusal used to throw the typing away)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from claims_app.accounts.services import create_user
from claims_app.claims.models import Claim, ClaimKind, ClaimOrigin
from claims_app.db import get_db
from tests.support import TEST_PASSWORD, browser_login, chromium_missing, live_app, serving
from tests.worlds.builders import make_article

pytestmark = pytest.mark.browser

if chromium_missing():
    pytest.skip(chromium_missing() or "", allow_module_level=True)

BODY = 'The minister said "the harbour reopens in May" on Monday. Ships waited offshore.'
QUOTE = "the harbour reopens in May"
TYPED = "Checked with the port authority:\nthe date holds."


@dataclass(frozen=True)
class Live:
    url: str
    claim_id: int


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    app = live_app(tmp_path_factory.mktemp("versions-browser"), "versions-browser")
    with get_db(app).sessionmaker() as session:
        article = make_article(session, BODY, title="Harbour", published=None)
        start = BODY.index(QUOTE)
        claim = Claim(article_id=article.id, kind=ClaimKind.DIRECT, origin=ClaimOrigin.MANUAL,
                      text=QUOTE, start=start, end=start + len(QUOTE))
        session.add(claim)
        create_user(session, None, "rita", TEST_PASSWORD, "reviewer")
        session.commit()
        claim_id = claim.id
    with serving(app) as url:
        yield Live(url, claim_id)


@pytest.mark.parametrize("width", [1366, 390])
def test_a_save_without_its_version_keeps_the_typed_note(page, live: Live, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.set_default_timeout(10_000)
    browser_login(page, live.url, "rita")
    page.goto(f"{live.url}/claims/{live.claim_id}/edit")
    page.fill("#note", TYPED)
    page.evaluate("document.querySelector('input[name=version]').remove()")
    page.click("#submit")
    page.wait_for_selector("#form-problem")
    assert "without the version of the record" in page.inner_text("#form-problem")
    assert page.input_value("#note") == TYPED
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    # The page shown again holds the current version: saving it applies the note.
    page.click("#submit")
    page.wait_for_url(re.compile(r".*/articles/\d+"))
    page.goto(f"{live.url}/claims/{live.claim_id}")
    assert "Checked with the port authority" in page.inner_text("main")
