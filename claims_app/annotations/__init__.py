"""The read-only W3C Web Annotation Protocol container at ``/annotations/``: the claims as
Web Annotations for annotation clients, paged, with the Export page's filters."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the annotations pages."""
    # Here, not at the top: any import of a module in this package (its models, say) runs
    # this file first, and must not load the views, and all they import, with it.
    from claims_app.annotations import views

    app.register_blueprint(views.bp)
