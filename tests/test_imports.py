"""How claims_app's modules import each other: no cycles, no private names across modules,
no guessing whether our own modules exist.

The graph is read from the source with ``ast``, every ``import`` counted wherever it is
(a function-level import is still a dependency), except those under ``if TYPE_CHECKING:``,
which never run.
"""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "claims_app"


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the claims_app module imported (the longest module name that exists)
    names: tuple[str, ...]  # what ``from ... import`` took from it (empty for ``import x``)
    line: int


def _module_names() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


MODULES = _module_names()


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node, except what sits under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for branch in node.orelse for n in [branch, *_runtime_nodes(branch)])
            continue
        yield node
        yield from _runtime_nodes(node)


def _owner(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".")
    if MODULES[module].name != "__init__.py":
        package = package[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, *([node.module] if node.module else [])])


def imports_of(module: str) -> Iterator[Import]:
    """The claims_app modules ``module`` imports; ``from pkg import sub`` counts as ``sub``."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _owner(alias.name)
                if target and target != module:
                    yield Import(module, target, (), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                target = full if full in MODULES else _owner(base)
                if target and target != module:
                    yield Import(module, target, () if full in MODULES else (alias.name,),
                                 node.lineno)


def import_graph() -> dict[str, set[str]]:
    return {module: {i.target for i in imports_of(module)} for module in MODULES}


def test_the_graph_sees_every_module_and_what_it_imports() -> None:
    # The walk itself must work for the tests below to mean anything.
    graph = import_graph()
    assert len(graph) > 100
    assert "claims_app.claims.models" in graph["claims_app.claims.services"]
    assert "claims_app.web.app" in graph["claims_app"]  # an import inside create_app counts


def test_claims_app_modules_import_each_other_without_cycles() -> None:
    sorter = graphlib.TopologicalSorter(import_graph())
    try:
        sorter.prepare()
    except graphlib.CycleError as error:
        cycle = " -> ".join(error.args[1])
        raise AssertionError(f"import cycle: {cycle}") from None


def _loaded_on_import(module: str) -> set[str]:
    """What importing ``module`` runs at once: its module-level imports, and the packages
    that hold each of them (Python runs a package's ``__init__`` before its modules),
    except the packages holding ``module`` itself, which are already under way."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    out = set()
    for i in imports_of(module):
        node = next(n for n in ast.walk(tree) if getattr(n, "lineno", None) == i.line)
        if node in tree.body:
            parts = i.target.split(".")
            out |= {".".join(parts[:k]) for k in range(1, len(parts) + 1)}
    parts = module.split(".")
    return out - {".".join(parts[:k]) for k in range(1, len(parts) + 1)}


def test_importing_any_module_never_meets_a_half_imported_one() -> None:
    # Only module-level imports run while modules load; a package runs first.
    graph = {m: _loaded_on_import(m) & MODULES.keys() for m in MODULES}
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        raise AssertionError(f"import-time cycle: {' -> '.join(error.args[1])}") from None


def test_a_cycle_would_be_reported() -> None:
    graph = {**import_graph(), "claims_app.db": {"claims_app.web.app"}}
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError:
        return
    raise AssertionError("a cycle through db and web went unnoticed")


def test_no_private_name_is_imported_from_another_module() -> None:
    private = [f"{i.module}:{i.line} takes {name} from {i.target}"
               for module in MODULES for i in imports_of(module)
               for name in i.names if name.startswith("_") and not name.startswith("__")]
    assert not private, "\n".join(private)


def test_our_own_modules_are_imported_plainly_never_guarded_by_except_import_error() -> None:
    guarded = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            catches = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            if not catches & {"ImportError", "ModuleNotFoundError"}:
                continue
            ours = [n for n in node.body for n in ast.walk(n)
                    if isinstance(n, ast.Import | ast.ImportFrom) and any(
                        _owner(a.name if isinstance(n, ast.Import) else _absolute(module, n))
                        for a in n.names)]
            guarded += [f"{module}:{n.lineno}" for n in ours]
    assert not guarded, "\n".join(guarded)


def _nested_imports_without_a_reason(module: str) -> Iterator[str]:
    """Imports inside functions with no comment on their line or just above the run of
    imports they belong to."""
    source = MODULES[module].read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for body in _bodies(function):
            run: list[ast.stmt] = []
            for statement in [*body, None]:
                if isinstance(statement, ast.Import | ast.ImportFrom):
                    run.append(statement)
                    continue
                if run and not _explained(run, lines):
                    yield f"{module}:{run[0].lineno}: {lines[run[0].lineno - 1].strip()}"
                run = []


def _bodies(function: ast.AST) -> Iterator[list[ast.stmt]]:
    for node in ast.walk(function):
        for name in ("body", "orelse", "finalbody"):
            body = getattr(node, name, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                yield body


def _explained(run: list[ast.stmt], lines: list[str]) -> bool:
    above = lines[run[0].lineno - 2].strip()
    return above.startswith("#") or any("#" in lines[s.lineno - 1] for s in run)


def test_imports_sit_at_the_top_unless_a_comment_beside_them_says_why() -> None:
    unexplained = [found for module in MODULES
                   for found in _nested_imports_without_a_reason(module)]
    assert not unexplained, "\n".join(unexplained)
