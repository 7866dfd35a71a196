"""``evidence plan``: the action plans (Excel, Word, CSV) and the board report of a project's outcomes.

The flow: build the evidence base (or find it current) -> read and check the outcome
framework named by ``outcomes:`` in ``evidence.yml`` (every problem at once, before
anything runs) -> compute the plan against the gap analysis's priority issues -> write
the action plans and the monitoring table atomically under ``<output>/plan/`` -> run
``notebooks/priority_outcomes.ipynb`` with :func:`evidence.batch.run_batch` (warm
kernel, atomic export, failures kept apart, skipped when nothing changed) into
``<output>/priority_outcomes.html``. The plan is computed from the published evidence, so
no exported figure (baseline, target, actual) can reveal one that disclosure control hides.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from evidence.batch import BatchResult, Job, run_batch
from evidence.builder import build
from evidence.errors import DataError, RunError, did_you_mean
from evidence.evidence_base import load
from evidence.io.atomic import atomic_write
from evidence.io.cells import csv_text
from evidence.outcomes.issues import priority_issues
from evidence.outcomes.plan import action_plan, framework_path
from evidence.outcomes.reader import load_framework
from evidence.outputs import guard_report_output
from evidence.render import template_dir
from evidence.resources import report_notebook

__all__ = ["NOTEBOOK", "PAGE", "PlanResult", "run_plan"]

NOTEBOOK = "priority_outcomes.ipynb"
PAGE = "priority_outcomes.html"
PLAN_FOLDER = "plan"


@dataclass(frozen=True)
class PlanResult:
    """What a plan run wrote: ``outputs`` (the files, page last) and the batch result."""

    outputs: list[Path] = field(default_factory=list)
    batch: BatchResult | None = None
    page: Path | None = None


def _theme_id(framework, theme: str | None) -> str | None:
    if theme is None:
        return None
    order = framework.theme_order()
    by_name = {framework.theme_name(t).lower(): t for t in order}
    chosen = theme if theme in order else by_name.get(theme.lower())
    if chosen is None:
        raise DataError(f"Unknown theme '{theme}'.{did_you_mean(theme, order)} Themes with outcomes in "
                        f"{Path(framework.source or 'outcomes.yml').name}: {', '.join(order)}.")
    return chosen


def run_plan(project: str | Path, *, output: str | Path = "areaprofiles", theme: str | None = None,
             progress: bool = True, notebook: str | Path | None = None) -> PlanResult:
    """Export the action plans and run the outcome framework report for ``project``.

    Parameters
    ----------
    project
        The project folder (holding ``evidence.yml`` with an ``outcomes:`` setting).
    output
        Output folder: ``plan/action_plan.xlsx``, ``plan/action_plan.docx``,
        ``plan/monitoring.csv`` and ``priority_outcomes.html`` are written there.
    theme
        A theme id or name: report only its outcomes (the action plans keep every theme).
    progress
        Show the batch progress bar.
    notebook
        The report notebook (default: ``notebooks/priority_outcomes.ipynb``); it takes the
        parameters ``project``, ``theme`` and ``downloads``.

    Returns
    -------
    PlanResult
        ``outputs``: the files written, the page last.

    Raises
    ------
    OutputError
        ``output`` is the project folder, holds it, or overlaps one of its inputs
        (nothing is written).
    ProjectError
        ``evidence.yml`` names no outcome framework, or the file is missing or not YAML.
    ValidationError
        The outcome framework has problems (all listed, with file, place and fix).
    RunError
        The report notebook failed; the message names the failing cell and the error,
        and the executed notebook is kept under ``<output>/failures/``.
    """
    guard_report_output(project, output)  # never over, around or inside the project's inputs
    built = build(project)
    eb = load(project, rebuild=False).published_evidence()  # reports see published evidence only
    path = framework_path(eb)
    framework = load_framework(path, eb)
    theme_id = _theme_id(framework, theme)
    plan = action_plan(eb, framework, issues=priority_issues(eb))

    root = Path(output)
    folder = root / PLAN_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    outputs = [plan.write_xlsx(folder / "action_plan.xlsx"), plan.write_docx(folder / "action_plan.docx")]
    buffer = io.StringIO()
    csv_text(plan.monitoring).to_csv(buffer, index=False, lineterminator="\n")
    outputs.append(atomic_write(folder / "monitoring.csv", buffer.getvalue().encode("utf-8")))

    downloads = {"Action plans (Excel workbook, one sheet per theme)": f"{PLAN_FOLDER}/action_plan.xlsx",
                 "Action plans (Word document)": f"{PLAN_FOLDER}/action_plan.docx",
                 "Monitoring table (CSV)": f"{PLAN_FOLDER}/monitoring.csv"}
    params = {"project": str(Path(project).resolve()), "theme": theme_id, "downloads": downloads}
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    notebook = Path(notebook) if notebook is not None else report_notebook(NOTEBOOK)
    batch = run_batch(notebook, [Job("priority_outcomes", params, output=PAGE, group="plan")],
                      output_root=root, workers=1, inputs_digest=f"{built.manifest.get('input_digest', '')}:"
                      f"{eb.config.min_count}:{digest}", template=template_dir() / "evidence", progress=progress)
    if batch.failures:
        failure = batch.failures[0]
        where = f"cell {failure.cell_index}" if failure.cell_index is not None else "outside the notebook"
        kept = f" The executed notebook is kept at {failure.notebook_path}." if failure.notebook_path else ""
        raise RunError(f"The outcome framework report failed in {where} of {notebook.name}: {failure.ename}: "
                       f"{failure.evalue}.{kept}", batch.failures)
    page = root.resolve() / PAGE
    return PlanResult(outputs=[*outputs, page], batch=batch, page=page)
