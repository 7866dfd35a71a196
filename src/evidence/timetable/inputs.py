"""The timetable as an input of the project, read and checked by ``validate`` and ``timetable``.

``timetable:`` in ``evidence.yml`` names the file (``timetable.yml``); it names the LCAP
files. ``evidence validate`` reads them all with every check the timetable pages make,
against the names it has just validated (:class:`~evidence.known.KnownNames`), so once
validate says the project is valid no later command stops on a problem in them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidence.known import KnownNames
from evidence.problems import Problems
from evidence.setting_files import existing_setting_file
from evidence.timetable.checks import static_checks
from evidence.timetable.lcap import read_lcap_file
from evidence.timetable.model import Timetable
from evidence.timetable.reader import DOC, _read

__all__ = ["read_timetable", "timetable_file"]


def timetable_file(config: Any) -> Path | None:
    """The file named by ``timetable`` in ``evidence.yml`` (relative to the project), or ``None``."""
    name = (config.raw or {}).get("timetable")
    return Path(config.root) / str(name) if name else None


def read_timetable(config: Any, known: KnownNames, problems: Problems) -> Timetable | None:
    """Read and check the project's timetable and its LCAP files, if it names one (``validate`` calls this).

    Besides the reader's errors, the checks that do not depend on today's date (work
    begun before its gate, a short consultation or one over Christmas or August) are
    added as warnings.
    """
    path = existing_setting_file(config, "timetable", timetable_file(config), problems, doc=DOC)
    if path is None:
        return None
    timetable, lcaps = _read(path, problems)
    for name in lcaps:  # read even when the timetable has errors: every problem at once
        read_lcap_file(path.parent / name, problems, known)
    if timetable is None:
        return None
    for check in static_checks(timetable):
        problems.warn(check.message, check.fix, file=path, place=check.place, column=check.field)
    return timetable
