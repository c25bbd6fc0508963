"""Helpers shared by the benchmark scripts: timing, percentiles, machine facts, fresh
databases, raw driver connections and table printing.

Why one module: every benchmark must print its figure next to a baseline measured in the
same run on the same machine, on a database created and migrated the same way (the
application's own ``make_engine`` and ``alembic upgrade head``), so these pieces must not
drift between scripts.
"""

from __future__ import annotations

import contextlib
import math
import os
import platform
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_ADMIN_URL = os.environ.get(
    "CLAIMS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ENGINES = ("sqlite", "postgresql")


# --- timing -----------------------------------------------------------------------------

class Stopwatch:
    """``with Stopwatch() as sw: ...`` then ``sw.seconds``: wall time on a monotonic clock."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._t0 = 0.0

    def __enter__(self) -> Stopwatch:
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._t0


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported p99 is a latency that happened)."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def p50_95_99(samples: Sequence[float]) -> tuple[float, float, float]:
    return percentile(samples, 50), percentile(samples, 95), percentile(samples, 99)


def ratio(ours: float, baseline: float) -> str:
    """``ours / baseline`` as text ("3.2x"); 'n/a' when either is missing."""
    if not baseline or math.isnan(baseline) or math.isnan(ours):
        return "n/a"
    return f"{ours / baseline:.1f}x"


# --- machine ----------------------------------------------------------------------------

def machine_info() -> dict[str, str]:
    """Cores, CPU model and memory from /proc, plus the software versions figures depend on."""
    info = {"cores": str(os.cpu_count() or "?"), "cpu": "?", "memory": "?",
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "postgresql": "?"}
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    with contextlib.suppress(Exception):
        import psycopg

        with psycopg.connect(libpq_url(PG_ADMIN_URL), connect_timeout=3) as conn:
            row = conn.execute("SHOW server_version").fetchone()
            info["postgresql"] = str(row[0]) if row else "?"
    return info


def machine_line() -> str:
    m = machine_info()
    return (f"machine: {m['cores']} cores ({m['cpu']}), {m['memory']} RAM; Python {m['python']}, "
            f"SQLite {m['sqlite']}, PostgreSQL {m['postgresql']}")


def command_line(script: str, argv: list[str] | None) -> str:
    """"command: python benchmarks/<script> <args>": what reproduces the figures printed."""
    args = argv if argv is not None else sys.argv[1:]
    return f"command: python benchmarks/{script} {' '.join(args)}".rstrip()


# --- databases --------------------------------------------------------------------------

def libpq_url(url: str) -> str:
    """A SQLAlchemy ``postgresql+psycopg://`` URL as psycopg itself takes it."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(libpq_url(PG_ADMIN_URL), connect_timeout=3):
            return True
    except Exception:  # any failure to connect means "not available"
        return False


def engines_to_run(requested: Sequence[str]) -> list[str]:
    """The requested engines, minus PostgreSQL (with a note) when the server is unreachable."""
    out = list(requested)
    if "postgresql" in out and not postgres_available():
        print(f"note: PostgreSQL unreachable at {PG_ADMIN_URL}; skipping it", file=sys.stderr)
        out.remove("postgresql")
    return out


@dataclass
class BenchDatabase:
    kind: str  # sqlite | postgresql
    url: str  # SQLAlchemy URL
    path: Path | None = None  # the SQLite file

    def raw_connect(self) -> Any:
        """A plain driver connection (sqlite3 with the app's pragmas, or psycopg)."""
        if self.kind == "sqlite":
            conn = sqlite3.connect(str(self.path), isolation_level=None)
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            return conn
        import psycopg

        return psycopg.connect(libpq_url(self.url))


@contextlib.contextmanager
def fresh_database(kind: str, *, migrate: bool = True, keep: bool = False,
                   tmp_dir: Path | None = None) -> Iterator[BenchDatabase]:
    """A new, empty database migrated to head, removed afterwards (unless ``keep``)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from claims_app import migrate as migrations
    from claims_app.db import make_engine

    tag = f"claims_bench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    if kind == "sqlite":
        folder = tmp_dir or Path(tempfile.mkdtemp(prefix="claims-bench-"))
        path = folder / f"{tag}.sqlite3"
        db = BenchDatabase(kind, f"sqlite:///{path}", path)
    else:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{tag}"'))
        admin.dispose()
        db = BenchDatabase(kind, make_url(PG_ADMIN_URL).set(database=tag)
                           .render_as_string(hide_password=False))
    try:
        if migrate:
            engine = make_engine(db.url)
            migrations.upgrade(engine)
            engine.dispose()
        yield db
    finally:
        if not keep:
            drop_database(db)


def kept_database(kind: str, folder: Path, name: str) -> tuple[BenchDatabase, bool]:
    """A database that outlives the run, for benchmarks that can reuse a slow fill:
    the SQLite file ``folder/<name>.sqlite3`` or the PostgreSQL database ``<name>``.

    Returns it migrated to head, and whether it existed before (the caller decides whether
    its contents are still usable; a new one is empty). ``drop_database`` removes it.
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from claims_app import migrate as migrations
    from claims_app.db import make_engine

    if kind == "sqlite":
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.sqlite3"
        existed = path.exists()
        db = BenchDatabase(kind, f"sqlite:///{path}", path)
    else:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            existed = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                   {"n": name}).first() is not None
            if not existed:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        db = BenchDatabase(kind, make_url(PG_ADMIN_URL).set(database=name)
                           .render_as_string(hide_password=False))
    engine = make_engine(db.url)
    migrations.upgrade(engine)
    engine.dispose()
    return db, existed


