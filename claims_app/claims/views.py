"""Claim pages: annotate a span, the claim with its cross-references, edit (with a conflict
page), verdicts, one-button accept/reject, and typed links between claims.

Views parse the request, call one service, commit once and redirect; services decide.

Size: the claim blueprint's routes, each thin (parse, one service call, one commit,
redirect), sharing the annotation panel's JSON answers (``_wants_json``,
``_form_errors_json``, ``_added_json``) and the detail page's context; like every package's
``views.py`` it is the one place a claim URL is routed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from markupsafe import Markup

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.accounts.security import requires, safe_next
from claims_app.articles.services import get_article
from claims_app.cache import ProcessCache
from claims_app.claims import annotate as claim_annotate
from claims_app.claims import page as claim_page
from claims_app.claims import services
from claims_app.claims.forms import (
    KIND_LABELS,
    LINK_LABELS,
    VERDICT_LABELS,
    ClaimForm,
    CorrectForm,
    LinkForm,
    ReviewForm,
    SimpleForm,
    StatusForm,
)
from claims_app.claims.models import Claim, ClaimStatus
from claims_app.crossref.search import pick_claims
from claims_app.desk.conflicts import claim_three_way, resolved_formdata
from claims_app.errors import Conflict, InvalidInput, ServiceError
from claims_app.factchecks.services import fact_checks_for_claim, verdicts_of_similar
from claims_app.inputs import submitted_version
from claims_app.positions.services import claim_position_changes
from claims_app.provenance.services import Appearances, paraphrase_fidelity

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
    claim = claim_page.get_claim_page(session, claim_id)
    return _detail_page(session, claim,
                        review_form=ReviewForm(formdata=None, data={"next": request.path}),
                        link_form=LinkForm(formdata=None, data={"version": claim.version}))


def _detail_page(session: Any, claim: Claim, *, review_form: ReviewForm,
                 link_form: LinkForm) -> str:
    """The claim page: the claim, its cross-references, the fact-checks of statements like
    it, the verdicts already given to those, and its speaker's possible changes of position
    (each a bounded read; see factchecks/ and positions/)."""
    xref = claim_page.cross_reference(session, claim)
    known = fact_checks_for_claim(session, claim)
    similar = [s.claim for s in xref.similar] + xref.same_statement
    return render_template(
        "claims/detail.html", claim=claim, xref=xref, fact_checks=known,
        appearances_section=appearances_section(session, claim, xref.appearances),
        past_verdicts=verdicts_of_similar(session, claim, similar, known),
        changes=claim_position_changes(session, claim),
        review_form=review_form, link_form=link_form, button=SimpleForm(formdata=None),
        kind_labels=KIND_LABELS, verdict_labels=VERDICT_LABELS, link_labels=LINK_LABELS,
    )


#: Claims whose "Reported in N articles" section is remembered as rendered (per process).
APPEARANCES_HTML_CACHE_SIZE = 512
appearances_html: ProcessCache[Markup] = ProcessCache("claim appearances html",
                                                      APPEARANCES_HTML_CACHE_SIZE)


def appearances_section(session: Any, claim: Claim, found: Appearances) -> Markup:
    """The claim page's statement group and paraphrase fidelity, rendered.

    Remembered per claim as HTML under the rule of :mod:`claims_app.cache`: the section
    holds no form, token or per-reader text, and all it shows derives from claims (an
    edited claim, its speaker included, is a new fingerprint). Its fifty appearances with
    their word diffs were the largest part of the page's template, and paraphrase fidelity
    (the same speaker's quote and report compared word by word) the largest read left on a
    remembered view."""
    return appearances_html.get(session, (claim.id, request.script_root), lambda: Markup(
        render_template("claims/_appearances.html", claim=claim, ap=found,
                        fidelity=paraphrase_fidelity(session, claim))))


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
            claim = claim_annotate.annotate_claim(session, current_user, article,
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
    found = claim_page.overlapping_claims(db.session(), article_id, start, end)
    return jsonify([{
        "id": c.id, "start": c.start, "end": c.end,
        "speaker": c.speaker.name if c.speaker else "unattributed",
        "text": c.text if len(c.text) <= 120 else c.text[:117] + "…",
        "url": url_for("claims.detail", claim_id=c.id),
        "edit_url": url_for("claims.edit", claim_id=c.id),
    } for c in found])


@dataclass(frozen=True)
class PanelHtml:
    """The annotation panel's form as HTML, but for the CSRF token: its hidden fields and
    its visible ones."""

    hidden: Markup
    fields: Markup


@bp.app_template_global()
def annotation_panel() -> PanelHtml:
    """The article page's annotation panel: an empty claim form (fields, labels and names
    are the annotate page's own, so the panel posts what that page posts).

    Rendered once per app and mount point: an empty form is the same on every article page
    (no data, no errors; the per-session CSRF token is added by the template), and running
    its ten fields through WTForms cost about 1.3 ms of every article page an annotator
    opened, a tenth of an ordinary one."""
    return _panel_html(current_app._get_current_object(), request.script_root)  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=16)
def _panel_html(app: Flask, script_root: str) -> PanelHtml:
    """``annotation_panel`` for one app under one mount point (the URLs it holds)."""
    form = ClaimForm(formdata=None)
    hidden = Markup("").join(f() for f in form if f.type in ("HiddenField", "VersionField")
                             and f.name != "csrf_token")
    return PanelHtml(hidden, Markup(render_template("claims/_panel_fields.html", pf=form)))


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
    claim = claim_page.get_claim_page(session, claim_id)
    # A post from the three-way conflict page carries the side picked for each clash.
    form = (ClaimForm(formdata=resolved_formdata(request.form)) if request.method == "POST"
            else ClaimForm()).versioned()
    if request.method == "GET":
        _fill_from(form, claim)
        form.mark_corrected.data = "1" if request.args.get("corrected") else ""
    done = safe_next(request.args.get("next"), _claim_url(claim))
    if form.validate_on_submit():
        try:
            claim_annotate.revise_claim(session, current_user, claim, form.claim_input(claim),
                                        form.speaker_choice(),
                                        expected_version=submitted_version(form.version.data),
                                        mark_corrected=form.mark_corrected.data == "1")
        except Conflict:
            session.rollback()
            stored = claim_page.get_claim_page(session, claim_id)
            extra = {"mark_corrected": "1"} if form.mark_corrected.data == "1" else {}
            return render_template(
                "desk/three_way.html", tw=claim_three_way(session, stored, form),
                what=f"claim {stored.id}", extra=extra,
                action=url_for("claims.edit", claim_id=claim_id, next=request.args.get("next")),
                cancel=url_for("claims.detail", claim_id=claim_id),
                fresh=url_for("claims.edit", claim_id=claim_id)), 409
        except InvalidInput as error:
            session.rollback()
            _attach(form, error, "start")
            return render_template("claims/form.html", form=form, article=claim.article,
                                   claim=claim, context=_context(form, claim)), 400
        db.commit()
        flash("Claim saved." + (" Marked corrected." if form.mark_corrected.data == "1" else ""),
              "success")
        return redirect(done)
    form.offer_version(claim.version)
    status = 400 if form.errors else 200
    return render_template("claims/form.html", form=form, article=claim.article,
                           claim=claim, context=_context(form, claim)), status


def _context(form: ClaimForm, claim: Claim) -> claim_page.SpanContext:
    """The text around the span the form holds (the stored one when its numbers are not a
    span of the body), for the edit page's highlight and re-span by selection."""
    body = claim.article.body
    start, end = form.start.data, form.end.data
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(body)):
        start, end = claim.start, claim.end
    return claim_page.span_context(body, start, end)


