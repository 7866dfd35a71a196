"""``evidence plan``: the action plans (Excel, Word, CSV) and the board report of a project's outcomes.

A :class:`~evidence.reports.Report` run by :func:`evidence.reports.run_report`. Its
``prepare`` reads and checks the outcome framework named by ``outcomes:`` in
``evidence.yml`` (every problem at once, before anything runs), computes the plan
against the gap analysis's priority issues and the page once, writes the action plans
and the monitoring table atomically under ``<output>/plan/``, and hands the page to
``notebooks/priority_outcomes.ipynb``, which displays it into
``<output>/priority_outcomes.html``. The plan is computed from the published evidence, so
no exported figure (baseline, target, actual) can reveal one that disclosure control hides.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence.batch import BatchResult, Job
from evidence.io.atomic import atomic_write
from evidence.reports import Prepared, Report, run_report

if TYPE_CHECKING:  # pragma: no cover
    from evidence.config import Config
    from evidence.published import PublishedEvidence

__all__ = ["NOTEBOOK", "PAGE", "PLAN", "PlanResult", "run_plan"]

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
    from evidence.config import Theme
    from evidence.themes import find_theme

    themes = [Theme(t, framework.theme_name(t)) for t in framework.theme_order()]
    where = f"{Path(framework.source or 'outcomes.yml').name} with outcomes"
    return find_theme(themes, theme, where=where).id


def _files(config: Config) -> list[Path]:
    """The outcome framework, the timetable, the strategy, proofing and national files: in the fingerprint.

    (Their absence is for ``prepare`` to report.) The timetable gives the page's "where we are"
    banner, the strategy file the review's key issue and cap, proofing and national their sections.
    """
    raw = config.raw or {}  # as evidence.outcomes.inputs.framework_file, without its imports
    names = [raw.get(k) for k in ("outcomes", "timetable", "strategy", "proofing", "national_outcomes")]
    return [Path(config.root) / str(n) for n in names if n and isinstance(n, str)]


def _prepare(eb: PublishedEvidence, root: Path, request: Mapping[str, Any]) -> Prepared:
    """The plan, its exports and its page: computed once, here."""
    from evidence.io.cells import csv_text
    from evidence.outcomes.issues import priority_issues
    from evidence.outcomes.plan import action_plan, framework_path
    from evidence.outcomes.reader import load_framework
    from evidence.outcomes.report import build_plan_report

    framework = load_framework(framework_path(eb), eb)
    theme_id = _theme_id(framework, request.get("theme"))
    plan = action_plan(eb, framework, issues=priority_issues(eb))
    folder = root / PLAN_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    outputs = [plan.write_xlsx(folder / "action_plan.xlsx"), plan.write_docx(folder / "action_plan.docx")]
    buffer = io.StringIO()
    csv_text(plan.monitoring).to_csv(buffer, index=False, lineterminator="\n")
    outputs.append(atomic_write(folder / "monitoring.csv", buffer.getvalue().encode("utf-8")))
    downloads = {"Action plans (Excel workbook, one sheet per theme)": f"{PLAN_FOLDER}/action_plan.xlsx",
                 "Action plans (Word document)": f"{PLAN_FOLDER}/action_plan.docx",
                 "Monitoring table (CSV)": f"{PLAN_FOLDER}/monitoring.csv"}
    params = {"project": str(Path(eb.config.root).resolve()), "theme": theme_id, "downloads": downloads}
    job = Job("priority_outcomes", params, output=PAGE, group="plan")
    page = build_plan_report(eb, plan, theme=theme_id, downloads=downloads, as_of=request.get("as_of"))
    return Prepared([job], outputs=[*outputs, root.resolve() / PAGE], pages={job.key: page}, value=plan)


#: The outcome framework report and its action plans.
PLAN = Report("plan", "The outcome framework report", NOTEBOOK, prepare=_prepare, files=_files)


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
    from evidence.config import read_config
    from evidence.timetable.page import banner_day

    config, _ = read_config(project)  # the banner's day is in the fingerprint, when there is a timetable
    day = banner_day(config) if config is not None else None
    run = run_report(PLAN, project, output=output, request={"theme": theme, "as_of": day}, progress=progress,
                     notebook=notebook)
    page = run.output_root.resolve() / PAGE
    return PlanResult(outputs=[*run.outputs[:-1], page], batch=run.batch, page=page)
