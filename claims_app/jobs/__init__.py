"""Background jobs: long work a request starts and a worker finishes (see services.py)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the jobs pages and commands."""
    # Here, not at the top: any import of a module in this package (its models, say) runs
    # this file first, and must not load the views, and all they import, with it.
    from claims_app.jobs import commands, views

    app.register_blueprint(views.bp)
    app.cli.add_command(commands.jobs_group)
