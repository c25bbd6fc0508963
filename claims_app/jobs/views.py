"""The job page (progress that survives a reload) and the JSON status it polls."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires
from claims_app.jobs import services

bp = Blueprint("jobs", __name__, url_prefix="/jobs", template_folder="templates")


@bp.route("/<id:job_id>")
@requires(Permission.READ)
def detail(job_id: int) -> Any:
    job = services.get_job(db.session(), job_id)
    return render_template("jobs/detail.html", job=job, state=services.status(job))


@bp.route("/<id:job_id>.json")
@requires(Permission.READ)
def status(job_id: int) -> Any:
    response = jsonify(services.status(services.get_job(db.session(), job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response
