"""Running ``notebooks/explore.ipynb`` on a project, and what its outputs must show (shared by tests).

The notebook is run as papermill would: a cell after the ``parameters`` cell sets
``project``. :func:`check_outputs` asserts what a newcomer must see: a map, a spine
chart, a comparison table, and no error anywhere.
"""

from __future__ import annotations

import copy
import html
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "explore.ipynb"


def parameterised(project: Path) -> nbformat.NotebookNode:
    """The notebook with ``project`` set in a cell right after its parameters cell."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    cell = nbformat.v4.new_code_cell(f"project = {str(project)!r}", metadata={"tags": ["injected-parameters"]})
    cell["id"] = "injected"
    nb.cells.insert(at + 1, cell)
    return nb


def html_outputs(outputs: list[dict]) -> str:
    """The HTML a cell showed, the pages inside its iframes unescaped."""
    return html.unescape("\n".join(o.get("data", {}).get("text/html", "") for o in outputs))


def check_outputs(cells: list[tuple[str, list[dict]]]) -> None:
    """``cells``: (source, outputs) of each code cell run."""
    errors = [o for _, outs in cells for o in outs if o.get("output_type") == "error"]
    assert not errors, [f"{e.get('ename')}: {e.get('evalue')}" for e in errors]
    stderr = [o.get("text", "") for _, outs in cells for o in outs if o.get("name") == "stderr"]
    assert not any("Traceback" in t or "Warning" in t for t in stderr), stderr
    by_source = {source: html_outputs(outs) for source, outs in cells}
    shown = {source.split("\n")[-1]: out for source, out in by_source.items()}
    ward_map = shown["ward_map"]
    assert "evidence-view" in ward_map and "folium-map" in ward_map and "L.map(" in ward_map
    assert "Abbey (outlined)" in ward_map and "95% interval" in ward_map  # the area in focus; tooltips in words
    spine = shown["eb.spine(start.area)"]
    assert '<svg role="img"' in spine and "compared with Demoshire" in spine
    comparison = shown["eb.compare([start.area, start.other_area])"]
    assert "Comparing Abbey and Ashby Parva" in comparison and "ev-badge" in comparison
    assert "Gap analysis: Demoshire" in shown["gaps"] and "Monitoring: are we on track?" in shown["plan"]
    for source, out in by_source.items():
        if not source.startswith("project ="):
            assert out, f"cell {source!r} showed nothing"


def notebook_cells(nb: nbformat.NotebookNode) -> list[tuple[str, list[dict]]]:
    return [(c.source, copy.deepcopy(c.get("outputs", []))) for c in nb.cells if c.cell_type == "code"]
