"""How long one article may be: one number, one check, for every way an article comes in.

The import files, the web's article form and import upload, and the API each had their own
limit (1,000,000 characters for files, 2,000,000 for the form and the API), and a 2,000,000-
character article sent through the API took 175 s in one request and made 26,802 claims.
``MAX_ARTICLE_CHARS`` (config, default 1,000,000: far above any news article, far below
what extraction gets through quickly) is now the only limit, and :func:`check_body_length`
the only check; readers, the importer, the article services and the API call it.
"""

from __future__ import annotations

from flask import current_app, has_app_context

from claims_app.errors import InvalidInput

#: The default of the ``MAX_ARTICLE_CHARS`` setting.
DEFAULT_MAX_ARTICLE_CHARS = 1_000_000


def max_article_chars() -> int:
    """The configured limit (the default outside an app, e.g. a reader used on its own)."""
    if has_app_context():
        return int(current_app.config.get("MAX_ARTICLE_CHARS") or DEFAULT_MAX_ARTICLE_CHARS)
    return DEFAULT_MAX_ARTICLE_CHARS


def too_long_message(length: int, limit: int | None = None) -> str:
    """"the article is 1,000,046 characters, over the 1,000,000-character limit for one
    article" (an import report's wording; forms and the API add what to do)."""
    limit = max_article_chars() if limit is None else limit
    return (f"the article is {length:,} characters, over the {limit:,}-character limit for "
            "one article")


def check_body_length(body: str) -> None:
    """Refuse (``InvalidInput`` on the body field) a body over the limit."""
    if len(body) > max_article_chars():
        message = too_long_message(len(body))
        raise InvalidInput(f"{message[0].upper()}{message[1:]}. Split it into parts, or ask "
                           "an administrator to raise MAX_ARTICLE_CHARS.", field="body")
