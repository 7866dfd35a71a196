"""``evidence gaps``: the gap-analysis page and its downloads.

A :class:`~evidence.reports.Report` run by :func:`evidence.reports.run_report`. Its
``prepare`` computes the analysis and the page once, here: it writes the exports (gap
table and priority list as CSV and Excel, priority areas as a GeoPackage) under
``<output>/gap_analysis/`` and hands the page's sections to
``notebooks/gap_analysis.ipynb``, which only displays them, into
``<output>/gap_analysis.html`` (and one page per theme when asked). A failed notebook
raises :class:`~evidence.errors.RunError` naming the cell and the error; any earlier
good page is left untouched. Nothing changed since the last run: nothing is done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence.batch import BatchResult, Job
from evidence.reports import Prepared, Report, run_report

if TYPE_CHECKING:  # pragma: no cover
    from evidence.config import Config
    from evidence.gaps.analysis import GapAnalysis
    from evidence.published import PublishedEvidence

__all__ = ["EXPORT_FOLDER", "GAPS", "GapsResult", "run_gaps", "write_exports"]

NOTEBOOK = "gap_analysis.ipynb"
EXPORT_FOLDER = "gap_analysis"


@dataclass(frozen=True)
class GapsResult:
    """What a gaps run wrote: every file, the batch result and the analysis behind them."""

    outputs: list[Path]
    batch: BatchResult
    analysis: GapAnalysis | None = field(default=None, repr=False)  # None: nothing had changed, nothing ran


def write_exports(a: GapAnalysis, folder: str | Path) -> list[Path]:
    """Write the gap table and priority list (CSV, Excel) and the priority areas (GeoPackage).

    Returns the paths written: ``gap_table.csv``, ``priority_list.csv``,
    ``gap_analysis.xlsx`` (one sheet per theme, then "Priorities") and
    ``priority_areas.gpkg`` (one row per ranked area with its rank, score, counts and
    explanation). Every file is written atomically.
    """
    from evidence.gaps.exports import write_csv, write_priority_areas, write_workbook

    folder = Path(folder)
    bench = a.benchmark if a.benchmark != "its benchmark" else None
    return [  # the analysis was made from published evidence: no small count reaches a file
        write_csv(a.gaps, folder / "gap_table.csv", benchmark=bench),
        write_csv(a.scores, folder / "priority_list.csv", benchmark=bench),
        write_workbook(a.gaps, folder / "gap_analysis.xlsx", priorities=a.themes, theme_names=a.theme_names,
                       theme_order=a.theme_order, benchmark=bench),
        write_priority_areas(a.areas, a.eb.areas, folder / "priority_areas.gpkg"),
    ]


def _settings(config: Config) -> Any:
    """The gap and priority settings: in the fingerprint."""
    return (sorted((k, str(v)) for k, v in config.gap_settings.items()), sorted(config.priority_settings.items()))


def _files(config: Config) -> list[Path]:
    """The activity register, the rural/urban classification, the timetable (the page's "where we are"
    banner) and the consultation, when its voice weighs in the priority score: in the fingerprint."""
    files = [Path(path) for key in ("activities", "classification")
             if (path := config.gap_settings.get(key)) is not None]
    timetable = (config.raw or {}).get("timetable")  # no imports: the no-op path
    if timetable:
        files.append(Path(config.root) / str(timetable))
    if float((config.priority_settings.get("weights") or {}).get("voice", 0) or 0) > 0:
        from evidence.consultation.run import consultation_inputs

        files += consultation_inputs(config)
    return files


def _prepare(eb: PublishedEvidence, root: Path, request: Mapping[str, Any]) -> Prepared:
    """The analysis and page of the borough (or one theme), and of every theme when asked: once, here."""
    from evidence.gaps.analysis import resolve_theme
    from evidence.gaps.report import build_gap_report

    theme_id, _ = resolve_theme(eb, request.get("theme"))
    themes = [theme_id] + ([t.id for t in eb.config.themes] if request.get("per_theme") and not theme_id else [])
    jobs, pages, pages_out, exports, first = [], {}, [], [], None
    root_param = str(eb.config.root.resolve())
    for theme in themes:
        suffix = f"_{theme}" if theme else ""
        downloads = f"{EXPORT_FOLDER}{suffix}"
        # validates the register and classification before any kernel starts
        report = build_gap_report(eb, theme=theme, downloads=downloads, as_of=request.get("as_of"))
        first = report.analysis if first is None else first
        exports += write_exports(report.analysis, root / downloads)
        job = Job(f"gap_analysis{suffix}", {"project": root_param, "theme": theme, "downloads": downloads},
                  output=f"gap_analysis{suffix}.html", group="gap_analysis")
        jobs.append(job)
        pages[job.key] = report
        pages_out.append(root / job.output)
    return Prepared(jobs, outputs=pages_out + exports, pages=pages, value=first)


#: The gap-analysis report.
GAPS = Report("gaps", "The gap analysis", NOTEBOOK, prepare=_prepare, settings=_settings, files=_files)


def run_gaps(project: str | Path, *, output: str | Path = "areaprofiles", theme: str | None = None,
             per_theme: bool = False, progress: bool = True, force: bool = False) -> GapsResult:
    """Build the evidence base, write the exports and run the gap-analysis notebook.

    Parameters
    ----------
    project
        The project folder (holding ``evidence.yml``).
    output
        Output folder: the page is ``<output>/gap_analysis.html`` (or
        ``gap_analysis_<theme>.html`` with ``theme``), the exports go to
        ``<output>/gap_analysis/``.
    theme
        Only this theme (id or name).
    per_theme
        Also write ``gap_analysis_<theme>.html`` for every theme.
    progress
        Show the batch progress bar.
    force
        Re-run the notebook even when the page is current (same evidence base, settings,
        register, classification and notebook).

    Raises
    ------
    OutputError
        ``output`` is the project folder, holds it, or overlaps one of its inputs
        (nothing is written).
    ValidationError
        The activity register or classification has problems (all listed).
    RunError
        The notebook failed (the failing cell and error are in the message).
    """
    from evidence.config import read_config
    from evidence.timetable.page import banner_day

    config, _ = read_config(project)  # the banner's day is in the fingerprint, when there is a timetable
    day = banner_day(config) if config is not None else None
    run = run_report(GAPS, project, output=output, request={"theme": theme, "per_theme": per_theme, "as_of": day},
                     progress=progress, force=force)
    return GapsResult(outputs=run.outputs, batch=run.batch, analysis=run.value)
