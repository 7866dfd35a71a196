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
