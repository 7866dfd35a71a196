"""The priority issues an outcome framework is checked against, from the gap-analysis library.

An outcome framework answers the gap analysis: each priority issue (an indicator on which
an area is significantly worse than its benchmark) should be addressed by some outcome's
measure. :func:`priority_issues` computes those issues with the library functions of
:mod:`evidence.gaps` (:func:`~evidence.gaps.performance_gaps` then
:func:`~evidence.gaps.priority_scores`, with the project's ``priorities`` settings),
after disclosure control, so no suppressed figure can reach a report through them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from evidence.gaps import performance_gaps, priority_scores

__all__ = ["ISSUE_AREA_TYPES", "priority_issues"]

#: Area types whose issues a strategy's outcomes are expected to answer (LSOAs are too
#: many and too small to be named one by one in a board report).
ISSUE_AREA_TYPES = ("district", "neighbourhood", "ward")


def priority_issues(evidence: Any, *, area_types: Sequence[str] = ISSUE_AREA_TYPES,
                    judgement: str = "Worse") -> pd.DataFrame:
    """Area x indicator rows judged ``judgement`` (default *Worse*) against their benchmark, ranked.

    Parameters
    ----------
    evidence
        The :class:`~evidence.EvidenceBase`.
    area_types
        Area types to keep (default :data:`ISSUE_AREA_TYPES`); the focus area and the
        areas inside it are kept, other areas (England, neighbours) are not.
    judgement
        The judgement that makes a row an issue.

    Returns
    -------
    DataFrame
        The rows of :func:`~evidence.gaps.priority_scores` (``indicator_id,
        indicator_name, theme, area_code, area_name, area_type, period, value,
        comparator_name, comparator_value, judgement, trend, score, rank,
        explanation``...), best rank first; ``rank`` is the rank among every area and
        indicator scored, as the explanation says.
    """
    config = evidence.config
    values = evidence.published()
    gaps = performance_gaps(values, evidence.indicators, areas=evidence.areas)
    settings = dict(getattr(config, "priority_settings", {}) or {})
    options = {k: settings[k] for k in ("better", "gap_cap") if k in settings}
    scores = priority_scores(gaps, weights=settings.get("weights"), **options)
    focus = str(config.focus_area)
    areas = evidence.areas
    column = f"{areas.loc[areas['area_code'] == focus, 'area_type'].iloc[0]}_code" \
        if (areas["area_code"] == focus).any() else None
    inside = {focus}
    if column in areas.columns:
        inside |= set(areas.loc[areas[column] == focus, "area_code"].astype(str))
    inside |= {c.code for c in getattr(config, "custom_areas", ())}
    keep = (scores["judgement"].astype(str) == judgement) & scores["area_type"].astype(str).isin(area_types) \
        & scores["area_code"].astype(str).isin(inside)
    return scores[keep].reset_index(drop=True)
