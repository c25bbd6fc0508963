"""``claims-app backup create DEST`` and ``claims-app backup restore SRC``: thin wrappers over
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
from claims_app.deprecated import old_name


def _fail(message: str) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


class _BackupGroup(click.Group):
    """``claims-app backup DEST``, the form scripts use, still makes a backup: a first
    argument that is not a subcommand's name is ``create``'s DEST."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["create", *args]
        return super().parse_args(ctx, args)


@click.group("backup", cls=_BackupGroup)
def backup_group() -> None:
    """Back up the whole database (create DEST), or restore a backup (restore SRC)."""


@backup_group.command("create")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def create_command(dest: Path) -> None:
    """Back up the whole database into the new folder DEST (safe while the app runs)."""
    try:
        summary = backups.backup(current_app._get_current_object(), dest)  # type: ignore[attr-defined]
    except BackupError as exc:
        _fail(str(exc))
    click.echo(summary.lines()[0])


@backup_group.command("restore")
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True,
              help="Replace the contents of a database that already holds records.")
@with_appcontext
def restore_command(src: Path, force: bool) -> None:
    """Restore the backup folder SRC into this (empty, migrated) database."""
    try:
        summary = backups.restore(current_app._get_current_object(), src, force=force)  # type: ignore[attr-defined]
    except BackupError as exc:
        _fail(str(exc))
    click.echo(summary.lines()[0])


#: ``claims-app restore-backup SRC``, the old name.
restore_backup_command = old_name(restore_command, "restore-backup", "backup restore")
