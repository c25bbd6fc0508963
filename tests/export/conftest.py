"""Fixtures of the export tests: the annotated sample database (see ``exporting.py``), and
the indexed world the export page tests use (``tests/worlds/crossref.py``)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from tests.export.exporting import Sample, build_sample
from tests.worlds.crossref import world  # noqa: F401 (fixture)


@pytest.fixture
def sample(session: Session, users: dict[str, User]) -> Sample:
    return build_sample(session, users)
