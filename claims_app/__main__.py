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
from claims_app.config import ConfigError


@click.group(cls=FlaskGroup, create_app=create_app, add_version_option=False)
def cli() -> None:
    """claims_app: track who said what, when and where, across news articles."""


def main() -> Any:
    try:
        return cli(prog_name="claims-app")
    except ConfigError as error:  # a setting the app cannot start with: say which, no trace
        click.secho(f"Error: cannot start: {error}", fg="red", err=True)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
