"""articles: one index for the newest-first list order on both engines

The article list shows dated articles newest first, then undated ones. Written as
``published DESC NULLS LAST`` that order could not be read off ``(published, id)`` on
PostgreSQL (a backward scan gives DESC NULLS FIRST), so every view sorted all articles:
21 ms of 100 at 88,765 articles (1M claims). The list now orders by
``(published IS NULL), published DESC, id DESC`` (``articles.models.NEWEST_FIRST``) and
this expression index serves it on PostgreSQL and SQLite alike (0.06 ms).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 18:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_articles_newest', 'articles',
                    [sa.text('(published IS NULL)'), sa.text('published DESC'),
                     sa.text('id DESC')], unique=False)


def downgrade() -> None:
    op.drop_index('ix_articles_newest', table_name='articles')
