"""Comments: a thread on a claim or an article; reviewers and above write, everyone who can
read sees it. Authors edit their own comments; authors and editors delete them. Each change
is audited on the record it is about (``comment``, ``comment_edit``, ``comment_delete``), so
it shows in that record's History; services flush and never commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.accounts.permissions import Permission, can
from claims_app.articles.models import Article
from claims_app.audit.services import record
from claims_app.claims.models import Claim
from claims_app.db import require_version, utcnow
from claims_app.desk.models import Comment
from claims_app.desk.services import article_or_claim, require_permission
from claims_app.errors import Forbidden, InvalidInput, NotFound

#: The longest comment kept (a long note, not a document).
MAX_COMMENT = 10_000
#: A thread shows at most this many comments (the newest), so a page stays bounded.
THREAD_LIMIT = 200


def comment_state(comment: Comment) -> dict[str, Any]:
    """The audited view of a comment."""
    return {"comment_id": comment.id, "author": comment.author_name, "text": comment.text,
            "version": comment.version}


def _clean_text(text: str | None) -> str:
    cleaned = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not cleaned:
        raise InvalidInput("Write something first.", field="text")
    if len(cleaned) > MAX_COMMENT:
        raise InvalidInput(f"A comment holds at most {MAX_COMMENT:,} characters.", field="text")
    return cleaned


def _snippet(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 60 else line[:59] + "…"


def thread(session: Session, *, article_id: int | None = None,
           claim_id: int | None = None) -> list[Comment]:
    """A claim's or an article's comments in posting order (the newest ``THREAD_LIMIT``)."""
    column = Comment.article_id if article_id is not None else Comment.claim_id
    newest = list(session.scalars(
        select(Comment).where(column == (article_id or claim_id))
        .order_by(Comment.id.desc()).limit(THREAD_LIMIT)))
    return newest[::-1]


def get_comment(session: Session, comment_id: int) -> Comment:
    found = session.get(Comment, comment_id)
    if found is None:
        raise NotFound(f"There is no comment {comment_id}.")
    return found


def comment_target(session: Session, comment: Comment) -> Article | Claim:
    target = (session.get(Article, comment.article_id) if comment.article_id is not None
              else session.get(Claim, comment.claim_id))
    if target is None:
        raise NotFound("The comment's record is gone.")
    return target


def add_comment(session: Session, actor: User | None, text: str, *,
                article: Article | None = None, claim: Claim | None = None) -> Comment:
    """Post a comment in a claim's or an article's thread."""
    require_permission(actor, Permission.COMMENT, "comment")
    target = article_or_claim(article, claim)
    comment = Comment(article_id=article.id if article else None,
                      claim_id=claim.id if claim else None,
                      author_id=actor.id if actor else None,
                      author_name=actor.username if actor else "system",
                      text=_clean_text(text))
    session.add(comment)
    session.flush()
    record(session, actor, "comment", target, after=comment_state(comment),
           summary=f"comment: {_snippet(comment.text)}")
    return comment


def _is_author(actor: User | None, comment: Comment) -> bool:
    return actor is not None and comment.author_id == actor.id


def can_edit_comment(actor: User | None, comment: Comment) -> bool:
    """Only the author edits a comment (and only while they may still comment)."""
    return _is_author(actor, comment) and actor is not None and can(actor.role,
                                                                    Permission.COMMENT)


def can_delete_comment(actor: User | None, comment: Comment) -> bool:
    """The author deletes their own; those who may delete records delete any."""
    return actor is not None and (can_edit_comment(actor, comment)
                                  or can(actor.role, Permission.DELETE))


def edit_comment(session: Session, actor: User | None, comment: Comment, text: str, *,
                 expected_version: int | None) -> Comment:
    if not can_edit_comment(actor, comment):
        raise Forbidden("Only its author can edit a comment.")
    require_version(comment, expected_version, comment_state, "comment")
    before = comment_state(comment)
    cleaned = _clean_text(text)
    if cleaned == comment.text:
        return comment
    comment.text, comment.edited_at = cleaned, utcnow()
    session.flush()
    record(session, actor, "comment_edit", comment_target(session, comment), before=before,
           after=comment_state(comment), summary=f"edited comment: {_snippet(cleaned)}")
    return comment


def delete_comment(session: Session, actor: User | None, comment: Comment, *,
                   expected_version: int | None) -> None:
    if not can_delete_comment(actor, comment):
        raise Forbidden("Only its author or an editor can delete a comment.")
    require_version(comment, expected_version, comment_state, "comment")
    before = comment_state(comment)
    record(session, actor, "comment_delete", comment_target(session, comment), before=before,
           summary=f"deleted comment: {_snippet(comment.text)}")
    session.delete(comment)
    session.flush()

