"""Article pages: the list, one article with its claims highlighted, enter, edit, delete.

Views parse the request, call one service, commit once and redirect; services decide.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import (
    Blueprint,
    Response,
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
from claims_app.accounts.security import int_or_none, is_web_link, requires
from claims_app.api.auth import token_or_session
from claims_app.articles import listing as article_listing
from claims_app.articles import page as article_pages
from claims_app.articles import services
from claims_app.articles.forms import (
    ArticleFilterForm,
    ArticleForm,
    DeleteArticleForm,
    attach_error,
)
from claims_app.articles.models import Article
from claims_app.articles.passages import (
    PASSAGE_LOOKUP_CHARS,
    body_pieces,
    passages_elsewhere,
)
from claims_app.desk.conflicts import article_three_way, resolved_formdata
from claims_app.errors import Conflict, InvalidInput
from claims_app.ingest.rerun import rerun_extraction as rerun
from claims_app.inputs import page_number, query_id, submitted_version
from claims_app.jobs import services as jobs
from claims_app.provenance.boilerplate import boilerplate_in_article
from claims_app.web.pagination import Page

bp = Blueprint("articles", __name__, url_prefix="/articles", template_folder="templates")
PER_PAGE = 25


@bp.route("/")
@requires(Permission.READ)
def index() -> Any:
    session = db.session()
    form = ArticleFilterForm(request.args)
    form.outlet.choices = [form.outlet.choices[0], *(
        SelectChoice(str(i), name) for i, name in article_listing.outlet_choices(session))]
    if request.args and not form.validate():
        empty: Page[Article] = Page(
            items=[], page=1, per_page=PER_PAGE, total=0)
        return render_template("articles/list.html", page=empty, counts={}, form=form), 400
    filters = article_listing.ArticleFilters(
        q=form.q.data or None, outlet_id=int_or_none(form.outlet.data),
        date_from=form.date_from.data, date_to=form.date_to.data,
        unreviewed_only=bool(form.unreviewed.data), sort=form.sort.data or "newest",
    )
    page, counts = article_listing.filter_articles(
        session, filters, page=page_number(), per_page=PER_PAGE,
        after=request.args.get("after") or None)
    args = {k: v for k, v in request.args.items() if k not in ("page", "after") and v}
    return render_template("articles/list.html", page=page, counts=counts, form=form,
                           args=args)


@bp.route("/<id:article_id>")
@requires(Permission.READ)
def detail(article_id: int) -> Any:
    """The article with one page of its claims (``?page=N``, or ``?claim=N`` for the page
    holding that claim) highlighted in the whole body."""
    session = db.session()
    shown = article_pages.article_page(session, article_id, page=page_number(),
                                  claim_id=query_id("claim"))
    article = shown.article
    target = _passage_arg(request.args.get("passage"), shown.length)
    # A long body is shown a window at a time: the stretch around this page's claims.
    window = article_pages.body_window(session, shown, target)
    segments = article_pages.highlight_segments(window, shown.claims.items)
    marked = {s.claim.id for s in segments if s.claim is not None}
    repeated = passages_elsewhere(session, article.id)
    boilerplate = boilerplate_in_article(session, article.id)
    pieces = body_pieces(segments, [(p.start, p.end) for p in repeated
                                    if p.end > window.start and p.start < window.end],
                         target, origin=window.start)
    return render_template("articles/detail.html", article=article, shown=shown,
                           segments=segments, marked=marked, window=window,
                           lookalikes=article_pages.lookalike_warnings(window),
                           repeated=repeated[:PASSAGES_LISTED], pieces=pieces,
                           passages_total=len(repeated), boilerplate=boilerplate,
                           lookup_chars=(PASSAGE_LOOKUP_CHARS
                                         if shown.length > PASSAGE_LOOKUP_CHARS else None))


#: Repeated passages listed in the side panel; all of them stay marked in the body.
PASSAGES_LISTED = 25


@bp.route("/<id:article_id>/text")
@token_or_session(Permission.READ)
def text(article_id: int) -> Any:
    """The article's text exactly as stored, as ``text/plain``: the source Web Annotation
    targets name, so a client can fetch it and apply the selectors (their offsets count into
    these characters). Same read permission as the page; token or session. The ETag is the
    digest of the text, so a client re-checks its copy with If-None-Match (304 when unchanged).
    """
    stored = article_pages.stored_text(db.session(), article_id)
    response = Response(stored.body, mimetype="text/plain")
    response.set_etag(stored.etag)
    response.headers["Content-Language"] = stored.language
    if stored.url and is_web_link(stored.url):
        response.headers.add("Link", f'<{quote(stored.url, safe=_URL_SAFE)}>; rel="via"')
    response.vary.update(("Authorization", "Cookie"))
    return response.make_conditional(request)


# Characters left as they are when an address goes into a Link header: everything legal in a
# URL except what would end the <...> or the header.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


def _passage_arg(value: str | None, length: int) -> tuple[int, int] | None:
    """``?passage=START-END``: a passage to point out (a link from another article)."""
    start, _, end = (value or "").partition("-")
    if not (start.isdigit() and end.isdigit()):
        return None
    span = int(start), int(end)
    return span if 0 <= span[0] < span[1] <= length else None


@bp.route("/<id:article_id>/extract", methods=["POST"])
@requires(Permission.ANNOTATE)
def rerun_extraction(article_id: int) -> Any:
    """Apply the current extraction rules to the article; claims a reviewer changed stay.

    A long article's re-run is queued as a background job and the person is sent to its
    page (it took 33 s in the request for 999,000 characters); a short one runs here."""
    session = db.session()
    article = services.get_article(session, article_id)
    if len(article.body) > current_app.config["RERUN_IN_REQUEST_CHARS"]:
        job = jobs.enqueue_rerun(session, current_user, article)
        db.commit()
        flash("The article is long: extraction runs in the background; this page follows it.",
              "success")
        return redirect(url_for("jobs.detail", job_id=job.id))
    done = rerun(session, current_user, article)
    db.commit()
    flash(f"Extraction re-run: {done.describe()}.", "success")
    return redirect(url_for("articles.detail", article_id=article_id))


@bp.route("/new", methods=["GET", "POST"])
@requires(Permission.EDIT_ARTICLES)
def new() -> Any:
    session = db.session()
    form = ArticleForm()
    if form.validate_on_submit():
        try:
            article = services.create_article(session, current_user, form.body_text(),
                                              form.fields_dict())
        except InvalidInput as error:
            session.rollback()
            if not attach_error(form, error):
                flash(error.message, "error")
            return render_template("articles/form.html", form=form, article=None), 400
        db.commit()
        flash("Article saved. Select text in it to add claims.", "success")
        return redirect(url_for("articles.detail", article_id=article.id))
    status = 400 if form.errors else 200
    return render_template("articles/form.html", form=form, article=None), status


@bp.route("/<id:article_id>/edit", methods=["GET", "POST"])
@requires(Permission.EDIT_ARTICLES)
def edit(article_id: int) -> Any:
    session = db.session()
    article = services.get_article(session, article_id)
    # A post from the three-way conflict page carries the side picked for each clash.
    form = (ArticleForm(formdata=resolved_formdata(request.form)) if request.method == "POST"
            else ArticleForm(obj=article)).versioned()
    if request.method == "GET":
        form.outlet.data = article.outlet.name if article.outlet else ""
        form.published_precision.data = article.published_precision.value
        form.version.data = str(article.version)
    if form.validate_on_submit():
        changes = {**form.fields_dict(), "body": form.body_text()}
        try:
            services.edit_article(session, current_user, article, changes,
                                  expected_version=submitted_version(form.version.data))
        except Conflict:
            session.rollback()
            stored = services.get_article(session, article_id)
            return render_template(
                "desk/three_way.html", tw=article_three_way(session, stored, form),
                what=f"the article “{stored.display_title}”", extra={},
                action=url_for("articles.edit", article_id=article_id),
                cancel=url_for("articles.detail", article_id=article_id),
                fresh=url_for("articles.edit", article_id=article_id)), 409
        except InvalidInput as error:
            session.rollback()
            if not attach_error(form, error):
                flash(error.message, "error")
            return render_template("articles/form.html", form=form, article=article), 400
        db.commit()
        flash("Article saved.", "success")
        return redirect(url_for("articles.detail", article_id=article.id))
    form.offer_version(article.version)
    status = 400 if form.errors else 200
    return render_template("articles/form.html", form=form, article=article), status


@bp.route("/<id:article_id>/delete", methods=["GET"])
@requires(Permission.DELETE)
def confirm_delete(article_id: int) -> Any:
    """Say what goes with the article before anything is deleted."""
    session = db.session()
    article = services.get_article(session, article_id)
    form = DeleteArticleForm(data={"version": str(article.version)})
    return render_template("articles/delete.html", article=article, form=form,
                           impact=services.deletion_impact(session, article))


@bp.route("/<id:article_id>/delete", methods=["POST"])
@requires(Permission.DELETE)
def delete(article_id: int) -> Any:
    session = db.session()
    article = services.get_article(session, article_id)
    form = DeleteArticleForm()
    if not form.validate_on_submit():
        flash("The deletion form was incomplete; nothing was deleted.", "error")
        return redirect(url_for("articles.confirm_delete", article_id=article_id))
    title = article.display_title
    services.delete_article(session, current_user, article,
                            expected_version=submitted_version(form.version.data))
    db.commit()
    flash(f"Deleted “{title}” and its claims. The history keeps a record.", "success")
    return redirect(url_for("articles.index"))
