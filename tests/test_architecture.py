"""ARCHITECTURE.md stays true: every package and top-level module it lists exists, every one
that exists is listed, and every module named as a rule's owner exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "claims_app"
DOC = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", DOC, re.S | re.M)
    assert match, f"ARCHITECTURE.md has no '## {title}' section"
    return match.group(1)


def _listed() -> set[str]:
    """The bullet names of the Packages section: ``accounts/``, ``cache.py``..."""
    return set(re.findall(r"^- `([^`]+)` — ", _section("Packages"), re.M))


def _present() -> set[str]:
    packages = {f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = {p.name for p in PACKAGE.glob("*.py")}
    return packages | modules


def test_every_package_and_module_listed_exists() -> None:
    missing = _listed() - _present()
    assert not missing, f"ARCHITECTURE.md lists what is not there: {sorted(missing)}"


def test_every_package_and_top_level_module_is_listed() -> None:
    unlisted = _present() - _listed()
    assert not unlisted, f"add to ARCHITECTURE.md's Packages section: {sorted(unlisted)}"


def test_the_lists_are_read_at_all() -> None:
    # Guards the two tests above against a parse that silently finds nothing.
    assert {"web/", "db/", "crossref/", "cache.py", "__init__.py"} <= _listed()


def test_each_rule_owner_exists_and_each_rule_has_one() -> None:
    table = _section("One owner per cross-cutting rule")
    rows = re.findall(r"^\| ([a-z ]+) \| `([^`]+)` \|$", table, re.M)
    rules = [rule for rule, _ in rows]
    assert {"permissions", "audit", "derived data", "locking", "caching", "pagination",
            "input parsing", "rate limiting", "background jobs", "configuration"} <= set(rules)
    assert len(rules) == len(set(rules)), "a rule with two owners"
    for rule, owner in rows:
        assert (ROOT / owner).is_file(), f"{rule}: {owner} does not exist"


TESTS = ROOT / "tests"
# Folders under tests/ that hold no package's tests: data files, the benchmark generator's
# tests, the shared test worlds (fixtures several packages' tests build on), and the two
# properties checked across every package at once (security: headers, sessions, XSS, races;
# reliability: crashes, load, lost connections, migrations), which have no one owner.
TEST_SUPPORT_FOLDERS = {"data", "bench", "worlds", "security", "reliability"}
# Folders inside a package's test folder that hold files, not tests.
TEST_DATA_FOLDERS = {"data", "axe", "node_modules"}


def _folders(under: Path) -> list[Path]:
    return sorted(p for p in under.iterdir()
                  if p.is_dir() and not p.name.startswith((".", "__")))


def test_test_folders_are_named_after_packages() -> None:
    """tests/ mirrors claims_app/: tests/<package>/ holds that package's tests (tests/web/ the
    web shell's), and a folder below it is named after a module or subpackage of that
    package, so a test is found where the code it tests lives, not by when it was written."""
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    strays = []
    for folder in _folders(TESTS):
        if folder.name in TEST_SUPPORT_FOLDERS:
            continue
        if folder.name not in packages:
            strays.append(folder.name)
            continue
        code = PACKAGE / folder.name
        for sub in _folders(folder):
            if sub.name in TEST_DATA_FOLDERS:
                continue
            if not ((code / f"{sub.name}.py").is_file() or (code / sub.name).is_dir()):
                strays.append(f"{folder.name}/{sub.name}")
    assert not strays, f"test folders named after no package or module: {strays}"
    assert {"claims", "speakers", "web"} <= {f.name for f in _folders(TESTS)}


#: A module longer than this says in its docstring why it stays one module (issue 14).
MODULE_LINES = 400


def _says_why_it_is_long(path: Path) -> bool:
    """The module docstring has a paragraph starting ``Size:``."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return any(p.strip().startswith("Size:") for p in re.split(r"\n\s*\n", doc))


def test_a_long_module_says_why_it_is_one_module() -> None:
    """A module over ``MODULE_LINES`` lines either does several jobs (split it) or has one
    reason to stay whole (one rule table, one document, one pass's shared state), written
    as a docstring paragraph starting ``Size:`` so the next reader does not split it."""
    long = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
            for p in PACKAGE.rglob("*.py")}
    silent = sorted(f"{name} ({lines} lines)" for name, lines in long.items()
                    if lines > MODULE_LINES and not _says_why_it_is_long(ROOT / name))
    assert not silent, f"split these, or say why each is one module ('Size:'): {silent}"
