"""Shared fixtures. Test helpers in this folder (tinyproject, browser) are importable."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(TESTS))


def need(condition: bool, reason: str) -> None:
    """Skip when ``condition`` is false, but fail under CI=true: CI must run every test."""
    if not condition:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and a test needs what is missing: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def realdata() -> Path:
    """The real open data beside the repository (../shared/realdata)."""
    path = SHARED / "realdata"
    need(path.is_dir(), f"real data not found at {path}")
    return path


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory) -> Path:
    """A copy of the bundled demo project with its evidence base built (once per session)."""
    import shutil

    import evidence

    target = tmp_path_factory.mktemp("demo") / "data"
    shutil.copytree(REPO / "data", target, ignore=shutil.ignore_patterns(".evidence"))
    evidence.build(target)
    return target


@pytest.fixture(scope="session")
def demo(demo_project):
    """The demo project's evidence base."""
    import evidence

    return evidence.load(demo_project, rebuild=False)


@pytest.fixture(scope="session")
def demo_timetable(demo_project, tmp_path_factory):
    """``evidence timetable`` on the demo as of 1 December 2026, once per session: (exit code, output, folder).

    The output folder holds the reports of the demo's completed stages (profiles' index
    and the gap analysis, written after the evidence base), so their checks are "ok".
    """
    from corpus import run_cli

    out = tmp_path_factory.mktemp("timetable") / "areaprofiles"
    out.mkdir()
    for page in ("index.html", "gap_analysis.html"):
        (out / page).write_text("<!DOCTYPE html><title>a report</title>", encoding="utf-8")
    code, printed = run_cli("timetable", str(demo_project), "--as-of", "2026-12-01", "--output", str(out))
    assert code == 0, printed
    return code, printed, out


@pytest.fixture(scope="session")
def real_gloucester(realdata, tmp_path_factory):
    """The real Gloucester project as a two-tier district sets it up, built once per session.

    Districts are compared with England and the county (Gloucestershire, E10000013, as a
    GSS code; its one value is a placeholder, ``realproject.COUNTY_PLACEHOLDER``, since the
    kit has no county figure); IDACI comes from the IoD 2019 LSOA file with its blanked numerators; the
    gap inputs and an activity register are set.
    """
    import evidence
    from realproject import GLOUCESTERSHIRE, write_real_project

    project = write_real_project(tmp_path_factory.mktemp("real_gloucester") / "project", realdata,
                                 gap_inputs=True, county=GLOUCESTERSHIRE, activities=True)
    evidence.build(project)
    return evidence.load(project, rebuild=False)


@pytest.fixture(scope="session")
def real_spelthorne(realdata, tmp_path_factory):
    """The real project with Spelthorne as the focus and Surrey (E10000030) as the county, built once."""
    import evidence
    from realproject import SPELTHORNE, SURREY, write_real_project

    project = write_real_project(tmp_path_factory.mktemp("real_spelthorne") / "project", realdata,
                                 gap_inputs=True, focus=SPELTHORNE, county=SURREY)
    evidence.build(project)
    return evidence.load(project, rebuild=False)