@bp.route("/<id:claim_id>/status", methods=["POST"])
@requires(Permission.REVIEW)
def status(claim_id: int) -> Any:
    session = db.session()
    claim = claim_page.get_claim_page(session, claim_id)
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


@bp.route("/<id:claim_id>/correct", methods=["POST"])
@requires(Permission.ANNOTATE)
def correct(claim_id: int) -> Any:
    """The review queue's in-place correction of the speaker or the span: ``revise_claim``,
    as the edit page, version-checked and marking the claim corrected. JSON for the queue's
    script (errors by field, 409 on a conflict); a redirect for a plain form."""
    session = db.session()
    claim = claim_page.get_claim_page(session, claim_id)
    form = CorrectForm()
    back = safe_next(form.next.data, url_for("claims.detail", claim_id=claim.id))
    if not form.validate_on_submit():
        if _wants_json():
            return _form_errors_json(form)
        flash("The correction was incomplete; nothing was changed.", "error")
        return redirect(back, 303)
    try:
        claim_annotate.revise_claim(session, current_user, claim, form.claim_input(claim),
                                    form.speaker_choice(),
                                    expected_version=submitted_version(form.version.data),
                                    mark_corrected=True)
    except (Conflict, InvalidInput) as error:
        session.rollback()
        if _wants_json():
            name = error.field if error.field in form._fields else (
                "speaker" if form.what.data == "speaker" else "start")
            code = 409 if isinstance(error, Conflict) else 400
            return jsonify({"errors": {name: [error.message]}}), code
        flash(error.message, "error")
        return redirect(back, 303)
    session.expire(claim, ["speaker"])  # speaker_id changed under the loaded relationship
    state = {"id": claim.id, "version": claim.version, "status": claim.status.value,
             "speaker": claim.speaker.name if claim.speaker else None,
             "speaker_id": claim.speaker_id, "speaker_role": claim.speaker_role,
             "start": claim.start, "end": claim.end, "text": claim.text}
    db.commit()
    if _wants_json():
        return jsonify(state)
    flash(f"Claim {claim.id} corrected.", "success")
    return redirect(back, 303)


