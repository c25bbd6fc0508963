"""The dashboard at ``/``."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires, user_can
from claims_app.dashboard import services
from claims_app.desk.services import reviewer_loads
from claims_app.factchecks.services import verdict_conflicts
from claims_app.provenance.services import newest_misquotes
from claims_app.summaries import summaries
from claims_app.web.charts import Series, line_chart

bp = Blueprint("dashboard", __name__, template_folder="templates")


@requires(Permission.READ)
def index() -> Any:
    session = db.session()
    summary = summaries.get(session, "dashboard", services.figures,
                            app=current_app._get_current_object())  # type: ignore[attr-defined]
    figures = summary.value
    progress = figures.progress
    chart = line_chart(
        "Claims created and reviewed, cumulative per week",
        [f"{p.week:%-d %b}" for p in progress],
        [Series("created", "#1f77b4", [p.created for p in progress]),
         Series("reviewed", "#3c8d2f", [p.reviewed for p in progress])],
        uid="progress",
    )
    return render_template(
        "dashboard/index.html", summary=summary, totals=figures.totals, chart=chart,
        progress=progress, speakers=figures.quoted,
        recent=services.recently_changed(session), misquotes=newest_misquotes(session),
        loads=reviewer_loads(session),
        conflicts=verdict_conflicts(session) if user_can(Permission.REVIEW) else [],
    )
