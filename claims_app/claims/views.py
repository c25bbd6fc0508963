"""Claim pages: annotate a span, the claim with its cross-references, edit (with a conflict
page), verdicts, one-button accept/reject, and typed links between claims.

Views parse the request, call one service, commit once and redirect; services decide.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires, safe_next
from claims_app.articles.services import get_article
from claims_app.claims import services
from claims_app.claims.forms import (
    KIND_LABELS,
    LINK_LABELS,
    VERDICT_LABELS,
    ClaimForm,
    LinkForm,
    ReviewForm,
    SimpleForm,
    StatusForm,
)
from claims_app.claims.models import Claim, ClaimKind, ClaimStatus
from claims_app.errors import Conflict, InvalidInput, ServiceError
from claims_app.factchecks.services import fact_checks_for_claim, verdicts_of_similar
from claims_app.inputs import submitted_version
from claims_app.positions.services import claim_position_changes

bp = Blueprint("claims", __name__, url_prefix="/claims", template_folder="templates")


def _attach(form: Any, error: ServiceError, default: str | None = None) -> None:
    """A service's complaint beside its field, or as a flash when no field fits."""
    name = error.field if error.field in form._fields else default
    if name is None or name not in form._fields:
        flash(error.message, "error")
        return
    field = form._fields[name]
    field.errors = [*field.errors, error.message]


def _claim_url(claim: Claim) -> str:
    return url_for("articles.detail", article_id=claim.article_id) + f"#claim-{claim.id}"


@bp.route("/<id:claim_id>")
@requires(Permission.READ)
def detail(claim_id: int) -> Any:
    session = db.session()
    claim = services.get_claim_page(session, claim_id)
    return _detail_page(session, claim,
                        review_form=ReviewForm(formdata=None, data={"next": request.path}),
                        link_form=LinkForm(formdata=None))


def _detail_page(session: Any, claim: Claim, *, review_form: ReviewForm,
                 link_form: LinkForm) -> str:
    """The claim page: the claim, its cross-references, the fact-checks of statements like
    it, the verdicts already given to those, and its speaker's possible changes of position
    (each a bounded read; see factchecks/ and positions/)."""
    xref = services.cross_reference(session, claim)
    known = fact_checks_for_claim(session, claim)
    similar = [s.claim for s in xref.similar] + [n.claim for n in xref.near_identical]
    return render_template(
        "claims/detail.html", claim=claim, xref=xref, fact_checks=known,
        past_verdicts=verdicts_of_similar(session, claim, similar, known),
        changes=claim_position_changes(session, claim),
        review_form=review_form, link_form=link_form, button=SimpleForm(formdata=None),
        kind_labels=KIND_LABELS, verdict_labels=VERDICT_LABELS, link_labels=LINK_LABELS,
    )


def _wants_json() -> bool:
    """The annotation panel posts with ``Accept: application/json``; a plain form does not."""
    return request.accept_mimetypes.best == "application/json"


def _form_errors_json(form: Any) -> Any:
    """Each field's errors by field name (the panel shows them beside the field), 400."""
    return jsonify({"errors": {name: list(errors) for name, errors in form.errors.items()}}), 400


def _added_json(claim: Claim) -> Any:
    """What the panel needs to mark a new claim in place, 201."""
    who = claim.speaker.name if claim.speaker else "unattributed"
    return jsonify({
        "id": claim.id, "start": claim.start, "end": claim.end, "kind": claim.kind.value,
        "status": claim.status.value, "speaker": who,
        "tip": f"{who} · {claim.kind.value} · {claim.status.value}",
        "url": url_for("claims.detail", claim_id=claim.id),
    }), 201


