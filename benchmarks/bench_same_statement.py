"""CPU time of the claim page's "same words elsewhere" answer: the difflib scan it used to
run (``near_identical_claims``: up to 2,000 claims of similar length compared character by
character, removed in the prov branch) against the statement-group read that replaced it
(``appearances`` and the same-statement claims), on a fresh SQLite archive of N generated
claims (12 random words each from a 14-word vocabulary: similar lengths, so the scan's
length filter keeps most of them).

Usage: ``python benchmarks/bench_same_statement.py OLD_MODULE [N]``, where OLD_MODULE is the
removed module, e.g. ``git show 097110c:claims_app/claims/near_identical.py > /tmp/old.py``.
CPU time (``time.process_time``), averaged over 20 claim pages.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from claims_app import migrate  # noqa: E402
from claims_app.articles.models import Article, DatePrecision  # noqa: E402
from claims_app.claims.models import Claim, ClaimKind, ClaimOrigin, ClaimStatus  # noqa: E402
from claims_app.claims.page import cross_reference  # noqa: E402
from claims_app.crossref import sync  # noqa: E402
from claims_app.db import make_engine  # noqa: E402
from claims_app.provenance.services import appearances  # noqa: E402

WORDS = ["the", "minister", "said", "talks", "border", "troops", "winter", "army", "ready",
         "peace", "region", "council", "vote", "budget"]
PAGES = 20


def _old_module(path: str) -> object:
    spec = importlib.util.spec_from_file_location("old_near_identical", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def _fill(session: Session, n: int) -> None:
    rng = random.Random(1)
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(12)) + f" {i}."
        article = Article(body=f"Lead {i}. \u201c{text}\u201d", content_hash=f"{i:064d}",
                          published=dt.date(2024, 1, 1) + dt.timedelta(days=i % 300),
                          published_precision=DatePrecision.DAY, source_name=f"a{i}")
        session.add(article)
        session.flush()
        start = article.body.index(text)
        session.add(Claim(article_id=article.id, kind=ClaimKind.DIRECT, text=text,
                          start=start, end=start + len(text), status=ClaimStatus.UNREVIEWED,
                          origin=ClaimOrigin.MANUAL))
    session.commit()


def main() -> None:
    old = _old_module(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    engine = make_engine(f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
    migrate.upgrade(engine, "head")
    with Session(engine) as session:
        sync.register(session)
        _fill(session, n)
        claims = session.scalars(select(Claim).order_by(Claim.id).limit(PAGES)).all()
        start = time.process_time()
        for claim in claims:
            old.near_identical_claims(session, claim)  # type: ignore[attr-defined]
        scan = (time.process_time() - start) / len(claims)
        start = time.process_time()
        for claim in claims:
            appearances(session, claim)
        group = (time.process_time() - start) / len(claims)
        start = time.process_time()
        for claim in claims:
            cross_reference(session, claim)
        page = (time.process_time() - start) / len(claims)
    print(f"claims {n}: difflib scan {scan * 1000:.1f} ms CPU per claim page; statement "
          f"group read {group * 1000:.1f} ms ({scan / group:.0f}x less); the whole "
          f"cross-reference panel now {page * 1000:.1f} ms")


if __name__ == "__main__":
    main()
