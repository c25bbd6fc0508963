"""The lossless json export: every article, claim, review, link, speaker and the accounts
they name, in a fixed layout that ``claims_app.ingest.restore`` reads back.

Written by hand around per-record ``json.dumps`` calls so it streams: one article (with its
claims) per line, never the whole document in memory. Keys are sorted and records come in
id order (users by name), so export -> restore into an empty database -> export gives the
same bytes (with ``exported_at`` fixed).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict

from sqlalchemy.orm import Session

from claims_app.export.options import ExportOptions
from claims_app.export.query import (
    ExportFilters,
    iter_articles,
    iter_outlets,
    iter_speakers,
    iter_users,
)
from claims_app.export.records import (
    SCHEMA_VERSION,
    article_record,
    claim_record,
    dumps,
    enum_value,
    iso_time,
    outlet_record,
    speaker_record,
    user_record,
)


def _array(key: str, items: Iterable[str], *, last: bool = False) -> Iterator[str]:
    yield f"{dumps(key)}:["
    first = True
    for item in items:
        yield ("\n" if first else ",\n") + item
        first = False
    yield "\n]" + ("" if last else ",\n")


def export_json(
    session: Session, filters: ExportFilters, options: ExportOptions
) -> Iterator[str]:
    def articles() -> Iterator[str]:
        for rec in iter_articles(session, filters, batch_size=max(1, options.batch_size // 5)):
            data = article_record(rec.article)
            data["claims"] = [claim_record(c, rec.links.get(c.id)) for c in rec.claims]
            yield dumps(data)

    yield "{" + f'"schema_version":{SCHEMA_VERSION},'
    yield f'"exported_at":{dumps(iso_time(options.exported_at))},\n'
    yield f'"filters":{dumps(_filters_record(filters))},\n'
    yield from _array("outlets", (dumps(outlet_record(o)) for o in iter_outlets(session, filters)))
    yield from _array("users", (dumps(user_record(u)) for u in iter_users(session, filters)))
    yield from _array(
        "speakers",
        (dumps(speaker_record(s))
         for s in iter_speakers(session, filters, batch_size=options.batch_size)),
    )
    yield from _array("articles", articles(), last=True)
    yield "}\n"


def _filters_record(filters: ExportFilters) -> dict[str, object]:
    """The filters the export was made with, so a partial export says it is partial."""
    out: dict[str, object] = {}
    for key, value in asdict(filters).items():
        if value in (None, False):
            continue
        out[key] = value.isoformat() if hasattr(value, "isoformat") else enum_value(value)
    return out
