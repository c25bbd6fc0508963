"""claims, articles, speakers, reviews, links: SQLite never reuses a deleted record's id

Without AUTOINCREMENT, SQLite gives a new row the largest id in use plus one, so deleting the
newest claim and creating another gave the new one the old id: the History page then mixed
the two records' events, and old ``/claims/N`` links and exports pointed at a different
record (issue 15). AUTOINCREMENT makes SQLite remember the largest id ever given
(``sqlite_sequence``). It can only be declared when a table is created, so each table is
rebuilt (batch mode, ``sqlite_autoincrement=True``), with foreign keys off meanwhile (see
``claims_app.migrate.migration_connection``): a rebuild drops the old table. The rebuild
keeps columns, constraints and indexes, except the expression index ``ix_articles_newest``
(reflection cannot read it), which is created again.

Reviews and links are in: their ids are named by audit events and delete URLs too. The
accounts tables are not: accounts are deactivated, not deleted. PostgreSQL's sequences never
hand an id out twice, so nothing changes there.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 21:10:00.000000
"""

import warnings
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.exc import SAWarning

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("articles", "speakers", "claims", "reviews", "claim_links")


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # Copying the rows into the new table starts its sequence at the largest id in use.
    for table in TABLES:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Skipped unsupported reflection of "
                                    "expression-based index", category=SAWarning)
            with op.batch_alter_table(table, recreate="always",
                                      table_kwargs={"sqlite_autoincrement": autoincrement}):
                pass
    # Dropped with the old articles table (reflection skips expression indexes): again.
    op.create_index('ix_articles_newest', 'articles',
                    [sa.text('(published IS NULL)'), sa.text('published DESC'),
                     sa.text('id DESC')], unique=False)


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
