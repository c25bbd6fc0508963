"""Bounded load test: N reviewers read article pages and edit the *same* claims at once.

A real server (waitress on 127.0.0.1, a free port) serves the app; each reviewer is a thread
with its own cookie jar that logs in through the /login form (CSRF token scraped) and then,
until the operation budget or the time cap runs out, either reads an article page or edits a
contended claim through its edit form, appending a unique token to the claim's note.

What must hold (``LoadReport.problems`` lists any breach): no 5xx, no "database is locked",
no request hanging past its timeout, every accepted edit's token present in the note at the
end (nothing silently lost), and every refused edit reported as a 409 conflict with its
token absent. Run directly for the heavy variant::

    python benchmarks/load_test.py --engine both --workers 50 --operations 3000 --time-cap 120

The server is served the way ``claims-app serve`` serves it: waitress with ``--threads``
(8, the command's default) request threads, its settings, and the start-up heap frozen. 50
reviewers are 50 clients, not 50 server threads: with a thread per client every request ran
at once on two cores, each took 50 times its own time, and reads ran into the 10 s request
time limit; with 8 threads the rest wait in waitress's queue, where the limit does not run.

Every failure is put under a cause (``LoadReport.causes``; printed as "errors by cause")
with its first examples: the request time limit (503), a save that found the database busy
(503, retryable), "database is locked" (500), another server error, a client timeout, a
failed login, a refused edit; and the latencies are printed per kind of request (login,
read, edit), so a failed run says what failed and where the time went.

``--imports N`` also runs ``--import-processes`` (2) ``claims-app import`` commands, each of
its own generated batch of N articles (``benchmarks/generate.py``, JSON Lines), beside the
reviewers from the moment they start: the case where SQLite once answered "database is
locked" to imports and edits alike (issue 15, item 3). Then every import must finish with
nothing failed, every generated article be stored once, and no speaker, article or claim be
stored twice.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import logging
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSWORD = "load-test-password-1"
REQUEST_TIMEOUT = 30.0
CONTENDED_CLAIMS = 3


@dataclass
class LoadReport:
    engine: str
    workers: int
    seconds: float = 0.0
    operations: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    accepted: dict[int, list[str]] = field(default_factory=dict)
    conflicts: dict[int, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    phantom: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds, every request
    #: Articles the imports beside the load were given, and stored; their summaries.
    import_articles: int = 0
    imported: int = 0
    import_lines: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    load_average: str = ""
    #: errors counted by cause (``cause_of``), and request latencies by kind
    causes: Counter[str] = field(default_factory=Counter)
    kind_latencies: dict[str, list[float]] = field(default_factory=dict)
    threads: int = 0

    @property
    def throughput(self) -> float:
        return self.operations / self.seconds if self.seconds else 0.0

    def problems(self) -> list[str]:
        out = list(self.errors)
        out += [f"accepted edit lost: {t}" for t in self.lost]
        out += [f"refused edit stored anyway: {t}" for t in self.phantom]
        out += [f"stored twice: {d}" for d in self.duplicates]
        if self.imported != self.import_articles:
            out.append(f"imports stored {self.imported} of {self.import_articles} articles")
        return out

    def percentile(self, q: float) -> float:
        """The ``q`` quantile (0-1) of the request latencies, in milliseconds."""
        if len(self.latencies) < 2:
            return 1000 * (self.latencies[0] if self.latencies else 0.0)
        return 1000 * statistics.quantiles(self.latencies, n=100)[round(q * 100) - 1]

    def error(self, cause: str, text: str) -> None:
        """Record one failure under its cause (the caller holds the report's lock)."""
        self.causes[cause] += 1
        self.errors.append(f"[{cause}] {text}")

    def lines(self) -> list[str]:
        accepted = sum(len(v) for v in self.accepted.values())
        conflicts = sum(len(v) for v in self.conflicts.values())
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses.items()))
        kinds = "; ".join(
            f"{kind} n={len(v)} p50 {_ms(v, 0.5):.0f} p95 {_ms(v, 0.95):.0f} "
            f"max {1000 * max(v):.0f}" for kind, v in sorted(self.kind_latencies.items()) if v)
        return [
            f"{self.engine}: {self.workers} reviewers on {self.threads} server threads, "
            f"{self.operations} operations in {self.seconds:.1f} s = "
            f"{self.throughput:.0f} ops/s",
            f"  edits accepted {accepted}, conflicts (409) {conflicts}, "
            f"errors {len(self.errors)}, lost {len(self.lost)}, phantom {len(self.phantom)}",
            *(["  errors by cause: " + ", ".join(
                f"{cause}: {n}" for cause, n in self.causes.most_common())]
              if self.causes else []),
            f"  responses: {statuses}",
            f"  requests {len(self.latencies)}, p50 {self.percentile(0.5):.0f} ms, "
            f"p95 {self.percentile(0.95):.0f} ms; load average {self.load_average}",
            f"  latency ms by kind: {kinds}",
            *([f"  imports beside: {self.imported} of {self.import_articles} articles "
               f"stored; duplicates {len(self.duplicates)}",
               *(f"    {line}" for line in self.import_lines)] if self.import_articles else []),
        ]


