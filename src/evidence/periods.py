""""Latest period": the one rule for which rows of the values are the latest.

The latest is the greatest ``year`` (the start year of the period label) within each
group: per indicator over all areas by default, so that every area is judged on the same
period (an area whose latest value is older is left out rather than compared across
years); per area and indicator when each area's own latest value is wanted (a profile's
count of judgements).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = ["latest_rows"]


def latest_rows(values: pd.DataFrame, by: Sequence[str] = ("indicator_id",)) -> pd.DataFrame:
    """The rows of ``values`` in the latest year of each ``by`` group, as a new frame.

    Examples
    --------
    >>> v = pd.DataFrame({"indicator_id": ["a", "a", "a"], "area_code": ["X", "Y", "Y"], "year": [2020, 2019, 2020]})
    >>> latest_rows(v)["area_code"].tolist(), len(latest_rows(v, by=["indicator_id", "area_code"]))
    (['X', 'Y'], 2)
    """
    year = pd.to_numeric(values["year"], errors="coerce")
    keys = [values[c].astype(str) for c in by]
    top = year.groupby(keys).transform("max")
    return values[year.eq(top).fillna(False).to_numpy(dtype=bool)].copy()
