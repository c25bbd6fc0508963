"""``claims-app jobs``: run queued background jobs outside ``serve`` (registered by
``claims_app.jobs.init_app``)."""

from __future__ import annotations

import contextlib
import sys
import threading

import click
from flask import current_app
from flask.cli import with_appcontext

from claims_app.jobs.services import work_pending
from claims_app.jobs.worker import run_worker


def _fail(message: str) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


@click.group("jobs")
def jobs_group() -> None:
    """Background jobs (queued by the web app, e.g. re-running extraction on a long article)."""


@jobs_group.command("work")
@click.option("--once", is_flag=True, help="run the jobs queued now, then stop")
@click.option("--poll", default=2.0, show_default=True, type=float,
              help="seconds between looks at an empty queue")
@with_appcontext
def jobs_work(once: bool, poll: float) -> None:
    """Run queued jobs (``claims-app serve`` already does, in a thread): for deployments
    that serve the app some other way."""

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if once:
        click.echo(f"{work_pending(app)} jobs run")
        return
    click.echo("working the job queue (Ctrl+C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        run_worker(app, threading.Event(), poll)
