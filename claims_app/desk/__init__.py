"""Working as a desk: who is to review what (assignments), notes between reviewers on a claim
or an article (comments), and the three-way view of an edit conflict."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the desk pages (My queue, assigning, comment threads)."""
    # Here, not at the top: any import of a module in this package (its models, say) runs
    # this file first, and must not load the views, and all they import, with it.
    from claims_app.desk import views

    app.register_blueprint(views.bp)
