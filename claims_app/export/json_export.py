"""The lossless json export: every article, claim, review, link, speaker, comment and the
accounts they name, in a fixed layout that ``claims_app.ingest.load_export`` reads back.

Written by hand around per-record ``json.dumps`` calls so it streams: one article per line,
its claims written one at a time, never the whole document (nor one article's claims) in
memory. Keys are sorted and records come in id order (users by name), so export -> load-export
into an empty database -> export gives the same bytes (with ``exported_at`` fixed).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict

from sqlalchemy.orm import Session

from claims_app.articles.models import Article
from claims_app.export.options import ExportOptions
from claims_app.export.query import ClaimEntry, ExportFilters
from claims_app.export.records import (
    SCHEMA_VERSION,
    article_record,
    claim_record,
    comment_record,
    dumps,
    enum_value,
    iso_time,
    outlet_record,
    speaker_record,
    user_record,
)
from claims_app.export.related import (
    iter_articles,
    iter_comments,
    iter_outlets,
    iter_speakers,
    iter_users,
)


def _array(key: str, items: Iterable[str], *, last: bool = False) -> Iterator[str]:
    yield f"{dumps(key)}:["
    first = True
    for item in items:
        yield ("\n" if first else ",\n") + item
        first = False
    yield "\n]" + ("" if last else ",\n")


#: Stands for an article's claims while the rest of its record is serialised; the claims are
#: then written one at a time in its place.
_CLAIMS_HERE = "\u0000claims\u0000"
_CLAIMS_SLOT = f'"claims":{dumps(_CLAIMS_HERE)}'


def _article_parts(article: Article) -> tuple[str, str]:
    """The article's record as the text before and after its claims array's contents."""
    head, tail = dumps({**article_record(article), "claims": _CLAIMS_HERE}).split(_CLAIMS_SLOT)
    return head + '"claims":[', "]" + tail


def _articles(items: Iterator[Article | ClaimEntry]) -> Iterator[str]:
    """The articles array: each article's record written around its claims, one claim at a
    time (the same bytes as serialising the whole article at once)."""
    yield '"articles":['
    tail: str | None = None
    first_claim = True
    for item in items:
        if isinstance(item, ClaimEntry):
            yield ("" if first_claim else ",") + dumps(claim_record(item.claim, item.links,
                                                                 item.statement_group))
            first_claim = False
            continue
        head, next_tail = _article_parts(item)
        yield ("\n" if tail is None else tail + ",\n") + head
        tail, first_claim = next_tail, True
    yield "\n]" if tail is None else tail + "\n]"


def export_json(
    session: Session, filters: ExportFilters, options: ExportOptions
) -> Iterator[str]:
    yield "{" + f'"schema_version":{SCHEMA_VERSION},'
    yield f'"exported_at":{dumps(iso_time(options.exported_at))},\n'
    yield f'"filters":{dumps(_filters_record(filters))},\n'
    yield from _array("outlets", (dumps(outlet_record(o)) for o in iter_outlets(session, filters)))
    accounts = iter_users(session, filters) if options.include_accounts else iter(())
    yield from _array("users", (dumps(user_record(u)) for u in accounts))
    yield from _array(
        "speakers",
        (dumps(speaker_record(s))
         for s in iter_speakers(session, filters, batch_size=options.batch_size)),
    )
    yield from _articles(iter_articles(session, filters,
                                       batch_size=max(1, options.batch_size // 5),
                                       claim_batch=options.batch_size))
    yield ",\n"
    yield from _array("comments", (dumps(comment_record(c)) for c in iter_comments(
        session, filters, batch_size=options.batch_size)), last=True)
    yield "}\n"


def _filters_record(filters: ExportFilters) -> dict[str, object]:
    """The filters the export was made with, so a partial export says it is partial."""
    out: dict[str, object] = {}
    for key, value in asdict(filters).items():
        if value in (None, False):
            continue
        out[key] = value.isoformat() if hasattr(value, "isoformat") else enum_value(value)
    return out
