"""Fixtures of the export tests: the annotated sample database (see ``exporting.py``)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from tests.export.exporting import Sample, build_sample


@pytest.fixture
def sample(session: Session, users: dict[str, User]) -> Sample:
    return build_sample(session, users)
