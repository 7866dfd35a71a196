"""The proofing record and the national outcome set as inputs of the project.

``proofing:`` in ``evidence.yml`` names the proofing record (``proofing.yml``) and
``national_outcomes:`` the national outcome set (a CSV). ``evidence validate`` reads
both with every check the plan page makes, against the names and the outcome framework
it has just validated, so once validate says the project is valid, no report stops on a
problem in them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidence.known import KnownNames
from evidence.problems import Problems
from evidence.setting_files import existing_setting_file

__all__ = ["national_file", "proofing_file", "read_project_national", "read_project_proofing"]


def _named(config: Any, setting: str) -> Path | None:
    name = (config.raw or {}).get(setting)
    return Path(config.root) / str(name) if name else None


def proofing_file(config: Any) -> Path | None:
    """The file named by ``proofing`` in ``evidence.yml`` (relative to the project), or ``None``."""
    return _named(config, "proofing")


def national_file(config: Any) -> Path | None:
    """The file named by ``national_outcomes`` in ``evidence.yml``, or ``None``."""
    return _named(config, "national_outcomes")


def read_project_proofing(config: Any, known: KnownNames, problems: Problems, framework: Any = None):
    """Read and check the project's proofing record, if it names one (``validate`` calls this).

    ``framework`` (the outcome framework, when it could be read) gives the outcome ids a
    record may name. Returns a :class:`~evidence.proofing.ProofingRecord` or ``None``.
    """
    from evidence.proofing.reader import DOC, read_proofing_file

    path = existing_setting_file(config, "proofing", proofing_file(config), problems, doc=DOC)
    if path is None:
        return None
    if not (config.raw or {}).get("outcomes"):
        problems.warn("The proofing record cannot be checked against outcomes: evidence.yml names no outcome "
                      "framework ('outcomes').", "Add 'outcomes: outcomes.yml' to evidence.yml; the proofing is "
                      "shown on the plan page, which needs it.", file=path)
    ids = None if framework is None else [o.id for o in framework.outcomes]
    return read_proofing_file(path, known, outcome_ids=ids, problems=problems)


def read_project_national(config: Any, known: KnownNames, problems: Problems):
    """Read and check the project's national outcome set, if it names one (``validate`` calls this)."""
    from evidence.proofing.national import DOC, read_national_set

    path = existing_setting_file(config, "national_outcomes", national_file(config), problems, doc=DOC)
    if path is None:
        return None
    return read_national_set(path, known, problems=problems)
