"""`evidence profiles` end to end: real papermill runs on warm kernels, real exports, a real browser."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import evidence
from browser import page_checker  # noqa: F401  (the fixture)
from evidence.batch.fingerprint import MANIFEST_NAME
from evidence.profiles.run import run_profiles
from realproject import GLOUCESTER, write_real_project

pytestmark = pytest.mark.slow

WARDS = ["E05999001", "E05999013", "E05999017"]  # Abbey, Little Stretton, St Mary's


@pytest.fixture(scope="module")
def demo_run(demo_project, tmp_path_factory):
    output = tmp_path_factory.mktemp("areaprofiles")
    result = run_profiles(demo_project, areas=WARDS, output=output, workers=2, progress=False)
    return result, output


def test_every_profile_and_the_index_are_written(demo_run):
    result, output = demo_run
    assert result.batch.ok, result.batch.failures
    for code in WARDS:
        page = (output / "ward" / f"{code}.html").read_text()
        assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
        assert page.count("<h1") == 1 and "<main" in page
        assert "area_code" not in page and "build_profile" not in page  # no code, no parameters
        assert "significantly worse than Demoshire" in page or "not significantly worse" in page
        assert len(page.encode()) < 1_000_000
    index = result.index.read_text()
    for code in WARDS:
        assert f'href="ward/{code}.html"' in index
    assert re.search(r"<title>St Mary(&#39;|')s: ward profile</title>", (output / "ward" / "E05999017.html").read_text())


def test_profile_and_index_pass_the_browser_checks(demo_run, page_checker):
    _, output = demo_run
    for path in (output / "ward" / "E05999001.html", output / "index.html"):
        report = page_checker(path)
        assert report.blocked_requests == [], report.blocked_requests
        assert report.console_errors == [] and report.page_errors == []
        assert report.maps and all(n > 0 for n in report.maps)
        assert report.axe_violations == [], [v["id"] for v in report.axe_violations]
        assert report.overflow_320 == 0
    report = page_checker(output / "ward" / "E05999001.html")
    assert report.svg_charts > 0 and report.svg_charts_drawn == report.svg_charts


def test_rerun_rebuilds_nothing_unless_forced(demo_project, demo_run):
    _, output = demo_run
    again = run_profiles(demo_project, areas=WARDS, output=output, workers=1, progress=False)
    assert len(again.batch.skipped) == len(WARDS) and not again.batch.successes
    forced = run_profiles(demo_project, areas=WARDS[:1], output=output, workers=1, force=True, progress=False)
    assert [o.key for o in forced.batch.successes] == WARDS[:1]


def test_a_run_with_nothing_changed_imports_no_data_stack_and_starts_no_kernel(demo_project, tmp_path):
    output = tmp_path / "out"
    first = run_profiles(demo_project, areas=WARDS[:2], output=output, workers=1, progress=False)
    assert first.batch.ok and len(first.batch.successes) == 2
    code = ("import sys; from evidence.profiles.run import run_profiles; "
            f"r = run_profiles({str(demo_project)!r}, areas={WARDS[:2]!r}, output={str(output)!r}, progress=False); "
            "print(len(r.batch.skipped), len(r.batch.successes), r.index.is_file(), "
            "sorted(m for m in ('pandas', 'geopandas', 'papermill', 'jupyter_client', 'scipy') if m in sys.modules))")
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert again.stdout.split() == ["2", "0", "True", "[]"], again.stderr
    (output / "ward" / f"{WARDS[0]}.html").unlink()  # a missing page: the full path, which rebuilds only it
    rebuilt = run_profiles(demo_project, areas=WARDS[:2], output=output, workers=1, progress=False)
    assert [o.key for o in rebuilt.batch.successes] == WARDS[:1] and rebuilt.batch.skipped == WARDS[1:2]


def test_cli_reports_a_bad_area_without_traceback(demo_project, tmp_path):
    result = subprocess.run([sys.executable, "-m", "evidence.cli", "profiles", str(demo_project), "--areas",
                             "E05999999", "--output", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Unknown area code(s): E05999999" in result.stderr and "Traceback" not in result.stderr


def _descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (workers, fork server, kernel server, kernels)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def test_ctrl_c_stops_cleanly_and_keeps_finished_profiles(demo_project, tmp_path):
    """Ctrl-C mid-batch: exit 130 with a message, whole pages only, no process or socket left."""
    output = tmp_path / "out"
    command = [sys.executable, "-m", "evidence.cli", "profiles", str(demo_project), "--output", str(output),
               "--workers", "2", "--force", "--quiet"]
    # As typed in a terminal: a CI runner may have started us with Ctrl-C ignored, and an
    # ignored SIGINT is inherited.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    family: set[int] = set()
    deadline = time.monotonic() + 120
    while not list(output.glob("ward/*.html")) and time.monotonic() < deadline and process.poll() is None:
        family |= _descendants(process.pid)
        time.sleep(0.05)
    family |= _descendants(process.pid)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)

    assert process.returncode == 130, stderr
    assert "Interrupted" in stderr and "Traceback" not in stderr
    pages = list(output.glob("ward/*.html"))
    assert 1 <= len(pages) < 20
    assert all(page.read_text(encoding="utf-8").rstrip().endswith("</html>") for page in pages)
    assert not [p for p in output.rglob(".*") if p.is_file() and p.name != MANIFEST_NAME]
    assert len(family) >= 5  # fork server, two workers, kernel server, its kernels
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in family):
        time.sleep(0.1)
    left = [pid for pid in family if Path(f"/proc/{pid}").exists()]
    assert not left, f"processes left running: {left}"


def test_real_gloucester_ward_profiles(realdata, tmp_path_factory, page_checker):
    project = write_real_project(tmp_path_factory.mktemp("real") / "project", realdata)
    eb = evidence.load(project)
    wards = eb.areas[(eb.areas["area_type"] == "ward") & (eb.areas["district_code"] == GLOUCESTER)]
    output = tmp_path_factory.mktemp("real_profiles")
    result = run_profiles(project, areas=list(wards["area_code"]), output=output, workers=2, progress=False)
    assert result.batch.ok, result.batch.failures
    assert len(result.batch.successes) == len(wards) == 18
    for code in wards["area_code"][:2]:
        report = page_checker(output / "ward" / f"{code}.html", name=f"real-{code}")
        assert report.blocked_requests == [] and report.console_errors == [] and report.page_errors == []
        assert report.axe_violations == [], [v["id"] for v in report.axe_violations]
        assert report.maps and all(n > 0 for n in report.maps)
        assert report.overflow_320 == 0
