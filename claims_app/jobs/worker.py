"""The worker thread a serving process runs, so queued jobs need no second process."""

from __future__ import annotations

import logging
import threading

from flask import Flask

from claims_app.jobs.services import work_pending

#: Seconds between looks at the queue when it is empty.
POLL_SECONDS = 2.0

log = logging.getLogger(__name__)


def run_worker(app: Flask, stop: threading.Event, poll: float = POLL_SECONDS) -> None:
    """Work the queue until ``stop`` is set; an error in one pass is logged, not fatal."""
    while not stop.is_set():
        try:
            work_pending(app)
        except Exception:  # the database was away, say: keep the worker alive
            log.exception("job worker pass failed")
        stop.wait(poll)


def start(app: Flask) -> threading.Event:
    """Start the worker as a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(target=run_worker, args=(app, stop), daemon=True,
                     name="claims-job-worker").start()
    return stop
