"""What stands out about one area: the facts behind a profile's plain-language summary.

An indicator stands out when the area is significantly worse (or better) than its main
comparator, when its recent trend is getting worse, or when its gap to the comparator is
among the largest. Everything here works on the latest period of each indicator and on
values that have already been through disclosure control.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from evidence.polarity import polarity_signs
from evidence.render.formatting import format_number

__all__ = ["Standouts", "area_latest", "find_standouts", "format_value"]

WORSENING = ("Increasing and getting worse", "Decreasing and getting worse")
IMPROVING = ("Increasing and getting better", "Decreasing and getting better")


def area_latest(values: pd.DataFrame, indicators: pd.DataFrame, area_code: str) -> pd.DataFrame:
    """The latest row of every indicator for ``area_code``, joined to the catalogue.

    Adds ``gap`` (value minus comparator value), ``relative_gap`` (in % of the comparator)
    and ``bad_gap`` (the relative gap signed so that positive means "in the worse
    direction"; missing where the indicator has no polarity).
    """
    rows = values[values["area_code"] == area_code]
    rows = rows.sort_values("year").groupby("indicator_id", sort=False).tail(1)
    rows = rows.merge(indicators, left_on="indicator_id", right_on="id", how="inner")
    gap = rows["value"] - rows["comparator_value"]
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = gap / rows["comparator_value"].abs() * 100
    sign = -polarity_signs(rows["polarity"])  # +1 where a higher value is worse
    return rows.assign(gap=gap, relative_gap=relative, bad_gap=relative * sign).reset_index(drop=True)


@dataclass(frozen=True)
class Standouts:
    """The indicators that stand out for one area (frames of :func:`area_latest` rows)."""

    worse: pd.DataFrame
    better: pd.DataFrame
    worsening: pd.DataFrame
    improving: pd.DataFrame
    biggest_gaps: pd.DataFrame
    compared: int

    @property
    def highlight_ids(self) -> list[str]:
        """Indicators worth a trend chart: worse or worsening first, then the biggest gaps."""
        ids: list[str] = []
        for frame in (self.worse, self.worsening, self.biggest_gaps):
            ids.extend(i for i in frame["indicator_id"] if i not in ids)
        return ids


def find_standouts(latest: pd.DataFrame, *, top: int = 3) -> Standouts:
    """Classify an area's latest rows (from :func:`area_latest`) into what stands out."""
    judged = latest[latest["judgement"].isin(["Better", "Similar", "Worse"])]
    worse = judged[judged["judgement"] == "Worse"].sort_values("bad_gap", ascending=False)
    better = judged[judged["judgement"] == "Better"].sort_values("bad_gap")
    worsening = latest[latest["trend"].isin(WORSENING)]
    improving = latest[latest["trend"].isin(IMPROVING)]
    gaps = latest[latest["bad_gap"] > 0].sort_values("bad_gap", ascending=False).head(top)
    return Standouts(worse, better, worsening, improving, gaps, compared=len(judged))


def format_value(value: float, unit: str, value_type: str = "") -> str:
    """A value with its unit, as a person writes it: ``23.4%``, ``56.7 per 1,000``, ``£512``."""
    if value is None or pd.isna(value):
        return "not available"
    decimals = 0 if value_type == "count" or abs(value) >= 1000 else 1
    unit = (unit or "").strip()
    if unit == "£":
        return "£" + format_number(value, decimals)
    return format_number(value, decimals, "" if unit in ("score", "people", "count") else unit)
