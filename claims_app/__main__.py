"""The ``claims-app`` command (also ``python -m claims_app``): Flask's command group on the
app factory.

Apart from ``cli``, whose commands the factory registers on every app, so the factory and
the commands it registers do not import each other (as flaskr's ``flask --app`` keeps them).
"""

from __future__ import annotations

from typing import Any

import click
from flask.cli import FlaskGroup

from claims_app import create_app


@click.group(cls=FlaskGroup, create_app=create_app, add_version_option=False)
def cli() -> None:
    """claims_app: track who said what, when and where, across news articles."""


def main() -> Any:
    return cli(prog_name="claims-app")


if __name__ == "__main__":
    main()
