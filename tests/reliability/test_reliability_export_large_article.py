"""The JSON export streams claim by claim, not article by article (issue 15, item 19).

An article of 26,000 claims once made the export hold all of them at once (516 MB). The
memory an export needs must follow its batch size, whatever one article holds; the bytes
stay those of serialising each article whole.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from claims_app.claims.models import Claim
from claims_app.export import ExportFilters
from tests.export.exporting import bulk_claims
from tests.export.test_export_streaming import peak_export_memory


def test_json_export_memory_does_not_grow_with_one_articles_claims(session) -> None:
    bulk_claims(session, 2000, per_article=2000)  # one article holds all of them
    ids = session.scalars(select(Claim.id).order_by(Claim.id)).all()
    session.execute(Claim.__table__.update().where(Claim.id > ids[199]).values(kind="indirect"))
    small, everything = ExportFilters(kind="direct"), ExportFilters()
    peak_export_memory(session, "json", small)  # warm SQLAlchemy's statement caches
    peak_export_memory(session, "json", everything)
    peak_small, out_small = peak_export_memory(session, "json", small)
    peak_large, out_large = peak_export_memory(session, "json", everything)
    assert out_large.chars > 5 * out_small.chars
    assert peak_large < 3 * peak_small, (peak_small, peak_large)


def test_json_export_writes_each_article_as_one_record_with_its_claims(session) -> None:
    from claims_app.export import ExportOptions, write_export
    from tests.export.exporting import FIXED_TIME

    bulk_claims(session, 25, per_article=10)
    chunks: list[str] = []

    class Collect:
        def write(self, text: str) -> int:
            chunks.append(text)
            return len(text)

    write_export(session, "json", ExportFilters(), Collect(),
                 ExportOptions(exported_at=FIXED_TIME, batch_size=4))
    document = json.loads("".join(chunks))
    assert [len(a["claims"]) for a in document["articles"]] == [10, 10, 5]
    assert all(c["article_id"] == a["id"] if "article_id" in c else True
               for a in document["articles"] for c in a["claims"])
    lines = "".join(chunks).split("\n")
    article_lines = [line for line in lines if line.startswith('{"author"')]
    assert len(article_lines) == 3  # one line per article, claims inside it
