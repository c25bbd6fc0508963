"""Assignments: who is to review what. The notes reviewers leave each other are
``comments.py``.

**Assignments.** An editor (or admin) assigns an article (all its claims) or one claim to a
reviewer; one assignee per article and per claim, so reassigning replaces the assignee. A
claim is *covered* by its own assignment when it has one, else by its article's: that is
whose queue it is in. An assignment is *done* when what it covers is reviewed, in the review
package's one sense (``claims.conditions.reviewed_condition``): a claim assignment when its
claim is, an article assignment when none of its claims is still unreviewed. Nothing stores
"done", so it cannot disagree with the claims.

Every change is audited on the claim or article it is about (actions ``assign`` and
``unassign``), so it shows in that record's History. Services flush and never commit;
permissions are checked here too (the web, the API and any command ask the same question).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, exists, func, select, union_all
from sqlalchemy.orm import Session, selectinload

from claims_app.accounts.models import Role, User
from claims_app.accounts.permissions import Permission, can
from claims_app.articles.models import Article
from claims_app.audit.services import record
from claims_app.claims.conditions import reviewed_condition
from claims_app.claims.models import Claim
from claims_app.db import require_version, utcnow
from claims_app.desk.models import Assignment
from claims_app.errors import Forbidden, InvalidInput, NotFound
from claims_app.web.pagination import Page, page_bounds

#: The dashboard lists at most this many reviewers.
LOAD_LIMIT = 100
#: Roles that can be given work: those that may review.
ASSIGNABLE_ROLES = tuple(r for r in Role if can(r, Permission.REVIEW))


def require_permission(actor: User | None, permission: Permission, what: str) -> None:
    """Refuse an actor whose role lacks ``permission`` (None, the system, may do anything)."""
    if actor is not None and not can(actor.role, permission):
        raise Forbidden(f"A {Role(actor.role).value} may not {what}.")


def article_or_claim(article: Article | None, claim: Claim | None) -> Article | Claim:
    if (article is None) == (claim is None):
        raise InvalidInput("Say which article or which claim.", field="target")
    return article if article is not None else claim  # type: ignore[return-value]


# --- Assignments -----------------------------------------------------------------------------


def assignment_state(assignment: Assignment) -> dict[str, Any]:
    """The audited view of an assignment (names, so History reads without lookups)."""
    return {
        "assignment_id": assignment.id,
        "assignee": assignment.assignee.username if assignment.assignee else None,
        "assigned_by": assignment.assigned_by.username if assignment.assigned_by else None,
        "due_note": assignment.due_note,
        "version": assignment.version,
    }


def assignable_users(session: Session) -> list[User]:
    """Active accounts that may review, by username: the assign form's choices."""
    return list(session.scalars(
        select(User).where(User.active.is_(True), User.role.in_(ASSIGNABLE_ROLES))
        .order_by(User.username).limit(500)))


def get_assignment(session: Session, assignment_id: int) -> Assignment:
    found = session.scalar(select(Assignment).where(Assignment.id == assignment_id)
                           .options(selectinload(Assignment.assignee)))
    if found is None:
        raise NotFound(f"There is no assignment {assignment_id}.")
    return found


def assignment_of(session: Session, *, article_id: int | None = None,
                  claim_id: int | None = None) -> Assignment | None:
    """The assignment of one article or one claim (not the claim's article's), or None."""
    column = Assignment.article_id if article_id is not None else Assignment.claim_id
    return session.scalar(select(Assignment).where(column == (article_id or claim_id))
                          .options(selectinload(Assignment.assignee),
                                   selectinload(Assignment.assigned_by)))


