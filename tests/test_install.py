"""A wheel built from the repository, installed without ``-e`` into a fresh environment, runs the demo.

How the environment is made (offline apart from the build backend, a couple of minutes):

* The wheel is built from a copy of the packaging inputs (``pyproject.toml``, ``setup.py``,
  ``README.md``, ``src/``, ``notebooks/``), so the build leaves nothing in the checkout, with
  pip's ordinary build isolation (setuptools comes from PyPI or pip's cache, as for any user).
* A fresh venv gets only that wheel (``--no-deps``). Its dependencies are borrowed from the
  environment running the tests: one ``.pth`` file appends that environment's site-packages
  folders to ``sys.path``. A folder named in a ``.pth`` is added as a plain path, so the
  ``.pth`` files inside it (among them the editable install's) are never run: ``evidence``
  can only come from the wheel, which the test checks. The data files the dependencies
  installed under ``<prefix>/share/jupyter`` (nbconvert's templates, the kernel spec) are
  copied into the venv, where pip would have put them. Installing the dependencies from
  PyPI instead (``pip install evidence.whl -c constraints.txt``) would download about
  400 MB of wheels for every run, too slow and too fragile for CI.
* Every command runs with the current folder a temporary folder and ``PYTHONPATH`` unset, on
  a copy of the demo project: nothing can be found relative to the checkout.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
PACKAGING = ["pyproject.toml", "setup.py", "README.md", "src", "notebooks"]
WARDS = ["E05999001", "E05999017"]


def _run(args: list[str | os.PathLike[str]], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JUPYTER", "VIRTUAL_ENV"))}
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from the repository's sources."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in PACKAGING:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info",
                                                                                 ".ipynb_checkpoints"))
        else:
            shutil.copy2(path, source / name)
    _run([sys.executable, "-m", "pip", "wheel", source, "--no-deps", "--quiet", "-w", root / "dist"], cwd=root)
    (built,) = (root / "dist").glob("evidence-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv holding the wheel (not editable); returns its scripts folder."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet", wheel],
         cwd=venv.parent)
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                        cwd=venv.parent).stdout.strip())
    borrowed = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (purelib / "zz_borrowed_dependencies.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")
    shared = Path(sys.prefix) / "share" / "jupyter"  # data files pip would have installed (nbconvert's templates)
    if shared.is_dir():
        shutil.copytree(shared, venv / "share" / "jupyter")
    return scripts


def test_wheel_holds_the_notebooks_templates_assets_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for notebook in (REPO / "notebooks").glob("*.ipynb"):
        assert f"evidence/notebooks/{notebook.name}" in names
    for folder in ("templates", "assets", "data"):
        for path in (REPO / "src" / "evidence" / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert f"evidence/{path.relative_to(REPO / 'src' / 'evidence').as_posix()}" in names
    assert not any(name.startswith("notebooks/") for name in names)  # no top-level package called notebooks


def test_installed_wheel_runs_the_demo_from_outside_the_checkout(installed, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    shutil.copytree(REPO / "data", work / "demo", ignore=shutil.ignore_patterns(".evidence"))
    python = installed / ("python.exe" if os.name == "nt" else "python")
    where = _run([python, "-c", "import evidence, evidence.resources as r; print(evidence.__file__); "
                  "print(r.report_notebook('area_profile.ipynb'))"], cwd=work).stdout.split()
    venv = installed.parent.resolve()
    assert all(Path(p).resolve().is_relative_to(venv) for p in where), where  # the wheel, not the checkout
    evidence = installed / "evidence"
    _run([evidence, "validate", "demo"], cwd=work)
    _run([evidence, "build", "demo"], cwd=work)
    _run([evidence, "profiles", "demo", "--areas", *WARDS, "--workers", "1", "--quiet"], cwd=work)
    _run([evidence, "gaps", "demo"], cwd=work)
    _run([evidence, "plan", "demo"], cwd=work)
    _run([evidence, "timetable", "demo", "--as-of", "2026-12-01"], cwd=work)
    out = work / "areaprofiles"
    for page in [*(f"ward/{code}.html" for code in WARDS), "index.html", "gap_analysis.html",
                 "priority_outcomes.html", "timetable.html"]:
        text = (out / page).read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>"), page
    assert list((out / "plan").glob("*.xlsx")) and list((out / "plan").glob("*.docx"))
    assert list((out / "gap_analysis").glob("*.gpkg"))
    assert (out / "timetable" / "timetable.ics").is_file()
