"""desk: assignments and comments

Issue 16 ("working as a desk"): an editor assigns articles or claims to reviewers, and
reviewers keep a thread of notes on a claim or an article. Two tables, each row about one
article or one claim (a CHECK), removed with it (ON DELETE CASCADE).

* ``assignments``: one per article and one per claim (unique indexes; reassigning changes
  the assignee), and ``(assignee_id, id)`` so "My queue" and the dashboard's per-reviewer
  counts read one reviewer's rows from an index, however many claims there are. Done-ness
  is not stored: it is whether the claims covered are reviewed, asked of the claims.
* ``comments``: ``(claim_id, id)`` and ``(article_id, id)`` give a thread in posting order
  from an index. Both tables carry a ``version`` for optimistic locking (edits, reassigns).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 23:55:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONE_TARGET = '(article_id IS NULL) <> (claim_id IS NULL)'


def upgrade() -> None:
    op.create_table(
        'assignments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=True),
        sa.Column('claim_id', sa.Integer(), nullable=True),
        sa.Column('assignee_id', sa.Integer(), nullable=False),
        sa.Column('assigned_by_id', sa.Integer(), nullable=True),
        sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('due_note', sa.String(length=300), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint(ONE_TARGET, name=op.f('ck_assignments_one_target')),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'],
                                name=op.f('fk_assignments_article_id_articles'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['claim_id'], ['claims.id'],
                                name=op.f('fk_assignments_claim_id_claims'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['assignee_id'], ['users.id'],
                                name=op.f('fk_assignments_assignee_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'],
                                name=op.f('fk_assignments_assigned_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assignments')),
    )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index('ix_assignments_article_id', ['article_id'], unique=True)
        batch_op.create_index('ix_assignments_claim_id', ['claim_id'], unique=True)
        batch_op.create_index('ix_assignments_assignee_id', ['assignee_id', 'id'],
                              unique=False)
    op.create_table(
        'comments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=True),
        sa.Column('claim_id', sa.Integer(), nullable=True),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('author_name', sa.String(length=80), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint(ONE_TARGET, name=op.f('ck_comments_one_target')),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'],
                                name=op.f('fk_comments_article_id_articles'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['claim_id'], ['claims.id'],
                                name=op.f('fk_comments_claim_id_claims'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'],
                                name=op.f('fk_comments_author_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_comments')),
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index('ix_comments_claim_id', ['claim_id', 'id'], unique=False)
        batch_op.create_index('ix_comments_article_id', ['article_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_article_id')
        batch_op.drop_index('ix_comments_claim_id')
    op.drop_table('comments')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index('ix_assignments_assignee_id')
        batch_op.drop_index('ix_assignments_claim_id')
        batch_op.drop_index('ix_assignments_article_id')
    op.drop_table('assignments')
