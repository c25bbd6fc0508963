"""search_documents: keep each document's tsvector in its table row on PostgreSQL

A filter-free search for a common word reads the newest matches backwards along the primary
key and tests ``tsv @@ query`` on each row it passes (``crossref.search._ranked_page``). With
PostgreSQL's default storage, an article's vector (2.8 kB on average) did not fit beside its
normalised text, was moved out of the row into TOAST, and every row tested cost a TOAST index
lookup and several chunk reads: 27,643 buffers and 16 ms to find the 2,001 newest of
'sovereignty''s 102,629 matches at 1M claims. Storage ``MAIN`` keeps the vector in the row and
``EXTERNAL`` moves the text, which searching never reads, out of it instead: 3,285 buffers and
4.7 ms for the same scan (EXPLAIN ANALYZE, warm cache).

Storage applies to rows written from now on, so the upgrade rewrites the documents long
enough to have been moved out (the trigger recomputes their vectors): about 22 s for the
88,765 article documents at 1M claims. SQLite keeps its FTS5 index and is unchanged.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 20:30:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Documents shorter than this many bytes of indexed text fit in a row with their vector under
#: either storage, so only longer ones are rewritten.
REWRITE_FROM_BYTES = 600


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('ALTER TABLE search_documents ALTER COLUMN tsv SET STORAGE MAIN, '
               'ALTER COLUMN body SET STORAGE EXTERNAL')
    op.execute('UPDATE search_documents SET body = body '
               f'WHERE octet_length(body) > {REWRITE_FROM_BYTES}')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('ALTER TABLE search_documents ALTER COLUMN tsv SET STORAGE EXTENDED, '
               'ALTER COLUMN body SET STORAGE EXTENDED')
