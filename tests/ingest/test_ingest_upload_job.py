"""A web import larger than IMPORT_IN_REQUEST_BYTES runs as a background job: the upload is
kept in the instance folder, a worker imports it reporting files done of the total, and the
job's page ends with the CLI's summary (imported, already present, each failure with its
file and line). Small uploads still import in the request."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from claims_app.articles.models import Article
from claims_app.jobs import services as jobs
from claims_app.jobs.models import Job, JobStatus

SEED = Path(__file__).resolve().parents[2] / "seeds"
GOOD = ('{"title": "Talks", "body": "Minister Elmar Mammadyarov said \\"the talks were '
        'useful\\" on Monday."}\n'
        '{"title": "Calm", "body": "The ministry said the border was calm on Tuesday."}\n')
BROKEN = '{"title": "Fine", "body": "A first line that reads well enough."}\nnot json at all\n'



@pytest.fixture
def small_threshold(app: Flask, tmp_path: Path) -> Iterator[Path]:
    """Every upload over 100 bytes goes to the background; the instance folder is a
    temporary one."""
    before = app.config["IMPORT_IN_REQUEST_BYTES"], app.instance_path
    app.config["IMPORT_IN_REQUEST_BYTES"] = 100
    app.instance_path = str(tmp_path)
    yield tmp_path
    app.config["IMPORT_IN_REQUEST_BYTES"], app.instance_path = before


def _upload(client: Any, *files: tuple[str, bytes]) -> Any:
    data = {"files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post("/import", data=data, content_type="multipart/form-data")


def _articles(session: Any) -> int:
    session.expire_all()
    return session.scalar(select(func.count(Article.id))) or 0


def test_a_large_upload_is_imported_by_a_job_with_the_cli_summary(
        app: Flask, client: Any, auth: Any, session: Any, users: Any,
        small_threshold: Path) -> None:
    auth.login("editor")
    seed = sorted(SEED.glob("*.txt"))[0]
    response = _upload(client, ("archive.jsonl", GOOD.encode()),
                       (seed.name, seed.read_bytes()), ("again.txt", seed.read_bytes()),
                       ("broken.jsonl", BROKEN.encode()))
    assert response.status_code == 303 and "/jobs/" in response.headers["Location"]
    job_url = response.headers["Location"]
    assert _articles(session) == 0  # nothing imported in the request
    kept = list((small_threshold / "imports").iterdir())
    assert len(kept) == 1 and len(list(kept[0].iterdir())) == 5  # four files and the names
    queued = client.get(job_url + ".json").get_json()
    assert (queued["status"], queued["done"], queued["total"]) == ("queued", 0, 4)
    assert "Importing articles" in client.get(job_url).get_data(as_text=True)

    assert jobs.work_pending(app) == 1

    done = client.get(job_url + ".json").get_json()
    assert (done["status"], done["done"], done["total"], done["finished"]) == (
        "done", 4, 4, True)
    lines = done["summary"].splitlines()
    assert lines[0] == "imported: 3, already present: 1, failed: 1"
    assert lines[1].startswith("  failed: broken.jsonl: line 2: ") and len(lines) == 2
    assert str(small_threshold) not in done["summary"]
    assert _articles(session) == 3
    assert not kept[0].exists()  # the upload is removed once imported
    page = client.get(job_url).get_data(as_text=True)
    assert "imported: 3, already present: 1, failed: 1" in page


def test_a_small_upload_still_imports_in_the_request(
        app: Flask, client: Any, auth: Any, session: Any, users: Any) -> None:
    auth.login("editor")
    response = _upload(client, ("two.jsonl", GOOD.encode()), ("broken.jsonl", BROKEN.encode()))
    assert response.status_code == 200
    assert "imported: 2, already present: 0, failed: 1" in response.get_data(as_text=True)
    assert session.scalar(select(func.count(Job.id))) == 0


def test_progress_is_written_to_the_job_as_files_are_done(
        app: Flask, client: Any, auth: Any, session: Any, users: Any,
        small_threshold: Path, monkeypatch: Any) -> None:
    seen: list[tuple[int, int, int]] = []
    real = jobs.import_job_folder

    def watching(*args: Any, **kwargs: Any) -> Any:
        report = kwargs["progress"]

        def spy(done: int, total: int, articles: int) -> None:
            seen.append((done, total, articles))
            report(done, total, articles)

        kwargs["progress"] = spy
        return real(*args, **kwargs)

    monkeypatch.setattr(jobs, "import_job_folder", watching)
    monkeypatch.setattr("claims_app.ingest.uploads.PROGRESS_EVERY", 0.0)
    auth.login("editor")
    files = sorted(SEED.glob("*.txt"))[:3]
    _upload(client, *((f.name, f.read_bytes()) for f in files))
    jobs.work_pending(app)
    assert [s[:2] for s in seen] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert [s[2] for s in seen] == sorted(s[2] for s in seen) and seen[-1][2] == 3
    session.expire_all()
    job = session.scalar(select(Job))
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 3, 3)
