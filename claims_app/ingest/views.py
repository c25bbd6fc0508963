"""Upload one or many files and import them with the same importer (and summary) as the CLI.

Uploads are written under their sanitised original names into a temporary folder, so the
importer's messages (which name files) read the same as for the CLI, and nothing the client
names can escape that folder.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, render_template
from flask_login import current_user
from flask_wtf.file import MultipleFileField
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import secure_filename
from wtforms import SubmitField
from wtforms.validators import InputRequired

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires
from claims_app.ingest.importer import ImportOutcome, ImportSummary, import_paths
from claims_app.inputs import Form

bp = Blueprint("imports", __name__, template_folder="templates")


class ImportForm(Form):
    files = MultipleFileField(
        "Article files", validators=[InputRequired("Choose at least one file.")],
        description="Seed text (.txt), JSON Lines (.jsonl), CSV or HTML; one or many. "
                    "Published fact-checks (schema.org ClaimReview) as saved pages (.html), "
                    "JSON or JSON Lines are recognised by their content.")
    submit = SubmitField("Import")


def save_uploads(files: list[FileStorage], folder: Path) -> dict[Path, str]:
    """Write each upload into ``folder``; returns saved path -> the name the user gave.

    Names are sanitised with ``secure_filename``; a name that sanitises to nothing or
    repeats an earlier one gets a numbered prefix so no upload overwrites another.
    """
    saved: dict[Path, str] = {}
    for number, upload in enumerate(files, start=1):
        original = upload.filename or f"upload-{number}"
        name = secure_filename(original) or f"upload-{number}"
        target = folder / name
        if target.exists():
            target = folder / f"{number}-{name}"
        upload.save(target)
        saved[target] = original
    return saved


def _displayed(outcome: ImportOutcome, names: dict[Path, str]) -> ImportOutcome:
    """The outcome with the temporary path replaced by the uploaded file's own name."""
    for path, original in names.items():
        prefix = str(path)
        if outcome.source == prefix or outcome.source.startswith(prefix + ":"):
            source = original + outcome.source[len(prefix):]
            message = outcome.message.replace(prefix, original)
            return replace(outcome, source=source, message=message)
    return outcome


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
            actor_id = current_user.id
            # The importer commits each article in its own session; this request's session
            # would only hold a transaction (and a connection) open meanwhile.
            db.session().close()
            with tempfile.TemporaryDirectory(prefix="claims-import-") as tmp:
                names = save_uploads(files, Path(tmp))
                raw = import_paths(
                    db.get_db().write_sessionmaker, list(names), actor_id=actor_id,
                    max_bytes=current_app.config["MAX_IMPORT_FILE_BYTES"],
                )
            summary = ImportSummary([_displayed(o, names) for o in raw.outcomes])
    elif form.is_submitted():
        status = 400
    return render_template("imports/upload.html", form=form, summary=summary,
                           limit=_limit_mb()), status


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error: RequestEntityTooLarge) -> Any:
    """Over MAX_CONTENT_LENGTH: say what the limit is and what to do, on the same page."""
    message = (f"The upload is larger than the {_limit_mb()} this server accepts at once. "
               "Import fewer or smaller files at a time.")
    return render_template("imports/upload.html", form=ImportForm(formdata=None), summary=None,
                           limit=_limit_mb(), too_large=message), 413
