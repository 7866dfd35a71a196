"""The priority issues an outcome framework is checked against: the gap analysis's own.

An outcome framework answers the gap analysis: each priority issue (an indicator on which
an area is significantly worse than its benchmark) should be addressed by some outcome's
measure. :func:`priority_issues` draws them from the same table and scoring as the gap
analysis (:func:`evidence.gaps.analysis.focus_gaps` and
:func:`~evidence.gaps.analysis.score_priorities`): published values, the configured
comparator and the project's ``priorities`` settings, so the two reports agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from evidence.gaps._frames import text
from evidence.gaps.analysis import focus_gaps, score_priorities
from evidence.published import as_published

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
        The :class:`~evidence.PublishedEvidence` (an ``EvidenceBase`` is put through
        disclosure control first).
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
        explanation``...), best rank first; ``rank`` is the rank among every row of
        those area types inside the focus area, as the explanation says.
    """
    evidence = as_published(evidence)
    table = focus_gaps(evidence, custom_areas=True)
    scores = score_priorities(evidence, table[text(table["area_type"]).isin(area_types)])
    keep = text(scores["judgement"]) == judgement
    return scores[keep].reset_index(drop=True)
