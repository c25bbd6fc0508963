"""crossref passages and full-text search

Adds the passage signature table (MinHash/LSH bands of each article sentence) and the search
documents (normalised text of claims, articles and speakers, written by the service layer),
then each engine's own full-text index over ``search_documents.body``:

* SQLite: an external-content FTS5 table ``search_fts`` kept current by three triggers;
* PostgreSQL: ``search_documents.tsv`` filled by ``tsvector_update_trigger`` ('simple'
  configuration) and a GIN index on it.

Existing rows are not indexed here (normalisation is Python code); run
``claims_app.crossref.rebuild_search_index`` and ``index_article`` once after upgrading a
database that already holds articles.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 14:03:29.112402
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The body is already normalised to lower-case alphanumeric tokens separated by spaces, so the
# tokenizer only has to split on spaces; diacritics were removed in Python.
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "body, content='search_documents', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
)

PG_TSV_TRIGGER = (
    "CREATE TRIGGER search_documents_tsv BEFORE INSERT OR UPDATE ON search_documents "
    "FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(tsv, 'pg_catalog.simple', body)"
)


def upgrade() -> None:
    op.create_table('passage_signatures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('start_offset', sa.Integer(), nullable=False),
    sa.Column('end_offset', sa.Integer(), nullable=False),
    sa.Column('band', sa.SmallInteger(), nullable=False),
    sa.Column('bucket', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_passage_signatures_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_passage_signatures'))
    )
    with op.batch_alter_table('passage_signatures', schema=None) as batch_op:
        batch_op.create_index('ix_passage_signatures_article_id', ['article_id'], unique=False)
        batch_op.create_index('ix_passage_signatures_band_bucket', ['band', 'bucket'], unique=False)

    op.create_table('search_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.Enum('claim', 'article', 'speaker', name='search_entity', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('article_id', sa.Integer(), nullable=True),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('tsv', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'), nullable=True),
    sa.Column('normalizer', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_search_documents_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_search_documents_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], name=op.f('fk_search_documents_speaker_id_speakers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
    sa.UniqueConstraint('article_id', name=op.f('uq_search_documents_article_id')),
    sa.UniqueConstraint('claim_id', name=op.f('uq_search_documents_claim_id')),
    sa.UniqueConstraint('speaker_id', name=op.f('uq_search_documents_speaker_id'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index('ix_search_documents_tsv', ['tsv'], unique=False, postgresql_using='gin')

    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for statement in SQLITE_FTS:
            op.execute(statement)
    elif dialect == 'postgresql':
        op.execute(PG_TSV_TRIGGER)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for name in ('search_documents_ai', 'search_documents_ad', 'search_documents_au'):
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
        op.execute('DROP TABLE IF EXISTS search_fts')
    elif dialect == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS search_documents_tsv ON search_documents')
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_search_documents_tsv', postgresql_using='gin')

    op.drop_table('search_documents')
    with op.batch_alter_table('passage_signatures', schema=None) as batch_op:
        batch_op.drop_index('ix_passage_signatures_band_bucket')
        batch_op.drop_index('ix_passage_signatures_article_id')

    op.drop_table('passage_signatures')
