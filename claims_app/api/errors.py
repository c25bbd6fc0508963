"""Every refusal under /api is JSON (``{"error": ..., "field": ...}``), never an HTML page.

Scripts parse these bodies, so the shape is the same for a bad field, a missing record, a
stale version (with the stored state under ``current``), a wrong method or a crash.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, jsonify, request
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, default_exceptions

from claims_app.api.schemas import ApiError
from claims_app.config import size_limit
from claims_app.errors import Conflict, InvalidInput, ServiceError

API_PREFIX = "/api/"


def json_error(status: int, message: str, *, field: str | None = None,
               current: dict[str, Any] | None = None,
               headers: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {"error": message, "field": field}
    if current is not None:
        body["current"] = current
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _api_error(error: ApiError) -> Response:
    headers = {"WWW-Authenticate": 'Bearer realm="claims_app"'} if error.status == 401 else None
    return json_error(error.status, error.message, field=error.field, current=error.current,
                      headers=headers)


def _service_error(error: ServiceError) -> Response:
    if isinstance(error, Conflict):
        return json_error(409, error.message, field=error.field, current=error.current)
    # A service refusing a value is a well-formed request with an unacceptable field.
    status = 422 if isinstance(error, InvalidInput) else error.status_code
    return json_error(status, error.message, field=error.field)


def _stale(_error: StaleDataError) -> Response:
    return json_error(409, "Someone else changed this record at the same moment; reload it "
                           "and try again.")


def _http_error(error: HTTPException) -> Response:
    code = error.code or 500
    message = error.description or error.name
    if code == 413:
        message = f"The request body is larger than the {size_limit()} this server accepts."
    elif code == 405:
        message = f"{request.method} is not allowed here."
    response = json_error(code, message, field=getattr(error, "field", None))
    if code == 405 and error.response is None:
        allowed = getattr(error, "valid_methods", None)
        if allowed:
            response.headers["Allow"] = ", ".join(allowed)
    return response


def _unexpected(_error: Exception) -> Response:
    return json_error(500, "The server failed to handle this request; it has been logged.")


def register(bp: Blueprint) -> None:
    """Attach the JSON handlers to the API blueprint, one per status code, because Flask
    prefers an app-wide handler for a code over a blueprint's handler for a class."""
    bp.register_error_handler(ApiError, _api_error)
    bp.register_error_handler(ServiceError, _service_error)
    bp.register_error_handler(StaleDataError, _stale)
    for code in default_exceptions:
        bp.register_error_handler(code, _http_error)
    bp.register_error_handler(500, _http_error)


def init_app(app: Flask) -> None:
    """Routing failures (unknown path, wrong method) happen before a blueprint is chosen,
    so they are caught here, ahead of the HTML error pages."""

    @app.before_request
    def _api_routing_errors() -> Response | None:
        exc = request.routing_exception
        if exc is None or not request.path.startswith(API_PREFIX):
            return None
        if isinstance(exc, HTTPException) and (exc.code or 500) < 400:
            return None  # a redirect (e.g. missing trailing slash) stays a redirect
        if isinstance(exc, HTTPException):
            return _http_error(exc)
        return json_error(404, "There is no such API endpoint.")


__all__ = ["init_app", "json_error", "register"]