@bp.route("/new/<id:article_id>", methods=["GET", "POST"])
@requires(Permission.ANNOTATE)
def new(article_id: int) -> Any:
    """Annotate a span: the article page's panel (JSON back) or this page's form (no script).
    Both go through ``annotate_claim``."""
    session = db.session()
    article = get_article(session, article_id)
    form = ClaimForm()
    selected = False
    if request.method == "GET":
        start, end = request.args.get("start", type=int), request.args.get("end", type=int)
        if start is not None and end is not None and 0 <= start < end <= len(article.body):
            form.start.data, form.end.data = start, end
            form.text.data = article.body[start:end]
            selected = True
    if form.validate_on_submit():
        try:
            claim = services.annotate_claim(session, current_user, article,
                                            form.claim_input(), form.speaker_choice())
        except InvalidInput as error:
            session.rollback()
            _attach(form, error, "start")
            if _wants_json():
                return _form_errors_json(form)
            return render_template("claims/form.html", form=form, article=article,
                                   claim=None), 400
        db.commit()
        if _wants_json():
            return _added_json(claim)
        flash("Claim added.", "success")
        return redirect(_claim_url(claim))
    if request.method == "POST" and _wants_json():
        return _form_errors_json(form)
    status = 400 if form.errors else 200
    return render_template("claims/form.html", form=form, article=article, claim=None,
                           selected=selected or request.method == "POST"), status


@bp.route("/overlapping/<id:article_id>")
@requires(Permission.READ)
def overlapping(article_id: int) -> Any:
    """The article's claims sharing text with ``?start=&end=`` (at most a few), so the panel
    can offer to edit one instead of marking the same words twice."""
    article = get_article(db.session(), article_id)  # a 404 for an article not there
    start = request.args.get("start", type=int)
    end = request.args.get("end", type=int)
    if start is None or end is None or not 0 <= start < end <= len(article.body):
        return jsonify({"errors": {"start": ["Give the span as start and end."]}}), 400
    found = services.overlapping_claims(db.session(), article_id, start, end)
    return jsonify([{
        "id": c.id, "start": c.start, "end": c.end,
        "speaker": c.speaker.name if c.speaker else "unattributed",
        "text": c.text if len(c.text) <= 120 else c.text[:117] + "…",
        "url": url_for("claims.detail", claim_id=c.id),
        "edit_url": url_for("claims.edit", claim_id=c.id),
    } for c in found])


@bp.app_template_global()
def annotation_panel_form() -> ClaimForm:
    """An empty claim form for the article page's annotation panel (fields, labels and the
    CSRF token are the annotate page's own, so the panel posts what that page posts)."""
    return ClaimForm(formdata=None)


def _fill_from(form: ClaimForm, claim: Claim) -> None:
    form.start.data, form.end.data, form.text.data = claim.start, claim.end, claim.text
    form.speaker.data = claim.speaker.name if claim.speaker else ""
    form.speaker_id.data = str(claim.speaker_id or "")
    form.speaker_role.data = claim.speaker_role or ""
    form.kind.data = claim.kind.value
    form.cue.data = claim.cue or ""
    form.said_on.data = claim.said_on
    form.said_where.data = claim.said_where or ""
    form.tags.data = ", ".join(t.name for t in claim.tags)
    form.note.data = claim.note or ""
    form.version.data = str(claim.version)


@bp.route("/<id:claim_id>/edit", methods=["GET", "POST"])
@requires(Permission.ANNOTATE)
def edit(claim_id: int) -> Any:
    session = db.session()
    claim = services.get_claim_page(session, claim_id)
    form = ClaimForm()
    if request.method == "GET":
        _fill_from(form, claim)
        form.mark_corrected.data = "1" if request.args.get("corrected") else ""
    done = safe_next(request.args.get("next"), _claim_url(claim))
    if form.validate_on_submit():
        try:
            services.revise_claim(session, current_user, claim, form.claim_input(claim),
                                  form.speaker_choice(),
                                  expected_version=submitted_version(form.version.data),
                                  mark_corrected=form.mark_corrected.data == "1")
        except Conflict as error:
            session.rollback()
            stored = services.get_claim_page(session, claim_id)
            return render_template("claims/conflict.html", form=form, claim=stored,
                                   rows=_conflict_rows(form, stored), message=error.message), 409
        except InvalidInput as error:
            session.rollback()
            _attach(form, error, "start")
            return render_template("claims/form.html", form=form, article=claim.article,
                                   claim=claim, context=_context(form, claim)), 400
        db.commit()
        flash("Claim saved." + (" Marked corrected." if form.mark_corrected.data == "1" else ""),
              "success")
        return redirect(done)
    status = 400 if form.errors else 200
    return render_template("claims/form.html", form=form, article=claim.article,
                           claim=claim, context=_context(form, claim)), status


