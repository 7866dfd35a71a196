"""A project's consultation, analysed from its published evidence: :func:`analyse_project`.

The one place that joins the consultation to the rest of the project: the respondents'
LSOAs are put in the project's wards and neighbourhoods (its lookup and custom areas),
the population of each ward comes from the published evidence, and the priority issues
(for evidence against voice) are the gap analysis's own
(:func:`evidence.outcomes.priority_issues`). Only published evidence is used, as the page
will. ``evidence consult``, the notebook and the voice weight of the priority score
(:func:`voice_for_priorities`) all start here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from evidence.consultation.analysis import ConsultationAnalysis, analyse_consultation
from evidence.consultation.reader import read_consultation
from evidence.consultation.representation import area_population
from evidence.errors import ProjectError
from evidence.known import KnownNames
from evidence.problems import Problems
from evidence.published import as_published

__all__ = ["analyse_project", "area_shapes", "voice_for_priorities"]


def _published(evidence: Any) -> Any:
    return evidence.published_evidence() if hasattr(evidence, "published_evidence") else as_published(evidence)


def analyse_project(evidence: Any, *, with_issues: bool = True) -> ConsultationAnalysis:
    """The consultation analysis of ``evidence``'s project (an evidence base or published evidence).

    Raises :class:`~evidence.errors.ProjectError` when ``evidence.yml`` names no
    consultation, and :class:`~evidence.errors.ValidationError` (every problem listed) when
    its inputs have errors. ``with_issues=False`` leaves out the priority issues (every
    theme is then "residents only" or "neither"): the voice weight of the priority score
    uses it, since the issues are themselves scored.
    """
    eb = _published(evidence)
    problems = Problems(Path(eb.config.root))
    consultation = read_consultation(eb.config, KnownNames.of_evidence(eb), problems)
    problems.raise_if_errors()
    if consultation is None:
        raise ProjectError("The project names no consultation: add 'consultation: consultation/consultation.yml' "
                           "to evidence.yml (see docs/consultation-format.md).")
    areas = eb.areas
    small, mid = eb.config.type_order[0], eb.config.type_order[1]
    lookup = areas[areas["area_type"] == small][["area_code", f"{mid}_code"]]
    wards = areas.loc[areas["area_type"] == mid, "area_code"]
    issues = None
    if with_issues:
        from evidence.outcomes.issues import priority_issues

        issues = priority_issues(eb, area_types=[small, mid, *eb.config.custom_types])
    return analyse_consultation(
        consultation, min_count=eb.config.min_count, lookup=lookup, area_type=mid,
        custom_areas={c.code: c.members for c in eb.config.custom_areas},
        area_population=area_population(eb.values, eb.config.population_indicator, wards, mid), issues=issues,
        area_names=dict(zip(areas["area_code"].astype(str), areas["area_name"].astype(str))))


def area_shapes(evidence: Any) -> Any:
    """The boundaries of the areas respondents are counted in (the second area type, usually wards)."""
    eb = _published(evidence)
    areas = eb.areas
    mid = eb.config.type_order[1]
    return areas.loc[areas["area_type"] == mid, ["area_code", "area_name", "geometry"]].reset_index(drop=True)


def voice_for_priorities(evidence: Any, rows: pd.DataFrame) -> pd.Series | None:
    """For each row of a gap table (``area_code``, ``indicator_id``): the voice component, 0 to 1.

    The largest share of respondents raising a theme the frame links to the indicator:
    in the row's own area when it is a neighbourhood, else in the neighbourhood holding
    it, else across all respondents. 0 when the project has no consultation or the
    indicator is linked to no theme; ``None`` when the project has no consultation (the
    priority score then leaves the voice weight out).
    """
    from evidence.consultation.reader import consultation_file
    from evidence.consultation.voice import voice_weight

    eb = _published(evidence)
    if consultation_file(eb.config) is None:
        return None
    if rows.empty:
        return pd.Series(0.0, index=rows.index)
    a = analyse_project(eb, with_issues=False)
    weights = voice_weight(a.voice, a.consultation.frame)
    got = {(str(i), str(c)): float(v) for i, c, v in zip(weights["indicator_id"], weights["area_code"],
                                                          weights["voice"])}
    holder = {}
    for custom in eb.config.custom_areas:
        for member in custom.members:
            holder.setdefault(str(member), str(custom.code))
    parents = eb.areas.set_index("area_code")
    mid = f"{eb.config.type_order[1]}_code"

    def one(area: str, indicator: str) -> float:
        area = str(area)
        ward = parents[mid].get(area) if mid in parents.columns and area in parents.index else None
        for code in (area, holder.get(area), holder.get(str(ward)) if ward is not None else None, "all"):
            if code is not None and (indicator, code) in got:
                return got[(indicator, code)]
        return 0.0

    return pd.Series([one(a_, str(i)) for a_, i in zip(rows["area_code"], rows["indicator_id"])], index=rows.index,
                     dtype=float)
