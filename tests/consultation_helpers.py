"""Shared by the consultation tests: analyse a project's consultation the way the page will."""

from __future__ import annotations

from pathlib import Path

from evidence.consultation import analyse_consultation, read_consultation
from evidence.consultation.representation import area_population
from evidence.known import KnownNames
from evidence.outcomes.issues import priority_issues
from evidence.problems import Problems


def analyse_project(evidence):
    """The consultation analysis of a loaded evidence base's project, with its priority issues.

    Only published evidence is used (the population and the priority issues), as the page will.
    """
    eb = evidence.published_evidence() if hasattr(evidence, "published_evidence") else evidence
    problems = Problems(Path(eb.config.root))
    consultation = read_consultation(eb.config, KnownNames.of_evidence(eb), problems)
    problems.raise_if_errors()
    areas = eb.areas
    small, mid = eb.config.type_order[0], eb.config.type_order[1]
    lookup = areas[areas["area_type"] == small][["area_code", f"{mid}_code"]]
    wards = areas.loc[areas["area_type"] == mid, "area_code"]
    issues = priority_issues(eb, area_types=[small, mid, *eb.config.custom_types])
    return analyse_consultation(
        consultation, min_count=eb.config.min_count, lookup=lookup, area_type=mid,
        custom_areas={c.code: c.members for c in eb.config.custom_areas},
        area_population=area_population(eb.values, eb.config.population_indicator, wards, mid), issues=issues,
        area_names=dict(zip(areas["area_code"].astype(str), areas["area_name"].astype(str))))
