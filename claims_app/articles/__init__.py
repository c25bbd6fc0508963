"""Articles: the stored texts, their outlets and passages, and their pages."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the articles pages."""
    # Here, not at the top: any import of a module in this package (its models, say) runs
    # this file first, and must not load the views, and all they import, with it.
    from claims_app.articles import views

    app.register_blueprint(views.bp)
