"""User-supplied and imported text is escaped wherever it is shown: script payloads in
titles, bodies, authors, outlets, speaker names and aliases, notes, tags, reviews and URLs
come out as text on every page (highlighted article bodies, SVG timelines, search snippets,
history diffs) and never run, in the test client and in a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from claims_app.accounts.models import User
from claims_app.accounts.services import create_user
from claims_app.api.tokens import create_token
from claims_app.db import get_db
from tests.conftest import AuthActions
from tests.security.xss_data import (
    IMG,
    JS_URL,
    LOOKALIKE,
    SCRIPT,
    Planted,
    pages,
    plant,
    runnable_markup,
)
from tests.support import (
    TEST_PASSWORD,
    browser_login,
    chromium_missing,
    live_app,
    serving,
)

ESCAPED_SCRIPT = "&lt;script&gt;window.__xss=1&lt;/script&gt;"


@pytest.fixture
def planted(app: Flask, users: dict[str, User], tmp_path: Path) -> Planted:
    return plant(get_db(app).sessionmaker, tmp_path, "editor")


def _page(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.get_data(as_text=True)


def test_pages_show_payloads_as_text_and_nothing_that_would_run(
    client: FlaskClient, auth: AuthActions, planted: Planted,
) -> None:
    auth.login("admin")
    for url in pages(planted):
        html = _page(client, url)
        assert runnable_markup(html) == [], url
        for raw in (SCRIPT, IMG, "<svg onload"):
            assert raw not in html, f"{url} shows {raw!r} unescaped"
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I), url


def test_highlighted_article_body_escapes_payloads_inside_and_around_claim_marks(
    client: FlaskClient, auth: AuthActions, planted: Planted,
) -> None:
    auth.login("reviewer")
    html = _page(client, f"/articles/{planted.article_id}")
    assert ESCAPED_SCRIPT in html
    assert "&lt;img src=x onerror=" in html
    assert f'id="claim-{planted.claim_id}"' in html


def test_javascript_urls_are_shown_as_text_never_as_links(
    client: FlaskClient, auth: AuthActions, planted: Planted,
) -> None:
    auth.login("viewer")
    article = _page(client, f"/articles/{planted.article_id}")
    claim = _page(client, f"/claims/{planted.claim_id}")
    assert JS_URL in article and JS_URL in claim
    assert 'href="https://example.org/ok"' in claim


def test_speaker_timeline_svg_escapes_the_speaker_name(
    client: FlaskClient, auth: AuthActions, planted: Planted,
) -> None:
    auth.login("viewer")
    html = _page(client, f"/speakers/{planted.speaker_id}")
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert "&lt;img src=x onerror=" in svg and "<img" not in svg


def test_api_returns_payloads_verbatim_as_json_never_html(
    client: FlaskClient, auth: AuthActions, session: Any, users: dict[str, User],
    planted: Planted,
) -> None:
    _token, plaintext = create_token(session, users["viewer"], "xss check")
    session.commit()
    headers = {"Authorization": f"Bearer {plaintext}"}
    for url in (f"/api/v1/articles/{planted.article_id}", f"/api/v1/claims/{planted.claim_id}",
                f"/api/v1/speakers/{planted.speaker_id}"):
        response = client.get(url, headers=headers)
        assert response.status_code == 200
        assert response.mimetype == "application/json"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    auth.login("viewer")
    suggestions = client.get("/claims/speaker-suggestions?q=Ilham")
    assert suggestions.status_code == 200 and suggestions.mimetype == "application/json"
    assert suggestions.headers["X-Content-Type-Options"] == "nosniff"
    article = client.get(f"/api/v1/articles/{planted.article_id}", headers=headers).get_json()
    assert article["url"] == JS_URL and SCRIPT in article["title"]


def test_pages_forbid_inline_script_by_content_security_policy(
    client: FlaskClient, auth: AuthActions, planted: Planted,
) -> None:
    auth.login("viewer")
    policy = client.get(f"/articles/{planted.article_id}").headers["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "object-src 'none'" in policy


# --- In a real browser ---------------------------------------------------------------------

CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
                          (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@dataclass(frozen=True)
class Live:
    url: str
    planted: Planted


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A real server with CSRF on over a fresh SQLite database holding the payloads."""
    if chromium_missing():
        pytest.skip(chromium_missing() or "")
    folder = tmp_path_factory.mktemp("xss-browser")
    app = live_app(folder, "xss-browser")
    factory = get_db(app).sessionmaker
    with factory() as session, session.begin():
        create_user(session, None, "ada", TEST_PASSWORD, "admin")
    planted = plant(factory, folder, "ada")
    with serving(app) as url:
        yield Live(url, planted)


@pytest.mark.browser
def test_no_payload_runs_in_a_real_browser(page: Any, live: Live) -> None:
    page.set_default_timeout(10_000)
    dialogs: list[str] = []
    console: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.add_init_script(CSP_LISTENER)
    browser_login(page, live.url, "ada")
    for path in pages(live.planted):
        page.goto(live.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", f"payload ran on {path}"
        assert page.evaluate("window.__csp") == [], f"CSP had to block something on {path}"
    # A claim mark in the highlighted body holds the payload as visible text (the planted
    # claim, or the extracted paraphrase around it that is highlighted first).
    page.goto(f"{live.url}/articles/{live.planted.article_id}")
    marks = page.locator("#article-body mark.claim")
    assert any(IMG in text for text in marks.all_inner_texts())
    assert LOOKALIKE in page.inner_text("#article-body")
    assert page.locator("a[href^='javascript']").count() == 0
    assert dialogs == []
    assert not [m for m in console if "Content Security Policy" in m], console
