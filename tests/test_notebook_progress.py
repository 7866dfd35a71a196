"""Long work started from a notebook shows ``tqdm.auto``'s progress widget: a build, a batch of profiles.

A real kernel (nbclient) builds a copy of the tiny project and runs one demo ward's
profile through :func:`evidence.profiles.run_profiles`; each cell must show a progress
widget (the ipywidgets model tqdm.auto uses in JupyterLab), no error, and the batch's
result. Outside a notebook the same calls show no widget (tests/test_display.py).
"""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from tinyproject import write_tiny_project

pytestmark = pytest.mark.slow

WIDGET = "application/vnd.jupyter.widget-view+json"


def _run(cells: list[str], tmp_path) -> list[list[dict]]:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    return [c.outputs for c in nb.cells]


def test_a_build_and_a_batch_of_profiles_show_progress_in_a_notebook(demo_project, tmp_path):
    tiny = write_tiny_project(tmp_path / "tiny")
    out = tmp_path / "areaprofiles"
    build, batch = _run([
        f"import evidence\neb = evidence.load({str(tiny)!r})\nlen(eb.values) > 0",  # it builds (progress: None)
        f"from evidence.profiles import run_profiles\nresult = run_profiles({str(demo_project)!r}, "
        f"areas=['E05999001'], output={str(out)!r}, workers=1)\n"
        "(len(result.batch.successes), len(result.batch.failures))",
    ], tmp_path)
    for outputs in (build, batch):
        assert not [o for o in outputs if o.get("output_type") == "error"]
        widgets = [o for o in outputs if WIDGET in o.get("data", {})]
        assert widgets, [o.get("output_type") for o in outputs]  # tqdm.auto's widget, not text on stderr
    assert build[-1]["data"]["text/plain"] == "True"
    assert batch[-1]["data"]["text/plain"] == "(1, 0)"
    assert any(out.rglob("*.html"))