def _context(form: ClaimForm, claim: Claim) -> services.SpanContext:
    """The text around the span the form holds (the stored one when its numbers are not a
    span of the body), for the edit page's highlight and re-span by selection."""
    body = claim.article.body
    start, end = form.start.data, form.end.data
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(body)):
        start, end = claim.start, claim.end
    return services.span_context(body, start, end)


def _conflict_rows(form: ClaimForm, stored: Claim) -> list[tuple[str, str, str, bool]]:
    """(field, what you sent, what is stored, differs) for the side-by-side conflict page."""
    mine = form.claim_input()
    body = stored.article.body
    mine_text = mine.text if mine.text is not None else body[mine.start:mine.end]

    def show(value: Any) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    pairs = [
        ("Text", mine_text, stored.text),
        ("Start", mine.start, stored.start),
        ("End", mine.end, stored.end),
        ("Speaker", (form.speaker.data or "").strip(), stored.speaker.name if stored.speaker
         else ""),
        ("Role", (mine.speaker_role or "").strip(), stored.speaker_role or ""),
        ("Kind", KIND_LABELS[ClaimKind(mine.kind)], KIND_LABELS[stored.kind]),
        ("Cue", (mine.cue or "").strip(), stored.cue or ""),
        ("Said on", mine.said_on, stored.said_on),
        ("Said where", (mine.said_where or "").strip(), stored.said_where or ""),
        ("Tags", ", ".join(sorted(t.strip() for t in mine.tags if t.strip())),
         ", ".join(t.name for t in stored.tags)),
        ("Note", (mine.note or "").strip(), stored.note or ""),
        ("Status", "", stored.status.value),
    ]
    rows = []
    for label, a, b in pairs:
        if label == "Status":
            rows.append((label, "(unchanged by the edit)", show(b), False))
            continue
        rows.append((label, show(a), show(b), show(a) != show(b)))
    return rows


@bp.route("/<id:claim_id>/status", methods=["POST"])
@requires(Permission.REVIEW)
def status(claim_id: int) -> Any:
    session = db.session()
    claim = services.get_claim_page(session, claim_id)
    form = StatusForm()
    back = safe_next(form.next.data, url_for("claims.detail", claim_id=claim.id))
    if not form.validate_on_submit():
        flash("Choose accept or reject.", "error")
        return redirect(back, 303)
    new_status = ClaimStatus.CONFIRMED if form.action.data == "accept" else ClaimStatus.REJECTED
    services.set_status(session, current_user, claim, new_status,
                        expected_version=submitted_version(form.version.data))
    db.commit()
    flash(f"Claim {claim.id} {'accepted' if form.action.data == 'accept' else 'rejected'}.",
          "success")
    return redirect(back, 303)


@bp.route("/<id:claim_id>/runner-up", methods=["POST"])
@requires(Permission.ANNOTATE)
def use_runner_up(claim_id: int) -> Any:
    """The claim page's "use this speaker instead": the extractor's runner-up, one click."""
    session = db.session()
    claim = services.get_claim_page(session, claim_id)
    form = SimpleForm()
    back = url_for("claims.detail", claim_id=claim.id)
    if not form.validate_on_submit():
        flash("The form was incomplete; the speaker was kept.", "error")
        return redirect(back, 303)
    before = claim.speaker.name if claim.speaker else "unattributed"
    try:
        services.use_runner_up(session, current_user, claim,
                               expected_version=submitted_version(form.version.data))
    except Conflict:
        session.rollback()
        flash("Someone else changed this claim after you opened it, so the speaker was "
              "kept. Here it is as now stored.", "error")
        return redirect(back, 303)
    except InvalidInput as error:
        session.rollback()
        flash(error.message, "error")
        return redirect(back, 303)
    session.expire(claim, ["speaker"])  # speaker_id changed under the loaded relationship
    after = claim.speaker.name if claim.speaker else "unattributed"
    db.commit()
    flash(f"Speaker changed from {before} to {after}.", "success")
    return redirect(back, 303)


