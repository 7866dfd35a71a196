"""Indicator x area pairs the gap analysis cannot judge: missing evidence, never a finding.

An area with no value for an indicator (its LSOAs' numerators blanked, say, so it could
not be aggregated) or with no comparator value to judge it against is not "not worse":
nothing is known. These pairs let the coverage check say "cannot be judged" instead of
"the evidence does not show it as a problem".
"""

from __future__ import annotations

import pandas as pd

from evidence.gaps._frames import text

__all__ = ["JUDGED", "unjudged_pairs"]

JUDGED = ("Better", "Similar", "Worse", "Higher", "Lower")


def unjudged_pairs(table: pd.DataFrame, values: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame,
                   area_codes: set[str], area_type: str) -> pd.DataFrame:
    """``indicator_id, area_code`` of the ``area_type`` areas in ``area_codes`` with no judged value.

    Only indicators that some area of that type has a value for are considered, and
    counts (never judged against a comparator) are left out.

    >>> import pandas as pd
    >>> areas = pd.DataFrame({"area_code": ["W1", "W2"], "area_type": ["ward", "ward"]})
    >>> values = pd.DataFrame({"indicator_id": ["a"], "area_code": ["W1"], "area_type": ["ward"]})
    >>> table = pd.DataFrame({"indicator_id": ["a"], "area_code": ["W1"], "judgement": ["Similar"]})
    >>> cat = pd.DataFrame({"id": ["a"], "value_type": ["proportion"]})
    >>> unjudged_pairs(table, values, cat, areas, {"W1", "W2"}, "ward").to_dict("records")
    [{'indicator_id': 'a', 'area_code': 'W2'}]
    """
    counts = set(text(indicators.loc[text(indicators["value_type"]) == "count", "id"]))
    ids = sorted(set(text(values.loc[text(values["area_type"]) == area_type, "indicator_id"]))
                 & set(text(indicators["id"])) - counts)
    codes = sorted(set(text(areas.loc[text(areas["area_type"]) == area_type, "area_code"])) & set(area_codes))
    every = pd.MultiIndex.from_product([ids, codes], names=["indicator_id", "area_code"])
    judged = table[text(table["judgement"]).isin(JUDGED).to_numpy()]
    have = pd.MultiIndex.from_arrays([text(judged["indicator_id"]), text(judged["area_code"])])
    return every[~every.isin(have)].to_frame(index=False)
