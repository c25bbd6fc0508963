"""The one table that decides who may do what. Views, the CLI and the API all ask here."""

from __future__ import annotations

import enum

from claims_app.accounts.models import Role


class Permission(enum.StrEnum):
    READ = "read"
    EXPORT = "export"
    ANNOTATE = "annotate"  # create and edit claims
    REVIEW = "review"  # add verdicts, accept / correct / reject
    LINK = "link"  # add and remove claim links
    EDIT_ARTICLES = "edit_articles"  # create, edit, import articles
    EDIT_SPEAKERS = "edit_speakers"
    MERGE = "merge"
    DELETE = "delete"
    REVERT = "revert"
    MANAGE_USERS = "manage_users"
    COMMENT = "comment"  # write in the comment threads of claims and articles
    ASSIGN = "assign"  # assign articles and claims to reviewers


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ, Permission.EXPORT}),
    Role.REVIEWER: frozenset(
        {Permission.READ, Permission.EXPORT, Permission.ANNOTATE, Permission.REVIEW,
         Permission.LINK, Permission.COMMENT}
    ),
    Role.EDITOR: frozenset(
        {Permission.READ, Permission.EXPORT, Permission.ANNOTATE, Permission.REVIEW,
         Permission.LINK, Permission.EDIT_ARTICLES, Permission.EDIT_SPEAKERS,
         Permission.MERGE, Permission.DELETE, Permission.REVERT, Permission.COMMENT,
         Permission.ASSIGN}
    ),
    Role.ADMIN: frozenset(Permission),
}


#: What each permission lets a person do, in the words a refusal uses ("... does not include
#: permission to {what}").
PERMISSION_WORDS: dict[Permission, str] = {
    Permission.READ: "read the claims database",
    Permission.EXPORT: "export claims",
    Permission.ANNOTATE: "add and edit claims",
    Permission.REVIEW: "review claims",
    Permission.LINK: "link claims to each other",
    Permission.EDIT_ARTICLES: "add, edit and import articles",
    Permission.EDIT_SPEAKERS: "edit speakers",
    Permission.MERGE: "merge speakers",
    Permission.DELETE: "delete records",
    Permission.REVERT: "revert changes",
    Permission.MANAGE_USERS: "manage user accounts",
    Permission.COMMENT: "comment on claims and articles",
    Permission.ASSIGN: "assign work to reviewers",
}


def refusal(role: Role | str | None, permission: Permission) -> str:
    """Why a page is refused and what to do about it, in plain words: the missing permission
    and the roles that have it (the 403 page shows this instead of the server's wording)."""
    roles = [r.value for r in Role if permission in PERMISSIONS[r]]
    who = ", ".join(roles[:-1]) + (" or " if len(roles) > 1 else "") + roles[-1]
    mine = f"Your role ({Role(role).value})" if role is not None else "Your account"
    return (f"{mine} does not include permission to {PERMISSION_WORDS[permission]}, which "
            f"this page needs. Ask an administrator to make you {_article(roles[0])} {who} "
            "if your work needs it.")


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def can(role: Role | str | None, permission: Permission) -> bool:
    if role is None:
        return False
    return permission in PERMISSIONS[Role(role)]
