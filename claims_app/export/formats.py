"""The format registry and the one entry point every caller (CLI, web, API) uses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy.orm import Session

from claims_app.export.claimreview import export_claimreview
from claims_app.export.csv_export import export_csv
from claims_app.export.json_export import export_json
from claims_app.export.jsonl_export import export_jsonl
from claims_app.export.options import ExportOptions
from claims_app.export.query import NO_FILTERS, ExportFilters
from claims_app.export.webannotation import export_webannotation

Generator = Callable[[Session, ExportFilters, ExportOptions], Iterator[str]]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    generate: Generator
    description: str
    #: The download's name before the date; two formats sharing an extension (both JSON-LD)
    #: get different stems so a browser never saves one over the other.
    stem: str = "claims"

    def filename(self, day: date) -> str:
        """The name a download of this format is saved under, e.g. ``claims-2026-12-06.csv``."""
        return f"{self.stem}-{day:%Y-%m-%d}.{self.extension}"


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("json", "application/json", "json", export_json,
                     "lossless record of everything; claims-app load-export reads it back"),
        ExportFormat("jsonl", "application/x-ndjson", "jsonl", export_jsonl,
                     "one claim per line with its article, speaker and latest review"),
        ExportFormat("csv", "text/csv; charset=utf-8", "csv", export_csv,
                     "one claim per row, UTF-8 with BOM for spreadsheets"),
        ExportFormat("claimreview", "application/ld+json", "jsonld", export_claimreview,
                     "schema.org ClaimReview JSON-LD for every reviewed claim",
                     stem="claims-claimreview"),
        ExportFormat("webannotation",
                     'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', "jsonld",
                     export_webannotation,
                     "W3C Web Annotation collection, one annotation per claim",
                     stem="claims-annotations"),
    )
}


class TextWriter(Protocol):
    def write(self, text: str, /) -> Any: ...


def generate(
    session: Session,
    fmt: str,
    filters: ExportFilters = NO_FILTERS,
    options: ExportOptions | None = None,
) -> Iterator[str]:
    """The chunks of one export (for a streamed HTTP response); unknown formats are a
    ValueError naming the known ones."""
    try:
        spec = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})") from None
    return spec.generate(session, filters, options or ExportOptions())


def write_export(
    session: Session,
    fmt: str,
    filters: ExportFilters,
    fh: TextWriter,
    options: ExportOptions | None = None,
) -> int:
    """Write an export chunk by chunk to a text stream; returns the number of chunks.

    Open files with ``newline=""`` (the CSV format writes its own CRLF row ends) and
    ``encoding="utf-8"``.
    """
    chunks = 0
    for chunk in generate(session, fmt, filters, options):
        fh.write(chunk)
        chunks += 1
    return chunks
