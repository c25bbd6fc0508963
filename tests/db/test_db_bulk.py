"""Bulk writes: a row breaking a unique key fails as SQLAlchemy's IntegrityError on both
engines, whichever path wrote it (COPY on PostgreSQL bypasses SQLAlchemy's cursor), so
callers that retry a lost race (the importer) see it."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from claims_app.articles.models import Outlet
from claims_app.db.bulk import copy_rows
from tests.worlds.builders import make_outlet


def test_a_duplicate_key_written_in_bulk_is_an_integrity_error(session) -> None:
    outlet = make_outlet(session, "Trend")
    session.flush()
    with pytest.raises(IntegrityError, match="Trend|outlets"), session.begin_nested():
        copy_rows(session, Outlet.__table__, ["id", "name"], [(outlet.id + 1000, "Trend")])


def test_rows_without_a_clash_are_written(session) -> None:
    assert copy_rows(session, Outlet.__table__, ["id", "name"], [(9001, "Bulk outlet")]) == 1
    assert session.get(Outlet, 9001).name == "Bulk outlet"
