"""Exports: one module per output format, all streaming from one query (``query.py``).

Public API: ``write_export(session, fmt, filters, fh, options)``, ``generate`` (the chunks,
for streamed responses), ``FORMATS``, ``ExportFilters`` and ``ExportOptions``.
"""

from claims_app.export.formats import FORMATS, ExportFormat, generate, write_export
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters

__all__ = ["FORMATS", "ExportFilters", "ExportFormat", "ExportOptions", "generate",
           "write_export"]