def drop_database(db: BenchDatabase) -> None:
    if db.kind == "sqlite":
        assert db.path is not None
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{db.path}{suffix}").unlink()
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = make_url(db.url).database
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


# --- importing into a benchmark database -----------------------------------------------

#: The per-file size limit the benchmarks import with (``claims-app import``'s default).
MAX_IMPORT_BYTES = 60 * 1024 * 1024


@dataclass
class ImportSessions:
    """The engine and session factory an import runs on, and how many SQL statements the
    engine has sent (``statements[0]``)."""

    engine: Any
    factory: Any
    statements: list[int]

    def import_paths(self, paths: Sequence[Path], **options: Any) -> Any:
        """``import_paths`` over these sessions, with the benchmarks' file size limit; a
        failed article is an error of the benchmark, not a figure."""
        from claims_app.ingest import importer

        options.setdefault("max_bytes", MAX_IMPORT_BYTES)
        summary = importer.import_paths(self.factory, list(paths), **options)
        if not summary.ok:
            raise RuntimeError("; ".join(summary.lines()))
        return summary


@contextlib.contextmanager
def import_sessions(url: str) -> Iterator[ImportSessions]:
    """Sessions on ``url`` set up as ``claims-app import``'s are: the app's ``make_engine``,
    ``expire_on_commit=False`` and the cross-reference sync registered, so derived data
    (search index, passage signatures, statement groups) is written at each commit as it is
    in production. The engine is disposed afterwards.

    Why here: ``bench_import``, ``bench_rerun``, ``bench_accuracy`` and
    ``bench_import_lock`` each built these by hand and drifted (one forgot the sync, so its
    imports skipped work the command does)."""
    from sqlalchemy import event
    from sqlalchemy.orm import sessionmaker

    from claims_app.crossref import sync
    from claims_app.db import make_engine

    engine = make_engine(url)
    statements = [0]

    @event.listens_for(engine, "before_cursor_execute")
    def _count(*_args: Any) -> None:
        statements[0] += 1

    factory = sessionmaker(bind=engine, expire_on_commit=False)
    sync.register(factory)
    try:
        yield ImportSessions(engine, factory, statements)
    finally:
        engine.dispose()


# --- machine load -----------------------------------------------------------------------

