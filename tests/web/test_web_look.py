"""Every main page, as the role that uses it, in a real Chromium at a desktop width (1366 px)
and a phone width (390 px): nothing scrolls sideways, every select is styled like the form's,
every checkbox sits before its label, charts stay legible, no Markdown backtick shows,
axe-core finds no serious or critical accessibility violation, and a full-page screenshot
lands in ``test-artifacts/`` for a reviewer of a change to look at.

axe-core comes from the npm registry, pinned in ``tests/web/axe/package-lock.json`` and
installed by ``make axe`` (``make test`` and ``.ci/run`` do it). Without it the tests are
skipped on a workstation and fail under CI, like the Chromium check in ``tests/support.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from claims_app.accounts.services import create_user
from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.crossref import index_article
from claims_app.db import get_db
from claims_app.ingest.importer import import_paths
from claims_app.speakers.models import Speaker
from tests.support import (
    IN_CI,
    TEST_PASSWORD,
    browser_login,
    chromium_missing,
    live_app,
    serving,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE_JS = ROOT / "tests" / "web" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1366, 390)
#: axe's two worst impact levels; "moderate" and "minor" are advice, not failures.
BLOCKING = ("serious", "critical")

if chromium_missing():
    pytest.skip(chromium_missing() or "", allow_module_level=True)
if not AXE_JS.exists() and not IN_CI:
    pytest.skip(f"axe-core not installed at {AXE_JS}; run `make axe` (needs npm)",
                allow_module_level=True)

ROLES = {"viewer": "vic", "reviewer": "rita", "editor": "eddie", "admin": "ada"}


@dataclass(frozen=True)
class Page:
    """One page to look at: its screenshot name, who looks, the path (``{article}``,
    ``{claim}``, ``{speaker}`` and ``{speaker_name}`` filled from the seeds), the status."""

    name: str
    role: str | None
    path: str
    status: int = 200


PAGES = (
    Page("login", None, "/login"),
    Page("dashboard", "reviewer", "/"),
    Page("articles", "reviewer", "/articles/"),
    Page("article", "reviewer", "/articles/{article}"),
    Page("claim", "reviewer", "/claims/{claim}"),
    Page("claim-edit", "reviewer", "/claims/{claim}/edit"),
    Page("speakers", "reviewer", "/speakers/"),
    Page("speaker", "reviewer", "/speakers/{speaker}"),
    Page("review-queue", "reviewer", "/review/"),
    Page("my-queue", "reviewer", "/desk/mine"),
    Page("articles-as-editor", "editor", "/articles/"),
    Page("claim-as-editor", "editor", "/claims/{claim}"),
    Page("review-queue-filtered", "reviewer",
         "/review/?status=any&kind=direct&min_confidence=0.1&speaker={speaker_name}"),
    Page("search", "reviewer", "/search/?q=ceasefire"),
    Page("questions", "reviewer", "/questions/"),
    Page("question-said-about", "reviewer",
         "/questions/said-about?speaker={speaker_name}&topic=ceasefire"),
    Page("question-who-else-said", "reviewer", "/questions/who-else-said?claim={claim}"),
    Page("question-first-said", "reviewer", "/questions/first-said?claim={claim}"),
    Page("question-said-between", "reviewer",
         "/questions/said-between?speaker={speaker_name}"),
    Page("question-contradictions", "reviewer", "/questions/contradictions?topic=ceasefire"),
    Page("export", "viewer", "/export/"),
    Page("import", "editor", "/import"),
    Page("history", "editor", "/history/article/{article}"),
    Page("history-deleted", "editor", "/history/deleted"),
    Page("account", "reviewer", "/account"),
    Page("password", "reviewer", "/account/password"),
    Page("admin-users", "admin", "/admin/users"),
    Page("api-tokens", "reviewer", "/account/tokens"),
    Page("forbidden-403", "viewer", "/admin/users", 403),
    Page("not-found-404", "reviewer", "/no-such-page", 404),
)


@dataclass(frozen=True)
class Live:
    url: str
    ids: dict[str, Any]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A live server with CSRF on, the seed articles imported, one account per role."""
    app = live_app(tmp_path_factory.mktemp("look-db"), "look-test")
    factory = get_db(app).sessionmaker
    summary = import_paths(factory, [ROOT / "seeds"])
    assert summary.imported == 5, summary.lines()
    with factory() as session:
        for article in session.scalars(select(Article)):
            index_article(session, article)
        claim = session.scalars(
            select(Claim).where(Claim.speaker_id.is_not(None)).order_by(Claim.id)).first()
        assert claim is not None and claim.speaker_id is not None
        speaker = session.get(Speaker, claim.speaker_id)
        assert speaker is not None
        ids = {"article": claim.article_id, "claim": claim.id, "speaker": speaker.id,
               "speaker_name": speaker.name}
        for role, username in ROLES.items():
            create_user(session, None, username, TEST_PASSWORD, role)
        session.commit()
    with serving(app) as url:
        yield Live(url, ids)


