"""``evidence consult``: the consultation page, its published downloads and the team's files.

A :class:`~evidence.reports.Report` run by :func:`evidence.reports.run_report`, in the
shape of ``evidence gaps``. Its ``prepare`` reads the consultation (every check
``validate`` makes), analyses it once from the published evidence
(:func:`~evidence.consultation.project.analyse_project`) and writes:

* **published**, beside the page in ``<output>/consultation/``: the workbook
  (``consultation.xlsx``), the Word summary of findings (``summary_of_findings.docx``)
  and one CSV per published table; the page ``<output>/consultation.html`` links to them;
* **for the consultation team only**, in :func:`team_folder` (``<build.output>/consultation/team/``,
  beside the evidence base, never in the published folder and never linked from the
  page): ``coded_responses.csv`` and ``review_queue.csv``, which hold response ids and
  unredacted answers;
* **the consultation tables of the evidence base** (published counts only), in
  ``<build.output>/consultation/tables/`` (:func:`evidence.consultation.tables_of`
  reads them back for a notebook).

The notebook ``notebooks/consultation.ipynb`` only displays the page computed here. A
failed notebook raises :class:`~evidence.errors.RunError` (the earlier good page is
left untouched); an input problem stops the run before anything is written. Nothing
changed since the last run (evidence base, consultation files, settings, notebook):
nothing is done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence.batch import BatchResult, Job
from evidence.reports import Prepared, Report, run_report

if TYPE_CHECKING:  # pragma: no cover
    from evidence.config import Config
    from evidence.consultation.analysis import ConsultationAnalysis
    from evidence.published import PublishedEvidence

__all__ = ["CONSULT", "ConsultResult", "PAGE", "consultation_inputs", "published_files", "run_consult", "team_folder",
           "why_not"]

NOTEBOOK = "consultation.ipynb"
PAGE = "consultation.html"
EXPORT_FOLDER = "consultation"


@dataclass(frozen=True)
class ConsultResult:
    """What a consult run wrote: ``outputs`` (published files, page last), ``team`` (the team's files),
    ``notes`` (figures that could not be computed, and why) and the analysis."""

    outputs: list[Path]
    team: list[Path]
    notes: list[str]
    batch: BatchResult
    analysis: ConsultationAnalysis | None = field(default=None, repr=False)  # None: nothing had changed


def team_folder(config: Config) -> Path:
    """Where the team's unredacted files go: ``<build.output>/consultation/team`` (never published)."""
    return Path(config.output) / "consultation" / "team"


def tables_folder(config: Config) -> Path:
    """The consultation tables of the evidence base: ``<build.output>/consultation/tables``."""
    return Path(config.output) / "consultation" / "tables"


def _csv_name(sheet: str) -> str:
    return sheet.lower().replace(" ", "_") + ".csv"


def published_files(a: ConsultationAnalysis, folder: str | Path) -> list[Path]:
    """Write the workbook, the Word summary and one CSV per published table into ``folder``."""
    from evidence.consultation.exports import _csv, published_tables, write_summary_docx, write_workbook
    from evidence.io.atomic import atomic_write

    folder = Path(folder)
    out = [write_workbook(a, folder / "consultation.xlsx"), write_summary_docx(a, folder / "summary_of_findings.docx")]
    for sheet, frame in published_tables(a).items():
        out.append(atomic_write(folder / _csv_name(sheet), _csv(frame)))
    return out


def why_not(a: ConsultationAnalysis) -> list[str]:
    """The figures that could not be computed, each with the reason (for the command line)."""
    notes = []
    q = a.coding.quality
    for r in q[~q["used"].astype(bool)].itertuples():
        notes.append(f"The model was not used for theme '{r.theme}': {r.why}.")
    if a.profile.empty:
        notes.append("Respondents are not compared with residents: no population table was given "
                     "(population: in consultation.yml).")
    if a.agreement.empty or "all themes" not in set(a.agreement["theme"]):
        notes.append("No coder agreement: no answer was coded by two coders.")
    if a.consultation.you_said is None:
        notes.append("No 'you said, we did' table: the page says it is not yet written (you_said: in "
                     "consultation.yml).")
    return notes


def consultation_inputs(config: Config) -> list[Path]:
    """Every file the consultation names: in the fingerprint (problems are for ``prepare`` to report)."""
    from evidence.consultation.reader import consultation_file
    from evidence.consultation.settings import read_settings
    from evidence.problems import Problems

    path = consultation_file(config)
    if path is None or not path.is_file():
        return [path] if path else []
    settings = read_settings(path, Problems(Path(config.root)))
    if settings is None:
        return [path]
    named = [s.path for s in settings.sources] + [settings.frame, *settings.codes, *settings.events,
                                                  settings.you_said, settings.postcodes, settings.population]
    files = [path]
    for item in named:
        if item is not None:
            files += sorted(p for p in item.rglob("*") if p.is_file()) if item.is_dir() else [item]
    return files


def _banner(eb: PublishedEvidence, as_of: str | None) -> Any:
    """The timetable's "where we are" line, or ``None`` when the project has no timetable."""
    from evidence.timetable.page import project_banner

    return project_banner(eb.config, as_of)


def _prepare(eb: PublishedEvidence, root: Path, request: Mapping[str, Any]) -> Prepared:
    """The analysis, the page and every file: computed once, here."""
    from evidence.consultation.exports import write_coded_csv, write_review_csv
    from evidence.consultation.project import analyse_project, area_shapes
    from evidence.consultation.report import build_consultation_report
    from evidence.consultation.tables_store import write_tables

    a = analyse_project(eb)
    banner = _banner(eb, request.get("as_of"))
    team = team_folder(eb.config)
    team_files = [write_coded_csv(a, team / "coded_responses.csv"), write_review_csv(a, team / "review_queue.csv")]
    write_tables(a, tables_folder(eb.config))
    exports = published_files(a, root / EXPORT_FOLDER)
    downloads = {**{label: f"{EXPORT_FOLDER}/{name}" for name, label in _labels().items()},
                 **{f"{p.stem.replace('_', ' ').capitalize()} (CSV)": f"{EXPORT_FOLDER}/{p.name}"
                    for p in exports if p.suffix == ".csv"}}
    page = build_consultation_report(a, shapes=area_shapes(eb), downloads=downloads, banner=banner,
                                     tiles=bool(eb.config.tiles))
    params = {"project": str(Path(eb.config.root).resolve()), "downloads": downloads}
    job = Job("consultation", params, output=PAGE, group="consultation")
    return Prepared([job], outputs=[*exports, root / PAGE], pages={job.key: page},
                    value=(a, team_files))


def _labels() -> dict[str, str]:
    from evidence.consultation.report import DOWNLOADS

    return DOWNLOADS


#: The consultation report.
CONSULT = Report("consult", "The consultation report", NOTEBOOK, prepare=_prepare, files=consultation_inputs)


def run_consult(project: str | Path, *, output: str | Path = "areaprofiles", as_of: dt.date | None = None,
                progress: bool = True, force: bool = False) -> ConsultResult:
    """Analyse the project's consultation and write its page, downloads and the team's files.

    Parameters
    ----------
    project
        The project folder (``evidence.yml`` names ``consultation:``).
    output
        The published folder: ``<output>/consultation.html`` and ``<output>/consultation/``.
    as_of
        The day of the timetable's "where we are" banner (default today; only with a
        timetable).
    progress
        Show the batch progress bar.
    force
        Re-run even when the page is current.

    Raises
    ------
    OutputError
        ``output`` overlaps the project's inputs (nothing is written).
    ProjectError
        ``evidence.yml`` names no consultation.
    ValidationError
        The consultation (or the project) has problems, all listed; nothing is written.
    RunError
        The notebook failed (the failing cell and error are in the message).
    """
    from evidence.config import read_config
    from evidence.consultation.reader import consultation_file
    from evidence.errors import ProjectError

    config, _ = read_config(project)
    if config is not None and consultation_file(config) is None:  # before anything is built or written
        raise ProjectError("The project names no consultation: add 'consultation: consultation/consultation.yml' "
                           "to evidence.yml (see docs/consultation-format.md), then run 'evidence validate'.")
    from evidence.timetable.page import banner_day

    day = banner_day(config, as_of) if config is not None else None  # the banner's day is in the fingerprint
    run = run_report(CONSULT, project, output=output, request={"as_of": day}, progress=progress, force=force)
    analysis, team = run.value if run.value is not None else (None, [])
    if run.current and config is not None:
        folder = team_folder(config)
        team = [p for p in (folder / "coded_responses.csv", folder / "review_queue.csv") if p.exists()]
    notes = why_not(analysis) if analysis is not None else ["Nothing changed since the last run: nothing was done."]
    return ConsultResult(outputs=run.outputs, team=team, notes=notes, batch=run.batch, analysis=analysis)
