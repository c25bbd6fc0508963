""""Log out everywhere" in a real Chromium, at a desktop (1366 px) and a phone (390 px) width:
two browsers logged in to one account, one ends every session, the other is logged out too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from claims_app.accounts.services import create_user
from claims_app.db import get_db
from tests.support import TEST_PASSWORD, browser_login, chromium_missing, live_app, serving

pytestmark = pytest.mark.browser

if chromium_missing():
    pytest.skip(chromium_missing() or "", allow_module_level=True)

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"  # ignored by git


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = live_app(tmp_path_factory.mktemp("account-browser-db"), "account-browser")
    with get_db(app).sessionmaker() as session:
        for name in ("lena1366", "lena390"):
            create_user(session, None, name, TEST_PASSWORD, "reviewer")
        session.commit()
    with serving(app) as url:
        yield url


@pytest.mark.parametrize("width,height", [(1366, 800), (390, 844)])
def test_log_out_everywhere_ends_the_other_browsers_session(browser, live: str, width: int,
                                                             height: int) -> None:
    username = f"lena{width}"
    laptop = browser.new_context(viewport={"width": width, "height": height})
    phone = browser.new_context(viewport={"width": width, "height": height})
    try:
        here, there = laptop.new_page(), phone.new_page()
        for page in (here, there):
            page.set_default_timeout(10_000)
            browser_login(page, live, username)

        here.click(f"header a.who:has-text('{username}')")
        here.wait_for_url(re.compile(r".*/account$"))
        button = here.get_by_role("button", name="Log out everywhere")
        assert button.is_visible()
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert here.evaluate("document.documentElement.scrollWidth") <= width
        assert "2 open browser sessions" in here.inner_text("main")
        SHOTS.mkdir(exist_ok=True)
        here.screenshot(path=str(SHOTS / f"account-{width}.png"), full_page=True)

        button.click()
        here.wait_for_url(re.compile(r".*/login"))
        assert "Logged out everywhere (2 sessions ended)" in here.inner_text("main")

        there.goto(f"{live}/articles/")
        assert "/login" in there.url
        assert there.get_by_label("Password").is_visible()
        # Logging in again works: ending sessions is not a lock.
        browser_login(there, live, username)
        assert "/login" not in there.url
    finally:
        laptop.close()
        phone.close()
