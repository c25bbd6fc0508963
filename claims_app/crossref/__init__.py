"""Cross-referencing: repeated passages, similar claims, speaker identity, questions, search,
and their pages (``search_views``, ``questions_views``) and ``claims-app reindex``.

Services here flush and never commit. Search documents and passage signatures are kept
current by :mod:`claims_app.crossref.sync`, which every session of the app runs before it
commits; the importer's bulk path writes its own (:func:`index_new_articles`).
"""

from flask import Flask

from claims_app.crossref.documents import rebuild_search_index
from claims_app.crossref.indexing import index_article
from claims_app.crossref.query import SearchFilters
from claims_app.crossref.repeats import (
    PassageMatch,
    PassageRepeat,
    index_passages,
    passage_repeats,
    similar_passages,
)
from claims_app.crossref.results import SearchHit, SearchResults
from claims_app.crossref.search import search

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


def init_app(app: Flask) -> None:
    """Register the search and question pages and ``claims-app reindex``."""
    # Here, not at the top: any import of a module in this package (its models, say) runs
    # this file first, and must not load the views, and all they import, with it.
    from claims_app.crossref import commands, questions_views, search_views

    app.register_blueprint(search_views.bp)
    app.register_blueprint(questions_views.bp)
    app.cli.add_command(commands.reindex_command)
