"""claims: quotes in several pieces, and the speaker the extractor nearly chose

A quote split around its attribution, ``"A," X said. "B."``, is one statement: the
extractor now proposes it as one claim with two segments (issue 18). ``segments`` keeps
them as a JSON list of ``[start, end]`` pairs on the claim row; ``start``/``end`` stay the
outer bounds, so every reader of a span (search, cross-references, overlap checks) works
unchanged, and NULL means one segment, which is every claim stored before this revision:
nothing is rewritten. A column rather than a child table because segments are only ever
read with their claim (highlighting, exports, audit snapshots, the optimistic-lock
compare), a claim has one to three of them, and the importer writes claims by bulk COPY:
a child table would add a second bulk write, a join or extra query on every page that
highlights claims, and rows the audit trail and restore would have to gather by hand.

``runner_up_name``/``runner_up_score``: where two speaker candidates scored close, the one
not chosen, so the claim page can offer it as a one-click alternative (issue 18 item 10).
A name, not a speaker id: most runners-up are never used, and creating a speaker for each
would fill the speaker list with people nobody attributed anything to.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('segments', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('runner_up_name', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('runner_up_score', sa.Float(), nullable=True))


def downgrade() -> None:
    # SQLite (3.35+) drops a column in place: no copy of the claims table.
    with op.batch_alter_table('claims', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('runner_up_score')
        batch_op.drop_column('runner_up_name')
        batch_op.drop_column('segments')
