"""Reading what the renderers need from one row of the indicator catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from evidence.errors import DataError
from evidence.polarity import polarity_sign
from evidence.render.formatting import format_number, is_missing

__all__ = ["IndicatorInfo", "indicator_info"]


@dataclass(frozen=True)
class IndicatorInfo:
    """The catalogue facts a chart or table needs about one indicator."""

    id: str
    name: str
    unit: str
    polarity: int
    decimals: int

    def fmt(self, value: Any, unit: bool = False) -> str:
        """Format a value of this indicator (``""`` when missing)."""
        if is_missing(value):
            return ""
        return format_number(value, self.decimals, self.unit if unit else "")

    @property
    def label(self) -> str:
        """The name with its unit, e.g. ``"Smoking prevalence (%)"``."""
        return f"{self.name} ({self.unit})" if self.unit else self.name


def indicator_info(indicators: pd.DataFrame, indicator_id: str) -> IndicatorInfo:
    """Look up one indicator in the catalogue (``id``, ``name``, ``unit``, ``polarity``...)."""
    rows = indicators.loc[indicators["id"].astype(str) == str(indicator_id)]
    if rows.empty:
        raise DataError(
            f"Indicator {indicator_id!r} is not in the catalogue; check the id or rebuild the "
            "evidence base."
        )
    row = rows.iloc[0]
    value_type = str(row.get("value_type", "") or "").lower()
    unit = "" if is_missing(row.get("unit")) else str(row.get("unit"))
    name = str(row.get("name", indicator_id) or indicator_id)
    decimals = 0 if "count" in value_type else 1
    return IndicatorInfo(str(indicator_id), name, unit, polarity_sign(row.get("polarity")), decimals)
