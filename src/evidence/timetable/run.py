"""``evidence timetable PROJECT``: the timetable page and its downloads, through the report-run recipe.

A :class:`~evidence.reports.Report` run by :func:`evidence.reports.run_report`, the
shape of ``evidence gaps`` and ``evidence plan``. Its ``prepare`` reads the timetable
(every problem at once, before any kernel starts), computes the page once as of the day
asked for (or today), writes the iCalendar file, the Excel workbook and a Word cover
note per body for its next meeting under ``<output>/timetable/`` (each atomic and
byte-identical on a rerun for the same day), and hands the page to
``notebooks/timetable.ipynb``, which displays it into ``<output>/timetable.html``.

The stages' reports are checked in the output folder itself (``<output>/gap_analysis.html``
...), and their build times are part of the run's fingerprint: deleting or rebuilding a
report reruns the page; nothing changed (same day, same files) does nothing.
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
    from evidence.published import PublishedEvidence
    from evidence.render.document import Document
    from evidence.timetable.model import Timetable

__all__ = ["EXPORT_FOLDER", "NOTEBOOK", "PAGE", "TIMETABLE", "TimetableResult", "project_timetable", "run_timetable",
           "timetable_page"]

NOTEBOOK = "timetable.ipynb"
PAGE = "timetable.html"
EXPORT_FOLDER = "timetable"


@dataclass(frozen=True)
class TimetableResult:
    """What a timetable run wrote: ``outputs`` (the downloads, then the page) and the batch result."""

    outputs: list[Path] = field(default_factory=list)
    batch: BatchResult | None = None
    page: Path | None = None
    as_of: dt.date | None = None


def project_timetable(config: Config) -> Timetable:
    """The project's checked timetable (raises :class:`~evidence.errors.ValidationError` on its problems,
    :class:`~evidence.errors.ProjectError` when ``evidence.yml`` names none)."""
    from evidence.errors import ProjectError
    from evidence.known import KnownNames
    from evidence.problems import Problems
    from evidence.timetable.inputs import read_timetable

    problems = Problems(config.root)
    timetable = read_timetable(config, KnownNames.of(config), problems)
    problems.raise_if_errors()
    if timetable is None:
        raise ProjectError("The project names no timetable: add 'timetable: timetable.yml' to evidence.yml, or "
                           "start one with: evidence timetable PROJECT --new TEMPLATE --start YYYY-MM-DD.")
    return timetable


def _downloads(timetable, as_of: dt.date) -> dict[str, str]:
    from evidence.timetable.exports import cover_note_bodies

    links = {"Calendar of meetings, gates, consultations and deadlines (iCalendar)": f"{EXPORT_FOLDER}/timetable.ics",
             "The timetable (Excel workbook)": f"{EXPORT_FOLDER}/timetable.xlsx"}
    for body, day in cover_note_bodies(timetable, as_of).items():
        links[f"Cover note for {timetable.body_name(body)}, {day.day} {day:%B %Y} (Word)"] = \
            f"{EXPORT_FOLDER}/cover_note_{body}.docx"
    return links


def _document(timetable: Timetable, config: Config, day: dt.date, root: Path, given: bool,
              downloads: bool = True) -> Document:
    from evidence.timetable.page import timetable_document
    from evidence.timetable.reports import report_files

    files = report_files(config.root, Path(config.output).resolve(), root)
    lcaps = _lcaps(timetable, config)
    return timetable_document(timetable, day, root=root, files=files, given=given,
                              downloads=_downloads(timetable, day) if downloads else None, lcaps=lcaps,
                              packs=_packs(lcaps, root))


def _lcaps(timetable: Timetable, config: Config) -> list[Any]:
    """The LCAP files the timetable names, read (``validate`` has reported their problems)."""
    from evidence.problems import Problems
    from evidence.timetable.inputs import timetable_file
    from evidence.timetable.lcap import read_lcap_file

    path = timetable_file(config)
    found = [read_lcap_file(path.parent / name, Problems(config.root)) for name in timetable.lcaps] if path else []
    return [lcap for lcap in found if lcap is not None]


def _packs(lcaps: list[Any], root: Path) -> dict[str, str]:
    """Area code -> its pack page relative to the timetable page, for the packs written in ``root``."""
    from evidence.timetable.lcap_run import pack_folder

    pages = {lcap.area: pack_folder(root, lcap.area) / f"lcap_{lcap.area}.html" for lcap in lcaps}
    return {area: page.relative_to(root).as_posix() for area, page in pages.items() if page.is_file()}


def timetable_page(config: Config, as_of: dt.date | None = None, output: str | Path = "areaprofiles",
                   *, given: bool | None = None, downloads: bool = True) -> Document:
    """The timetable page of a project as of ``as_of`` (today when ``None``; the page says which).

    ``output`` is the folder the reports are written to: each completed stage's reports
    are looked for there. ``given`` says whether the day was asked for (default: whether
    ``as_of`` is given). The notebook calls this when it is opened by hand.
    """
    return _document(project_timetable(config), config, as_of or dt.date.today(), Path(output).resolve(),
                     as_of is not None if given is None else given, downloads)


def _files(config: Config) -> list[Path]:
    """The timetable and its LCAP files: in the fingerprint."""
    from evidence.timetable.inputs import timetable_file

    path = timetable_file(config)
    if path is None or not path.is_file():
        return []
    from evidence.problems import Problems
    from evidence.timetable.reader import _read

    _, names = _read(path, Problems(config.root))
    return [path, *(path.parent / name for name in names if (path.parent / name).is_file())]


def _prepare(eb: PublishedEvidence, root: Path, request: Mapping[str, Any]) -> Prepared:
    """The page and its downloads: computed once, here."""
    from evidence.timetable.checks import dated_checks
    from evidence.timetable.exports import write_cover_notes, write_xlsx
    from evidence.timetable.ical import write_ics
    from evidence.timetable.reports import report_checks, report_files, report_states

    config = eb.config
    day = dt.date.fromisoformat(request["as_of"])
    timetable = project_timetable(config)
    page = _document(timetable, config, day, root.resolve(), bool(request.get("given")))
    files = report_files(config.root, Path(config.output).resolve(), root.resolve())
    checks = dated_checks(timetable, day) + report_checks(report_states(timetable, day, files))
    folder = root / EXPORT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    outputs = [write_ics(timetable, folder / "timetable.ics"), write_xlsx(timetable, folder / "timetable.xlsx", day,
                                                                          checks)]
    notes = write_cover_notes(timetable, folder, day)
    for old in folder.glob("cover_note_*.docx"):  # a body whose next meeting has passed: its old note goes
        if old not in notes:
            old.unlink()
    outputs += notes
    params = {"project": str(Path(config.root).resolve()), "as_of": request["as_of"] if request.get("given") else None,
              "output": str(root.resolve())}
    job = Job("timetable", params, output=PAGE, group="timetable")
    return Prepared([job], outputs=[*outputs, root / PAGE], pages={job.key: page}, value=checks)


#: The timetable report.
TIMETABLE = Report("timetable", "The timetable page", NOTEBOOK, prepare=_prepare, files=_files)


def _report_times(config: Config, root: Path) -> dict[str, str | None]:
    """Each stage report's build time in the output folder (the evidence base is in the stamp already)."""
    from evidence.timetable.reports import report_files

    times = {}
    for name, path in report_files(config.root, Path(config.output).resolve(), root.resolve()).items():
        if name != "evidence base":
            times[name] = str(path.stat().st_mtime_ns) if path.exists() else None
    return times


