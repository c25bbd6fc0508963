"""Exports: one module per output format, all streaming from one query (``query.py``).

Public API: ``write_export(session, fmt, filters, fh, options)``, ``generate`` (the chunks,
for streamed responses), ``FORMATS``, ``ExportFilters`` and ``ExportOptions``.
"""

from flask import Flask

from claims_app.export.formats import FORMATS, ExportFormat, generate, write_export
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters

__all__ = ["FORMATS", "ExportFilters", "ExportFormat", "ExportOptions", "generate",
           "write_export"]


def init_app(app: Flask) -> None:
    """Register the Export page, ``claims-app export`` and ``load-export`` (and its old name)."""
    # Here, not at the top: any import of a module in this package (its models, say) runs
    # this file first, and must not load the views, and all they import, with it.
    from claims_app.export import commands, views

    app.register_blueprint(views.bp)
    app.cli.add_command(commands.export_command)
    app.cli.add_command(commands.load_export_command)
    app.cli.add_command(commands.restore_command)
