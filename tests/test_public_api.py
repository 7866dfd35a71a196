"""The public API is pinned: each package's ``__all__`` is exactly its public names, sorted.

A package's public names are read from its ``__init__.py`` with ``ast``: what it defines
at the top level (functions, classes, constants) and what it re-exports from the
``evidence`` package (``from evidence.x import name`` that the ``__init__`` does not use
itself, also under ``if TYPE_CHECKING:``, and the keys of the table a lazy ``__getattr__``
looks names up in), except names starting with ``_`` (``__version__`` aside). Imports of
other libraries (``os``, ``Path``, ``np``) are never API. A name imported from evidence
*and* used by the ``__init__`` itself (the demo's helpers) is the one ambiguous case: it
may be listed (``Scenario``) but need not be. Every name in ``__all__`` must also resolve
on the imported package, lazy ones included.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import evidence

PACKAGES = sorted(["evidence", *(m.name for m in pkgutil.walk_packages(evidence.__path__, "evidence.") if m.ispkg)])


def _init(package: str) -> ast.Module:
    path = Path(importlib.import_module(package).__file__)
    return ast.parse(path.read_text(encoding="utf-8"))


def _lazy_tables(tree: ast.Module) -> set[str]:
    """Names of the top-level dicts that a module ``__getattr__`` reads."""
    getattr_ = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "__getattr__"]
    return {n.id for f in getattr_ for n in ast.walk(f) if isinstance(n, ast.Name)}


def _public(name: str) -> bool:
    return not name.startswith("_") or name == "__version__"


def public_names(package: str) -> tuple[set[str], set[str]]:
    """(the names ``package`` must export, the further names it may export), by the rule above."""
    tree = _init(package)
    tables = _lazy_tables(tree)
    names: set[str] = set()
    imported: set[str] = set()

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if not isinstance(target, ast.Name) or target.id == "__all__":
                        continue
                    if target.id in tables and isinstance(node.value, ast.Dict):
                        names.update(k.value for k in node.value.keys if isinstance(k, ast.Constant))
                    else:
                        names.add(target.id)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "evidence":
                imported.update(alias.asname or alias.name for alias in node.names)
            elif isinstance(node, ast.If):  # if TYPE_CHECKING: the lazy names' imports
                visit(node.body)

    visit(tree.body)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    must = {n for n in names | (imported - used) if _public(n)}
    return must, {n for n in imported & used if _public(n)}


@pytest.mark.parametrize("package", PACKAGES)
def test_all_is_exactly_the_public_names_sorted(package):
    module = importlib.import_module(package)
    assert hasattr(module, "__all__"), f"{package} has no __all__ (use [] when its modules are the API)"
    exported = list(module.__all__)
    assert exported == sorted(exported), f"{package}.__all__ is not sorted"
    assert len(set(exported)) == len(exported), f"{package}.__all__ repeats a name"
    must, may = public_names(package)
    assert must <= set(exported) <= must | may, (f"{package}: in __all__ but not defined or re-exported: "
                                                 f"{sorted(set(exported) - must - may)}; public but not in "
                                                 f"__all__: {sorted(must - set(exported))}")
    for name in exported:
        assert getattr(module, name, None) is not None, f"{package}.{name} does not resolve"


def test_the_rule_sees_a_missing_and_an_extra_name():
    must, _ = public_names("evidence")
    assert {"load", "__version__", "DataError"} <= must  # lazy, dunder, re-exported
    must, _ = public_names("evidence.render")
    assert "trend_chart" in must and "import_module" not in must  # a lazy name; a library import is not API
    must, may = public_names("evidence.demo")
    assert "generate" in must and "csv_bytes" in may  # defined; a helper the package uses itself
    assert "evidence.gaps" in PACKAGES and "evidence.stats" in PACKAGES
