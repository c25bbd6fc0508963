"""Speaker pages: the list, who a speaker is and what they said when, edit and merge.

Views parse the request, call one service, commit once and redirect; services decide.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from wtforms import SelectChoice

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import int_or_none, requires, user_can
from claims_app.crossref.identity import duplicate_suggestions
from claims_app.errors import Conflict, InvalidInput
from claims_app.inputs import page_number, submitted_version
from claims_app.positions.services import speaker_changes
from claims_app.speakers import listing as speaker_listing
from claims_app.speakers import merge as speaker_merge
from claims_app.speakers import services
from claims_app.speakers.forms import MergeChooseForm, MergeConfirmForm, SpeakerForm, attach_error
from claims_app.web.charts import timeline_chart_from_counts

bp = Blueprint("speakers", __name__, url_prefix="/speakers", template_folder="templates")


def _duplicate_suggestions(limit: int = 20) -> list[Any]:
    """Likely duplicates from crossref.identity."""
    return list(duplicate_suggestions(db.session()))[:limit]


@bp.route("/")
@requires(Permission.READ)
def index() -> Any:
    sort = request.args.get("sort", "name")
    query = request.args.get("q", "").strip()
    page = speaker_listing.list_speakers(
        db.session(), page=page_number(), sort=sort, query=query or None,
        app=current_app._get_current_object(),  # type: ignore[attr-defined]
    )
    suggestions = _duplicate_suggestions() if user_can(Permission.MERGE) else []
    return render_template("speakers/list.html", page=page, sort=sort, q=query,
                           sorts=speaker_listing.SPEAKER_SORTS, suggestions=suggestions)


@bp.route("/<id:speaker_id>")
@requires(Permission.READ)
def detail(speaker_id: int) -> Any:
    session = db.session()
    speaker = speaker_listing.get_speaker_profile(session, speaker_id)
    merged_into = (services.get_speaker(session, speaker.merged_into_id)
                   if speaker.merged_into_id else None)
    # The chart comes from per-month counts; the claims below it are listed a page at a time.
    counts = speaker_listing.timeline_counts(session, speaker.id)
    chart = timeline_chart_from_counts(f"What {speaker.name} said, per month", counts.months)
    page = speaker_listing.timeline_page(session, speaker.id, page=page_number(),
                                         total=counts.total)
    return render_template("speakers/detail.html", speaker=speaker, entries=page.items,
                           page=page, chart=chart, merged_into=merged_into,
                           positions=speaker_changes(session, speaker.id))


@bp.route("/<id:speaker_id>/edit", methods=["GET", "POST"])
@requires(Permission.EDIT_SPEAKERS)
def edit(speaker_id: int) -> Any:
    session = db.session()
    speaker = speaker_listing.get_speaker_profile(session, speaker_id)
    current_aliases = [a.alias for a in speaker.aliases]
    form = SpeakerForm(obj=speaker if request.method == "GET" else None).versioned()
    form.remove_aliases.choices = [SelectChoice(a) for a in current_aliases]
    if request.method == "GET":
        form.kind.data = speaker.kind.value
        form.version.data = str(speaker.version)
    conflict: dict[str, Any] | None = None
    if form.validate_on_submit():
        changes = {
            "name": form.name.data, "kind": form.kind.data,
            "description": form.description.data, "external_id": form.external_id.data,
            "aliases": form.alias_list(current_aliases),
        }
        try:
            services.update_speaker(session, current_user, speaker, changes,
                                    expected_version=submitted_version(form.version.data))
        except Conflict as error:
            session.rollback()
            conflict = error.current
            # Saving again is now a deliberate overwrite of what is shown beside the form.
            form.version.data = str(conflict.get("version", ""))
            flash(error.message, "error")
            return render_template("speakers/edit.html", form=form, speaker=speaker,
                                   conflict=conflict), 409
        except InvalidInput as error:
            session.rollback()
            if not attach_error(form, error):
                flash(error.message, "error")
            return render_template("speakers/edit.html", form=form, speaker=speaker,
                                   conflict=None), 400
        db.commit()
        flash(f"Saved {speaker.name}.", "success")
        return redirect(url_for("speakers.detail", speaker_id=speaker.id))
    form.offer_version(speaker.version)
    status = 400 if form.errors else 200
    return render_template("speakers/edit.html", form=form, speaker=speaker,
                           conflict=conflict), status


@bp.route("/<id:speaker_id>/merge", methods=["GET"])
@requires(Permission.MERGE)
def merge(speaker_id: int) -> Any:
    """Choose a speaker to merge into, then see exactly what would move before confirming."""
    session = db.session()
    source = speaker_listing.get_speaker_profile(session, speaker_id)
    choose = MergeChooseForm(request.args)
    if "target_id" not in request.args:
        return render_template("speakers/merge_choose.html", source=source, form=choose)
    if not choose.validate():
        return render_template("speakers/merge_choose.html", source=source, form=choose), 400
    target = speaker_listing.get_speaker_profile(session, choose.target_id.data or 0)
    try:
        plan = speaker_merge.plan_merge(session, source, target)
    except InvalidInput as error:
        attach_error(choose, error, "target_id")
        return render_template("speakers/merge_choose.html", source=source, form=choose), 400
    confirm = MergeConfirmForm(data={"target_id": target.id, "source_version": source.version,
                                     "target_version": target.version})
    return render_template("speakers/merge_confirm.html", plan=plan, form=confirm)


@bp.route("/<id:speaker_id>/merge", methods=["POST"])
@requires(Permission.MERGE)
def merge_confirmed(speaker_id: int) -> Any:
    session = db.session()
    form = MergeConfirmForm()
    if not form.validate_on_submit() or int_or_none(form.target_id.data) is None:
        abort(400)
    source = services.get_speaker(session, speaker_id)
    target = services.get_speaker(session, int_or_none(form.target_id.data) or 0)
    try:
        speaker_merge.merge_speakers(
            session, current_user, source, target,
            expected_source_version=submitted_version(form.source_version.data,
                                                      "source_version"),
            expected_target_version=submitted_version(form.target_version.data,
                                                      "target_version"),
        )
    except (Conflict, InvalidInput) as error:
        session.rollback()
        flash(error.message, "error")
        choose = MergeChooseForm(data={"target_id": int_or_none(form.target_id.data)})
        return render_template("speakers/merge_choose.html", source=source,
                               form=choose), error.status_code
    db.commit()
    flash(f"Merged {source.name} into {target.name}. The merge can be undone from the "
          "History page.", "success")
    return redirect(url_for("speakers.detail", speaker_id=target.id))
