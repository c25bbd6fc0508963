"""Migration 0009 (one live speaker per name key) on a database that already holds
duplicates: it refuses, names every group, and changes nothing; once they are merged it
upgrades (issue 15, item 4)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from claims_app import migrate as migrations
from claims_app.db import make_engine
from tests.support import drop_postgres_database, new_database_url

SPEAKER = ("INSERT INTO speakers (id, name, name_key, surname_key, kind, version, created_at, "
           "updated_at, merged_into_id) VALUES (:id, :name, :key, :surname, 'person', 1, "
           "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, :merged)")


@pytest.fixture
def at_0007(database_kind: str, tmp_path: Path) -> Iterator[Engine]:
    url = new_database_url(database_kind, tmp_path)
    engine = make_engine(url)
    migrations.upgrade(engine, "0007")
    with engine.begin() as conn:
        for id_, name, merged in [(1, "Anar Valiyev", None), (2, "ANAR VALIYEV", None),
                                  (3, "Leyla Abdullayeva", None), (4, "leyla abdullayeva", 3),
                                  (5, "Hikmet Hajiyev", None), (6, "Hikmet  Hajiyev", None),
                                  (7, "Hikmet Hajiyev", None)]:
            key = " ".join(name.casefold().split())
            conn.execute(text(SPEAKER), {"id": id_, "name": name, "key": key,
                                         "surname": key.split()[-1], "merged": merged})
    yield engine
    engine.dispose()
    if database_kind == "postgresql":
        drop_postgres_database(url)


def test_upgrade_refuses_live_duplicates_naming_each_group_and_changes_nothing(
    at_0007: Engine,
) -> None:
    with pytest.raises(RuntimeError) as refused:
        migrations.upgrade(at_0007, "head")
    message = str(refused.value)
    assert "2 names are held by more than one live speaker" in message
    assert "'anar valiyev': speakers 1, 2" in message
    assert "'hikmet hajiyev': speakers 5, 6, 7" in message
    assert "leyla" not in message  # a merged speaker may share its target's name
    assert "Nothing was changed" in message
    assert migrations.current_revision(at_0007) == "0007"


def test_upgrade_succeeds_once_the_duplicates_are_merged(at_0007: Engine) -> None:
    with at_0007.begin() as conn:
        conn.execute(text("UPDATE speakers SET merged_into_id = 1 WHERE id = 2"))
        conn.execute(text("UPDATE speakers SET merged_into_id = 5 WHERE id IN (6, 7)"))
    migrations.upgrade(at_0007, "head")
    assert migrations.current_revision(at_0007) == migrations.head_revision()
