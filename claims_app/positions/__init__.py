"""Changes of position: pairs of one speaker's claims on the same topic, at different dates,
that say opposite things. Proposed to a reviewer, who links them or dismisses the pair."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the confirm and dismiss actions."""
    # Here, not at the top: any import of a module in this package (its models, say) runs
    # this file first, and must not load the views, and all they import, with it.
    from claims_app.positions import views

    app.register_blueprint(views.bp)
