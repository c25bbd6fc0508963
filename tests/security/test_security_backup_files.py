"""``claims-app backup`` holds password hashes and token digests: the folder it makes is the
owner's alone (0700) and so is every file in it (0600), whatever the process's umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from claims_app.backup.services import backup


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_files_are_readable_by_their_owner_only(app, users, tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask, which made 0644 files before
    try:
        dest = tmp_path / "nightly"
        backup(app, dest)
    finally:
        os.umask(old)
    assert mode(dest) == 0o700
    files = list(dest.iterdir())
    assert {p.name for p in files} >= {"manifest.json", "tables.jsonl"}
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_an_existing_empty_folder_is_made_private_too(app, users, tmp_path: Path) -> None:
    dest = tmp_path / "given"
    dest.mkdir(mode=0o755)
    dest.chmod(0o755)
    backup(app, dest)
    assert mode(dest) == 0o700
