"""jobs: the background queue for work too long for a request

"Re-run extraction" on a 999,000-character article took 33 s inside one web request (issue
15). Such work is now queued as a row of ``jobs`` and run by a worker (a thread of the
serving process, or ``claims-app jobs work``); the job page polls the row, so its progress
survives a reload. The database is the queue: no broker to run, and both engines claim a
job with one guarded UPDATE. ``(status, id)`` finds the oldest queued job from an index.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 21:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='job_status',
                                    native_enum=False, create_constraint=True, length=20),
                  nullable=False),
        sa.Column('done', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('summary', sa.Text(), nullable=True),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'],
                                name=op.f('fk_jobs_article_id_articles'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_jobs_created_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs')),
    )
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.create_index('ix_jobs_status_id', ['status', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_jobs_status_id')
    op.drop_table('jobs')
