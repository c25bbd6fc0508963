"""Speakers: names, aliases, roles, merges and timelines; their services and pages."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the speakers pages."""
    # Here, not at the top: any import of a module in this package (its models, say) runs
    # this file first, and must not load the views, and all they import, with it.
    from claims_app.speakers import views

    app.register_blueprint(views.bp)
