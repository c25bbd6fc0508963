"""Bringing back a deleted claim's or article's comment thread from its audit trail
(History's undelete, :func:`claims_app.audit.history.undelete`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.articles.models import Article
from claims_app.audit.models import AuditEvent
from claims_app.audit.services import entity_type
from claims_app.claims.models import Claim
from claims_app.desk.models import Comment

__all__ = ["THREAD_ACTIONS", "undelete_thread"]


#: The audit actions that write a thread, replayed by :func:`undelete_thread`.
THREAD_ACTIONS = ("comment", "comment_edit", "comment_delete")


def undelete_thread(session: Session, target: Article | Claim, *, deleted_by: int
                    ) -> list[Comment]:
    """Bring back the comments an undeleted claim or article had when it was deleted.

    Deleting a claim or an article takes its thread with it (the rows cascade) without a
    ``comment_delete`` event per comment, so the thread as it stood is the replay of the
    record's ``comment``, ``comment_edit`` and ``comment_delete`` events before the delete
    event ``deleted_by``: each comment comes back with its number, author, text, posting
    time and last edit time. Comments that were themselves deleted stay deleted. A comment
    restored once keeps its number, so a second delete and undelete replays the same
    trail. Flushes, never commits."""
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.entity_type == entity_type(target),
                                 AuditEvent.entity_id == target.id,
                                 AuditEvent.action.in_(THREAD_ACTIONS),
                                 AuditEvent.id < deleted_by)
        .order_by(AuditEvent.id))
    kept: dict[int, Comment] = {}
    for event in events:
        state = (event.before if event.action == "comment_delete" else event.after) or {}
        comment_id = state.get("comment_id")
        if not isinstance(comment_id, int):
            continue
        if event.action == "comment":
            author_id = event.actor_id
            if author_id is not None and session.get(User, author_id) is None:
                author_id = None
            kept[comment_id] = Comment(
                id=comment_id, author_id=author_id,
                author_name=state.get("author") or event.actor_name,
                text=state.get("text") or "", created_at=event.at)
        elif event.action == "comment_edit" and comment_id in kept:
            kept[comment_id].text = state.get("text") or kept[comment_id].text
            kept[comment_id].edited_at = event.at
        elif event.action == "comment_delete":
            kept.pop(comment_id, None)
    restored = [c for c in kept.values() if session.get(Comment, c.id) is None]
    for comment in restored:
        if isinstance(target, Article):
            comment.article_id = target.id
        else:
            comment.claim_id = target.id
        session.add(comment)
    session.flush()
    return restored
