"""Which reader takes which file, and how folders expand: the one place that decides."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from claims_app.articles import limits
from claims_app.articles.limits import DEFAULT_MAX_ARTICLE_CHARS
from claims_app.ingest.csv_reader import read_csv
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.errors import ReadError
from claims_app.ingest.jsonlines import read_jsonl
from claims_app.ingest.seedtext import read_seed_text

Reader = Callable[[Path, bytes], list[ArticleDraft]]

# Far above any news article (the longest seeds are a few thousand characters), far below
# what claim extraction can get through in reasonable time: a 50 MB "article" would keep
# an import busy for hours, so it is refused as a whole instead. The setting
# MAX_ARTICLE_CHARS (articles/limits.py) decides; this is its default.
MAX_ARTICLE_CHARS = DEFAULT_MAX_ARTICLE_CHARS


def _seed(path: Path, data: bytes) -> list[ArticleDraft]:
    return [read_seed_text(path, data)]


def _csv(path: Path, data: bytes) -> list[ArticleDraft]:
    return list(read_csv(path, data))


def _html(path: Path, data: bytes) -> list[ArticleDraft]:
    # Here, not at the top: trafilatura and lxml take most of a second to load, and only
    # HTML files need them.
    from claims_app.ingest.html_reader import read_html

    return [read_html(path, data)]


READERS: dict[str, Reader] = {
    ".txt": _seed,
    "": _seed,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": _csv,
    ".html": _html,
    ".htm": _html,
}


# Plain text holds exactly one article and little else; HTML is left out (a page can carry
# megabytes of scripts around a short article).
SINGLE_ARTICLE: frozenset[Reader] = frozenset({_seed})


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, folders as their files in name order (hidden files skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                inner = child.parts[len(p.parts) :]
                if child.is_file() and not any(part.startswith(".") for part in inner):
                    yield child
        else:
            yield p


def read_file(
    path: Path, *, max_bytes: int, max_article_chars: int | None = None
) -> list[ArticleDraft]:
    """All drafts in one file, or a ReadError; nothing here touches the database.
    ``max_article_chars``: the longest article (default: the MAX_ARTICLE_CHARS setting)."""
    limit = limits.max_article_chars() if max_article_chars is None else max_article_chars
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(s for s in READERS if s))
        raise ReadError(path, f"unsupported file type {path.suffix!r} (known: {known})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(path, f"cannot open the file ({exc.strerror})") from exc
    if size > max_bytes:
        raise ReadError(
            path, f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB import limit"
        )
    if reader in SINGLE_ARTICLE and size > 4 * limit:
        # Any encoding we read takes at most 4 bytes a character, so this file cannot be one
        # article within the limit; refusing it unread keeps time and memory flat.
        raise ReadError(
            path, f"the file is {size / 1e6:.1f} MB, too long for one article "
            f"(the limit is {limit:,} characters)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot read the file ({exc.strerror})") from exc
    drafts = reader(path, data)
    for draft in drafts:
        if len(draft.body) > limit:
            raise ReadError(path, limits.too_long_message(len(draft.body), limit), draft.line)
    return drafts
