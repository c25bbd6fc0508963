"""Changing articles: edits audited and version-checked, body edits that keep every claim
anchored, creation by hand, deletion and what it takes with it, and the one get-or-create
for outlets. Reading an article's page is ``page.py``; the lists are ``listing.py``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from claims_app.accounts.models import User
from claims_app.articles.limits import check_body_length
from claims_app.articles.models import Article, DatePrecision, Outlet
from claims_app.audit.services import changed_fields, record, snapshot
from claims_app.claims.models import Claim, ClaimLink, Review
from claims_app.claims.services import anchor, claim_state
from claims_app.db import insert_missing, require_version
from claims_app.errors import InvalidInput, NotFound
from claims_app.ingest.draft import content_hash


def get_article(session: Session, article_id: int) -> Article:
    article = session.scalar(
        select(Article)
        .where(Article.id == article_id)
        .options(
            selectinload(Article.outlet),
            selectinload(Article.claims).selectinload(Claim.speaker),
        )
    )
    if article is None:
        raise NotFound(f"There is no article {article_id}.")
    return article


# Editing an article's description (never its body: every claim's offsets point into it).
ARTICLE_EDITABLE = frozenset({
    "title", "author", "outlet", "published", "published_precision", "published_text",
    "dateline", "place", "section", "url", "language", "notes",
})
_ARTICLE_UNAUDITED = frozenset({"body", "raw"})


def article_state(article: Article) -> dict[str, Any]:
    """The audited and conflict-compared view of an article (without its long texts)."""
    state = snapshot(article, exclude=_ARTICLE_UNAUDITED)
    state["outlet"] = article.outlet.name if article.outlet else None
    return state


def _check_article_version(article: Article, expected_version: int | None) -> None:
    require_version(article, expected_version, article_state, "article")


def update_article(
    session: Session, actor: User | None, article: Article, changes: Mapping[str, Any],
    *, expected_version: int | None,
) -> Article:
    """Change the given descriptive fields; ``outlet`` is a name, created when new."""
    unknown = set(changes) - ARTICLE_EDITABLE
    if unknown:
        raise InvalidInput(f"{sorted(unknown)[0]} cannot be changed.", field=sorted(unknown)[0])
    _check_article_version(article, expected_version)
    before = article_state(article)
    for name, value in changes.items():
        if name == "outlet":
            article.outlet = get_or_create_outlet(session, value)[0]
        elif name == "published_precision":
            article.published_precision = DatePrecision(value or DatePrecision.UNKNOWN)
        elif name == "language":
            article.language = value or "en"
        else:
            setattr(article, name, value)
    session.flush()
    after = article_state(article)
    if changed_fields(before, after):
        record(session, actor, "update", article, before=before, after=after,
               summary=f"edited article {article.id}")
    return article


def delete_article(
    session: Session, actor: User | None, article: Article, *, expected_version: int | None = None
) -> None:
    """Delete an article with its claims; the audit event keeps what was removed."""
    _check_article_version(article, expected_version)
    # The whole record, body and claims included, so the delete can be undone from the
    # history (``audit.history.undelete`` rebuilds the article from this state).
    before = {**snapshot(article), "outlet": article.outlet.name if article.outlet else None}
    before["claim_ids"] = [c.id for c in article.claims]
    before["claims"] = [{**claim_state(c), "reviews": [snapshot(r) for r in c.reviews]}
                        for c in article.claims]
    record(session, actor, "delete", article, before=before,
           summary=f"deleted article {article.id} with {len(article.claims)} claims")
    session.delete(article)
    session.flush()


def outlet_name(name: str | None) -> str:
    """An outlet's name as stored: spaces collapsed, at most 200 characters."""
    return " ".join((name or "").split())[:200]


def get_or_create_outlet(
    session: Session, name: str | None, *, homepage: str | None = None,
    cache: dict[str, Outlet] | None = None,
) -> tuple[Outlet | None, bool]:
    """The outlet called ``name``, created when there is none: ``(outlet, created)``.

    The one way the article forms, the API, the importer and restore name an outlet, so one
    name never becomes two outlets. ``cache`` (by stored name) spares a batch the lookups
    it already made; no name at all means no outlet."""
    name = outlet_name(name)
    if not name:
        return None, False
    if cache is not None and name in cache:
        return cache[name], False
    outlet = session.scalar(select(Outlet).where(Outlet.name == name))
    created = outlet is None
    if outlet is None:
        # Race-safe: an import or a request beside this one may be storing the same new
        # outlet; the loser's insert is skipped and both read the one row.
        insert_missing(session, Outlet.__table__, [{"name": name, "homepage": homepage}],
                       ["name"])
        outlet = session.scalars(select(Outlet).where(Outlet.name == name)).one()
    if cache is not None:
        cache[name] = outlet
    return outlet, created


# --- Creating articles, and body edits that keep claims anchored ---------------------


@dataclass(frozen=True)
class Unanchored:
    """A claim whose text no longer occurs in an edited body."""

    claim_id: int
    text: str


