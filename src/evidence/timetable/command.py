"""``evidence timetable PROJECT``: start a timetable from a template, or say where we are.

``--new TEMPLATE --start DATE`` writes ``timetable.yml`` (or ``--file``) in the project
from a template and never overwrites a file that exists. Without ``--new`` it reads the
project's timetable (with every check ``validate`` makes) and prints the one-sentence
summary and the warnings as of ``--as-of`` or today. The page comes with the report-run
recipe; this command runs no notebook.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from evidence.errors import EvidenceError

__all__ = ["new_timetable_file", "timetable_lines"]


def new_timetable_file(project: str | Path, template: str, start: dt.date, name: str = "timetable.yml") -> Path:
    """Write a new timetable from ``template`` started on ``start``; refuse to overwrite."""
    from evidence.timetable.templates import new_timetable

    text = new_timetable(template, start)  # an unknown template is refused before anything is written
    folder = Path(project)
    if not folder.is_dir():
        raise EvidenceError(f"The project folder '{folder}' does not exist.")
    path = folder / name
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise EvidenceError(f"'{path}' already exists; it was left as it is. Give another name with --file, or "
                            "delete the old file first.") from None
    return path


def timetable_lines(project: str | Path, as_of: dt.date | None = None, output: str | Path = "areaprofiles",
                    ) -> list[str]:
    """The summary sentence and the warnings of the project's timetable (raises on input errors).

    The stages' reports are looked for in ``output``, the folder the report commands write to.
    """
    from evidence.config import read_config
    from evidence.timetable.checks import dated_checks
    from evidence.timetable.reports import report_checks, report_files, report_states
    from evidence.timetable.summary import where_we_are

    from evidence.timetable.run import project_timetable

    config, problems = read_config(project)
    problems.raise_if_errors()
    timetable = project_timetable(config)
    day = as_of or dt.date.today()
    files = report_files(config.root, Path(config.output).resolve(), Path(output).resolve())
    checks = dated_checks(timetable, day) + report_checks(report_states(timetable, day, files))
    lines = [f"{timetable.title}, on {day.day} {day:%B %Y}{'' if as_of else ' (today)'}:",
             where_we_are(timetable, day)]
    lines += [f"  warning: {c.message} ({c.place})" for c in checks]
    return lines
