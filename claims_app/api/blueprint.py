"""The API's blueprint, in a module of its own so the route modules that attach to it
(``views``, ``openapi``) and the package that registers it import it without a cycle."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
