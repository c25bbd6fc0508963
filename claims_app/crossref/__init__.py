"""Cross-referencing: repeated passages, similar claims, speaker identity, questions, search.

Services here flush and never commit. Search documents and passage signatures are kept
current by :mod:`claims_app.crossref.sync`, which every session of the app runs before it
commits; the importer's bulk path writes its own (:func:`index_new_articles`).
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
    "search",
    "similar_passages",
]
