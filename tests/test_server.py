"""The server process: what it does to itself before the first request."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from claims_app.server import compile_templates

SCRIPT = """
import gc, sys
from claims_app import create_app
from claims_app.server import settle_heap

create_app({"DATABASE_URL": "sqlite:///" + sys.argv[1]})
gc.collect()
alive = len(gc.get_objects())
frozen = settle_heap()
print(alive, frozen, len(gc.get_objects()))
"""


def test_settling_the_heap_leaves_the_collector_only_what_requests_create(
        tmp_path: Path) -> None:
    # A process of its own: freezing the test runner's heap would keep its garbage forever.
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "db.sqlite3")],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    alive, frozen, left = map(int, out.split())
    assert alive > 50_000  # modules, registries, compiled rules: what a full collection walked
    assert frozen >= alive - 100
    assert left < 100


def test_every_template_is_compiled_before_the_first_request(
        app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    # Compiling the claim page's templates on its first view took 110-140 ms.
    assert compile_templates(app) > 40
    env = app.jinja_env

    def compile_again(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("compiled on first use")

    monkeypatch.setattr(env, "compile", compile_again)
    for name in ("claims/detail.html", "base.html", "claims/_appearances.html"):
        env.get_template(name)
