"""ARCHITECTURE.md stays true: every package and top-level module it lists exists, every one
that exists is listed, and every module named as a rule's owner exists."""

from __future__ import annotations

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
