"""fact_checks, their terms and matches; dismissed changes of position

Fact-check memory (issue 17): published fact-checks imported from schema.org ClaimReview
(``fact_checks``, one row per URL and claim: ``identity_key`` is their hash, since a URL of
up to 2,000 characters is no portable unique key). ``fact_check_terms`` is the inverted index
a claim's words look fact-checks up in, ``(term, fact_check_id)`` ordered so a claim's dozen
probe stems are a dozen index ranges; ``fact_check_matches`` holds each claim's matched
fact-checks (at most 20 per claim), so the claim page reads them by primary key and the
review queue's "already fact-checked" filter is a semi-join on a table far smaller than
``claims``. Both are derived rows written at commit (crossref/sync.py).

``position_dismissals`` remembers a proposed change of position a reviewer dismissed (lower
claim id first, once per pair), so it is not proposed again; confirmed ones are ordinary
``contradicts`` links.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 23:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'fact_checks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('claim_reviewed', sa.Text(), nullable=False),
        sa.Column('claimant', sa.String(length=300), nullable=True),
        sa.Column('rating_value', sa.Float(), nullable=True),
        sa.Column('best_rating', sa.Float(), nullable=True),
        sa.Column('worst_rating', sa.Float(), nullable=True),
        sa.Column('rating_name', sa.String(length=200), nullable=True),
        sa.Column('publisher', sa.String(length=300), nullable=True),
        sa.Column('published', sa.Date(), nullable=True),
        sa.Column('url', sa.String(length=2000), nullable=True),
        sa.Column('language', sa.String(length=20), nullable=True),
        sa.Column('source_name', sa.String(length=500), nullable=True),
        sa.Column('identity_key', sa.String(length=64), nullable=False),
        sa.Column('imported_by_id', sa.Integer(), nullable=True),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['imported_by_id'], ['users.id'],
                                name=op.f('fk_fact_checks_imported_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fact_checks')),
        sa.UniqueConstraint('identity_key', name=op.f('uq_fact_checks_identity_key')),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_fact_checks_published', 'fact_checks', ['published', 'id'])
    op.create_table(
        'fact_check_terms',
        sa.Column('fact_check_id', sa.Integer(), nullable=False),
        sa.Column('term', sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(['fact_check_id'], ['fact_checks.id'],
                                name=op.f('fk_fact_check_terms_fact_check_id_fact_checks'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('fact_check_id', 'term', name=op.f('pk_fact_check_terms')),
    )
    op.create_index('ix_fact_check_terms_term', 'fact_check_terms', ['term', 'fact_check_id'])
    op.create_table(
        'fact_check_matches',
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('fact_check_id', sa.Integer(), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(['claim_id'], ['claims.id'],
                                name=op.f('fk_fact_check_matches_claim_id_claims'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['fact_check_id'], ['fact_checks.id'],
                                name=op.f('fk_fact_check_matches_fact_check_id_fact_checks'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('claim_id', 'fact_check_id',
                                name=op.f('pk_fact_check_matches')),
    )
    op.create_index('ix_fact_check_matches_fact_check_id', 'fact_check_matches',
                    ['fact_check_id'])
    op.create_table(
        'position_dismissals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('first_claim_id', sa.Integer(), nullable=False),
        sa.Column('second_claim_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('dismissed_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('first_claim_id < second_claim_id',
                           name=op.f('ck_position_dismissals_ordered')),
        sa.ForeignKeyConstraint(['first_claim_id'], ['claims.id'],
                                name=op.f('fk_position_dismissals_first_claim_id_claims'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['second_claim_id'], ['claims.id'],
                                name=op.f('fk_position_dismissals_second_claim_id_claims'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['dismissed_by_id'], ['users.id'],
                                name=op.f('fk_position_dismissals_dismissed_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_position_dismissals')),
        sa.UniqueConstraint('first_claim_id', 'second_claim_id',
                            name=op.f('uq_position_dismissals_first_claim_id_second_claim_id')),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_position_dismissals_second_claim_id', 'position_dismissals',
                    ['second_claim_id'])


def downgrade() -> None:
    op.drop_index('ix_position_dismissals_second_claim_id', 'position_dismissals')
    op.drop_table('position_dismissals')
    op.drop_index('ix_fact_check_matches_fact_check_id', 'fact_check_matches')
    op.drop_table('fact_check_matches')
    op.drop_index('ix_fact_check_terms_term', 'fact_check_terms')
    op.drop_table('fact_check_terms')
    op.drop_index('ix_fact_checks_published', 'fact_checks')
    op.drop_table('fact_checks')
