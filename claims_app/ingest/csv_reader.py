"""Reader for CSV spreadsheets of articles: one article per row, a header row naming the
columns.

Columns are found by name (case and surrounding spaces ignored), so their order does not
matter; ``mapping`` renames them for spreadsheets with their own headings
(``{"body": "Article text"}``). Columns the mapping does not use are kept in the draft's
``extra``. Like every reader the whole file is checked first: a bad row refuses the file,
naming the line the row starts on, instead of importing half of it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path

from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.errors import ReadError
from claims_app.ingest.jsonlines import parse_published
from claims_app.ingest.text_input import decode, normalize_newlines

DEFAULT_COLUMNS: tuple[str, ...] = (
    "title", "author", "outlet", "published", "dateline", "url", "language", "source_name",
    "body",
)
# Draft fields a spreadsheet may also carry under their own names.
OPTIONAL_COLUMNS: tuple[str, ...] = ("place", "section")
_DELIMITERS = (",", ";", "\t")


def read_csv(
    path: Path, data: bytes | None = None, *, mapping: Mapping[str, str] | None = None
) -> list[ArticleDraft]:
    """All rows of a CSV file as drafts; ``mapping`` maps a draft field to a column name."""
    text = normalize_newlines(decode(path, path.read_bytes() if data is None else data))
    wanted = {f: f for f in (*DEFAULT_COLUMNS, *OPTIONAL_COLUMNS)}
    wanted.update(mapping or {})
    unknown = set(wanted) - set(DEFAULT_COLUMNS) - set(OPTIONAL_COLUMNS)
    if unknown:
        raise ValueError(f"cannot map to unknown article fields: {', '.join(sorted(unknown))}")
    first_line = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise ReadError(path, "no header row") from exc
    index = {h.casefold(): i for i, h in enumerate(header) if h}
    columns = {f: index[c.strip().casefold()] for f, c in wanted.items()
               if c.strip().casefold() in index}
    if "body" not in columns:
        raise ReadError(path, f"no \"{wanted['body']}\" column for the article text "
                              f"(columns: {', '.join(h for h in header if h) or 'none'})")
    used = set(columns.values())
    drafts: list[ArticleDraft] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ReadError(path, f"broken CSV ({exc})", line) from exc
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise ReadError(path, f"{len(row)} fields but the header names {len(header)}", line)
        row += [""] * (len(header) - len(row))
        drafts.append(_draft(path, line, header, row, columns, used))
    if not drafts:
        raise ReadError(path, "no articles in the file (only a header row)")
    return drafts


def _draft(path: Path, line: int, header: list[str], row: list[str],
           columns: dict[str, int], used: set[int]) -> ArticleDraft:
    values = {f: (row[i].strip() or None) for f, i in columns.items()}
    body = row[columns["body"]].strip()
    if not body:
        raise ReadError(path, "the article has no body text", line)
    published, precision = parse_published(path, line, values.get("published"))
    extra = {header[i]: cell for i, cell in enumerate(row)
             if i not in used and header[i] and cell.strip()}
    return ArticleDraft(
        body=body,
        source_name=values.get("source_name") or f"{path.name}:{line}",
        title=values.get("title"),
        author=values.get("author"),
        outlet=values.get("outlet"),
        published=published,
        published_precision=precision,
        published_text=values.get("published") if published is None else None,
        dateline=values.get("dateline"),
        place=values.get("place"),
        section=values.get("section"),
        url=values.get("url"),
        language=values.get("language"),
        raw=json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False, sort_keys=True),
        extra=extra,
        line=line,
    )
