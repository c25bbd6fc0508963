"""In a real Chromium at a desktop (1366 px) and a phone (390 px) width: two wire reports of
one quote, imported through the importer with a changed number, show on the claim page as
"Reported in 2 articles" with the earliest appearance in this archive and the number change
flagged in the word diff; nothing scrolls sideways, axe-core finds no serious or critical
violation, and a screenshot lands in ``test-artifacts/``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from claims_app.accounts.services import create_user
from claims_app.claims.models import Claim
from claims_app.claims.services import ClaimInput, create_claim
from claims_app.db import get_db
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import import_paths, store_draft
from claims_app.speakers.models import Speaker
from tests.support import IN_CI, TEST_PASSWORD, browser_login, chromium_missing, live_app, serving

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE_JS = ROOT / "tests" / "web" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1366, 390)

if chromium_missing():
    pytest.skip(chromium_missing() or "", allow_module_level=True)

REPORT = """ date {date} Details added: first version posted on 10:15

{dateline}

By Test Reporter - {outlet}:

{lead}

"We will send {number} thousand troops to the northern border before the winter begins," \
Hasanov told reporters on Thursday.
"""


@dataclass(frozen=True)
class Live:
    url: str
    earliest: int
    later: int
    quote: int
    report: int
    background: tuple[int, int]  # the articles carrying BACKGROUND, earliest first


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    app = live_app(tmp_path_factory.mktemp("provenance-browser-db"), "provenance-browser")
    wire = tmp_path_factory.mktemp("provenance-wire")
    (wire / "wire-one.txt").write_text(REPORT.format(
        date="2024-05-02", dateline="BAKU, Azerbaijan, May 2", outlet="Wire One",
        lead="Defence Minister Zakir Hasanov said the army was ready.", number="five"))
    (wire / "daily-two.txt").write_text(REPORT.format(
        date="2024-05-06", dateline="YEREVAN, Armenia, May 6", outlet="Daily Two",
        lead="The talks stalled again this week.", number="15"))
    factory = get_db(app).sessionmaker
    summary = import_paths(factory, [wire])
    assert summary.imported == 2, summary.lines()
    with factory() as session:
        quotes = {c.text.split()[3]: c.id for c in session.scalars(
            select(Claim).where(Claim.text.like("We will send%")))}
        assert set(quotes) == {"five", "15"}, quotes
        rita = create_user(session, None, "rita", TEST_PASSWORD, "reviewer")
        ids = (quotes["five"], quotes["15"], *_quote_and_report(session, rita),
               _background(session, rita))
        session.commit()
    with serving(app) as url:
        yield Live(url, *ids)


QUOTE = "We will not sign the agreement on the border this year."
REPORTED = "he would sign the agreement on the border this year"


def _quote_and_report(session: Any, user: Any) -> tuple[int, int]:
    """A direct quote and, in the same article, reported speech of it dropping the "not"."""
    body = (f"\u201c{QUOTE}\u201d Hasanov said. Later he said {REPORTED}, aides added.")
    article, _ = store_draft(session, ArticleDraft(
        body=body, source_name="border.txt", title="Border", outlet="Wire One",
        published=dt.date(2024, 5, 9)), user, extract=False)
    speaker = session.scalar(select(Speaker).where(Speaker.name == "Zakir Hasanov")) \
        or Speaker(name="Zakir Hasanov")
    session.add(speaker)
    session.flush()
    out = []
    for text, kind in ((QUOTE, "direct"), (REPORTED, "indirect")):
        start = body.index(text)
        out.append(create_claim(session, user, article, ClaimInput(
            start=start, end=start + len(text), kind=kind, speaker_id=speaker.id)).id)
    return out[0], out[1]


BACKGROUND = ("The conflict between the two South Caucasus countries began in 1988 over the "
              "Nagorno-Karabakh region.")


def _background(session: Any, user: Any) -> tuple[int, int]:
    """Two outlets' articles carrying the same unattributed background paragraph."""
    out = []
    for outlet, day in (("Wire One", 1), ("Daily Two", 10)):
        body = f"Talks resumed on May {day}. {BACKGROUND} More talks are planned."
        article, _ = store_draft(session, ArticleDraft(
            body=body, source_name=f"background-{day}.txt", title=f"Talks {day}",
            outlet=outlet, published=dt.date(2024, 5, day)), user, extract=False)
        start = body.index(BACKGROUND)
        create_claim(session, user, article, ClaimInput(
            start=start, end=start + len(BACKGROUND), kind="assertion"))
        out.append(article.id)
    return out[0], out[1]


