"""Long re-extraction runs as a background job, not in the request (issue 15, item 8).

"Re-run extraction" on a 999,000-character article took 33 s inside one request. Past
``RERUN_IN_REQUEST_CHARS`` the button now queues a job in the database and sends the person
to its page; a worker (the serving process's thread, or ``claims-app jobs work``) runs the
same service, and the page's JSON status says how it went, across reloads.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select

from claims_app import db
from claims_app.claims.models import Claim
from claims_app.jobs import services as jobs
from claims_app.jobs.models import Job, JobStatus
from claims_app.jobs.worker import run_worker
from tests.worlds.builders import make_article

BODY = ('Foreign Minister Elmar Mammadyarov said "the talks were useful" on Monday. '
        '"We will meet again soon," the envoy Rizwan Sheikh told journalists.')


@pytest.fixture
def long_is_short(app: Flask) -> Iterator[None]:
    """Every article counts as long: the button queues a job."""
    before = app.config["RERUN_IN_REQUEST_CHARS"]
    app.config["RERUN_IN_REQUEST_CHARS"] = 10
    yield
    app.config["RERUN_IN_REQUEST_CHARS"] = before

SUMMARY = ("Extraction re-run: 2 added, 0 changed, 0 removed, 0 unchanged; 0 left as "
           "reviewers made them.")


def _claims(session, article_id: int) -> int:
    session.expire_all()
    return session.scalar(select(func.count(Claim.id)).where(Claim.article_id == article_id))


def test_a_long_articles_rerun_is_queued_and_a_worker_finishes_it(
        app, client, auth, session, users, long_is_short) -> None:
    article = make_article(session, BODY, published=dt.date(2020, 1, 1), title=None)
    session.commit()
    auth.login("reviewer")
    response = client.post(f"/articles/{article.id}/extract")
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    job_url = response.headers["Location"]
    assert _claims(session, article.id) == 0  # nothing ran in the request
    queued = client.get(job_url + ".json").get_json()
    assert (queued["status"], queued["finished"], queued["done"]) == ("queued", False, 0)
    page = client.get(job_url).get_data(as_text=True)
    assert 'id="job-progress"' in page and "Waiting for a worker" in page

    assert jobs.work_pending(app) == 1

    done = client.get(job_url + ".json").get_json()
    assert (done["status"], done["finished"], done["done"], done["total"]) == (
        "done", True, 1, 1)
    assert done["summary"] == SUMMARY
    assert _claims(session, article.id) == 2
    assert SUMMARY in client.get(job_url).get_data(as_text=True)
    assert jobs.work_pending(app) == 0  # nothing runs twice


def test_a_job_whose_article_is_gone_fails_with_the_reason(
        app, client, auth, session, users, long_is_short) -> None:
    article = make_article(session, BODY, title=None, published=None)
    session.commit()
    auth.login("reviewer")
    job_url = client.post(f"/articles/{article.id}/extract").headers["Location"]
    session.delete(session.get(type(article), article.id))
    session.commit()
    jobs.work_pending(app)
    failed = client.get(job_url + ".json").get_json()
    assert failed["status"] == "failed" and failed["finished"]
    assert failed["error"] == "The article was deleted before the job ran."


def test_only_one_worker_takes_a_job(app, session, users) -> None:
    article = make_article(session, BODY, title=None, published=None)
    jobs.enqueue_rerun(session, None, article)
    session.commit()
    with app.app_context():
        first = db.get_db(app).write_sessionmaker()
        second = db.get_db(app).write_sessionmaker()
        try:
            assert jobs._claim(first) is not None
            assert jobs._claim(second) is None
        finally:
            first.close()
            second.close()


def test_a_job_left_running_by_a_dead_worker_is_queued_again(app, session, users) -> None:
    article = make_article(session, BODY, title=None, published=None)
    job = jobs.enqueue_rerun(session, None, article)
    job.status = JobStatus.RUNNING
    job.started_at = db.utcnow() - jobs.STALE_AFTER - dt.timedelta(minutes=1)
    session.commit()
    assert jobs.work_pending(app) == 1
    session.expire_all()
    assert session.get(Job, job.id).status == JobStatus.DONE


def test_the_jobs_work_command_runs_the_queue(runner, session, users) -> None:
    article = make_article(session, BODY, title=None, published=None)
    jobs.enqueue_rerun(session, None, article)
    session.commit()
    result = runner.invoke(args=["jobs", "work", "--once"])
    assert result.exit_code == 0 and "1 jobs run" in result.output
    assert _claims(session, article.id) == 2


def test_the_worker_loop_runs_queued_jobs_until_stopped(app, session, users) -> None:
    article = make_article(session, BODY, title=None, published=None)
    jobs.enqueue_rerun(session, None, article)
    session.commit()

    class StopAfterOnePass(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            self.set()
            return True

    run_worker(app, StopAfterOnePass(), poll=0)
    assert _claims(session, article.id) == 2


def test_an_unknown_job_is_404(client, auth) -> None:
    auth.login("viewer")
    assert client.get("/jobs/999999").status_code == 404
    assert client.get("/jobs/999999.json").status_code == 404
