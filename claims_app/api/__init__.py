"""The JSON API at /api/v1/: bearer tokens, the web's permission table, JSON errors.

Views parse and validate input (``schemas``), call one service, commit once, and answer
with the record as JSON; the OpenAPI document (``openapi``) describes exactly that.
"""

from __future__ import annotations

from flask import Flask

from claims_app.api.blueprint import bp


def init_app(app: Flask) -> None:
    """Register the API; exempt it (token auth only) from CSRF."""
    # Here, not at the top: routes register on import, and any import of a module in this
    # package (``api.tokens``, ``api.schemas``) would otherwise load every API view too.
    from claims_app.accounts.security import csrf
    from claims_app.api import (  # noqa: F401
        errors,
        openapi,
        views,
        views_articles,
        views_desk,
        views_speakers,
    )

    csrf.exempt(bp)
    app.register_blueprint(bp)
    errors.init_app(app)
