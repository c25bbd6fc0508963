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


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ, Permission.EXPORT}),
    Role.REVIEWER: frozenset(
        {Permission.READ, Permission.EXPORT, Permission.ANNOTATE, Permission.REVIEW,
         Permission.LINK}
    ),
    Role.EDITOR: frozenset(
        {Permission.READ, Permission.EXPORT, Permission.ANNOTATE, Permission.REVIEW,
         Permission.LINK, Permission.EDIT_ARTICLES, Permission.EDIT_SPEAKERS,
         Permission.MERGE, Permission.DELETE, Permission.REVERT}
    ),
    Role.ADMIN: frozenset(Permission),
}


def can(role: Role | str | None, permission: Permission) -> bool:
    if role is None:
        return False
    return permission in PERMISSIONS[Role(role)]
