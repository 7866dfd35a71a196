"""Which file each report is, when it was built, and whether a completed stage's report is there.

A stage ``produces`` reports by name (:data:`~evidence.timetable.model.REPORTS`). The
tool knows where each is written, so it checks them itself: a completed stage whose
report is missing, or was built before the current evidence base, gets a warning
naming the stage and the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from evidence.timetable.checks import Check
from evidence.timetable.model import Timetable
from evidence.timetable.status import stage_states

__all__ = ["COMMANDS", "ReportState", "report_checks", "report_files", "report_states"]


def report_files(root: str | Path, output: str | Path = ".evidence", pages: str | Path = "areaprofiles") -> dict[str, Path]:
    """Report name -> the file that shows it was built, for a project folder.

    ``output`` is the evidence base folder (``build.output``), ``pages`` the reports folder
    (relative to the project, or absolute: the ``--output`` folder of the report commands,
    which ``evidence timetable`` passes so that it checks the files really written).
    """
    root = Path(root)
    out, pages = root / output, root / pages
    return {"evidence base": out / "manifest.json", "profiles": pages / "index.html",
            "gap analysis": pages / "gap_analysis.html", "consultation findings": pages / "consultation.html",
            "action plans": pages / "plan" / "action_plan.xlsx"}


#: The command that writes each report.
COMMANDS = {"evidence base": "evidence build PROJECT", "profiles": "evidence profiles PROJECT",
            "gap analysis": "evidence gaps PROJECT", "consultation findings": "evidence consult PROJECT",
            "action plans": "evidence plan PROJECT"}


def _built(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(microsecond=0)
    except OSError:
        return None


@dataclass(frozen=True)
class ReportState:
    """One report of one stage: its file, when built, and "ok", "missing", "older than the evidence base" or
    "not due yet" (the stage is not completed)."""

    stage_id: str
    stage: str
    report: str
    file: Path
    built: dt.datetime | None
    state: str


def report_states(timetable: Timetable, as_of: dt.date, files: dict[str, Path]) -> list[ReportState]:
    """Every report of every stage with its state on ``as_of``."""
    base = _built(files["evidence base"])
    stages, _ = stage_states(timetable, as_of)
    rows = []
    for st in stages:
        for report in st.stage.produces:
            path = files[report]
            built = _built(path)
            if st.status != "Completed":
                state = "not due yet"
            elif built is None:
                state = "missing"
            elif report != "evidence base" and base is not None and built < base:
                state = "older than the evidence base"
            else:
                state = "ok"
            rows.append(ReportState(st.stage.id, st.stage.name, report, path, built, state))
    return rows


def report_checks(states: list[ReportState]) -> list[Check]:
    """A warning for each completed stage whose report is missing or older than the evidence base."""
    checks = []
    for r in states:
        if r.state in ("missing", "older than the evidence base"):
            what = "is missing" if r.state == "missing" else "is older than the evidence base"
            checks.append(Check(f"report {r.state}",
                                f"Stage '{r.stage}' is completed but its {r.report} ({r.file.name}) {what}.",
                                (f"Run '{COMMANDS[r.report]}'" if r.report in COMMANDS else
                                 f"Write the {r.report} page ({r.file.name})") + ", then look at the timetable again.",
                                f"stage '{r.stage_id}'", "produces"))
    return checks
