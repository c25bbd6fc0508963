"""Crashes: an import killed with SIGKILL at any point leaves a consistent database, and
running it again finishes the batch without duplicating anything.

The importer commits a batch of articles (with their claims and audit events) per
transaction, so a kill can only lose the batch in flight, never leave half of one behind.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from claims_app import migrate as migrations
from claims_app.articles.models import Article
from claims_app.db import make_engine
from tests.reliability.helpers import consistency_problems, write_generated_articles
from tests.support import drop_postgres_database, new_database_url

FILES = 300
KILLS = 3


@pytest.fixture
def fresh_engine(database_kind: str, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """A database of its own: the importer runs in another process and really commits."""
    url = new_database_url(database_kind, tmp_path)
    engine = make_engine(url)
    migrations.upgrade(engine, "head")
    yield url, engine
    engine.dispose()
    if database_kind == "postgresql":
        drop_postgres_database(url)


def import_process(url: str, instance: Path, folder: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CLAIMS_DATABASE_URL": url, "CLAIMS_INSTANCE_PATH": str(instance)}
    script = Path(sys.executable).with_name("claims-app")
    command = [str(script)] if script.exists() else [
        sys.executable, "-c", "from claims_app.__main__ import main; main()"]
    return subprocess.Popen([*command, "import", "--quiet", str(folder)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def article_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(Article)) or 0


def test_import_killed_at_random_points_stays_consistent_and_resumes_without_duplicates(
    fresh_engine: tuple[str, Engine], tmp_path: Path
) -> None:
    url, engine = fresh_engine
    folder = tmp_path / "batch"
    write_generated_articles(folder, FILES)
    instance = tmp_path / "instance"
    rng = random.Random(20240601)

    killed_counts: list[int] = []
    for _ in range(KILLS):
        before = killed_counts[-1] if killed_counts else 0
        proc = import_process(url, instance, folder)
        # Start-up time varies with the machine's load, so wait for the first new commit,
        # then kill at a random moment in the middle of the articles that follow.
        deadline = time.monotonic() + 60
        while article_count(engine) == before and proc.poll() is None:
            assert time.monotonic() < deadline, "the import never started"
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGKILL)
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, (
            f"the import ended by itself ({proc.returncode}) before it was killed: "
            f"{err.decode()[-2000:]}")
        assert consistency_problems(engine) == []
        killed_counts.append(article_count(engine))

    assert killed_counts == sorted(set(killed_counts)), "every run added articles, none lost"
    assert killed_counts[-1] < FILES, "the kills must land before the batch finished"

    final = import_process(url, instance, folder)
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode() + out.decode()[-3000:]
    assert f"imported: {FILES - killed_counts[-1]}, already present: {killed_counts[-1]}" \
        in out.decode()
    assert article_count(engine) == FILES
    assert consistency_problems(engine) == []


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads child processes from /proc")
def test_killing_an_import_with_workers_leaves_no_worker_behind(
    fresh_engine: tuple[str, Engine], tmp_path: Path
) -> None:
    url, engine = fresh_engine
    archive = tmp_path / "archive.jsonl"
    archive.write_text("".join(json.dumps({
        "title": f"Report {i}", "body": f'Minister Anar Valiyev said "the road {i} opens '
                                        f'soon" on Monday. Officials said the bridge {i} '
                                        f'reopened.'}) + "\n"
        for i in range(3000)), encoding="utf-8")
    env = {**os.environ, "CLAIMS_DATABASE_URL": url,
           "CLAIMS_INSTANCE_PATH": str(tmp_path / "instance")}
    script = Path(sys.executable).with_name("claims-app")
    command = [str(script)] if script.exists() else [
        sys.executable, "-c", "from claims_app.__main__ import main; main()"]
    proc = subprocess.Popen([*command, "import", "--quiet", "--workers", "1", str(archive)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while article_count(engine) == 0 and proc.poll() is None:
        assert time.monotonic() < deadline, "the import never started"
        time.sleep(0.05)
    children = _children(proc.pid)
    assert children, "the import started no worker process"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{pid}").exists() and _alive(pid) for pid in children):
        assert time.monotonic() < deadline, "a worker outlived the killed import"
        time.sleep(0.1)
    assert consistency_problems(engine) == []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
