"""Exports stream: memory is bounded by the batch, not by the number of claims, and output
reaches the file chunk by chunk instead of as one string at the end."""

from __future__ import annotations

import gc
import tracemalloc

import pytest
from sqlalchemy import func, select

from claims_app.claims.models import Claim
from claims_app.export import FORMATS, ExportFilters, ExportOptions, write_export
from tests.export.exporting import FIXED_TIME, bulk_claims

BATCH = 100


class CountingWriter:
    """Keeps only counts, so the measurement sees the exporter's memory, not the output."""

    def __init__(self) -> None:
        self.chunks = 0
        self.chars = 0

    def write(self, text: str) -> int:
        self.chunks += 1
        self.chars += len(text)
        return len(text)


def peak_export_memory(session, fmt: str, filters: ExportFilters) -> tuple[int, CountingWriter]:
    out = CountingWriter()
    gc.collect()
    tracemalloc.start()
    try:
        write_export(session, fmt, filters, out,
                     ExportOptions(exported_at=FIXED_TIME, batch_size=BATCH))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_memory_does_not_grow_with_the_number_of_claims(session, fmt: str) -> None:
    bulk_claims(session, 2000)
    ids = session.scalars(select(Claim.id).order_by(Claim.id)).all()
    # 200 "direct" claims and 1800 "indirect" ones: filtering by kind exports 200 of the
    # 2000 through the same query.
    session.execute(Claim.__table__.update().where(Claim.id > ids[199]).values(kind="indirect"))
    small, everything = ExportFilters(kind="direct"), ExportFilters()
    peak_export_memory(session, fmt, small)  # warm SQLAlchemy's statement caches
    peak_export_memory(session, fmt, everything)
    peak_small, out_small = peak_export_memory(session, fmt, small)
    peak_large, out_large = peak_export_memory(session, fmt, everything)
    assert out_large.chars > 5 * out_small.chars  # the large export really is larger
    assert peak_large < 3 * peak_small, (peak_small, peak_large)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_written_in_many_chunks(session, fmt: str) -> None:
    bulk_claims(session, 600)
    _, out = peak_export_memory(session, fmt, ExportFilters())
    assert out.chunks > 1


def test_write_export_returns_the_number_of_chunks_written(session) -> None:
    bulk_claims(session, 30)
    out = CountingWriter()
    assert write_export(session, "jsonl", ExportFilters(), out) == out.chunks == 30
    assert session.scalar(select(func.count(Claim.id))) == 30
