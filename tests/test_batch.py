"""End-to-end tests of ``evidence.batch`` on real kernels, papermill, nbconvert and Dask.

Every notebook is a tiny one written by the test into ``tmp_path``. The notebooks
print the kernel's pid and a counter kept in an imported module, so the tests can
see which kernel ran each job and whether imports survived between jobs.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from importlib.metadata import entry_points
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from evidence.batch import Job, WarmKernelEngine, run_batch
from evidence.io.atomic import atomic_write
from evidence.batch.fingerprint import MANIFEST_NAME
from evidence.batch.kernels import WarmKernel, import_code
from evidence.errors import UnknownNameError, ValidationError
from processes import wait_dead

pytestmark = pytest.mark.slow

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

BODY = """\
import counter_mod
counter_mod.calls += 1
print(f"AREA={area} PID={os.getpid()} CALLS={counter_mod.calls} "
      f"LEAKED={'leftover' in globals()} EXE={sys.executable}")
leftover = area
if fail:
    1 / 0
if die:
    os.kill(os.getpid(), 9)
if kill_worker:  # the worker that runs this kernel (its parent, or the one that asked the kernel server)
    os.kill(int(os.environ["JPY_PARENT_PID"]), 9)
"""
#: Index of the body cell once papermill has injected its parameters cell.
BODY_INDEX = 4
REPORT = re.compile(r"AREA=(\S+) PID=(\d+) CALLS=(\d+) LEAKED=(\w+) EXE=(\S+)")


def make_notebook(folder: Path, body: str = BODY) -> Path:
    """Write the test notebook and the module it imports into ``folder``."""
    (folder / "counter_mod.py").write_text("calls = 0\n")
    nb = new_notebook(
        cells=[
            new_code_cell("import os\nimport sys"),
            new_code_cell(
                "area = 'none'\nfail = False\ndie = False\nkill_worker = False",
                metadata={"tags": ["parameters"]},
            ),
            new_markdown_cell("# Area profile"),
            new_code_cell(body),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "profile.ipynb"
    nbformat.write(nb, path)
    return path


def jobs(*keys: str, **flags: object) -> list[Job]:
    return [Job(key, {"area": key, **flags}, group="ward") for key in keys]


def report(html_path: Path) -> dict[str, str]:
    match = REPORT.search(html_path.read_text(encoding="utf-8"))
    assert match, f"no report line in {html_path}"
    area, pid, calls, leaked, exe = match.groups()
    return {"area": area, "pid": int(pid), "calls": int(calls), "leaked": leaked, "exe": exe}


def temp_files(root: Path) -> list[Path]:
    """Staging and temporary files (hidden names), other than the manifest."""
    return [p for p in root.rglob(".*") if p.is_file() and p.name != MANIFEST_NAME]


# -- papermill integration ------------------------------------------------------------
def test_papermill_engine_registered_and_entry_point_points_at_it():
    from papermill.engines import papermill_engines

    assert papermill_engines.get_engine("evidence_warm") is WarmKernelEngine
    (declared,) = [e for e in entry_points(group="papermill.engine") if e.name == "evidence_warm"]
    assert declared.load() is WarmKernelEngine
    # papermill alone (as its CLI does) finds the engine through the entry point.
    import subprocess
    import sys

    found = subprocess.run([sys.executable, "-c", "from papermill.engines import papermill_engines as e; "
                            "print(e.get_engine('evidence_warm').__name__)"], capture_output=True, text=True)
    assert found.stdout.strip() == "WarmKernelEngine", found.stderr


def test_papermill_execute_notebook_with_the_engine_reuses_one_kernel(tmp_path):
    import papermill

    from evidence.batch.kernels import shutdown_kernels

    notebook = make_notebook(tmp_path)
    pids, calls = set(), []
    try:
        for area in ("E1", "E2"):
            nb = papermill.execute_notebook(
                str(notebook), None, parameters={"area": area}, engine_name="evidence_warm",
                kernel_name="python3", progress_bar=False, kernel_cwd=tmp_path,
            )
            line = REPORT.search("".join(o.get("text", "") for o in nb.cells[BODY_INDEX].outputs))
            assert line and line.group(1) == area and line.group(4) == "False"
            pids.add(int(line.group(2)))
            calls.append(int(line.group(3)))
    finally:
        shutdown_kernels()
    assert len(pids) == 1 and calls == [1, 2]
    assert not wait_dead(pids)


def test_import_code_collects_top_level_imports(tmp_path):
    nb = make_notebook(tmp_path)
    assert import_code(nb) == "import os\nimport sys\nimport counter_mod"


# -- end to end, local pool -----------------------------------------------------------
def test_four_jobs_two_workers_reuse_two_warm_kernels(tmp_path):
    notebook = make_notebook(tmp_path)
    out = tmp_path / "profiles"
    result = run_batch(notebook, jobs("E1", "E2", "E3", "E4"), output_root=out, workers=2, progress=False)

    assert result.ok and not result.skipped, result.failures
    assert sorted(o.key for o in result.successes) == ["E1", "E2", "E3", "E4"]
    reports = {}
    for key in ["E1", "E2", "E3", "E4"]:
        html = (out / "ward" / f"{key}.html").read_text(encoding="utf-8")
        assert f"AREA={key}" in html  # the parameter reached the notebook
        assert "counter_mod.calls += 1" not in html  # no code
        assert 'class="jp-CodeMirrorEditor' not in html and 'class="jp-InputPrompt' not in html
        assert "<h1" in html and "Area profile" in html  # markdown is kept
        reports[key] = report(out / "ward" / f"{key}.html")

    pids = {r["pid"] for r in reports.values()}
    assert len(pids) == 2 < len(reports)  # one kernel per worker, not per job
    assert pids == {o.kernel_pid for o in result.successes}
    # The imported module survived between jobs on the same kernel...
    assert sorted(max(r["calls"] for r in reports.values() if r["pid"] == p) for p in pids) != [1, 1]
    assert sum(max(r["calls"] for r in reports.values() if r["pid"] == p) for p in pids) == 4
    # ...but no variable leaked from one job into the next.
    assert {r["leaked"] for r in reports.values()} == {"False"}
    assert {r["exe"] for r in reports.values()} == {sys.executable}
    assert set(result.timings) == {"E1", "E2", "E3", "E4", "total"}
    assert not temp_files(out)
    assert not wait_dead(pids), "kernels left running"


def test_failure_is_isolated_and_never_replaces_a_good_profile(tmp_path):
    notebook = make_notebook(tmp_path)
    out = tmp_path / "profiles"
    first = run_batch(notebook, jobs("E1", "E2", "E3"), output_root=out, workers=1, progress=False)
    assert first.ok
    good = (out / "ward" / "E2.html").read_bytes()

    planted = jobs("E1", "E3") + jobs("E2", fail=True)
    result = run_batch(notebook, planted, output_root=out, workers=2, progress=False, force=True)

    assert sorted(o.key for o in result.successes) == ["E1", "E3"]
    (failure,) = result.failures
    assert (failure.key, failure.cell_index, failure.ename) == ("E2", BODY_INDEX, "ZeroDivisionError")
    assert failure.notebook_path == out / "failures" / "ward" / "E2.ipynb"
    kept = nbformat.read(failure.notebook_path, as_version=4)
    assert "An Exception was encountered at" in kept.cells[0].source  # papermill's banner
    assert any(o.get("ename") == "ZeroDivisionError" for c in kept.cells for o in c.get("outputs", []))
    assert (out / "ward" / "E2.html").read_bytes() == good
    assert "E2" in str(failure) and "cell 4" in str(failure)
    assert not temp_files(out)

    # A failed job is never up to date: the next run tries it again, and only it.
    again = run_batch(notebook, planted, output_root=out, workers=1, progress=False)
    assert again.skipped == ["E1", "E3"] and [f.key for f in again.failures] == ["E2"]
    assert (out / "ward" / "E2.html").read_bytes() == good


def test_dead_kernel_fails_one_job_and_the_kernel_is_restarted(tmp_path):
    notebook = make_notebook(tmp_path)
    out = tmp_path / "profiles"
    planted = jobs("E1") + jobs("E2", die=True) + jobs("E3")
    result = run_batch(notebook, planted, output_root=out, workers=1, progress=False)

    assert [o.key for o in result.successes] == ["E1", "E3"]
    (failure,) = result.failures
    assert (failure.key, failure.cell_index, failure.ename) == ("E2", BODY_INDEX, "DeadKernelError")
    assert failure.notebook_path.is_file()
    before, after = report(out / "ward" / "E1.html"), report(out / "ward" / "E3.html")
    assert before["pid"] != after["pid"] and after["calls"] == 1  # a fresh kernel carried on
    assert not wait_dead({before["pid"], after["pid"]})


def test_killed_worker_is_replaced_and_old_output_survives(tmp_path):
    notebook = make_notebook(tmp_path)
    out = tmp_path / "profiles"
    assert run_batch(notebook, jobs("E1", "E2"), output_root=out, workers=1, progress=False).ok
    good = (out / "ward" / "E2.html").read_bytes()

    planted = jobs("E1", "E3") + jobs("E2", kill_worker=True)
    result = run_batch(notebook, planted, output_root=out, workers=2, progress=False, force=True)

    assert sorted(o.key for o in result.successes) == ["E1", "E3"]
    assert [(f.key, f.ename) for f in result.failures] == [("E2", "WorkerLost")]
    assert (out / "ward" / "E2.html").read_bytes() == good
    assert not temp_files(out)
    pids = {report(out / "ward" / f"{k}.html")["pid"] for k in ("E1", "E3")}
    assert not wait_dead(pids)


# -- atomic writes ----------------------------------------------------------------------
def test_interrupted_write_leaves_old_file_and_no_temp_file(tmp_path):
    target = tmp_path / "ward" / "E1.html"
    atomic_write(target, b"<p>good profile</p>")

    def chunks():
        yield b"<p>half a new prof"
        raise KeyboardInterrupt  # the analyst pressed Ctrl-C mid-write

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, chunks())
    assert target.read_bytes() == b"<p>good profile</p>"
    assert sorted(p.name for p in target.parent.iterdir()) == ["E1.html"]


def test_failing_export_keeps_old_profile(tmp_path):
    notebook = make_notebook(tmp_path)
    out = tmp_path / "profiles"
    assert run_batch(notebook, jobs("E1"), output_root=out, workers=1, progress=False).ok
    good = (out / "ward" / "E1.html").read_bytes()

    # A template whose rendering raises half-way through the page.
    broken = tmp_path / "templates" / "broken"
    broken.mkdir(parents=True)
    (broken / "conf.json").write_text(json.dumps({"base_template": "lab", "mimetypes": {"text/html": True}}))
    (broken / "index.html.j2").write_text(
        "{%- extends 'lab/index.html.j2' -%}\n{% block body_header %}{{ raise_here() }}{% endblock %}\n"
    )
    result = run_batch(notebook, jobs("E1"), output_root=out, workers=1, progress=False, template=broken)

    (failure,) = result.failures
    assert failure.cell_index is None and failure.ename == "UndefinedError"
    assert failure.notebook_path.is_file()  # the executed notebook is kept for debugging
    assert (out / "ward" / "E1.html").read_bytes() == good
    assert not temp_files(out)


# -- incremental rebuilds -------------------------------------------------------------
def test_incremental_rebuilds(tmp_path):
    notebook = make_notebook(tmp_path)
    out = tmp_path / "profiles"

    def run(**kwargs):
        return run_batch(notebook, kwargs.pop("jobs", jobs("E1", "E2")), output_root=out, workers=1,
                         progress=False, **kwargs)

    assert len(run(inputs_digest="v1").successes) == 2
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert sorted(manifest["outputs"]) == ["ward/E1.html", "ward/E2.html"]

    again = run(inputs_digest="v1")
    assert again.skipped == ["E1", "E2"] and not again.successes

    stale = out / "ward" / ".E1.html.k1ll3d00.tmp"  # left by a killed writer (8 random characters)
    stale.write_bytes(b"<p>half")
    assert len(run(inputs_digest="v2").successes) == 2  # the evidence base changed
    assert not stale.exists()
    assert len(run(inputs_digest="v2", force=True).successes) == 2

    one_changed = run(inputs_digest="v2", jobs=jobs("E1") + [Job("E2", {"area": "E2b"}, group="ward")])
    assert [o.key for o in one_changed.successes] == ["E2"] and one_changed.skipped == ["E1"]

    (out / "ward" / "E1.html").unlink()
    assert [o.key for o in run(inputs_digest="v2").successes] == ["E1", "E2"]

    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(new_markdown_cell("A new closing paragraph."))
    nbformat.write(nb, notebook)  # editing the notebook rebuilds everything
    rebuilt = run(inputs_digest="v2")
    assert len(rebuilt.successes) == 2
    assert "A new closing paragraph." in (out / "ward" / "E1.html").read_text(encoding="utf-8")


# -- Dask -----------------------------------------------------------------------------------
# The scheduler always serves HTTP; with another cluster on the machine it moves port.
@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")
def test_dask_cluster_runs_the_batch_on_warm_kernels(tmp_path):
    import distributed  # a dependency of evidence: its absence is a failure, not a skip
    notebook = make_notebook(tmp_path)
    out = tmp_path / "profiles"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        keys = ["E1", "E2", "E3", "E4", "E5", "E6"]
        result = run_batch(
            notebook, jobs(*keys), output_root=out, scheduler=cluster.scheduler_address, progress=False
        )
        assert result.ok, result.failures
        reports = [report(out / "ward" / f"{k}.html") for k in keys]
        assert [r["area"] for r in reports] == keys
        pids = {r["pid"] for r in reports}
        assert 1 <= len(pids) <= 2 < len(keys)
        assert sum(max(r["calls"] for r in reports if r["pid"] == p) for p in pids) == len(keys)
        assert {r["leaked"] for r in reports} == {"False"}
        assert not wait_dead(pids), "the batch should shut the workers' kernels down"

        assert run_batch(
            notebook, jobs(*keys), output_root=out, scheduler=cluster.scheduler_address, progress=False
        ).skipped == keys


# -- validation and registry ------------------------------------------------------------
def test_unknown_backend_lists_the_names(tmp_path):
    notebook = make_notebook(tmp_path)
    with pytest.raises(UnknownNameError, match="Did you mean 'dask'.*Allowed: dask, local"):
        run_batch(notebook, jobs("E1"), output_root=tmp_path, backend="dusk", progress=False)


def test_all_job_problems_reported_together(tmp_path):
    notebook = make_notebook(tmp_path)
    bad = jobs("E1", "E1") + [Job("E9", {"area": "x"}, output="ward/E1.html")]
    with pytest.raises(ValidationError) as info:
        run_batch(notebook, bad, output_root=tmp_path, progress=False)
    assert len(info.value.problems) == 2
    assert not list(tmp_path.glob("ward"))  # nothing ran


def test_warm_kernel_reset_keeps_modules_and_forgets_variables(tmp_path):
    kernel = WarmKernel(warmup="import json")
    try:
        kernel.start(tmp_path)
        first_pid = kernel.pid
        kernel.reset(tmp_path)
        assert kernel.call(kernel._execute, "x = 1")["status"] == "ok"
        kernel.reset(tmp_path)
        assert kernel.call(kernel._execute, "x")["ename"] == "NameError"
        assert kernel.call(kernel._execute, "assert 'json' in sys.modules")["status"] == "error"
        assert kernel.call(kernel._execute, "import sys; assert 'json' in sys.modules")["status"] == "ok"
        os.kill(first_pid, signal.SIGKILL)  # dies between two jobs
        kernel.reset(tmp_path)  # so it is restarted for the next one
        second_pid = kernel.pid
        assert second_pid != first_pid and kernel.starts == 2
    finally:
        kernel.shutdown()
    assert not wait_dead({first_pid, second_pid})


def test_prestarted_pool_is_taken_over_or_shut_down(tmp_path):
    """Kernels warmed ahead of the batch are the ones that run it; an unused pool goes away."""
    from evidence.batch.local import _PRESTARTED, discard_prestarted, prestart
    from evidence.batch.worker import Settings

    notebook = make_notebook(tmp_path)
    prestart(Settings.for_notebook(notebook), 2)
    assert len(_PRESTARTED) == 1
    result = run_batch(notebook, jobs("E1", "E2", "E3"), output_root=tmp_path / "out", workers=2, progress=False)
    assert result.ok, result.failures
    assert not _PRESTARTED  # taken over, not duplicated
    pids = {o.kernel_pid for o in result.successes}
    assert len(pids) == 2
    assert not wait_dead(pids), "kernels left running"

    prestart(Settings.for_notebook(notebook), 2)
    discard_prestarted()
    assert not _PRESTARTED