def assign(
    session: Session, actor: User | None, *, assignee_id: int, article: Article | None = None,
    claim: Claim | None = None, due_note: str | None = None, expected_version: int | None = None,
) -> Assignment:
    """Give an article or a claim to a reviewer, or hand it to another one.

    ``expected_version`` is the version of the assignment the person saw, None when they
    saw none: if someone assigned it meanwhile (or changed the assignment), ``Conflict``,
    never a silent overwrite of the other editor's choice."""
    require_permission(actor, Permission.ASSIGN, "assign work to reviewers")
    target = article_or_claim(article, claim)
    assignee = session.get(User, assignee_id)
    if assignee is None or not assignee.active or assignee.role not in ASSIGNABLE_ROLES:
        raise InvalidInput("Choose an active reviewer, editor or admin.", field="assignee")
    note = " ".join((due_note or "").split())[:300] or None
    existing = assignment_of(session, article_id=article.id if article else None,
                             claim_id=claim.id if claim else None)
    if existing is None and expected_version is not None:
        raise InvalidInput("That assignment was removed meanwhile; assign again.",
                           field="assignee")
    if existing is not None:
        require_version(existing, expected_version if expected_version is not None else 0,
                        assignment_state, "assignment")
        before: dict[str, Any] | None = assignment_state(existing)
        existing.assignee_id, existing.assignee = assignee.id, assignee
        existing.assigned_by_id = actor.id if actor else None
        existing.assigned_at, existing.due_note = utcnow(), note
        assignment = existing
    else:
        before = None
        assignment = Assignment(article_id=article.id if article else None,
                                claim_id=claim.id if claim else None, assignee=assignee,
                                assigned_by_id=actor.id if actor else None, due_note=note)
        session.add(assignment)
    session.flush()
    session.refresh(assignment, ["assigned_by"])
    record(session, actor, "assign", target, before=before, after=assignment_state(assignment),
           summary=f"assigned to {assignee.username}" + (f" ({note})" if note else ""))
    return assignment


#: The most articles one bulk assignment takes (a page of the article list is 50).
BULK_LIMIT = 200


@dataclass(frozen=True)
class BulkAssigned:
    assigned: int
    already: int  # articles someone already had: left as they were


def assign_articles(session: Session, actor: User | None, article_ids: list[int], *,
                    assignee_id: int, due_note: str | None = None) -> BulkAssigned:
    """Assign several articles at once (the article list's "Assign selected"). An article
    someone already has is left alone rather than taken from them unseen; reassign it on
    its page. Ids of articles not there are ignored (deleted since the list was shown)."""
    require_permission(actor, Permission.ASSIGN, "assign work to reviewers")
    wanted = sorted(set(article_ids))
    if not wanted:
        raise InvalidInput("Tick the articles to assign first.", field="article_ids")
    if len(wanted) > BULK_LIMIT:
        raise InvalidInput(f"Assign at most {BULK_LIMIT} articles at once.",
                           field="article_ids")
    taken = set(session.scalars(select(Assignment.article_id)
                                .where(Assignment.article_id.in_(wanted))))
    articles = session.scalars(select(Article).where(Article.id.in_(wanted),
                                                     Article.id.not_in(taken))).all()
    for article in articles:
        assign(session, actor, assignee_id=assignee_id, article=article, due_note=due_note)
    return BulkAssigned(len(articles), len(taken))


def unassign(session: Session, actor: User | None, assignment: Assignment, *,
             expected_version: int | None) -> None:
    """Take an assignment back (the article or claim is then nobody's)."""
    require_permission(actor, Permission.ASSIGN, "assign work to reviewers")
    require_version(assignment, expected_version, assignment_state, "assignment")
    target: Any = (session.get(Article, assignment.article_id) if assignment.article_id
                   else session.get(Claim, assignment.claim_id))
    before = assignment_state(assignment)
    record(session, actor, "unassign", target, before=before,
           summary=f"unassigned {before['assignee']}")
    session.delete(assignment)
    session.flush()


def assigned_to(user_id: int) -> ColumnElement[bool]:
    """Claims in ``user_id``'s queue: assigned to them, or in an article assigned to them
    and not assigned to someone else on their own (a condition on ``Claim``). Written as
    one id list read from the assignments (the user's own index range), so a queue page
    filtered by it never walks the claims that are nobody's."""
    mine = select(Assignment.claim_id).where(Assignment.assignee_id == user_id,
                                             Assignment.claim_id.is_not(None))
    my_articles = select(Assignment.article_id).where(Assignment.assignee_id == user_id,
                                                      Assignment.article_id.is_not(None))
    elsewhere = select(Assignment.claim_id).where(Assignment.assignee_id != user_id,
                                                  Assignment.claim_id.is_not(None))
    via_articles = select(Claim.id).where(Claim.article_id.in_(my_articles),
                                          Claim.id.not_in(elsewhere))
    return Claim.id.in_(union_all(mine, via_articles))


def _done() -> ColumnElement[bool]:
    """Whether an assignment is done (a correlated condition on ``Assignment``)."""
    claim_done = exists().where(Claim.id == Assignment.claim_id, reviewed_condition())
    article_done = ~exists().where(Claim.article_id == Assignment.article_id,
                                   ~reviewed_condition())
    return case((Assignment.claim_id.is_not(None), claim_done), else_=article_done)