def reanchor(body: str, claim: Claim) -> tuple[int, int] | None:
    """Where a claim's text sits in ``body``: the exact occurrence nearest its old offset,
    preferring one still framed by the same prefix and suffix; None when it is gone."""
    text = claim.text
    if not text:
        return None
    framed: list[int] = []
    plain: list[int] = []
    pos = body.find(text)
    while pos != -1:
        plain.append(pos)
        if (body[max(0, pos - len(claim.prefix)) : pos] == claim.prefix
                and body[pos + len(text) : pos + len(text) + len(claim.suffix)] == claim.suffix):
            framed.append(pos)
        pos = body.find(text, pos + 1)
    candidates = framed or plain
    if not candidates:
        return None
    best = min(candidates, key=lambda p: (abs(p - claim.start), p))
    return best, best + len(text)


def _set_body(session: Session, article: Article, body: str) -> None:
    """Replace the body and move every claim to where its text now is, or refuse."""
    if not body.strip():
        raise InvalidInput("An article needs a body.", field="body")

    moves: list[tuple[Claim, int, int]] = []
    lost: list[Unanchored] = []
    for claim in article.claims:
        where = reanchor(body, claim)
        if where is None:
            lost.append(Unanchored(claim.id, claim.text))
        else:
            moves.append((claim, *where))
    if lost:
        listed = "; ".join(f"claim {u.claim_id} (“{_short(u.text)}”)" for u in lost)
        raise InvalidInput(
            f"This edit removes the text of {len(lost)} claim(s), so they could not be "
            f"re-anchored: {listed}. Keep their text, or delete those claims first.",
            field="body",
        )
    new_hash = content_hash(body)
    if new_hash != article.content_hash and session.scalar(
        select(Article.id).where(Article.content_hash == new_hash, Article.id != article.id)
    ):
        raise InvalidInput("Another article already has exactly this text.", field="body")
    article.body, article.content_hash = body, new_hash
    for claim, start, end in moves:
        _, prefix, suffix = anchor(body, start, end)
        if (claim.start, claim.end, claim.prefix, claim.suffix) != (start, end, prefix, suffix):
            # The claim's text moved whole, so its segments move by the same distance.
            shift = start - claim.start
            if claim.segments:
                claim.segments = [[s + shift, e + shift] for s, e in claim.spans]
            claim.start, claim.end, claim.prefix, claim.suffix = start, end, prefix, suffix


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def edit_article(
    session: Session, actor: User | None, article: Article, changes: Mapping[str, Any],
    *, expected_version: int | None,
) -> Article:
    """Change an article's description and, when ``body`` is given, its text: claims are
    re-anchored by their own text (the save is refused if any cannot be)."""
    changes = dict(changes)
    body = changes.pop("body", None)
    _check_article_version(article, expected_version)
    body_changed = body is not None and body != article.body
    if body_changed:
        check_body_length(body)
        old_hash = article.content_hash
        _set_body(session, article, body)
        update_article(session, actor, article, changes, expected_version=None)
        record(session, actor, "update", article,
               before={"content_hash": old_hash}, after={"content_hash": article.content_hash},
               summary=f"edited the text of article {article.id}; claims re-anchored")
    else:
        update_article(session, actor, article, changes, expected_version=None)
    return article


def create_article(
    session: Session, actor: User | None, body: str, fields: Mapping[str, Any]
) -> Article:
    """An article entered by hand (no extraction: a reviewer annotates it)."""
    if not body.strip():
        raise InvalidInput("An article needs a body.", field="body")
    check_body_length(body)
    digest = content_hash(body)
    if session.scalar(select(Article.id).where(Article.content_hash == digest)):
        raise InvalidInput("An article with exactly this text is already stored.", field="body")
    unknown = set(fields) - ARTICLE_EDITABLE
    if unknown:
        raise InvalidInput(f"{sorted(unknown)[0]} cannot be set.", field=sorted(unknown)[0])
    article = Article(body=body, content_hash=digest, source_name="entered by hand",
                      imported_by_id=actor.id if actor else None, extra={})
    session.add(article)
    for name, value in fields.items():
        if name == "outlet":
            article.outlet = get_or_create_outlet(session, value)[0]
        elif name == "published_precision":
            article.published_precision = DatePrecision(value or DatePrecision.UNKNOWN)
        elif name == "language":
            article.language = value or "en"
        else:
            setattr(article, name, value)
    if article.published is None:
        article.published_precision = DatePrecision.UNKNOWN
    session.flush()
    record(session, actor, "create", article, after=article_state(article),
           summary=f"entered article {article.id}")
    return article


@dataclass(frozen=True)
class DeletionImpact:
    """What deleting an article takes with it, said before it is done."""

    claims: int
    reviews: int
    links: int


def deletion_impact(session: Session, article: Article) -> DeletionImpact:
    claim_ids = select(Claim.id).where(Claim.article_id == article.id)
    claims = session.scalar(select(func.count()).select_from(claim_ids.subquery())) or 0
    reviews = session.scalar(
        select(func.count(Review.id)).where(Review.claim_id.in_(claim_ids))) or 0
    links = session.scalar(
        select(func.count(ClaimLink.id)).where(or_(ClaimLink.source_claim_id.in_(claim_ids),
                                                   ClaimLink.target_claim_id.in_(claim_ids)))
    ) or 0
    return DeletionImpact(claims, reviews, links)


