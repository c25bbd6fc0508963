"""Upload one or many files and import them with the same importer (and summary) as the CLI:
in the request when small, as a background job with a progress page when larger than
``IMPORT_IN_REQUEST_BYTES`` (see ``ingest/uploads.py``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf.file import MultipleFileField
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import SubmitField
from wtforms.validators import InputRequired

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires
from claims_app.ingest.importer import ImportSummary
from claims_app.ingest.uploads import (
    import_uploads,
    job_folder,
    keep_for_job,
    save_uploads,
    upload_size,
)
from claims_app.inputs import Form
from claims_app.jobs.services import enqueue_import

bp = Blueprint("imports", __name__, template_folder="templates")


class ImportForm(Form):
    files = MultipleFileField(
        "Article files", validators=[InputRequired("Choose at least one file.")],
        description="Seed text (.txt), JSON Lines (.jsonl), CSV or HTML; one or many. "
                    "Published fact-checks (schema.org ClaimReview) as saved pages (.html), "
                    "JSON or JSON Lines are recognised by their content.")
    submit = SubmitField("Import")


def _limit_mb() -> str:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return f"{limit / (1024 * 1024):.0f} MB" if limit >= 1024 * 1024 else f"{limit} bytes"


@bp.route("/import", methods=["GET", "POST"])
@requires(Permission.EDIT_ARTICLES)
def upload() -> Any:
    form = ImportForm()
    summary: ImportSummary | None = None
    status = 200
    if form.validate_on_submit():
        files = [f for f in form.files.data or [] if isinstance(f, FileStorage) and f.filename]
        if not files:
            form.files.errors = ["Choose at least one file."]
            status = 400
        else:
            if upload_size(files) > current_app.config["IMPORT_IN_REQUEST_BYTES"]:
                return _in_background(files)
            actor_id = current_user.id
            # The importer commits each article in its own session; this request's session
            # would only hold a transaction (and a connection) open meanwhile.
            db.session().close()
            with tempfile.TemporaryDirectory(prefix="claims-import-") as tmp:
                summary = import_uploads(
                    db.get_db().write_sessionmaker, save_uploads(files, Path(tmp)),
                    actor_id=actor_id, max_bytes=current_app.config["MAX_IMPORT_FILE_BYTES"])
    elif form.is_submitted():
        status = 400
    return render_template("imports/upload.html", form=form, summary=summary,
                           limit=_limit_mb()), status


def _in_background(files: list[FileStorage]) -> Any:
    """Queue the upload as a job, keep its files in the job's folder, follow it on its page."""
    job = enqueue_import(db.session(), current_user, len(files))
    keep_for_job(files, job_folder(current_app.instance_path, job.id))
    db.commit()
    flash(f"The upload is large ({len(files)} file{'' if len(files) == 1 else 's'}): it is "
          "imported in the background; this page follows it.", "success")
    return redirect(url_for("jobs.detail", job_id=job.id), 303)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error: RequestEntityTooLarge) -> Any:
    """Over MAX_CONTENT_LENGTH: say what the limit is and what to do, on the same page."""
    message = (f"The upload is larger than the {_limit_mb()} this server accepts at once. "
               "Import fewer or smaller files at a time.")
    return render_template("imports/upload.html", form=ImportForm(formdata=None), summary=None,
                           limit=_limit_mb(), too_large=message), 413
