"""Whole-database backups: ``services`` writes and restores them (one transaction per restore),
``commands`` is the ``claims-app backup`` command group over it."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register ``claims-app backup`` (``create``, ``restore``) and the old ``restore-backup``."""
    # Here, not at the top: importing ``backup.services`` must not load the commands.
    from claims_app.backup import commands

    app.cli.add_command(commands.backup_group)
    app.cli.add_command(commands.restore_backup_command)
