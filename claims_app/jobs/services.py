"""Background jobs with the database as the queue.

Re-running extraction on a 999,000-character article took 33 s inside one request. Work
like that is queued as a :class:`Job` row instead; a worker claims it (a guarded UPDATE from
``queued`` to ``running``: exactly one worker wins, on SQLite and PostgreSQL alike), runs
the same service the request would have run, and records the outcome. Workers are a thread
of the serving process (``claims-app serve`` starts one, so ``make run`` needs nothing
else) and ``claims-app jobs work`` for deployments that serve some other way. The job page
reads the row, so its progress survives a reload, a restart and a second browser.

A job still ``running`` after ``STALE_AFTER`` (its worker died with the process) is queued
again when a worker next looks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask, current_app
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from claims_app import db
from claims_app.accounts.models import User
from claims_app.articles.models import Article
from claims_app.articles.services import get_article
from claims_app.errors import NotFound
from claims_app.ingest.rerun import rerun_extraction
from claims_app.ingest.uploads import import_job_folder, job_folder, summary_text
from claims_app.jobs.models import Job, JobStatus

RERUN_EXTRACTION = "rerun_extraction"
IMPORT_UPLOAD = "import_upload"
STALE_AFTER = dt.timedelta(hours=1)
#: What each kind of job is called on its page.
TITLES = {RERUN_EXTRACTION: "Re-running extraction", IMPORT_UPLOAD: "Importing articles"}


def enqueue_rerun(session: Session, actor: User | None, article: Article) -> Job:
    """Queue re-running extraction on ``article``. Flushes, never commits."""
    job = Job(kind=RERUN_EXTRACTION, article_id=article.id, total=1,
              created_by_id=actor.id if actor else None)
    session.add(job)
    session.flush()
    return job


def enqueue_import(session: Session, actor: User | None, files: int) -> Job:
    """Queue importing an upload of ``files`` files (kept in the job's folder by the caller:
    ``ingest.uploads.keep_for_job``, once the job has its id). Flushes, never commits."""
    job = Job(kind=IMPORT_UPLOAD, total=max(1, files), done=0,
              created_by_id=actor.id if actor else None)
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id) if 0 < job_id < 2**31 else None
    if job is None:
        raise NotFound(f"There is no job {job_id}.")
    return job


def status(job: Job) -> dict[str, Any]:
    """What the job page shows and polls for."""
    return {"id": job.id, "kind": job.kind, "title": TITLES.get(job.kind, "Job"),
            "status": job.status.value, "done": job.done,
            "total": job.total, "summary": job.summary, "error": job.error,
            "article_id": job.article_id,
            "finished": job.status in (JobStatus.DONE, JobStatus.FAILED)}


def _claim(session: Session) -> int | None:
    """Take the oldest queued job (requeueing stale ones first); its id, or None."""
    now = db.utcnow()
    session.execute(update(Job).where(Job.status == JobStatus.RUNNING,
                                      Job.started_at < now - STALE_AFTER)
                    .values(status=JobStatus.QUEUED, started_at=None))
    session.commit()
    for job_id in session.scalars(select(Job.id).where(Job.status == JobStatus.QUEUED)
                                  .order_by(Job.id).limit(5)):
        taken = session.execute(
            update(Job).where(Job.id == job_id, Job.status == JobStatus.QUEUED)
            .values(status=JobStatus.RUNNING, started_at=now))
        session.commit()
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            return job_id
    return None


def _run(session: Session, job: Job) -> str:
    """Do the job's work in ``session`` (committed by the caller); its summary line."""
    if job.kind == IMPORT_UPLOAD:
        job_id, actor_id = job.id, job.created_by_id
        # The importer writes each article in a transaction of its own: this session must
        # not hold the write lock meanwhile (SQLite has one; BEGIN IMMEDIATE would wait).
        session.commit()
        return _run_import(job_id, actor_id)
    if job.kind != RERUN_EXTRACTION:
        raise ValueError(f"unknown job kind {job.kind!r}")
    if job.article_id is None:
        raise NotFound("The article was deleted before the job ran.")
    actor = session.get(User, job.created_by_id) if job.created_by_id else None
    done = rerun_extraction(session, actor, get_article(session, job.article_id))
    return f"Extraction re-run: {done.describe()}."


def _run_import(job_id: int, actor_id: int | None) -> str:
    """Import the job's uploaded files (each article in its own transaction, as the CLI
    does), writing the progress (files done of total, articles so far) to the job's row as
    it goes; the summary is the CLI's: counts, then each failure with its file and line."""
    factory = db.get_db().write_sessionmaker

    def progress(files_done: int, files: int, articles: int) -> None:
        with factory() as s:
            s.execute(update(Job).where(Job.id == job_id).values(
                done=files_done, total=max(1, files),
                summary=f"{files_done} of {files} files done; {articles} articles so far."))
            s.commit()

    summary = import_job_folder(
        factory, job_folder(current_app.instance_path, job_id), actor_id=actor_id,
        max_bytes=current_app.config["MAX_IMPORT_FILE_BYTES"], progress=progress)
    return summary_text(summary)


def work_one(app: Flask) -> int | None:
    """Claim and run one queued job; its id, or None when nothing was queued."""
    database = db.get_db(app)
    with app.app_context():
        with database.write_sessionmaker() as session:
            job_id = _claim(session)
        if job_id is None:
            return None
        with database.write_sessionmaker() as session:
            job = session.get(Job, job_id)
            assert job is not None
            try:
                summary = _run(session, job)
                session.flush()
            except Exception as exc:  # any failure is the job's outcome, shown on its page
                session.rollback()
                message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
                _finish(session, job_id, JobStatus.FAILED, error=message)
                return job_id
            session.commit()
            _finish(session, job_id, JobStatus.DONE, summary=summary)
    return job_id


def _finish(session: Session, job_id: int, outcome: JobStatus, *, summary: str | None = None,
            error: str | None = None) -> None:
    session.execute(update(Job).where(Job.id == job_id).values(
        status=outcome, done=Job.total, summary=summary, error=error,
        finished_at=db.utcnow()))
    session.commit()


def work_pending(app: Flask, limit: int | None = None) -> int:
    """Run queued jobs until none is left (or ``limit`` ran); how many ran."""
    ran = 0
    while limit is None or ran < limit:
        if work_one(app) is None:
            break
        ran += 1
    return ran


def pending(session: Session) -> int:
    return session.scalar(select(Job.id).where(or_(
        Job.status == JobStatus.QUEUED, Job.status == JobStatus.RUNNING)).limit(1)) or 0