def run_timetable(project: str | Path, *, output: str | Path = "areaprofiles", as_of: dt.date | None = None,
                  progress: bool = True, force: bool = False) -> TimetableResult:
    """Write the timetable page, its calendar, workbook and cover notes for ``project``.

    Parameters
    ----------
    project
        The project folder (holding ``evidence.yml`` with a ``timetable:`` setting).
    output
        Output folder: ``timetable.html`` and ``timetable/`` (``timetable.ics``,
        ``timetable.xlsx``, ``cover_note_<body>.docx``) are written there, and the
        stages' reports are looked for there.
    as_of
        The day of the statuses (default today; the page says which).

    Raises
    ------
    OutputError
        ``output`` overlaps the project's inputs (nothing is written).
    ProjectError
        ``evidence.yml`` names no timetable.
    ValidationError
        The timetable or an LCAP file has problems (all listed, with file, place and fix).
    RunError
        The notebook failed (the failing cell and error are in the message).
    """
    from evidence.config import read_config

    day = as_of or dt.date.today()
    config, problems = read_config(project)
    problems.raise_if_errors()
    project_timetable(config)  # a missing or broken timetable stops here, before the evidence base is built
    request = {"as_of": day.isoformat(), "given": as_of is not None, "reports": _report_times(config, Path(output)),
               "packs": sorted(_packs(_lcaps(project_timetable(config), config), Path(output).resolve()))}
    run = run_report(TIMETABLE, project, output=output, request=request, progress=progress, force=force)
    return TimetableResult(outputs=list(run.outputs), batch=run.batch, page=run.output_root.resolve() / PAGE, as_of=day)
