"""Getting articles in: one reader per input format producing drafts, the importer that
stores them, re-running extraction, reading a JSON export back in, and the upload page."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the ingest pages and commands."""
    # Here, not at the top: any import of a module in this package (its models, say) runs
    # this file first, and must not load the views, and all they import, with it.
    from claims_app.ingest import commands, views

    app.register_blueprint(views.bp)
    app.cli.add_command(commands.import_command)
    app.cli.add_command(commands.extract_command)