def _axe_blocking(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['impact']} {v['id']}: {v['help']}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", WIDTHS)
def test_claim_page_shows_appearances_with_the_number_change_flagged(
        browser: Any, live: Live, width: int) -> None:
    # the CSP forbids inline scripts, axe's injected one included: only the test's own
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        browser_login(page, live.url, "rita")
        page.goto(f"{live.url}/claims/{live.later}")
        section = page.locator("#appearances")
        assert section.locator("h2").inner_text() == "Reported in 2 articles"
        earliest = section.locator(".earliest").inner_text()
        assert "Earliest appearance in this archive:" in earliest and "Wire One" in earliest
        assert section.locator(".possible-misquote").is_visible()
        flagged = section.locator(".wording-diff .change.material[data-kind=number]")
        assert flagged.is_visible()
        assert flagged.locator("del").inner_text() == "15"
        assert flagged.locator("ins").inner_text() == "five"
        assert "number changed" in section.locator(".drift-flag").inner_text()
        section.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"claim-appearances-{width}.png"), full_page=True)
        assert page.evaluate(
            "() => document.documentElement.scrollWidth <= window.innerWidth")
        if AXE_JS.exists() or IN_CI:
            assert _axe_blocking(page) == []
        # the near-identical list names the same statement from its group, linked to the
        # appearances above
        same = page.locator("li.same-statement")
        assert same.count() == 1
        assert same.locator(f"a[href='/claims/{live.earliest}']").is_visible()
        same.locator("a[href='#appearances']").click()
        assert page.evaluate("() => location.hash") == "#appearances"
        page.click(f"#appearances a[href='/claims/{live.earliest}']")
        page.wait_for_url(f"**/claims/{live.earliest}")
        assert "this claim" in page.locator("#appearances .earliest").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_queue_lists_a_report_beside_its_quote_and_its_page_flags_the_dropped_not(
        browser: Any, live: Live, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        browser_login(page, live.url, "rita")
        page.goto(f"{live.url}/review/")
        everything = page.locator(".queue-item").count()
        page.click("#paraphrase-filter a")
        page.wait_for_url("**paraphrase=1**")
        assert page.locator(f"#q-{live.quote}").is_visible()
        assert page.locator(f"#q-{live.report}").is_visible()
        # the wire reports' own lead paraphrases stay (their quote is beside them); claims
        # without a same-speaker counterpart in their article go
        assert page.locator(".queue-item").count() < everything
        assert "Only reported speech beside a direct quote" in page.locator(
            "#paraphrase-filter").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"queue-paraphrase-{width}.png"), full_page=True)
        assert page.evaluate(
            "() => document.documentElement.scrollWidth <= window.innerWidth")
        if AXE_JS.exists() or IN_CI:
            assert _axe_blocking(page) == []
        page.goto(f"{live.url}/claims/{live.report}")
        fidelity = page.locator("section.fidelity")
        assert fidelity.locator("h2").inner_text() == "Paraphrase fidelity"
        assert "negation added or dropped" in fidelity.locator(".drift-flag").inner_text()
        assert page.evaluate(
            "() => document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_article_page_names_the_other_outlets_carrying_its_background_and_since_when(
        browser: Any, live: Live, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    earliest, later = live.background
    try:
        browser_login(page, live.url, "rita")
        page.goto(f"{live.url}/articles/{later}")
        section = page.locator("#boilerplate")
        assert section.locator("h2").inner_text() == "Boilerplate carried elsewhere"
        group = section.locator(".boilerplate-group")
        assert group.count() == 1
        assert "1988" in group.locator("a").first.inner_text()
        first = group.locator(".earliest").inner_text()
        assert "Earliest appearance in this archive:" in first and "Wire One" in first
        carried = group.locator(".carried-by li")
        assert carried.count() == 1
        assert "Wire One" in carried.inner_text() and "1 article" in carried.inner_text()
        assert "origin" not in section.inner_text().lower()
        section.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"article-boilerplate-{width}.png"),
                        full_page=True)
        assert page.evaluate(
            "() => document.documentElement.scrollWidth <= window.innerWidth")
        if AXE_JS.exists() or IN_CI:
            assert _axe_blocking(page) == []
        group.locator(".earliest a").click()
        page.wait_for_url(f"**/articles/{earliest}")
        assert "this article" in page.locator("#boilerplate .earliest").inner_text()
    finally:
        context.close()
