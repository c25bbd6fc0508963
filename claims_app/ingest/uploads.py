"""Uploaded files imported by the same importer as the CLI, in a request or as a job.

Uploads are written under their sanitised original names into a folder of their own, so the
importer's messages (which name files) read as the CLI's do once the folder is replaced by
the names the person gave, and nothing the client names can escape that folder. A large
upload (more than ``IMPORT_IN_REQUEST_BYTES``) is kept in the instance folder,
``imports/job-<id>/``, until the background job that imports it is done: a request would
time out on it, and the job page shows its progress (files and articles done of the total)
and then the CLI's summary.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from claims_app.ingest.importer import FAILED, ImportOutcome, ImportSummary, import_paths

#: The file in a job's upload folder that maps saved names to the names the person gave.
NAMES_FILE = "names.json"
#: Progress is written at most this often (seconds): each write is a short transaction.
PROGRESS_EVERY = 0.5


def save_uploads(files: list[FileStorage], folder: Path) -> dict[Path, str]:
    """Write each upload into ``folder``; returns saved path -> the name the user gave.

    Names are sanitised with ``secure_filename``; a name that sanitises to nothing, repeats
    an earlier one or is the names file gets a numbered prefix so no upload overwrites
    another.
    """
    saved: dict[Path, str] = {}
    for number, upload in enumerate(files, start=1):
        original = upload.filename or f"upload-{number}"
        name = secure_filename(original) or f"upload-{number}"
        target = folder / name
        if target.exists() or name == NAMES_FILE:
            target = folder / f"{number}-{name}"
        upload.save(target)
        saved[target] = original
    return saved


def displayed(outcome: ImportOutcome, names: dict[Path, str]) -> ImportOutcome:
    """The outcome with the saved path replaced by the uploaded file's own name."""
    for path, original in names.items():
        prefix = str(path)
        if outcome.source == prefix or outcome.source.startswith(prefix + ":"):
            source = original + outcome.source[len(prefix):]
            message = outcome.message.replace(prefix, original)
            return replace(outcome, source=source, message=message)
    return outcome


def upload_size(files: list[FileStorage]) -> int:
    """The uploads' total size in bytes (each stream measured, then rewound)."""
    total = 0
    for upload in files:
        stream = upload.stream
        stream.seek(0, 2)
        total += stream.tell()
        stream.seek(0)
    return total


def import_uploads(factory: sessionmaker[Session], names: dict[Path, str], *,
                   actor_id: int | None, max_bytes: int,
                   progress: Callable[[int, int, int], None] | None = None) -> ImportSummary:
    """Import saved uploads (``names`` as :func:`save_uploads` returns it); the summary
    names the files as the person gave them. ``progress(files_done, files, articles)`` is
    called as outcomes arrive, at most every :data:`PROGRESS_EVERY` seconds, and at the end."""
    files = list(names)
    seen: list[str] = []
    articles = 0
    last = 0.0

    def on_outcome(outcome: ImportOutcome) -> None:
        nonlocal articles, last
        source = outcome.source
        file = next((str(f) for f in files if source == str(f)
                     or source.startswith(f"{f}:")), source)
        if file not in seen:
            seen.append(file)
        if outcome.status != FAILED or ":" in source[len(file):]:
            articles += 1
        now = time.monotonic()
        if progress is not None and now - last >= PROGRESS_EVERY:
            last = now
            progress(len(seen) - 1, len(files), articles)  # the current file is not done

    raw = import_paths(factory, files, actor_id=actor_id, max_bytes=max_bytes,
                       on_outcome=on_outcome)
    if progress is not None:
        progress(len(files), len(files), articles)
    return ImportSummary([displayed(o, names) for o in raw.outcomes], raw.seconds)


def job_folder(instance_path: str | Path, job_id: int) -> Path:
    """Where a background import's uploads wait: ``<instance>/imports/job-<id>``."""
    return Path(instance_path) / "imports" / f"job-{job_id}"


def keep_for_job(files: list[FileStorage], folder: Path) -> int:
    """Save the uploads into a job's folder with the names the person gave; the number of
    files."""
    folder.mkdir(parents=True, exist_ok=True)
    names = save_uploads(files, folder)
    (folder / NAMES_FILE).write_text(
        json.dumps({path.name: original for path, original in names.items()}),
        encoding="utf-8")
    return len(names)


def import_job_folder(factory: sessionmaker[Session], folder: Path, *, actor_id: int | None,
                      max_bytes: int,
                      progress: Callable[[int, int, int], None] | None = None) -> ImportSummary:
    """Import the uploads a job's folder holds, then remove the folder (whatever happened:
    a failed job is not retried with the same files)."""
    try:
        saved = json.loads((folder / NAMES_FILE).read_text(encoding="utf-8"))
        names = {folder / name: original for name, original in saved.items()}
        return import_uploads(factory, names, actor_id=actor_id, max_bytes=max_bytes,
                              progress=progress)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def summary_text(summary: ImportSummary) -> str:
    """The CLI's summary (counts, then each failure with its file and line), one per line."""
    return "\n".join(summary.lines())