def load_average() -> float:
    """The 1-minute load average (NaN where /proc is missing)."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def wait_for_quiet(max_load: float = 1.5, *, poll: float = 30.0, timeout: float = 600.0,
                   log: Any = None) -> float:
    """Wait (polling every ``poll`` s, at most ``timeout`` s) until the 1-minute load average
    is below ``max_load``, so a timed run does not measure other people's work; returns the
    load it starts at (possibly still high, after the timeout: record it with the figures)."""
    deadline = time.monotonic() + timeout
    load = load_average()
    while not load < max_load and time.monotonic() < deadline:
        if log is not None:
            log(f"load average {load:.2f} >= {max_load}; waiting {poll:.0f}s")
        time.sleep(poll)
        load = load_average()
    return load


# --- output -----------------------------------------------------------------------------

def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Print (and return) a Markdown table, so output pastes straight into BENCHMARKS.md."""
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = [f"\n### {title}\n"]
    for n, r in enumerate(cells):
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))
                     + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    out = "\n".join(lines)
    print(out, flush=True)
    return out


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a"
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def size_label(claims: int) -> str:
    return f"{claims // 1000}k claims" if claims < 1_000_000 else f"{claims // 1_000_000}M claims"


# --- raw bulk inserts -------------------------------------------------------------------

#: The columns the bulk paths write, in order; the values are what the ORM would store.
BULK_COLUMNS: dict[str, tuple[str, ...]] = {
    "outlets": ("id", "name", "homepage"),
    "speakers": ("id", "name", "name_key", "kind", "version", "created_at", "updated_at"),
    "speaker_aliases": ("id", "speaker_id", "alias", "alias_key"),
    "speaker_roles": ("id", "speaker_id", "title", "first_seen", "last_seen"),
    "articles": (
        "id", "outlet_id", "title", "author", "published", "published_precision",
        "published_text", "dateline", "place", "section", "url", "language", "source_name",
        "body", "raw", "content_hash", "extra", "imported_at", "version", "created_at",
        "updated_at",
    ),
    "claims": (
        "id", "article_id", "speaker_id", "speaker_role", "kind", "text", "start_offset",
        "end_offset", "prefix", "suffix", "cue", "said_on", "said_on_basis", "said_where",
        "origin", "confidence", "status", "version", "created_at", "updated_at",
    ),
    "passage_signatures": ("id", "article_id", "start_offset", "end_offset", "band", "bucket"),
    "statement_groups": ("id", "earliest_claim_id", "claim_count", "created_at"),
    "statement_group_members": ("claim_id", "group_id", "material", "kinds"),
    "statement_group_keys": ("key", "group_id"),
}


def _sqlite_value(value: Any) -> Any:
    import datetime as dt
    import json

    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def _pg_value(value: Any) -> Any:
    import json

    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def bulk_insert(conn: Any, kind: str, table: str, rows: Sequence[Sequence[Any]]) -> None:
    """The driver's own bulk path: ``executemany`` on sqlite3, ``COPY`` on psycopg.

    Runs inside the caller's transaction (the caller commits), so it measures what a
    purpose-built loader would do with the same rows and the same indexes.
    """
    cols = BULK_COLUMNS[table]
    if not rows:
        return
    if kind == "sqlite":
        marks = ", ".join("?" for _ in cols)
        conn.executemany(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})",
            [tuple(_sqlite_value(v) for v in r) for r in rows],
        )
        return
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
        for r in rows:
            copy.write_row([_pg_value(v) for v in r])


def reset_sequences(conn: Any, kind: str) -> None:
    """After explicit ids on PostgreSQL, move each id sequence past the largest id."""
    if kind != "postgresql":
        return
    for table, cols in BULK_COLUMNS.items():
        if "id" not in cols:  # keyed by other tables' ids: no sequence of its own
            continue
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
        )


# --- command line -----------------------------------------------------------------------

def add_size_arguments(parser: Any, quick: Sequence[int], big: Sequence[int],
                       unit: str = "claims") -> None:
    """``--quick`` / ``--big`` / ``--<unit> N...``, the same in every benchmark script (and
    what ``run_all.py`` passes on)."""
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help=f"sizes {list(quick)} (default)")
    size.add_argument("--big", action="store_true", help=f"sizes {list(big)}")
    size.add_argument(f"--{unit}", type=int, nargs="+", help=f"explicit sizes, in {unit}")


def chosen_sizes(args: Any, quick: Sequence[int], big: Sequence[int],
                 unit: str = "claims") -> list[int]:
    """The sizes ``add_size_arguments``' options ask for."""
    return list(getattr(args, unit) or (big if args.big else quick))