@bp.route("/<id:claim_id>/runner-up", methods=["POST"])
@requires(Permission.ANNOTATE)
def use_runner_up(claim_id: int) -> Any:
    """The claim page's "use this speaker instead": the extractor's runner-up, one click."""
    session = db.session()
    claim = claim_page.get_claim_page(session, claim_id)
    form = SimpleForm()
    back = url_for("claims.detail", claim_id=claim.id)
    if not form.validate_on_submit():
        flash("The form was incomplete; the speaker was kept.", "error")
        return redirect(back, 303)
    before = claim.speaker.name if claim.speaker else "unattributed"
    try:
        claim_annotate.use_runner_up(session, current_user, claim,
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
    claim = claim_page.get_claim_page(session, claim_id)
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
    claim = claim_page.get_claim_page(session, claim_id)
    return _detail_page(session, claim, review_form=form, link_form=LinkForm(formdata=None)), 400


@bp.route("/<id:claim_id>/links", methods=["POST"])
@requires(Permission.LINK)
def add_link(claim_id: int) -> Any:
    session = db.session()
    claim = claim_page.get_claim_page(session, claim_id)
    form = LinkForm()
    if form.validate_on_submit():
        try:
            services.link_claims(session, current_user, claim, form.target_id.data or 0,
                                 form.link_type.data or "", note=form.note.data,
                                 expected_version=submitted_version(form.version.data))
        except (InvalidInput, Conflict) as error:
            session.rollback()
            _attach(form, error, "target_id")
        else:
            db.commit()
            flash(f"Linked: claim {claim.id} {LINK_LABELS[form.link_type.data]} "
                  f"claim {form.target_id.data}.", "success")
            return redirect(url_for("claims.detail", claim_id=claim.id) + "#links", 303)
    session.rollback()
    claim = claim_page.get_claim_page(session, claim_id)
    form.version.data = str(claim.version)  # a resubmission is made on the claim as shown
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
    claim = claim_page.get_claim_page(session, claim_id)
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


@bp.route("/pick.json")
@requires(Permission.READ)
def pick() -> Any:
    """The claim picker's type-ahead (static/claim-picker.js): at most ten claims matching
    what is typed in their text, their speaker's name or alias, or their article."""
    found = pick_claims(db.session(), request.args.get("q", ""),
                        exclude=request.args.get("exclude", type=int))
    response = jsonify([{
        "id": c.id, "text": c.text, "speaker": c.speaker or "unattributed",
        "article": c.article_title, "derived_title": c.title_is_derived, "matched": c.why,
        "url": url_for("claims.detail", claim_id=c.id),
    } for c in found])
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/speaker-suggestions")
@requires(Permission.READ)
def speaker_suggestions() -> Any:
    """Names and ids of speakers matching what is typed (names and aliases), for the form."""
    # What is typed is cut to a name's length: the lookup stays bounded whatever is sent.
    found = claim_page.speaker_suggestions(db.session(), request.args.get("q", "")[:300])
    return jsonify([{"id": s.id, "name": s.name, "matched": s.matched} for s in found])