def _ms(samples: list[float], q: float) -> float:
    if len(samples) < 2:
        return 1000 * (samples[0] if samples else 0.0)
    return 1000 * statistics.quantiles(samples, n=100)[round(q * 100) - 1]


def cause_of(status: int, page: str) -> str | None:
    """Why a response is a failure of the run (None: it is not one)."""
    if "database is locked" in page:
        return f"database is locked ({status})"
    if status == 503 and "limit and was stopped" in page:
        return "request time limit (503)"
    if status == 503 and "database was busy" in page:
        return "database busy, retryable (503)"
    if status >= 500:
        return f"server error ({status})"
    return None


class _FormFields(HTMLParser):
    """The named fields of the first form whose action or class matches, with their values."""

    def __init__(self, action_part: str) -> None:
        super().__init__()
        self.action_part = action_part
        self.inside = False
        self.done = False
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        where = a.get("action", "") + " " + a.get("class", "")
        if tag == "form" and not self.done and self.action_part in where:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields[name] = a.get("value", "y")
            elif kind != "submit":
                self.fields[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and ("selected" in a
                                                   or self._select not in self.fields):
            self.fields[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            if self._textarea:  # a browser drops one newline right after <textarea>
                value = self.fields[self._textarea]
                self.fields[self._textarea] = value.removeprefix("\r\n") if \
                    value.startswith("\r\n") else value.removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(page: str, action_part: str) -> dict[str, str]:
    parser = _FormFields(action_part)
    parser.feed(page)
    return parser.fields


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Reviewer:
    """One browser: its own cookies, no automatic redirects (a 303 means "saved")."""

    def __init__(self, base: str, latencies: list[float] | None = None,
                 by_kind: dict[str, list[float]] | None = None) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect())
        self.latencies = latencies if latencies is not None else []
        self.by_kind = by_kind if by_kind is not None else {}

    def request(self, path: str, data: dict[str, str] | None = None,
                kind: str = "other") -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, body, timeout=REQUEST_TIMEOUT) as resp:
                return resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")
        finally:
            took = time.perf_counter() - started
            self.latencies.append(took)  # list.append: thread-safe
            self.by_kind.setdefault(kind, []).append(took)

    def login(self, username: str) -> None:
        status, page = self.request("/login", kind="login form")
        token = form_fields(page, "").get("csrf_token", "")
        started = time.perf_counter()
        status, page = self.request("/login", {"csrf_token": token, "username": username,
                                               "password": PASSWORD}, kind="login")
        if status not in (302, 303):
            raise RuntimeError(f"login of {username} failed with {status} after "
                               f"{time.perf_counter() - started:.1f} s")


def _prepare(url: str, workers: int) -> tuple[Any, list[int], list[int]]:
    """An app on ``url`` (migrated) with the seeds imported and one editor per worker."""
    from sqlalchemy import select

    from claims_app import create_app
    from claims_app import migrate as migrations
    from claims_app.accounts.services import create_user, find_user
    from claims_app.articles.models import Article
    from claims_app.claims.models import Claim
    from claims_app.db import get_db
    from claims_app.ingest.importer import import_paths

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "load-test-" + "s" * 32,
                      "WTF_CSRF_ENABLED": True})
    engine = get_db(app).engine
    migrations.upgrade(engine, "head")
    import_paths(get_db(app).sessionmaker, [ROOT / "seeds"])
    with get_db(app).sessionmaker() as s, s.begin():
        for i in range(workers):
            if find_user(s, f"reviewer{i}") is None:
                create_user(s, None, f"reviewer{i}", PASSWORD, "editor")
        articles = list(s.scalars(select(Article.id).order_by(Article.id)))
        claims = list(s.scalars(select(Claim.id).order_by(Claim.id).limit(CONTENDED_CLAIMS)))
    return app, articles, claims


