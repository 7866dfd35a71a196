"""``notebooks/explore.ipynb``, the analysts' guided tour, run with nbclient on the demo project.

The notebook is executed on a real kernel as a newcomer would run it (all cells, the
project given as the only parameter) and its outputs are checked: a map, a spine chart,
a comparison table, the gap analysis and the plan, and no error.
"""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from evidence.resources import report_notebook

from explore_run import NOTEBOOK, check_outputs, notebook_cells, parameterised

pytestmark = pytest.mark.slow


def test_explore_notebook_runs_on_the_demo_and_shows_maps_charts_and_tables(demo_project, tmp_path):
    nb = parameterised(demo_project)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    check_outputs(notebook_cells(nb))


def test_explore_notebook_is_thin_and_shipped_like_the_report_notebooks():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and params[0].source.startswith('project = "../data"')
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert all(len(source.splitlines()) <= 5 for source in code)  # library calls and display only
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit it without outputs"
    # shipped as evidence/notebooks/ like the report notebooks (tests/test_install.py checks the wheel)
    assert report_notebook("explore.ipynb").read_bytes() == NOTEBOOK.read_bytes()
