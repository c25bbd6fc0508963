"""claims: an article's claims in id order and in page order, read straight off indexes

**Page order.** An article page lists its claims ``ORDER BY start_offset, end_offset DESC,
id`` a hundred at a time. The index on ``(article_id, start_offset)`` gave the first key
only, so every page sorted all of an article's claims: page 200 of the 26,802-claim article
(benchmarks/bench_pages.py's adversarial one) took 50-66 ms on PostgreSQL (a sort of 20,001
rows) and 246-580 ms on SQLite (a temporary B-tree over whole rows; load average 8). An
index on ``(article_id, start_offset, end_offset DESC, id)`` gives that order itself: 2.8 ms
(an index-only scan) on PostgreSQL and 0.9 ms on SQLite. It serves every look-up by article
and start the old index did, which it replaces.

**Id order.** The export streams an article's claims ``ORDER BY article_id, id``, 500 at a
time (``export.query``). Without ``(article_id, id)`` each chunk of that article sorted its
claims again: 107-133 ms per chunk on SQLite, 19-23 ms with the index. Exporting the
10,012-claim pages database (the 26,802- and 4,000-claim articles included) with and
without it, same run, load average 9-12 on 2 cores: PostgreSQL 16.5 s against 19.1 s
(0.86x), SQLite 37.2 s against 36.7 s (no change: JSON encoding dominates there).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 00:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_claims_article_id_id', 'claims', ['article_id', 'id'], unique=False)
    op.create_index('ix_claims_article_page_order', 'claims',
                    ['article_id', 'start_offset', sa.text('end_offset DESC'), 'id'],
                    unique=False)
    op.drop_index('ix_claims_article_id_start', table_name='claims')


def downgrade() -> None:
    op.create_index('ix_claims_article_id_start', 'claims', ['article_id', 'start_offset'],
                    unique=False)
    op.drop_index('ix_claims_article_page_order', table_name='claims')
    op.drop_index('ix_claims_article_id_id', table_name='claims')
