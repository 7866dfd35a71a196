"""The outcome framework as an input of the project, read and checked by ``validate`` and ``plan``.

``outcomes:`` in ``evidence.yml`` names the framework (``outcomes.yml``). ``evidence
validate`` reads it with every check that ``evidence plan`` makes, against the names it
has just validated (:class:`~evidence.known.KnownNames`), so that once validate says the
project is valid, ``plan`` cannot stop on a problem in it. Checks that need computed
values (a baseline, a comparator's value, enough history for a trend) cannot be made
here: the plan notes each target it could not compute, with the reason, instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidence.known import KnownNames
from evidence.outcomes.framework import Framework
from evidence.outcomes.reader import DOC, read_framework
from evidence.problems import Problems
from evidence.setting_files import existing_setting_file

__all__ = ["framework_file", "read_project_framework"]


def framework_file(config: Any) -> Path | None:
    """The file named by ``outcomes`` in ``evidence.yml`` (relative to the project), or ``None``."""
    name = (config.raw or {}).get("outcomes")
    return Path(config.root) / str(name) if name else None


def read_project_framework(config: Any, known: KnownNames, problems: Problems) -> Framework | None:
    """Read and check the project's outcome framework, if it names one; add every problem to ``problems``."""
    path = existing_setting_file(config, "outcomes", framework_file(config), problems, doc=DOC)
    if path is None:
        return None
    framework, _ = read_framework(path, known, problems)
    return framework
