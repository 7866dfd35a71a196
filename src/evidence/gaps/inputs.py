"""The gap analysis's own inputs, read and checked the same way by ``validate`` and ``gaps``.

The activity register (``gaps.activities``) and the rural-urban classification
(``gaps.classification``) are optional files named in ``evidence.yml``. ``evidence
validate`` reads them with every check the gap analysis makes, against the names it has
just validated (:class:`~evidence.known.KnownNames`), so that once validate says the
project is valid, ``evidence gaps`` cannot stop on a problem in them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from evidence.gaps.coverage import read_activity_register
from evidence.gaps.proofing import read_classification
from evidence.known import KnownNames
from evidence.problems import Problems
from evidence.setting_files import existing_setting_file

__all__ = ["read_gap_inputs"]

DOC = "docs/gap-analysis-inputs.md"


def _setting_path(config: Any, key: str, problems: Problems) -> Path | None:
    """The file named by ``gaps.<key>``, or ``None`` when unset or missing (problem recorded)."""
    return existing_setting_file(config, f"gaps.{key}", config.gap_settings.get(key), problems, doc=DOC)


def read_gap_inputs(config: Any, known: KnownNames,
                    problems: Problems) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Read and check the activity register and the classification a project names.

    Parameters
    ----------
    config
        The project's :class:`~evidence.config.Config`.
    known
        The indicator ids, themes, area codes and area types they may name (a name
        whose list is ``None`` is not checked).
    problems
        Every problem found is added here.

    Returns
    -------
    tuple
        ``(register, classification)``: each ``None`` when not set or unreadable.
    """
    register = classification = None
    path = _setting_path(config, "activities", problems)
    if path is not None:
        register = read_activity_register(path, indicators=known.indicators, themes=known.theme_words or None,
                                          areas=known.areas, problems=problems)
    path = _setting_path(config, "classification", problems)
    if path is not None:
        classification = read_classification(path, areas=known.areas, small_type=known.small_type,
                                             problems=problems)
    return register, classification
