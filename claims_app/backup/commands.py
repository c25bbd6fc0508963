"""``claims-app backup DEST`` and ``claims-app restore-backup SRC``: thin wrappers over
:mod:`claims_app.backup.services`, which owns every decision (and the one transaction of a
restore)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from claims_app.backup import services as backups
from claims_app.backup.services import BackupError


def _fail(message: str) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


@click.command("backup")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(dest: Path) -> None:
    """Back up the whole database into the new folder DEST (safe while the app runs)."""
    try:
        summary = backups.backup(current_app._get_current_object(), dest)  # type: ignore[attr-defined]
    except BackupError as exc:
        _fail(str(exc))
    click.echo(summary.lines()[0])


@click.command("restore-backup")
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True,
              help="Replace the contents of a database that already holds records.")
@with_appcontext
def restore_backup_command(src: Path, force: bool) -> None:
    """Restore the backup folder SRC into this (empty, migrated) database."""
    try:
        summary = backups.restore(current_app._get_current_object(), src, force=force)  # type: ignore[attr-defined]
    except BackupError as exc:
        _fail(str(exc))
    click.echo(summary.lines()[0])

