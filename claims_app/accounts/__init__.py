"""Accounts: users, roles and passwords, the login and profile pages, the API token page
(``token_views``), and the web's security set-up (``security``: login, CSRF, rate limits)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the accounts pages and commands."""
    # Here, not at the top: any import of a module in this package (its models, say) runs
    # this file first, and must not load the views, and all they import, with it.
    from claims_app.accounts import commands, token_views, views

    app.register_blueprint(views.bp)
    app.register_blueprint(token_views.bp)
    app.cli.add_command(commands.users_group)
