"""The error pages: our words for each HTTP error, a lost race, a service's refusal and an
untrusted host (the API answers its own errors in JSON, ``api.errors``)."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import SecurityError, default_exceptions

from claims_app import db
from claims_app.config import size_limit
from claims_app.errors import ServiceError


def init_app(app: Flask) -> None:
    for code in (400, 403, 404, 405, 409, 413, 500):
        app.register_error_handler(code, _error_page)
    app.register_error_handler(ServiceError, _service_error)
    app.register_error_handler(SecurityError, _untrusted_host)
    app.register_error_handler(StaleDataError, _stale_data)


#: Our sentence for an error raised without one of its own (Werkzeug's stock description is
#: written for a web server's operator, not for the person at the page).
OUR_WORDS: dict[int, str] = {
    403: "Your account may not open this page. Ask an administrator if your work needs it.",
    404: "There is nothing at this address: the record may have been deleted, or the link "
         "may be mistyped.",
    405: "This address does not accept that kind of request; follow a link or button on "
         "the site instead.",
    500: "Something went wrong on our side and nothing was saved. Try again; if it happens "
         "again, tell an administrator what you were doing.",
}


def _error_page(error: Any) -> Any:
    # The failed request's transaction may be broken; the page must not need it.
    db.rollback()
    code = getattr(error, "code", 500) or 500
    description = getattr(error, "description", "Something went wrong.")
    server_words = getattr(default_exceptions.get(code), "description", None)
    if description == server_words and code in OUR_WORDS:
        description = OUR_WORDS[code]
    if code == 413:
        description = (f"The request is larger than the {size_limit()} this server accepts "
                       "at once. Send less at a time (for imports: fewer or smaller files).")
    return render_template("errors/error.html", code=code, description=description), code


def _untrusted_host(error: SecurityError) -> Any:
    """A Host header outside TRUSTED_HOSTS: 400 in plain text. No page template, since no
    URL can be built for a host we do not serve, and nothing the client sent is echoed."""
    return Response("This server does not answer to that host name.\n", status=400,
                    mimetype="text/plain")


def _stale_data(error: StaleDataError) -> Any:
    """Two saves of one record raced past the version check; the later one lost.

    The version column made the database refuse it, so nothing was overwritten; the person is
    told to reload and re-apply, like any other conflict (JSON for the API).
    """
    db.rollback()
    message = ("Someone else saved this record at the same moment, so your change was not "
               "saved. Reload it, check their change, and apply yours again.")
    if request.path.startswith("/api/"):
        return jsonify({"error": message}), 409
    return render_template("errors/error.html", code=409, description=message), 409


def _service_error(error: ServiceError) -> Any:
    return (
        render_template("errors/error.html", code=error.status_code, description=error.message),
        error.status_code,
    )
