"""Every filter narrows every format to the matching claims (and nothing else)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claims_app.export import FORMATS, ExportFilters
from tests.export.exporting import claim_ids, export_text

# filter name -> (ExportFilters arguments built from the sample, claims expected)
CASES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "status": (lambda s: {"status": "confirmed"}, ("c1", "c4")),
    "kind": (lambda s: {"kind": "direct"}, ("c1", "c2")),
    "speaker": (lambda s: {"speaker_id": s.speakers["minister"]}, ("c1", "c2")),
    "outlet": (lambda s: {"outlet_id": s.outlets["reuters"]}, ("c4",)),
    "tag_any_case": (lambda s: {"tag": "DIPLOMACY"}, ("c1",)),
    "said_from": (lambda s: {"said_from": dt.date(2021, 1, 1)}, ("c1",)),
    "said_to": (lambda s: {"said_to": dt.date(2020, 12, 31)}, ("c4",)),
    "said_range_inclusive": (
        lambda s: {"said_from": dt.date(2020, 10, 2), "said_to": dt.date(2021, 4, 5)},
        ("c1", "c4"),
    ),
    "published_from": (lambda s: {"published_from": dt.date(2021, 1, 1)}, ("c1", "c2", "c3")),
    "published_to": (lambda s: {"published_to": dt.date(2020, 12, 31)}, ("c4",)),
    "reviewed_only": (lambda s: {"reviewed_only": True}, ("c1", "c4")),
    "combined": (lambda s: {"tag": "talks", "kind": "indirect"}, ("c4",)),
    "nothing_matches": (lambda s: {"status": "rejected"}, ()),
}
REVIEWED = ("c1", "c4")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_filter_selects_only_matching_claims(session, sample, fmt: str, case: str) -> None:
    build, expected = CASES[case]
    if fmt == "claimreview":  # ClaimReview only ever covers reviewed claims
        expected = tuple(c for c in expected if c in REVIEWED)
    text = export_text(session, fmt, ExportFilters(**build(sample)))
    assert claim_ids(fmt, text) == sorted(sample.ids(*expected))


def test_active_is_false_only_without_any_filter() -> None:
    assert not ExportFilters().active
    assert ExportFilters(reviewed_only=True).active
    assert ExportFilters(said_to=dt.date(2020, 1, 1)).active


def test_unknown_status_is_refused() -> None:
    with pytest.raises(ValueError):
        ExportFilters(status="maybe").claim_conditions()