def _start_imports(url: str, folder: Path, articles: int, processes: int
                   ) -> list[subprocess.Popen[str]]:
    """``processes`` ``claims-app import`` commands, each of its own generated batch of
    ``articles`` articles, started now; they run beside the reviewers."""
    from benchmarks.generate import Generator, write_corpus

    env = {**os.environ, "CLAIMS_DATABASE_URL": url,
           "CLAIMS_INSTANCE_PATH": str(folder / "instance")}
    command = str(Path(sys.executable).with_name("claims-app"))
    started = []
    for n in range(processes):
        batch = folder / f"batch-{n}.jsonl"
        # Seeds far from the load's own: batches of different articles, speakers shared.
        write_corpus(Generator(seed=4242 + n), articles, "jsonl", batch)
        started.append(subprocess.Popen([command, "import", "--quiet", str(batch)], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True))
    return started


def _duplicates(session: Any) -> list[str]:
    """Records stored twice: live speakers of one name key, articles of one content hash,
    claims of one article, span and kind."""
    from sqlalchemy import func, select

    from claims_app.articles.models import Article
    from claims_app.claims.models import Claim
    from claims_app.speakers.models import Speaker

    found = []
    for what, cols, where in (
        ("speaker", (Speaker.name_key,), Speaker.merged_into_id.is_(None)),
        ("article", (Article.content_hash,), None),
        ("claim", (Claim.article_id, Claim.start, Claim.end, Claim.kind), None),
    ):
        stmt = select(*cols, func.count()).group_by(*cols).having(func.count() > 1)
        if where is not None:
            stmt = stmt.where(where)
        found += [f"{what} {tuple(row[:-1])} x{row[-1]}" for row in session.execute(stmt)]
    return found


#: Request threads of the server: what ``claims-app serve`` runs with by default.
SERVER_THREADS = 8


