"""``evidence gaps``: the gap-analysis page and its downloads.

The evidence base is built (or found current) and the analysis run once here to write
the exports (gap table and priority list as CSV and Excel, priority areas as a
GeoPackage) under ``<output>/gap_analysis/``; then the notebook
``notebooks/gap_analysis.ipynb`` is run by the batch runner (warm kernel, atomic export,
failures kept apart) into ``<output>/gap_analysis.html``, and one page per theme when
asked. A failed notebook raises :class:`~evidence.errors.RunError` naming the cell and
the error; any earlier good page is left untouched.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from evidence.batch import BatchResult, Job, run_batch
from evidence.builder import build
from evidence.errors import RunError
from evidence.evidence_base import load
from evidence.gaps.analysis import GapAnalysis, analyse, resolve_theme
from evidence.gaps.exports import write_csv, write_priority_areas, write_workbook
from evidence.outputs import guard_report_output
from evidence.render import template_dir
from evidence.resources import report_notebook

__all__ = ["EXPORT_FOLDER", "GapsResult", "run_gaps", "write_exports"]

NOTEBOOK = "gap_analysis.ipynb"
EXPORT_FOLDER = "gap_analysis"


@dataclass(frozen=True)
class GapsResult:
    """What a gaps run wrote: every file, the batch result and the analysis behind them."""

    outputs: list[Path]
    batch: BatchResult
    analysis: GapAnalysis = field(repr=False)


def write_exports(a: GapAnalysis, folder: str | Path) -> list[Path]:
    """Write the gap table and priority list (CSV, Excel) and the priority areas (GeoPackage).

    Returns the paths written: ``gap_table.csv``, ``priority_list.csv``,
    ``gap_analysis.xlsx`` (one sheet per theme, then "Priorities") and
    ``priority_areas.gpkg`` (one row per ranked area with its rank, score, counts and
    explanation). Every file is written atomically.
    """
    folder = Path(folder)
    bench = a.benchmark if a.benchmark != "its benchmark" else None
    return [  # the analysis was made from published evidence: no small count reaches a file
        write_csv(a.gaps, folder / "gap_table.csv", benchmark=bench),
        write_csv(a.scores, folder / "priority_list.csv", benchmark=bench),
        write_workbook(a.gaps, folder / "gap_analysis.xlsx", priorities=a.themes, theme_names=a.theme_names,
                       theme_order=a.theme_order, benchmark=bench),
        write_priority_areas(a.areas, a.eb.areas, folder / "priority_areas.gpkg"),
    ]


def _settings_digest(config) -> str:
    """A digest of the gap settings and the register and classification files, for incremental runs."""
    h = hashlib.sha256(repr(sorted((k, str(v)) for k, v in config.gap_settings.items())).encode())
    h.update(repr(sorted(config.priority_settings.items())).encode())
    for key in ("activities", "classification"):
        path = config.gap_settings.get(key)
        if path is not None and Path(path).exists():
            h.update(Path(path).read_bytes())
    return h.hexdigest()[:16]


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
    guard_report_output(project, output)  # never over, around or inside the project's inputs
    built = build(project)
    eb = load(project, rebuild=False).published_evidence()  # reports see published evidence only
    theme_id, _ = resolve_theme(eb, theme)
    analysis = analyse(eb, theme=theme_id)  # validates the register and classification before any kernel starts
    output_root = Path(output)
    suffix = f"_{theme_id}" if theme_id else ""
    exports = write_exports(analysis, output_root / f"{EXPORT_FOLDER}{suffix}")
    root = str(eb.config.root.resolve())
    jobs = [Job(f"gap_analysis{suffix}", {"project": root, "theme": theme_id,
                                          "downloads": f"{EXPORT_FOLDER}{suffix}"},
                output=f"gap_analysis{suffix}.html", group="gap_analysis")]
    if per_theme and not theme_id:
        for t in eb.config.themes:
            exports += write_exports(analyse(eb, theme=t.id), output_root / f"{EXPORT_FOLDER}_{t.id}")
            jobs.append(Job(f"gap_analysis_{t.id}", {"project": root, "theme": t.id,
                                                     "downloads": f"{EXPORT_FOLDER}_{t.id}"},
                            output=f"gap_analysis_{t.id}.html", group="gap_analysis"))
    digest = f"{built.manifest.get('input_digest', '')}:{eb.config.min_count}:{_settings_digest(eb.config)}"
    batch = run_batch(report_notebook(NOTEBOOK), jobs, output_root=output_root, workers=1, force=force,
                      inputs_digest=digest, template=template_dir() / "evidence", progress=progress)
    if batch.failures:
        raise RunError("The gap analysis notebook failed:\n" + "\n".join(f"  {f}" for f in batch.failures),
                       batch.failures)
    pages = [output_root / job.output for job in jobs]
    return GapsResult(outputs=pages + exports, batch=batch, analysis=analysis)
