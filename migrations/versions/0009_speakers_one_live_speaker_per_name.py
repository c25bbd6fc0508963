"""speakers: one live speaker per name key (a partial unique index)

Get-or-create of a speaker looked the name up, then inserted: on PostgreSQL, ten API
requests naming the same new speaker at once made 4-6 identical speakers (issue 15). With a
unique index on ``name_key`` the second insert waits for the first and fails, and
``resolve_speaker`` then takes the speaker the first one made. Merged speakers keep their
names (a merge can be undone), so the index covers live speakers only
(``WHERE merged_into_id IS NULL``, a partial index on both engines).

Existing duplicates are refused, not merged: two live speakers with one name key may be one
person entered twice or two people who share a name, which only a person can tell; the
merge page previews, audits and can undo that decision, which a migration could not. The
upgrade stops before changing anything and names every group to merge or rename.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("merged_into_id IS NULL")
SHOWN = 20  # groups named in the refusal; the count says how many there are in all


def shared_names(bind: sa.Connection) -> list[tuple[str, list[int]]]:
    """Name keys held by more than one live speaker, with those speakers' ids."""
    groups: dict[str, list[int]] = {}
    for key, speaker_id in bind.execute(sa.text(
            "SELECT name_key, id FROM speakers WHERE merged_into_id IS NULL AND name_key IN "
            "(SELECT name_key FROM speakers WHERE merged_into_id IS NULL "
            "GROUP BY name_key HAVING COUNT(*) > 1) ORDER BY name_key, id")):
        groups.setdefault(key, []).append(speaker_id)
    return list(groups.items())


def upgrade() -> None:
    shared = shared_names(op.get_bind())
    if shared:
        listed = "; ".join(f"{key!r}: speakers {', '.join(map(str, ids))}"
                           for key, ids in shared[:SHOWN])
        more = f" (and {len(shared) - SHOWN} more)" if len(shared) > SHOWN else ""
        raise RuntimeError(
            f"Migration 0009 gives every live speaker a name of its own, but {len(shared)} "
            f"names are held by more than one live speaker{more}: {listed}. Merge each group "
            "on its speaker page (\"Merge into another speaker\"), or rename one speaker of "
            "a group to tell them apart, then run the upgrade again. Nothing was changed.")
    op.create_index('uq_speakers_name_key_live', 'speakers', ['name_key'], unique=True,
                    sqlite_where=LIVE, postgresql_where=LIVE)


def downgrade() -> None:
    op.drop_index('uq_speakers_name_key_live', table_name='speakers')
