"""Script payloads planted in every kind of user-supplied and imported text, for the XSS
tests (test client and real browser) to look for on every page that shows them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from claims_app.accounts.models import User
from claims_app.articles.models import Article
from claims_app.claims import services as claims
from claims_app.claims.models import ClaimKind, LinkType
from claims_app.ingest.importer import import_paths
from claims_app.speakers import services as speakers

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
JS_URL = "javascript:window.__xss=1"
LOOKALIKE = "“><svg onload=window.__xss=1>"
PAYLOADS = (SCRIPT, IMG, JS_URL, LOOKALIKE)
SAID_ON = dt.date(2024, 3, 4)

BODY = (f'Talks {SCRIPT} in Doha. Foreign Minister Elmar Mammadyarov said "the talks {IMG} '
        f'were useful" on Monday. The ministry said {LOOKALIKE} the border was calm. '
        f'"Progress was slow {SCRIPT}," Mammadyarov told journalists.')


@dataclass(frozen=True)
class Planted:
    article_id: int
    claim_id: int
    speaker_id: int


def write_jsonl(folder: Path) -> Path:
    path = folder / "payloads.jsonl"
    record = {"title": f"Title {SCRIPT} {LOOKALIKE}", "author": f"Author {IMG}",
              "outlet": f"Outlet {SCRIPT}", "url": JS_URL, "body": BODY,
              "dateline": f"DOHA {IMG}", "place": LOOKALIKE, "section": SCRIPT,
              "source_name": f"feed {IMG}"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def plant(factory: sessionmaker[Session], folder: Path, username: str) -> Planted:
    """Import the payload article, then enter a payload speaker, claim, note, tags, review
    and link through the services, as a person would through the forms."""
    summary = import_paths(factory, [write_jsonl(folder)])
    assert summary.ok and summary.imported == 1, summary.lines()
    with factory() as session, session.begin():
        actor = session.scalars(select(User).where(User.username == username)).one()
        article = session.scalars(select(Article).where(Article.url == JS_URL)).one()
        speaker = speakers.create_speaker(session, actor, f"Ilham {SCRIPT} Aliyev",
                                          description=f"Desc {IMG}")
        speakers.update_speaker(session, actor, speaker,
                                {"aliases": [f"Alias {LOOKALIKE}"], "name": f"Ilham {IMG}"},
                                expected_version=None)
        text = f"the talks {IMG} were useful"
        start = article.body.index(text)
        claim = claims.create_claim(session, actor, article, claims.ClaimInput(
            start=start, end=start + len(text), kind=ClaimKind.DIRECT, speaker_id=speaker.id,
            said_on=SAID_ON, speaker_role=f"Role {SCRIPT}", cue=f"said {IMG}", said_where=LOOKALIKE,
            note=f"Note {SCRIPT} {IMG} {JS_URL}", tags=[f"tag {IMG}", f"tag {SCRIPT}"]))
        review = claims.add_review(session, actor, claim, "misquoted",
                                   note=f"Review {SCRIPT}", rating_text=f"Rating {IMG}",
                                   evidence_urls=["https://example.org/ok"])
        # Restored exports can carry any evidence URL; it must still never become a link.
        review.evidence_urls = ["https://example.org/ok", JS_URL]
        others = [c for c in article.claims if c.id != claim.id]
        if others:
            claims.add_link(session, actor, claim, others[0], LinkType.CONTRADICTS,
                            note=f"Link {SCRIPT}")
        claims.update_claim(session, actor, claim, claims.ClaimInput(
            start=claim.start, end=claim.end, kind=claim.kind, speaker_id=speaker.id,
            said_on=SAID_ON, note=f"Edited {LOOKALIKE}", tags=[f"tag {IMG}"]),
            expected_version=None)
        session.flush()
        return Planted(article.id, claim.id, speaker.id)


def pages(p: Planted) -> list[str]:
    return [
        "/", "/articles/", f"/articles/{p.article_id}", f"/articles/{p.article_id}/edit",
        f"/claims/{p.claim_id}", f"/claims/{p.claim_id}/edit", "/speakers/",
        f"/speakers/{p.speaker_id}", f"/speakers/{p.speaker_id}/edit", "/search/?q=talks",
        "/search/?q=xss", "/search/?q=Ilham&type=speaker", "/articles/?q=talks",
        f"/history/claim/{p.claim_id}", f"/history/article/{p.article_id}",
        f"/history/speaker/{p.speaker_id}", "/history/deleted", "/review/",
        f"/review/?article={p.article_id}&sort=article",
    ]


class _Scanner(HTMLParser):
    """Finds markup that would run: a script element, an on* handler attribute, or a
    javascript:/data: URL in an href/src/action, anywhere in the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in_script = True
            if not dict(attrs).get("src"):
                self.found.append("inline <script>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and \
                    value.startswith(("javascript:", "data:text", "vbscript:")):
                self.found.append(f"<{tag} {name}={value[:30]}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "__xss" in data:
            self.found.append("payload inside a script element")


def runnable_markup(html: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found
