"""Running the app as a long-lived server process.

**Why the heap is frozen before serving.** A served process holds about 120,000 objects
that live as long as it does: modules, Flask and SQLAlchemy's registries, compiled SQL, the
extraction rules. CPython's cyclic garbage collector walks all of them in every full
collection, and a full collection here took 45–70 ms, during which every request thread
waits (they share the interpreter lock). Under four concurrent clients those pauses were the
whole tail of the page latencies at a million claims: an article page answered in 9 ms but
had a p95 of 104 ms. ``gc.freeze()`` moves the objects that exist once the app is built into
a permanent generation the collector skips, so a full collection only walks what requests
created since: 2 ms (BENCHMARKS.md, "Pages", frozen start-up heap). The frozen objects live
for the whole process anyway; nothing that requests allocate is frozen.

**Why every template is compiled before serving.** Jinja compiles a template the first time
it is rendered: the claim page's (with the templates it includes and imports) took 110-140 ms
to compile, most of a cold view's 139 ms "template" time, while rendering it takes 9 ms. A
served process compiles all of them once before its first request (about 0.4 s of start-up
for the 45 templates), and they are then frozen with the rest of the heap.
"""

from __future__ import annotations

import gc
from typing import Any

from flask import Flask


def settle_heap() -> int:
    """Collect once, then exclude every object alive now from later collections.

    Call it after the app is built and before the first request, in the process that serves
    (after forking, with a forking server). Returns the number of objects frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def compile_templates(app: Flask) -> int:
    """Compile every HTML template of ``app`` into Jinja's cache now rather than on its first
    render; returns how many were compiled."""
    env = app.jinja_env
    names = [n for n in env.list_templates() if n.endswith(".html")]
    for name in names:
        env.get_template(name)
    return len(names)


#: waitress settings every served process uses. ``ident`` empty: no ``Server: waitress``
#: header (nor waitress's name on its own error pages) telling a prober which server and
#: so which advisories to try (issue 15).
WAITRESS_SETTINGS: dict[str, Any] = {"ident": ""}


def make_server(app: Flask, *, host: str, port: int, threads: int) -> Any:
    """The waitress server for ``app`` (bound, not yet serving); ``port=0`` takes a free one."""
    # Here, not at the top: only a served app needs waitress; tests and commands that
    # import this module for ``settle_heap`` do not load it.
    from waitress.server import create_server

    return create_server(app, host=host, port=port, threads=threads, **WAITRESS_SETTINGS)


def serve(app: Flask, *, host: str, port: int, threads: int) -> None:
    """Serve ``app`` with waitress, a production WSGI server, until interrupted."""
    server = make_server(app, host=host, port=port, threads=threads)
    compile_templates(app)
    settle_heap()
    server.print_listen("Serving on http://{}:{}")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
