"""Data evidence for the rural and equality lenses: the gap analysis's proofing tables, per indicator.

The gap analysis already splits its findings by rural and urban areas and by deprivation
fifth (:func:`evidence.gaps.proofing_table`). Here the same tables are made at indicator
level for the indicators an outcome measures, so that a rural or equality assessment can
be read beside what the data say about the places it affects.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["place_evidence"]

_COLUMNS = ["lens", "indicator_id", "group", "n_areas", "n_worse", "share_worse", "text"]


def place_evidence(evidence: Any, indicator_ids: Iterable[str]) -> pd.DataFrame:
    """The findings of ``indicator_ids`` split by rural/urban class (lens ``rural``) and deprivation fifth
    (lens ``equality``), over the small areas of the focus area, from the published evidence.

    A split is left out when the project sets no classification (``gaps.classification``)
    or no deprivation indicator (``context.deprivation``).
    """
    from evidence.gaps.analysis import focus_gaps
    from evidence.gaps.inequality import deprivation_fifths
    from evidence.gaps.inputs import read_gap_inputs
    from evidence.gaps.proofing import classify_areas, proofing_table
    from evidence.known import KnownNames
    from evidence.problems import Problems
    from evidence.published import as_published

    eb = as_published(evidence)
    config = eb.config
    ids = set(map(str, indicator_ids))
    small_type = config.type_order[0]
    table = focus_gaps(eb)
    table = table[(table["area_type"].astype(str) == small_type) & table["indicator_id"].astype(str).isin(ids)]
    if table.empty:
        return pd.DataFrame(columns=_COLUMNS)
    parts = []
    problems = Problems(config.root)
    _, classification = read_gap_inputs(config, KnownNames.of_evidence(eb), problems)
    problems.raise_if_errors()
    if classification is not None:
        classes = classify_areas(eb.areas, classification, broad=True)
        parts.append(proofing_table(table, classes, by="indicator").assign(lens="rural"))
    if config.deprivation_indicator:
        fifths = deprivation_fifths(eb.values, eb.indicators, eb.areas, deprivation=config.deprivation_indicator,
                                    focus_area=config.focus_area, area_type=small_type)
        parts.append(proofing_table(table, fifths[["area_code", "fifth_name"]], by="indicator").assign(lens="equality"))
    if not parts:
        return pd.DataFrame(columns=_COLUMNS)
    return pd.concat(parts, ignore_index=True)[_COLUMNS]
