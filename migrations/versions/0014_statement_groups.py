"""statement groups: the appearances of one statement across articles (issue 17)

The same quote reported by several outlets, with its wording drifting (a number changed, a
"not" dropped), is one *statement group*: derived data written at commit by
``claims_app/crossref/sync.py`` (see ``claims_app/provenance/``). Three tables rather than a
column on ``claims``: writing a group id into a claim would bump its optimistic-locking
version under a reviewer editing it, and a group needs its own row (earliest appearance,
size) and its blocking keys (hashed word trigrams, about a third of a claim's trigrams:
some 5 rows per claim, against 16 passage-signature rows per sentence).

``statement_group_keys`` is keyed by (key, group_id): a lookup is one index range per key.
``(material, claim_id)`` serves the "possible misquote" filter and the dashboard's newest
ones; ``(group_id, claim_id)`` lists a group's appearances. The tables start empty:
``claims-app reindex`` fills them for claims stored before this migration.

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-06 23:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'statement_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('earliest_claim_id', sa.Integer(), nullable=True),
        sa.Column('claim_count', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['earliest_claim_id'], ['claims.id'],
                                name=op.f('fk_statement_groups_earliest_claim_id_claims'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_statement_groups')),
    )
    with op.batch_alter_table('statement_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_groups_earliest_claim_id'),
                              ['earliest_claim_id'], unique=False)
    op.create_table(
        'statement_group_members',
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('material', sa.Boolean(), nullable=False),
        sa.Column('kinds', sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(['claim_id'], ['claims.id'],
                                name=op.f('fk_statement_group_members_claim_id_claims'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['group_id'], ['statement_groups.id'],
                                name=op.f('fk_statement_group_members_group_id_statement_groups'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_statement_group_members')),
    )
    with op.batch_alter_table('statement_group_members', schema=None) as batch_op:
        batch_op.create_index('ix_statement_group_members_group_id', ['group_id', 'claim_id'],
                              unique=False)
        batch_op.create_index('ix_statement_group_members_material', ['material', 'claim_id'],
                              unique=False)
    op.create_table(
        'statement_group_keys',
        sa.Column('key', sa.BigInteger(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['group_id'], ['statement_groups.id'],
                                name=op.f('fk_statement_group_keys_group_id_statement_groups'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('key', 'group_id', name=op.f('pk_statement_group_keys')),
    )
    with op.batch_alter_table('statement_group_keys', schema=None) as batch_op:
        batch_op.create_index('ix_statement_group_keys_group_id', ['group_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('statement_group_keys', schema=None) as batch_op:
        batch_op.drop_index('ix_statement_group_keys_group_id')
    op.drop_table('statement_group_keys')
    with op.batch_alter_table('statement_group_members', schema=None) as batch_op:
        batch_op.drop_index('ix_statement_group_members_material')
        batch_op.drop_index('ix_statement_group_members_group_id')
    op.drop_table('statement_group_members')
    with op.batch_alter_table('statement_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_groups_earliest_claim_id'))
    op.drop_table('statement_groups')
