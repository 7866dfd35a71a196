"""Every third-party module the package imports is a declared dependency, and nothing else is.

The imports are read with ``ast`` from ``src/evidence`` and the report notebooks (which
run in the user's kernel from a normal install); each top-level module is mapped to the
distribution that provides it (``importlib.metadata.packages_distributions``). The same
runtime list must be in ``pyproject.toml`` and ``environment.yml``, and every declared
dependency is pinned exactly in ``constraints.txt``.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))

#: Declared, used, but never imported by name: each with where it is used.
USED_WITHOUT_IMPORT = {
    "pyarrow": "the engine of to_parquet/read_parquet: the evidence base is Parquet and GeoParquet",
    "pyogrio": "geopandas's file engine: boundaries are read and the GeoPackage written through it",
    "jupyterlab": "the analysts' notebook server: `make lab` runs it on notebooks/ (tests/test_lab_server.py)",
    "ipywidgets": "the progress bars tqdm.auto draws in a notebook (evidence.display.progress)",
}
#: conda-forge names that differ from the PyPI ones.
CONDA_NAMES = {"matplotlib-base": "matplotlib"}


def _name(requirement: str) -> str:
    """The canonical distribution name of a requirement string (PEP 503)."""
    name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1)
    return re.sub(r"[-_.]+", "-", name).lower()


#: Lists the absolute imports of each source read as JSON from stdin (file -> source).
_IMPORTS_SCRIPT = """
import ast, json, sys
found = {}
for where, source in json.load(sys.stdin).items():
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    found[where] = sorted(names)
json.dump(found, sys.stdout)
"""


def _imports(sources: dict[str, str]) -> dict[str, set[str]]:
    """File -> the top-level modules it imports (absolutely) anywhere, functions included.

    Parsed in a fresh interpreter: CPython 3.11's ``ast`` can be left in a broken state by
    an earlier test in the same process ("SystemError: AST constructor recursion depth
    mismatch"), which would fail this test for a reason that is not its own.
    """
    done = subprocess.run([sys.executable, "-c", _IMPORTS_SCRIPT], input=json.dumps(sources), capture_output=True,
                          text=True, check=True)
    return {where: set(names) for where, names in json.loads(done.stdout).items()}


def _third_party(sources: dict[str, str], local: set[str]) -> dict[str, set[str]]:
    """Module -> the files importing it, for modules neither in the standard library nor local."""
    used: dict[str, set[str]] = {}
    for where, modules in _imports(sources).items():
        for module in modules - set(sys.stdlib_module_names) - local - {"__future__"}:
            used.setdefault(module, set()).add(where)
    return used


def _package_sources() -> dict[str, str]:
    sources = {str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in (REPO / "src").rglob("*.py")}
    for notebook in (REPO / "notebooks").glob("*.ipynb"):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        sources[str(notebook.relative_to(REPO))] = "\n".join(line for cell in code for line in cell.splitlines()
                                                              if not line.lstrip().startswith(("%", "!")))
    return sources


@functools.cache
def _providers() -> dict[str, list[str]]:
    return packages_distributions()


def _distributions(module: str) -> set[str]:
    return {_name(d) for d in _providers().get(module, [])}


def _declared(group: str | None = None) -> set[str]:
    project = PYPROJECT["project"]
    listed = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return {_name(r) for r in listed}


def test_every_imported_module_is_a_declared_dependency():
    runtime = _declared()
    used = _third_party(_package_sources(), {"evidence"})
    undeclared = {m: sorted(where)[:3] for m, where in used.items() if not _distributions(m) & runtime}
    assert not undeclared, f"imported but not in pyproject.toml's dependencies: {undeclared}"


def test_every_declared_dependency_is_imported_or_used_as_an_engine():
    used = _third_party(_package_sources(), {"evidence"})
    provided = {d for m in used for d in _distributions(m)}
    unused = _declared() - provided - set(USED_WITHOUT_IMPORT)
    assert not unused, f"declared in pyproject.toml but nothing imports them: {sorted(unused)}"
    assert not set(USED_WITHOUT_IMPORT) & provided, "imported after all: drop it from USED_WITHOUT_IMPORT"


def test_the_tests_import_only_declared_dependencies():
    sources = {str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in (REPO / "tests").glob("*.py")}
    local = {p.stem for p in (REPO / "tests").glob("*.py")} | {"evidence"}
    declared = _declared() | _declared("test")
    undeclared = {m: sorted(w)[:3] for m, w in _third_party(sources, local).items() if not _distributions(m) & declared}
    assert not undeclared, f"imported by the tests but not declared (add to the 'test' extra): {undeclared}"


def test_environment_yml_lists_the_same_dependencies():
    spec = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    conda = {_name(CONDA_NAMES.get(_name(d), d)) for d in spec["dependencies"] if isinstance(d, str)}
    pip = {_name(d) for item in spec["dependencies"] if isinstance(item, dict) for d in item.get("pip", [])
           if not d.startswith("-")}
    expected = _declared() | _declared("test")
    assert (conda | pip) - {"python", "pip"} == expected


def test_constraints_pin_every_declared_dependency_exactly():
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version and re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version.strip()), f"not an exact pin: {line}"
            pins[_name(name)] = version.strip()
    missing = (_declared() | _declared("test")) - set(pins)
    assert not missing, f"not pinned in constraints.txt: {sorted(missing)}"
