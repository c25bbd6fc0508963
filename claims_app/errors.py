"""Errors that services raise and boundaries translate (a flash and a 4xx, or a CLI message)."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A request that cannot be done as asked; the message is meant for the person."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(ServiceError):
    status_code = 400


class NotFound(ServiceError):
    status_code = 404


class Forbidden(ServiceError):
    status_code = 403


class VersionRequired(ServiceError):
    """A write that does not say which version of the record it was made on (issue 15):
    without it the optimistic lock cannot tell a stale save from a fresh one, so the
    save is refused rather than allowed to overwrite a newer one."""

    status_code = 400


class Conflict(ServiceError):
    """Someone saved the record since it was loaded; carries the stored state to compare."""

    status_code = 409

    def __init__(self, message: str, *, current: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.current = current or {}
