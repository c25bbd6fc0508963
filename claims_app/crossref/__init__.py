"""Cross-referencing: repeated passages, similar claims, speaker identity, questions, search.

Services here flush and never commit. The importer's hook is :func:`index_article`.
"""

from claims_app.crossref.indexing import index_article
from claims_app.crossref.repeats import (
    PassageMatch,
    PassageRepeat,
    index_passages,
    passage_repeats,
    similar_passages,
)
from claims_app.crossref.search import (
    SearchFilters,
    SearchHit,
    SearchResults,
    rebuild_search_index,
    reindex_article,
    reindex_claim,
    reindex_speaker,
    search,
)

__all__ = [
    "PassageMatch",
    "PassageRepeat",
    "SearchFilters",
    "SearchHit",
    "SearchResults",
    "index_article",
    "index_passages",
    "passage_repeats",
    "rebuild_search_index",
    "reindex_article",
    "reindex_claim",
    "reindex_speaker",
    "search",
    "similar_passages",
]
