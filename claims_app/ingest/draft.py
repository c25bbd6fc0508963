"""ArticleDraft: the one shape every reader produces and the importer stores."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    body: str
    source_name: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_precision: str = "unknown"  # day | month | year | unknown
    published_text: str | None = None
    dateline: str | None = None
    place: str | None = None
    section: str | None = None
    url: str | None = None
    language: str | None = None
    raw: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    line: int | None = None  # where in a multi-article file this draft came from

    @property
    def content_hash(self) -> str:
        return content_hash(self.body)


def content_hash(body: str) -> str:
    """Identity of an article for idempotent import: its body, modulo invisible differences.

    Unicode normalisation form, line-end style and surrounding white space do not make a
    different article; any visible change in the words does.
    """
    canonical = unicodedata.normalize("NFC", body.replace("\r\n", "\n").replace("\r", "\n"))
    return hashlib.sha256(canonical.strip().encode("utf-8")).hexdigest()
