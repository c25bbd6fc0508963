"""``/annotations/``: the container, its pages and each annotation at its own IRI.

Read-only (``Allow: GET, HEAD, OPTIONS``), authenticated like the API (bearer token) or the
pages (login session), refusals as JSON. Every response carries a strong ETag of its body,
so a client re-checks with If-None-Match and gets 304 when nothing changed.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from claims_app import db
from claims_app.accounts.permissions import Permission
from claims_app.annotations import protocol
from claims_app.api import errors
from claims_app.api.auth import token_or_session
from claims_app.api.errors import json_error
from claims_app.claims.models import Claim
from claims_app.errors import NotFound
from claims_app.export.query import ExportFilters, claims_page, count_claims, iter_claims
from claims_app.export.records import dumps
from claims_app.export.views import export_options, request_filters
from claims_app.export.webannotation import annotation_document

bp = Blueprint("annotations", __name__, url_prefix="/annotations")
errors.register(bp)  # JSON refusals, as the API's: the clients here are programs

ID = "<id:claim_id>"


def _jsonld(doc: dict[str, Any], *, links: str | None = None,
            vary: tuple[str, ...] = ("Accept",)) -> Response:
    response = Response(dumps(doc), content_type=protocol.MEDIA_TYPE)
    response.headers["Allow"] = protocol.ALLOW
    if links:
        response.headers["Link"] = links
    response.vary.update(vary)
    response.add_etag()
    response.make_conditional(request)  # 304 when If-None-Match names this body
    return response


def _not_acceptable() -> Response | None:
    if protocol.acceptable(request.headers.get("Accept")):
        return None
    return json_error(406, f"Annotations are served only as {protocol.MEDIA_TYPE}.")


@bp.get("/")
@token_or_session(Permission.READ)
def container() -> Any:
    """The container (or, with ``?page=N``, one of its pages), with the export filters."""
    refused = _not_acceptable()
    if refused is not None:
        return refused
    if "selection" in request.args:
        return json_error(404, "That collection was a search's result set, exported once; "
                               "it is not kept. Export the search again.")
    form, filters = request_filters()
    if filters is None:
        field, messages = next(iter(form.errors.items()))
        return json_error(400, " ".join(str(m) for m in messages), field=field)
    page_arg = request.args.get("page")
    if page_arg is not None and not (page_arg.isascii() and page_arg.isdigit()
                                     and int(page_arg) <= protocol.MAX_PAGE):
        return json_error(400, "page must be a whole number from 0.", field="page")
    number = int(page_arg) if page_arg is not None else None
    wanted = protocol.preference(request.headers.get("Prefer"))
    iris_arg = request.args.get("iris")
    iris = iris_arg == "1" if iris_arg in ("0", "1") else bool(wanted.iris)
    session = db.session()
    total = count_claims(session, filters)
    if number is not None:
        return _page(filters, number, total=total, iris=iris)
    options = export_options()
    first = None
    if not wanted.minimal and total:
        first = claims_page(session, filters, offset=0, limit=protocol.PAGE_SIZE)
    doc = protocol.container_document(first, filters, options, total=total, iris=iris)
    response = _jsonld(doc, links=protocol.CONTAINER_LINKS, vary=("Accept", "Prefer"))
    response.headers["Content-Location"] = doc["id"]
    if wanted.applied:
        response.headers["Preference-Applied"] = "return=representation"
    return response


def _page(filters: ExportFilters, number: int, *, total: int, iris: bool) -> Response:
    if number >= protocol.page_count(total):
        return json_error(404, f"There is no page {number}: the container holds {total} "
                               f"annotations, {protocol.PAGE_SIZE} to a page, from page 0.")
    claims = claims_page(db.session(), filters, offset=number * protocol.PAGE_SIZE,
                         limit=protocol.PAGE_SIZE)
    doc = protocol.page_document(claims, filters, export_options(), number=number, total=total,
                                 iris=iris)
    return _jsonld(doc)


@bp.get("/" + ID)
@token_or_session(Permission.READ)
def annotation(claim_id: int) -> Any:
    """One claim as a Web Annotation, at the IRI the container and the exports give it."""
    refused = _not_acceptable()
    if refused is not None:
        return refused
    found: Claim | None = next(iter_claims(db.session(), ExportFilters(claim_ids=(claim_id,)),
                                           batch_size=1), None)
    if found is None:
        raise NotFound(f"There is no claim {claim_id}.")
    return _jsonld(annotation_document(found, export_options()), links=protocol.RESOURCE_LINKS)