@bp.route("/<id:claim_id>/reviews", methods=["POST"])
@requires(Permission.REVIEW)
def review(claim_id: int) -> Any:
    session = db.session()
    claim = services.get_claim_page(session, claim_id)
    form = ReviewForm()
    back = safe_next(form.next.data, url_for("claims.detail", claim_id=claim.id))
    if form.validate_on_submit():
        try:
            services.add_review(session, current_user, claim, form.verdict.data or "",
                                note=form.note.data, rating_text=form.rating_text.data,
                                evidence_urls=form.urls())
        except InvalidInput as error:
            session.rollback()
            _attach(form, error)
        else:
            db.commit()
            flash(f"Verdict recorded for claim {claim.id}.", "success")
            return redirect(back, 303)
    session.rollback()
    claim = services.get_claim_page(session, claim_id)
    return _detail_page(session, claim, review_form=form, link_form=LinkForm(formdata=None)), 400


@bp.route("/<id:claim_id>/links", methods=["POST"])
@requires(Permission.LINK)
def add_link(claim_id: int) -> Any:
    session = db.session()
    claim = services.get_claim_page(session, claim_id)
    form = LinkForm()
    if form.validate_on_submit():
        try:
            services.link_claims(session, current_user, claim, form.target_id.data or 0,
                                 form.link_type.data or "", note=form.note.data)
        except InvalidInput as error:
            session.rollback()
            _attach(form, error, "target_id")
        else:
            db.commit()
            flash(f"Linked: claim {claim.id} {LINK_LABELS[form.link_type.data]} "
                  f"claim {form.target_id.data}.", "success")
            return redirect(url_for("claims.detail", claim_id=claim.id) + "#links", 303)
    session.rollback()
    claim = services.get_claim_page(session, claim_id)
    return _detail_page(session, claim, review_form=ReviewForm(formdata=None, data={
        "next": url_for("claims.detail", claim_id=claim.id)}), link_form=form), 400


@bp.route("/links/<id:link_id>/delete", methods=["POST"])
@requires(Permission.LINK)
def remove_link(link_id: int) -> Any:
    session = db.session()
    link = services.get_link(session, link_id)
    form = SimpleForm()
    back = safe_next(form.next.data, url_for("claims.detail", claim_id=link.source_claim_id))
    if not form.validate_on_submit():
        flash("The form was incomplete; the link was kept.", "error")
        return redirect(back, 303)
    services.remove_link(session, current_user, link)
    db.commit()
    flash("Link removed.", "success")
    return redirect(back, 303)


@bp.route("/<id:claim_id>/delete", methods=["POST"])
@requires(Permission.DELETE)
def delete(claim_id: int) -> Any:
    session = db.session()
    claim = services.get_claim_page(session, claim_id)
    form = SimpleForm()
    article_id = claim.article_id
    if not form.validate_on_submit():
        flash("The form was incomplete; the claim was kept.", "error")
        return redirect(url_for("claims.detail", claim_id=claim_id), 303)
    services.delete_claim(session, current_user, claim,
                          expected_version=submitted_version(form.version.data))
    db.commit()
    flash(f"Claim {claim_id} deleted. The history keeps a record.", "success")
    return redirect(url_for("articles.detail", article_id=article_id), 303)


@bp.route("/speaker-suggestions")
@requires(Permission.READ)
def speaker_suggestions() -> Any:
    """Names and ids of speakers matching what is typed (names and aliases), for the form."""
    # What is typed is cut to a name's length: the lookup stays bounded whatever is sent.
    found = services.speaker_suggestions(db.session(), request.args.get("q", "")[:300])
    return jsonify([{"id": s.id, "name": s.name, "matched": s.matched} for s in found])
