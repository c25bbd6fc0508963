"""speakers: indexed surname key for the "shorter or fuller name" lookup

``find_speaker`` falls back, for people, to speakers whose name ends in the same surname
("Mammadyarov" -> "Elmar Mammadyarov"). It used ``name_key LIKE '% surname'``, which no
index can answer: every import of a name not seen before scanned all live speakers (8 ms a
lookup on a 2,000-speaker database, a third of the import's writing time; BENCHMARKS.md).
The last word of ``name_key`` now has its own indexed column, kept by the model.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 17:55:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('surname_key', sa.String(length=300), nullable=True))
    speakers = sa.table('speakers', sa.column('id', sa.Integer),
                        sa.column('name_key', sa.String), sa.column('surname_key', sa.String))
    bind = op.get_bind()
    rows = [{"key_id": row.id, "surname": (row.name_key.split() or [""])[-1]}
            for row in bind.execute(sa.select(speakers.c.id, speakers.c.name_key))]
    if rows:
        bind.execute(speakers.update().where(speakers.c.id == sa.bindparam("key_id"))
                     .values(surname_key=sa.bindparam("surname")), rows)
    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.create_index('ix_speakers_surname_key', ['surname_key'], unique=False)


def downgrade() -> None:
    # A plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): rebuilding the table, which batch
    # mode would otherwise do on SQLite, cannot drop a table other tables' rows refer to.
    with op.batch_alter_table('speakers', schema=None, recreate='never') as batch_op:
        batch_op.drop_index('ix_speakers_surname_key')
        batch_op.drop_column('surname_key')
