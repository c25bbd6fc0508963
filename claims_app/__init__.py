"""claims_app: a source-claim tracking database."""

# No ``from __future__ import annotations`` here: it would bind the name ``annotations`` in
# this package, hiding the ``claims_app.annotations`` subpackage from ``from claims_app import``.
import os
from typing import Any

from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, database, security, blueprints. Nothing runs at import time."""
    instance_path = os.environ.get("CLAIMS_INSTANCE_PATH") or None
    if instance_path:
        instance_path = os.path.abspath(instance_path)
    # The shell's templates (base page, error page) and static files live in the web package.
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True,
                template_folder="web/templates", static_folder="web/static")

    # Here, not at the top: every module of the package runs this file first, and importing
    # one (say, the extractor) must not load the whole web app with it.
    from claims_app import cli, db, deadline, inputs, models
    from claims_app import config as settings
    from claims_app.accounts import security
    from claims_app.crossref import sync
    from claims_app.web import app as web

    models.configure()
    settings.load_config(app, config)
    inputs.init_app(app)  # before any route: they use its ``id`` converter
    db.init_app(app)
    # Search documents and passage signatures follow every session's commits.
    db.get_db(app).add_session_setup(sync.register)
    deadline.init_app(app)
    security.init_app(app)
    web.init_app(app)
    cli.register(app)
    return app
