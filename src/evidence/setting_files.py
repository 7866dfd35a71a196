"""The input files that settings of ``evidence.yml`` name, checked for existence in one place.

``gaps.activities``, ``gaps.classification``, ``outcomes`` and ``timetable`` each name a file
relative to the project; when it is not there, the problem is the setting's (with its line),
not the missing file's, because the setting is what the user corrects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidence.io.textfile import line_of
from evidence.problems import Problems

__all__ = ["existing_setting_file"]


def existing_setting_file(config: Any, setting: str, path: Path | None, problems: Problems, *,
                          doc: str) -> Path | None:
    """``path`` (the file the setting ``setting`` names) when it exists; otherwise ``None``.

    A named file that does not exist is recorded in ``problems`` against ``evidence.yml``,
    at the setting and its line; an unset setting (``path`` is ``None``) is no problem.
    """
    if path is None:
        return None
    path = Path(path)
    if not path.exists():
        line = line_of(config.raw, setting)
        problems.error(f"'{setting}' names '{path.name}', which does not exist in the project folder.",
                       f"Correct the file name (it is relative to the project folder), or remove the setting "
                       f"(see {doc}).", file=config.file,
                       place=f"setting '{setting}'" + (f", line {line}" if line else ""))
        return None
    return path
