"""The ``claims-app`` command: the commands that belong to no package (``db``, ``serve``) and
the registration of page-less packages' commands. Each subcommand validates input, calls one
service, commits once."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from claims_app import backup, extract
from claims_app import db as database
from claims_app import migrate as migrations
from claims_app.jobs import worker
from claims_app.server import serve as serve_app

#: Packages that bring commands but no pages (those with pages register their commands
#: through ``web.app.PACKAGES``); each ``init_app`` adds its own.
PACKAGES = (backup, extract)


def register(app: Flask) -> None:
    """Attach every command to the app, so ``claims-app`` and Flask's CLI runner see them:
    this module's own (the schema and the server, which belong to no package) and each
    page-less package's."""
    for command in (db_group, serve):
        app.cli.add_command(command)
    for package in PACKAGES:
        package.init_app(app)


def _fail(message: str) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


# --- database -------------------------------------------------------------------------

@click.group("db")
def db_group() -> None:
    """Create and migrate the database schema (Alembic)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    engine = database.get_db().engine
    migrations.upgrade(engine, revision)
    click.echo(f"database at revision {migrations.current_revision(engine)} "
               f"({engine.url.render_as_string(hide_password=True)})")


@db_group.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION ("base" removes every table)."""
    engine = database.get_db().engine
    migrations.downgrade(engine, revision)
    click.echo(f"database at revision {migrations.current_revision(engine) or 'base'}")


@db_group.command("current")
@with_appcontext
def db_current() -> None:
    """Show the database's revision and whether it is the newest."""
    engine = database.get_db().engine
    current, head = migrations.current_revision(engine), migrations.head_revision()
    state = "up to date" if current == head else f"behind (newest is {head})"
    click.echo(f"{current or 'base'} ({state})")


# --- serve ----------------------------------------------------------------------------

@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@with_appcontext
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web app with a production WSGI server (waitress)."""
    click.echo(f"claims_app on http://{host}:{port}/ (Ctrl+C stops it)")
    worker.start(current_app._get_current_object())  # type: ignore[attr-defined]
    serve_app(current_app._get_current_object(), host=host, port=port, threads=threads)  # type: ignore[attr-defined]