def run_load(url: str, *, engine: str, workers: int = 10, operations: int = 200,
             time_cap: float = 20.0, seed: int = 1, imports: int = 0,
             import_processes: int = 2, threads: int = SERVER_THREADS) -> LoadReport:
    """Run the load against a fresh database at ``url`` and check what was stored; with
    ``imports``, ``import_processes`` imports of that many articles each run beside it."""
    from sqlalchemy import func, select

    from claims_app.articles.models import Article
    from claims_app.claims.models import Claim
    from claims_app.db import get_db
    from claims_app.server import make_server, settle_heap

    app, articles, claims = _prepare(url, workers)
    with get_db(app).sessionmaker() as s:
        articles_before = s.scalar(select(func.count(Article.id))) or 0
    scratch = Path(tempfile.mkdtemp(prefix="claims-load-imports-"))
    importing = _start_imports(url, scratch, imports, import_processes) if imports else []
    server = make_server(app, host="127.0.0.1", port=0, threads=threads)
    # Requests waiting for a thread are the point of the run, not news: waitress warns
    # "Task queue depth is N" for each, thousands of lines that bury the report.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    settle_heap()
    base = f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    stopping = threading.Event()

    def serve() -> None:
        try:
            server.run()
        except OSError:
            # Closing the sockets at the end pulls them from under the loop's select();
            # only then is this expected.
            if not stopping.is_set():
                raise

    serving = threading.Thread(target=serve, daemon=True)
    serving.start()

    report = LoadReport(engine, workers, import_articles=imports * len(importing),
                        threads=threads)
    report.accepted = {c: [] for c in claims}
    report.conflicts = {c: [] for c in claims}
    lock = threading.Lock()
    budget = iter(range(operations))
    started = time.perf_counter()
    deadline = started + time_cap

    def note(kind: str, status: int, page: str, what: str) -> None:
        with lock:
            report.statuses[f"{kind} {status}"] += 1
            report.operations += 1
            cause = cause_of(status, page)
            if cause is not None:
                report.error(f"{kind}: {cause}", f"{what}: {status} {_snippet(page)}")

    def work(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        me = Reviewer(base, report.latencies, report.kind_latencies)
        try:
            me.login(f"reviewer{index}")
        except Exception as exc:  # a failed login is a finding, not a crash of the run
            with lock:
                report.error("login failed", f"reviewer{index} login: {exc}")
            return
        n = 0
        while time.perf_counter() < deadline:
            with lock:
                if next(budget, None) is None:
                    return
            n += 1
            try:
                if rng.random() < 0.5:
                    article = rng.choice(articles)
                    status, page = me.request(f"/articles/{article}", kind="read")
                    note("read", status, page, f"GET /articles/{article}")
                    continue
                claim = rng.choice(claims)
                status, page = me.request(f"/claims/{claim}/edit", kind="edit form")
                if status != 200:
                    note("edit-form", status, page, f"GET /claims/{claim}/edit")
                    continue
                fields = form_fields(page, "claim-form")
                token = f"<w{index}-{n}>"
                fields["note"] = (fields.get("note", "") + " " + token).strip()
                status, page = me.request(f"/claims/{claim}/edit", fields, kind="edit")
                note("edit", status, page, f"POST /claims/{claim}/edit")
                with lock:
                    if status in (302, 303):
                        report.accepted[claim].append(token)
                    elif status == 409:
                        report.conflicts[claim].append(token)
                    elif status < 500:
                        report.error(f"edit refused ({status})", _snippet(page))
            except Exception as exc:  # timeouts and dropped connections are findings
                with lock:
                    report.error(f"client {type(exc).__name__}",
                                 f"reviewer{index}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(time_cap + REQUEST_TIMEOUT + 10)
        if t.is_alive():
            report.error("hung", "a reviewer thread hung past the time cap")
    report.seconds = time.perf_counter() - started
    for proc in importing:  # the imports beside the load finish before anything is checked
        output, _ = proc.communicate(timeout=1800)
        report.import_lines += output.strip().splitlines()[-3:]
        if proc.returncode != 0 or "failed: 0" not in output:
            report.error("import failed", f"an import beside the load ended "
                                          f"{proc.returncode}: {_snippet(output)}")
    report.load_average = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    server.task_dispatcher.shutdown()  # finish in-flight requests before the sockets close
    stopping.set()
    server.close()
    serving.join(5)

    with get_db(app).sessionmaker() as s:
        for claim_id in claims:
            stored = (s.get(Claim, claim_id).note or "")  # type: ignore[union-attr]
            report.lost += [t for t in report.accepted[claim_id] if t not in stored]
            report.phantom += [t for t in report.conflicts[claim_id] if t in stored]
        if importing:
            report.imported = (s.scalar(select(func.count(Article.id))) or 0) - articles_before
        report.duplicates = _duplicates(s)
    get_db(app).engine.dispose()
    shutil.rmtree(scratch, ignore_errors=True)
    return report


def _snippet(page: str) -> str:
    text = re.sub(r"<[^>]+>", " ", page)
    return " ".join(text.split())[:160]


def main(argv: list[str] | None = None) -> int:
    from benchmarks.common import engines_to_run, fresh_database, machine_line

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--operations", type=int, default=3000)
    parser.add_argument("--time-cap", type=float, default=120.0)
    parser.add_argument("--imports", type=int, default=0, metavar="N",
                        help="beside the load, import generated batches of N articles each")
    parser.add_argument("--import-processes", type=int, default=2, metavar="K",
                        help="how many `claims-app import` commands run at once (2)")
    parser.add_argument("--threads", type=int, default=SERVER_THREADS,
                        help=f"server request threads ({SERVER_THREADS}, as claims-app serve)")
    args = parser.parse_args(argv)
    print(machine_line())
    print("command: python benchmarks/load_test.py " + " ".join(argv or sys.argv[1:]))
    failed = False
    requested = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    for kind in engines_to_run(requested):
        with fresh_database(kind, migrate=False) as db:
            report = run_load(db.url, engine=kind, workers=args.workers,
                              operations=args.operations, time_cap=args.time_cap,
                              imports=args.imports, import_processes=args.import_processes,
                              threads=args.threads)
        print("\n".join(report.lines()))
        print(f"  RESULT: {'FAILED' if report.problems() else 'passed'} on {kind}: "
              f"{len(report.problems())} problems")
        shown: Counter[str] = Counter()
        for problem in report.problems():  # the first three of each cause
            cause = problem.split("]", 1)[0] if problem.startswith("[") else problem[:30]
            shown[cause] += 1
            if shown[cause] <= 3:
                print("  PROBLEM:", problem)
        failed = failed or bool(report.problems())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
