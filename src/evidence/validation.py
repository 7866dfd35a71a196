"""Read and check a whole project, reporting every problem at once.

``validate`` runs every reader and check before anything is computed, so that a user
fixes all problems in one pass instead of one per run. It returns the inputs it could
read together with the problems; :func:`read_inputs` raises when there are errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from evidence.breakdowns import read_breakdowns
from evidence.catalogue import read_catalogue
from evidence.comparator_codes import name_comparator_areas, warn_missing_comparator_values
from evidence.config import Config, read_config
from evidence.consultation.reader import read_consultation
from evidence.gaps.inputs import read_gap_inputs
from evidence.geography import build_areas, read_boundaries, read_lookup
from evidence.known import KnownNames
from evidence.outcomes.inputs import read_project_framework
from evidence.outputs import check_build_output
from evidence.placeholders import has_placeholders
from evidence.problems import Problems
from evidence.proofing.inputs import read_project_national, read_project_proofing
from evidence.setting_checks import check_settings
from evidence.strategy.inputs import read_project_strategy
from evidence.timetable.inputs import read_timetable
from evidence.values import read_values

__all__ = ["Inputs", "read_inputs", "validate"]


@dataclass(frozen=True)
class Inputs:
    """A project's inputs, read and checked."""

    config: Config
    catalogue: pd.DataFrame
    lookup: pd.DataFrame
    areas: gpd.GeoDataFrame
    values: pd.DataFrame
    problems: Problems
    breakdowns: pd.DataFrame | None = None  # Fingertips rows by sex, age, category (evidence.breakdowns)


def validate(project: str | Path) -> tuple[Inputs | None, Problems]:
    """Read every input of ``project`` and return what was read and every problem found.

    The inputs are ``None`` when the problems are too serious to assemble them.
    Raises :class:`~evidence.errors.ProjectError` only when there is no readable config.
    """
    config, problems = read_config(project)
    if config is None:
        return None, problems
    check_build_output(config, problems)
    catalogue = read_catalogue(config, problems)
    lookup = read_lookup(config, problems)
    boundaries = {t: read_boundaries(config, t, problems) for t in config.type_order}
    areas = build_areas(config, lookup, boundaries, problems) if lookup is not None else None
    raw_breakdowns: list[pd.DataFrame] = []
    values = read_values(config, catalogue, areas, problems, raw_breakdowns)
    breakdowns = read_breakdowns(raw_breakdowns, catalogue, areas, problems)
    if areas is not None and values is not None:
        areas = name_comparator_areas(areas, values.attrs.get("comparator_names", {}))
        warn_missing_comparator_values(config, areas, values, problems, catalogue)
    if catalogue is not None and values is not None:
        unused = sorted(set(catalogue["id"]) - set(values["indicator_id"]))
        if unused:
            problems.warn(f"{len(unused)} indicators in the catalogue have no values: {', '.join(unused[:8])}"
                          f"{' ...' if len(unused) > 8 else ''}.",
                          "Add their values, or remove them from the catalogue.",
                          file=config.catalogue, column="id")
    if catalogue is not None and areas is not None and values is not None and not has_placeholders(config.raw):
        check_settings(config, catalogue, areas, values, problems)
    names = KnownNames.of(config, catalogue, areas)  # what the register, classification and framework may name
    read_gap_inputs(config, names, problems)
    framework = read_project_framework(config, names, problems)
    read_project_proofing(config, names, problems, framework)
    read_project_national(config, names, problems)
    read_timetable(config, names, problems)
    read_consultation(config, names, problems)
    read_project_strategy(config, names, problems)
    if any(x is None for x in (catalogue, lookup, areas, values)):
        return None, problems
    return Inputs(config, catalogue, lookup, areas, values, problems, breakdowns), problems


def read_inputs(project: str | Path) -> Inputs:
    """Like :func:`validate`, but raise :class:`~evidence.errors.ValidationError` on any error."""
    inputs, problems = validate(project)
    problems.raise_if_errors()
    assert inputs is not None  # no errors means every input was read
    return inputs
