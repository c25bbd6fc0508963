"""accounts: server-side login sessions, no login-attempt table, usernames in one form

Logging out used to end nothing on the server: the session cookie is signed, not stored, so a
copy replayed after logout (or after a password change elsewhere, or across a deactivation
and reactivation) still logged in. ``login_sessions`` keeps one row per browser login, keyed
by the SHA-256 of a random key that the signed cookie carries; a request is logged in only
while its row exists, so logging out, logging out everywhere, a password or role change and
deactivation end sessions by deleting rows.

``login_attempts`` counted failures per account and per address and then refused even the
right password: five wrong guesses by a stranger locked an account for 15 minutes, and 20
from one address (behind a proxy, the whole organisation) locked every account. Failed
logins are now throttled per (account, address) by Flask-Limiter, whose counters live
outside the database, so the table goes.

Usernames are now compared in one form (NFKC, case-folded, single spaces) so that ``Admin``
and ``admin`` cannot be two accounts; existing usernames are rewritten into that form. If
two existing accounts would become one, the upgrade stops and names them: an administrator
renames one first (nothing is changed until then).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 21:30:00.000000
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _normalised(username: str) -> str:
    """The rule of ``claims_app.name_rules.normalize_username`` as of this revision (kept here so
    the migration means the same thing whatever the module becomes)."""
    folded = unicodedata.normalize('NFKC', unicodedata.normalize('NFKC', username).casefold())
    return ' '.join(folded.split())


def _normalise_usernames() -> None:
    conn = op.get_bind()
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('username', sa.String))
    rows = conn.execute(sa.select(users.c.id, users.c.username)).all()
    by_form: dict[str, list[str]] = {}
    for _id, username in rows:
        by_form.setdefault(_normalised(username), []).append(username)
    clashes = [names for names in by_form.values() if len(names) > 1]
    if clashes:
        listed = '; '.join(' and '.join(repr(n) for n in names) for names in clashes)
        raise RuntimeError(f'these usernames differ only in case or width and would become '
                           f'one account: {listed}. Rename all but one, then upgrade again.')
    for user_id, username in rows:
        if _normalised(username) != username:
            conn.execute(users.update().where(users.c.id == user_id)
                         .values(username=_normalised(username)))


def upgrade() -> None:
    op.create_table('login_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_login_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_sessions')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_login_sessions_key_hash'))
    )
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_sessions_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_sessions_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempts_username_at')
        batch_op.drop_index('ix_login_attempts_address_at')
    op.drop_table('login_attempts')

    _normalise_usernames()


def downgrade() -> None:
    op.create_table('login_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempts'))
    )
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempts_address_at', ['address', 'at'], unique=False)
        batch_op.create_index('ix_login_attempts_username_at', ['username', 'at'], unique=False)

    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_sessions_user_id'))
        batch_op.drop_index(batch_op.f('ix_login_sessions_created_at'))
    op.drop_table('login_sessions')
    # Usernames stay in their normalised form: it is still a valid username in every version.
