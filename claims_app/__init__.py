"""claims_app: a source-claim tracking database."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, database, security, blueprints. Nothing runs at import time."""
    instance_path = os.environ.get("CLAIMS_INSTANCE_PATH") or None
    if instance_path:
        instance_path = os.path.abspath(instance_path)
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)

    from claims_app import cli, db, deadline, models, security, web

    models.configure()
    from claims_app import config as settings

    settings.load_config(app, config)
    db.init_app(app)
    deadline.init_app(app)
    security.init_app(app)
    web.init_app(app)
    cli.register(app)
    return app
