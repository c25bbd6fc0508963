"""Migrations on a populated database: every step down and back up keeps every row of every
table that exists on both sides of the step (an empty-database round trip cannot show that)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from claims_app import migrate as migrations
from claims_app.db import make_engine
from tests.reliability.helpers import populate
from tests.support import drop_postgres_database, new_database_url


@pytest.fixture
def populated(database_kind: str, tmp_path: Path) -> Iterator[Engine]:
    url = new_database_url(database_kind, tmp_path)
    engine = make_engine(url)
    migrations.upgrade(engine, "head")
    populate(engine, tmp_path / "articles", articles=40)
    yield engine
    engine.dispose()
    if database_kind == "postgresql":
        drop_postgres_database(url)


def counts(engine: Engine) -> dict[str, int]:
    """Rows in every table the database has now (whatever revision it is at)."""
    with engine.connect() as conn:
        names = inspect(conn).get_table_names()
        return {n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one()
                for n in names if n != "alembic_version"}


def assert_kept(before: dict[str, int], after: dict[str, int], step: str) -> None:
    lost = {n: (before[n], after[n]) for n in before.keys() & after.keys()
            if before[n] != after[n]}
    assert not lost, f"{step} changed row counts (before, after): {lost}"


def test_every_migration_step_down_and_up_keeps_the_rows_of_a_populated_database(
    populated: Engine,
) -> None:
    engine = populated
    start = counts(engine)
    assert start["claims"] > 50 and start["reviews"] and start["claim_links"]
    assert start["claim_tags"] and start["audit_events"]

    steps = 0
    for script in ScriptDirectory.from_config(migrations.alembic_config()).walk_revisions():
        if script.down_revision is None:
            continue  # below the first revision there are no tables to keep
        down = script.down_revision
        assert isinstance(down, str), "branch merges need their own walk"
        migrations.downgrade(engine, script.revision)
        at_revision = counts(engine)
        migrations.downgrade(engine, down)
        below = counts(engine)
        assert_kept(at_revision, below, f"downgrade {script.revision} -> {down}")
        migrations.upgrade(engine, script.revision)
        # Tables the step creates come back empty by design; the rest must be untouched.
        assert_kept({n: at_revision[n] for n in below if n in at_revision}, counts(engine),
                    f"upgrade {down} -> {script.revision}")
        assert migrations.current_revision(engine) == script.revision
        steps += 1

    migrations.upgrade(engine, "head")
    # Only derived tables (rebuilt from articles and claims) may come back emptier.
    rebuilt = {"passage_signatures", "search_documents", "search_fts", "search_fts_data",
               "search_fts_idx", "search_fts_content", "search_fts_docsize", "search_fts_config",
               # statement groups and fact-check matches: derived too (`claims-app reindex`)
               "statement_groups", "statement_group_members", "statement_group_keys",
               "fact_check_matches", "fact_check_terms"}
    assert_kept({n: c for n, c in start.items() if n not in rebuilt}, counts(engine),
                "the walk back to head")
    assert set(counts(engine)) == set(start)
    assert steps >= 1
