"""The wheel is a complete install: built, installed in a fresh virtual environment away
from the checkout, its ``claims-app db upgrade`` migrates an empty SQLite database.

Dependencies come from a wheelhouse kept in the test virtual environment
(``<venv>/wheelhouse``, or ``CLAIMS_WHEELHOUSE``), so only the first run (or one after a
pin changed) downloads them; every later run installs offline with the dependency
resolution a user's ``pip install`` does (no ``--no-deps``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from claims_app import migrate as migrations

ROOT = Path(__file__).resolve().parents[1]
WHEELHOUSE = Path(os.environ.get("CLAIMS_WHEELHOUSE") or Path(sys.prefix) / "wheelhouse")
# What a source distribution of the project holds; .venv/, build/ and tests/ stay behind.
SOURCES = ("pyproject.toml", "setup.py", "README.md", "claims_app", "migrations")
# A bound on each step, so a stuck download fails the test instead of hanging the suite.
STEP_SECONDS = 300


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None,
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=STEP_SECONDS, check=False)


def _pip(*args: str | Path) -> list[str | Path]:
    return [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]


def _checked(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result


def _offline(*args: str | Path) -> list[str | Path]:
    return _pip(*args, "--no-index", "--find-links", WHEELHOUSE)


def _fill_wheelhouse(source: Path, work: Path) -> None:
    """Download the build backend and every dependency once (the only networked step)."""
    WHEELHOUSE.mkdir(parents=True, exist_ok=True)
    _checked(_run(_pip("wheel", "--quiet", "--wheel-dir", WHEELHOUSE, "setuptools>=69",
                       source), cwd=work))
    for own in WHEELHOUSE.glob("claims_app-*.whl"):
        own.unlink()  # the project's own wheel is always built fresh


def _build_and_install(source: Path, work: Path, venv: Path) -> Path | None:
    """The wheel, built and installed with its dependencies from the wheelhouse alone;
    None when something it needs is not there yet."""
    dist = work / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    built = _run(_offline("wheel", "--quiet", "--no-deps", "--wheel-dir", dist, source),
                 cwd=work)
    if built.returncode != 0:
        return None
    wheel = next(dist.glob("claims_app-*.whl"))
    installed = _run(_offline("--python", venv / "bin" / "python", "install", "--quiet",
                              wheel), cwd=work)
    return wheel if installed.returncode == 0 else None


def _copy_sources(destination: Path) -> None:
    """What a source distribution holds, copied so the build writes nothing in the checkout."""
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, destination / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(ROOT / name, destination / name)


@pytest.mark.packaging
def test_the_installed_wheel_migrates_an_empty_database_outside_a_checkout(
    tmp_path: Path,
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    _copy_sources(source)
    venv = tmp_path / "venv"
    _checked(_run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path))

    wheel = _build_and_install(source, tmp_path, venv)
    if wheel is None:  # first run, or a pin changed: fetch what is missing, then retry
        _fill_wheelhouse(source, tmp_path)
        wheel = _build_and_install(source, tmp_path, venv)
    assert wheel is not None, "the wheel did not build or install from the wheelhouse"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"claims_app/migrations/env.py", "claims_app/migrations/script.py.mako",
            "claims_app/migrations/versions/0001_initial_schema.py"} <= names

    # Away from the checkout: no PYTHONPATH, a working directory without migrations/.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "CLAIMS_DATABASE_URL") and not k.startswith("FLASK_")}
    env["CLAIMS_INSTANCE_PATH"] = str(elsewhere / "instance")
    claims_app = venv / "bin" / "claims-app"
    upgraded = _checked(_run([claims_app, "db", "upgrade"], cwd=elsewhere, env=env))
    current = _checked(_run([claims_app, "db", "current"], cwd=elsewhere, env=env))

    head = migrations.head_revision()
    assert head is not None and head in current.stdout, upgraded.stderr + current.stdout
    database = elsewhere / "instance" / "claims.sqlite3"
    with sqlite3.connect(database) as conn:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert version == [(head,)]
    assert {"articles", "claims", "speakers", "users"} <= tables


def test_scripts_are_found_inside_the_package_when_installed(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "claims_app"
    (package / "migrations").mkdir(parents=True)
    (package / "migrations" / "env.py").write_text("")
    assert migrations.scripts_directory(package) == package / "migrations"


def test_scripts_are_found_at_the_top_of_a_checkout(tmp_path: Path) -> None:
    package = tmp_path / "checkout" / "claims_app"
    package.mkdir(parents=True)
    (tmp_path / "checkout" / "migrations").mkdir()
    (tmp_path / "checkout" / "migrations" / "env.py").write_text("")
    assert migrations.scripts_directory(package) == tmp_path / "checkout" / "migrations"


def test_missing_scripts_are_reported_with_where_they_were_looked_for(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no Alembic scripts"):
        migrations.scripts_directory(tmp_path / "claims_app")


def test_this_checkout_migrates_from_its_top_level_scripts() -> None:
    assert migrations.MIGRATIONS == ROOT / "migrations"