@pytest.fixture(scope="module")
def sessions(browser: Any, live: Live) -> dict[str, Any]:
    """Each role's logged-in cookies, so every page visit does not log in again."""
    states: dict[str, Any] = {}
    for role, username in ROLES.items():
        context = browser.new_context()
        browser_login(context.new_page(), live.url, username)
        states[role] = context.storage_state()
        context.close()
    return states


def _overflow(page: Any) -> dict[str, Any]:
    """The page's width against the window's, and the widest elements sticking out (to say
    *what* makes the page scroll sideways, not only that it does)."""
    return page.evaluate("""() => {
      const limit = window.innerWidth;
      const culprits = [];
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > limit + 1 && culprits.length < 5) {
          culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                        (el.className && typeof el.className === 'string'
                         ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
                        ' right=' + Math.round(r.right));
        }
      }
      return {scroll: document.documentElement.scrollWidth, inner: limit, culprits};
    }""")


def _control_problems(page: Any) -> list[str]:
    """Selects not styled like the form's (rounded border, the body's font), checkboxes not
    on their label's line, before it, and charts shrunk below 80 % (their 11-unit labels
    would be under 9 px)."""
    return page.evaluate("""() => {
      const problems = [];
      const bodyFont = getComputedStyle(document.body).fontSize;
      for (const el of document.querySelectorAll('select')) {
        const st = getComputedStyle(el);
        if (st.borderTopLeftRadius !== '4px' || st.fontSize !== bodyFont) {
          problems.push('select#' + el.id + ' radius=' + st.borderTopLeftRadius +
                        ' font=' + st.fontSize);
        }
      }
      for (const box of document.querySelectorAll('input[type=checkbox]')) {
        const label = box.id && document.querySelector('label[for="' + box.id + '"]');
        if (!label || !box.offsetParent) { continue; }
        const b = box.getBoundingClientRect(), l = label.getBoundingClientRect();
        const middle = (b.top + b.bottom) / 2;
        if (!(l.left >= b.right - 1 && middle >= l.top && middle <= l.bottom)) {
          problems.push('checkbox#' + box.id + ' is not before its label on one line');
        }
      }
      for (const svg of document.querySelectorAll('svg.chart')) {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        if (scale < 0.8) { problems.push('chart drawn at ' + scale.toFixed(2) + ' scale'); }
      }
      return problems;
    }""")


def _axe_blocking(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['impact']} {v['id']}: {v['help']} at "
            + ", ".join(" ".join(n["target"]) for n in v["nodes"][:4])
            for v in result["violations"] if v["impact"] in BLOCKING]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("spec", PAGES, ids=[p.name for p in PAGES])
def test_page_fits_the_screen_and_passes_axe(browser: Any, live: Live,
                                             sessions: dict[str, Any], spec: Page,
                                             width: int) -> None:
    assert AXE_JS.exists(), f"axe-core is missing at {AXE_JS}: run `make axe` (needs npm)"
    # The site's CSP forbids inline scripts, axe's injected one included; only the test's
    # own injection is let through (the pages' CSP is tested in tests/security).
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True,
        storage_state=sessions[spec.role] if spec.role else None)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        response = page.goto(live.url + spec.path.format(**live.ids))
        assert response is not None and response.status == spec.status, page.url
        if spec.role is None:
            assert "/login" in page.url
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{spec.name}-{width}.png"), full_page=True)

        fit = _overflow(page)
        assert fit["scroll"] <= fit["inner"], (
            f"{spec.name} scrolls sideways at {width} px: {fit}")
        assert _control_problems(page) == []
        # Markdown is not rendered anywhere, so a backtick in the page is a leaked one
        # (the seeds hold none).
        assert "`" not in page.inner_text("body")
        assert _axe_blocking(page) == []
    finally:
        context.close()
