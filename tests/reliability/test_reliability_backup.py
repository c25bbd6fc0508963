"""Backup and restore: a backup taken while the app is writing restores, row for row, into
an empty database; a non-empty one is refused unless asked to be replaced."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import Engine, select

from claims_app import create_app
from claims_app import migrate as migrations
from claims_app.backup.commands import backup_group as backup_command
from claims_app.backup.commands import restore_command
from claims_app.backup.services import DERIVED_COLUMNS, BackupError, backup, restore, tables
from claims_app.db import get_db
from claims_app.ingest.importer import import_paths
from tests.reliability.helpers import (
    consistency_problems,
    populate,
    table_counts,
    write_generated_articles,
)
from tests.support import drop_postgres_database, new_database_url


@pytest.fixture
def make_app(database_kind: str, tmp_path: Path) -> Iterator:
    """Apps on fresh, migrated databases of the engine under test (dropped afterwards)."""
    made: list[tuple[Flask, str]] = []

    def make() -> Flask:
        url = new_database_url(database_kind, tmp_path)
        app = create_app({"TESTING": True, "DATABASE_URL": url,
                          "SECRET_KEY": "backup-test-" + "k" * 32})
        migrations.upgrade(get_db(app).engine, "head")
        made.append((app, url))
        return app

    yield make
    for app, url in made:
        get_db(app).engine.dispose()
        if database_kind == "postgresql":
            drop_postgres_database(url)


def all_rows(engine: Engine) -> dict[str, list[tuple]]:
    out = {}
    with engine.connect() as conn:
        for table in tables():
            cols = [c for c in table.columns if (table.name, c.name) not in DERIVED_COLUMNS]
            out[table.name] = [tuple(r) for r in conn.execute(
                select(*cols).order_by(*table.primary_key.columns))]
    return out


def test_backup_restores_every_row_of_every_table_into_an_empty_database(
    make_app, tmp_path: Path
) -> None:
    """Row for row, ids included; the restored database then takes new records, and
    restoring over it again is refused until forced."""
    source, target = make_app(), make_app()
    populate(get_db(source).engine, tmp_path / "articles")
    result = backup(source, tmp_path / "backup")
    summary = restore(target, tmp_path / "backup")

    expected, restored = all_rows(get_db(source).engine), all_rows(get_db(target).engine)
    for name in expected:
        assert restored[name] == expected[name], f"table {name} differs"
    assert summary.rows == {k: v for k, v in result.rows.items() if v}
    assert sum(result.rows.values()) > 300 and result.rows["audit_events"] > 50
    assert "export.json" in result.files

    write_generated_articles(tmp_path / "more", 3, seed=99)
    assert import_paths(get_db(target).sessionmaker, [tmp_path / "more"]).imported == 3
    before = table_counts(get_db(target).engine)
    with pytest.raises(BackupError, match=r"the database is not empty \(.*articles"):
        restore(target, tmp_path / "backup")
    assert table_counts(get_db(target).engine) == before
    restore(target, tmp_path / "backup", force=True)
    assert all_rows(get_db(target).engine) == expected


def test_backup_taken_while_an_import_writes_is_consistent(make_app, tmp_path: Path) -> None:
    """Online: a snapshot taken mid-import holds whole articles only."""
    source, target = make_app(), make_app()
    write_generated_articles(tmp_path / "batch", 60)
    worker = threading.Thread(target=import_paths, args=(
        get_db(source).sessionmaker, [tmp_path / "batch"]))
    worker.start()
    try:
        while table_counts(get_db(source).engine)["articles"] < 5:
            time.sleep(0.01)
        backup(source, tmp_path / "backup")
    finally:
        worker.join()
    restore(target, tmp_path / "backup")
    assert consistency_problems(get_db(target).engine) == []
    assert 5 <= table_counts(get_db(target).engine)["articles"] <= 60


def test_cli_backup_and_restore_backup_round_trip_and_refuse_without_force(
    make_app, tmp_path: Path
) -> None:
    source, target = make_app(), make_app()
    populate(get_db(source).engine, tmp_path / "a", articles=2)
    dest = tmp_path / "cli-backup"
    result = source.test_cli_runner().invoke(backup_command, ["create", str(dest)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("backed up ")
    # ``backup DEST``, the form scripts use, is ``backup create DEST``.
    refused = source.test_cli_runner().invoke(backup_command, [str(dest)])
    assert refused.exit_code == 1 and "already exists and is not an empty folder" in \
        refused.output

    runner = target.test_cli_runner()
    first = runner.invoke(restore_command, [str(dest)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(restore_command, [str(dest)])
    assert again.exit_code == 1
    assert "the database is not empty" in again.output and "--force" in again.output
    forced = runner.invoke(restore_command, [str(dest), "--force"])
    assert forced.exit_code == 0 and forced.output.startswith("replaced the database with")
    assert all_rows(get_db(target).engine) == all_rows(get_db(source).engine)


def test_backup_restore_by_its_name_and_by_the_old_restore_backup(
    make_app, tmp_path: Path
) -> None:
    source, target = make_app(), make_app()
    populate(get_db(source).engine, tmp_path / "a", articles=2)
    dest = tmp_path / "cli-backup"
    made = source.test_cli_runner().invoke(args=["backup", str(dest)])
    assert made.exit_code == 0 and made.output.startswith("backed up "), made.output

    runner = target.test_cli_runner()
    first = runner.invoke(args=["backup", "restore", str(dest)])
    assert first.exit_code == 0 and "note:" not in first.output, first.output
    assert all_rows(get_db(target).engine) == all_rows(get_db(source).engine)
    old = runner.invoke(args=["restore-backup", str(dest), "--force"])
    assert old.exit_code == 0, old.output
    assert old.stderr.splitlines() == [
        "note: `claims-app restore-backup` is now `claims-app backup restore`; the old name "
        "will go."]
    assert old.stdout.startswith("replaced the database with")
    assert all_rows(get_db(target).engine) == all_rows(get_db(source).engine)


def test_a_truncated_or_missing_backup_restores_nothing(make_app, tmp_path: Path) -> None:
    source, target = make_app(), make_app()
    populate(get_db(source).engine, tmp_path / "a", articles=3)
    with pytest.raises(BackupError, match="is not a backup"):
        restore(target, tmp_path)
    backup(source, tmp_path / "backup")
    rows = tmp_path / "backup" / "tables.jsonl"
    lines = rows.read_text(encoding="utf-8").splitlines(keepends=True)
    rows.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    with pytest.raises(BackupError, match="is incomplete"):
        restore(target, tmp_path / "backup")
    assert sum(table_counts(get_db(target).engine).values()) == 0