def assignment_done(session: Session, assignment: Assignment) -> bool:
    """Whether what ``assignment`` covers is reviewed (as ``my_queue`` orders by)."""
    return bool(session.scalar(select(_done()).where(Assignment.id == assignment.id)))


@dataclass(frozen=True)
class QueueItem:
    """One line of My queue: the assignment, the article (always) and the claim (for a
    claim assignment), whether it is done, and an article's claims open / in all."""

    assignment: Assignment
    article: Article
    claim: Claim | None
    done: bool
    open_claims: int
    all_claims: int


def my_queue(session: Session, user_id: int, *, page: int = 1,
             per_page: int = 20) -> Page[QueueItem]:
    """What is assigned to ``user_id``, open first, then oldest assignment first; each page
    is three queries (the page, its claims and articles, an article's claim counts)."""
    page, per_page = page_bounds(page, per_page)
    done = _done().label("done")
    mine = Assignment.assignee_id == user_id
    total = session.scalar(select(func.count(Assignment.id)).where(mine)) or 0
    rows = session.execute(
        select(Assignment, done).where(mine)
        .order_by(done, Assignment.assigned_at, Assignment.id)
        .limit(per_page).offset((page - 1) * per_page)
        .options(selectinload(Assignment.assigned_by),
                 selectinload(Assignment.claim).selectinload(Claim.speaker),
                 selectinload(Assignment.claim).selectinload(Claim.article)
                 .selectinload(Article.outlet),
                 selectinload(Assignment.article).selectinload(Article.outlet))
    ).all()
    article_ids = [a.article_id for a, _ in rows if a.article_id is not None]
    counts: dict[int, tuple[int, int]] = {}
    if article_ids:
        for article_id, open_n, all_n in session.execute(
            select(Claim.article_id,
                   func.sum(case((reviewed_condition(), 0), else_=1)), func.count(Claim.id))
            .where(Claim.article_id.in_(article_ids)).group_by(Claim.article_id)
        ):
            counts[article_id] = (int(open_n or 0), int(all_n))
    items = []
    for assignment, is_done in rows:
        claim = assignment.claim
        article = claim.article if claim is not None else assignment.article
        assert article is not None  # the CHECK: an article or a claim
        open_n, all_n = counts.get(article.id, (0, 0)) if claim is None else (
            (0 if is_done else 1), 1)
        items.append(QueueItem(assignment, article, claim, bool(is_done), open_n, all_n))
    return Page(items=items, page=page, per_page=per_page, total=total)


@dataclass(frozen=True)
class ReviewerLoad:
    """A reviewer's claims to review (open) and reviewed (done), for the dashboard."""

    user_id: int
    username: str
    open: int
    done: int


def reviewer_loads(session: Session) -> list[ReviewerLoad]:
    """Each assignee's open and done claims in one grouped query over the assignments: each
    assignment counts its claims by correlated look-ups (its claim by id, or its article's
    claims not assigned on their own, through the article index), so the cost follows what
    is assigned, not the size of the claims table (BENCHMARKS.md, "Desk")."""
    claimed = select(Assignment.claim_id).where(Assignment.claim_id.is_not(None))

    def counted(reviewed: bool) -> Any:
        state = reviewed_condition() if reviewed else ~reviewed_condition()
        own = (select(func.count()).select_from(Claim)
               .where(Claim.id == Assignment.claim_id, state).scalar_subquery())
        via_article = (select(func.count()).select_from(Claim)
                       .where(Claim.article_id == Assignment.article_id, state,
                              Claim.id.not_in(claimed)).scalar_subquery())
        return case((Assignment.claim_id.is_not(None), own), else_=via_article)

    per_assignment = select(Assignment.assignee_id.label("who"),
                            counted(False).label("open"), counted(True).label("done")
                            ).subquery()
    rows = session.execute(
        select(User.id, User.username, func.sum(per_assignment.c.open),
               func.sum(per_assignment.c.done))
        .join(per_assignment, per_assignment.c.who == User.id)
        .group_by(User.id, User.username)
        .order_by(User.username)
        .limit(LOAD_LIMIT)
    ).all()
    return [ReviewerLoad(int(i), name, int(o or 0), int(d or 0)) for i, name, o, d in rows]


__all__ = [
    "ASSIGNABLE_ROLES", "BULK_LIMIT", "BulkAssigned", "QueueItem", "ReviewerLoad", "assign",
    "assign_articles", "assignable_users", "assigned_to", "assignment_done", "assignment_of",
    "get_assignment", "my_queue", "reviewer_loads", "unassign",
]
