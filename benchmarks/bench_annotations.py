"""Annotation container benchmark: one page of ``/annotations/`` against the API's page of
the same claims, at the start, middle and end of the collection, on SQLite and PostgreSQL.

Why: a container page must have a bounded cost however large the collection and however
deep the page (issue 19: paging; house rule: every request has bounded cost). The baseline
is the closest existing request, ``GET /api/v1/claims?page=P&per_page=100`` (the same 100
claims as plain JSON, offset-paged the same way), timed in the same process on the same
database, so the ratio is what the Web Annotation shape costs over the API's.

Requests go through the app's WSGI test client (no network, no server threads): the figures
are the application's own time. Each database is generated like ``bench_export``'s (10
claims to an article, every other one reviewed and tagged).

Usage::

    python benchmarks/bench_annotations.py --quick              # 10k claims, both engines
    python benchmarks/bench_annotations.py --claims 100000 --engines sqlite
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_export import generate
from common import (
    ENGINES,
    Stopwatch,
    add_size_arguments,
    chosen_sizes,
    command_line,
    engines_to_run,
    fresh_database,
    machine_line,
    p50_95_99,
    print_table,
    ratio,
)

QUICK_SIZES = [10_000]
BIG_SIZES = [10_000, 100_000]
PER_PAGE = 100
ANNO = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def _app_and_token(url: str) -> tuple[Any, str]:
    from claims_app import create_app
    from claims_app import db as database
    from claims_app.accounts.services import create_user
    from claims_app.api.tokens import create_token

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-" + "k" * 40,
                      "BASE_URL": "http://127.0.0.1:5000/"})
    with app.app_context(), database.transaction(app) as session:
        user = create_user(session, None, "bench-viewer", "paged-annotations-24", "viewer")
        _token, plaintext = create_token(session, user, "bench")
    return app, plaintext


def _time(client: Any, path: str, headers: dict[str, str], repeat: int) -> list[float]:
    client.get(path, headers=headers)  # warm: statement caches, first-use imports
    samples = []
    for _ in range(repeat):
        with Stopwatch() as sw:
            response = client.get(path, headers=headers)
            response.get_data()
        assert response.status_code == 200, (path, response.status_code)
        samples.append(sw.seconds * 1000)
    return samples


def bench(kind: str, claims: int, repeat: int, work: Path) -> list[list[Any]]:
    rows: list[list[Any]] = []
    with fresh_database(kind, tmp_dir=work) as db:
        generate(db.url, claims, 10)
        app, token = _app_and_token(db.url)
        client = app.test_client()
        auth = {"Authorization": f"Bearer {token}", "Host": "127.0.0.1:5000"}
        last = (claims - 1) // PER_PAGE
        for label, page in (("first", 0), ("middle", last // 2), ("last", last)):
            ours = _time(client, f"/annotations/?page={page}", {**auth, "Accept": ANNO}, repeat)
            base = _time(client, f"/api/v1/claims?page={page + 1}&per_page={PER_PAGE}",
                         auth, repeat)
            o50, o95, _ = p50_95_99(ours)
            b50, b95, _ = p50_95_99(base)
            rows.append([kind, claims, f"{label} (page {page})", f"{o50:.1f}", f"{o95:.1f}",
                         f"{b50:.1f}", f"{b95:.1f}", ratio(o50, b50)])
        one = _time(client, f"/annotations/{claims // 2}", {**auth, "Accept": ANNO}, repeat)
        api_one = _time(client, f"/api/v1/claims/{claims // 2}", auth, repeat)
        rows.append([kind, claims, "one annotation", f"{p50_95_99(one)[0]:.1f}",
                     f"{p50_95_99(one)[1]:.1f}", f"{p50_95_99(api_one)[0]:.1f}",
                     f"{p50_95_99(api_one)[1]:.1f}",
                     ratio(p50_95_99(one)[0], p50_95_99(api_one)[0])])
        from claims_app.db import get_db

        get_db(app).engine.dispose()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_arguments(parser, QUICK_SIZES, BIG_SIZES)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--repeat", type=int, default=30, help="requests per measurement")
    args = parser.parse_args(argv)
    print(command_line("bench_annotations.py", argv))
    print(machine_line())
    rows: list[list[Any]] = []
    with tempfile.TemporaryDirectory(prefix="claims-bench-anno-") as tmp:
        for claims in chosen_sizes(args, QUICK_SIZES, BIG_SIZES):
            for kind in engines_to_run(args.engines):
                rows += bench(kind, claims, args.repeat, Path(tmp))
    print_table(f"/annotations/ page of {PER_PAGE} vs /api/v1/claims page of {PER_PAGE} (ms)",
                ["engine", "claims", "page", "ours p50", "ours p95", "API p50", "API p95",
                 "ratio p50"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
