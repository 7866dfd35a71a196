"""Reading what the renderers need from one row of the indicator catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from evidence.errors import DataError
from evidence.render.formatting import format_number, is_missing

__all__ = ["IndicatorInfo", "indicator_info", "polarity_sign"]


def polarity_sign(polarity: object) -> int:
    """+1 when higher is better, -1 when lower is better, 0 when there is no polarity.

    Accepts the catalogue's tokens (``higher_is_better``, ``lower_is_better``,
    ``no_judgement``) and their spaced or hyphenated spellings; anything else has no
    polarity.
    """
    text = str(polarity or "").lower().replace("-", "_").replace(" ", "_")
    if "better" in text and text.startswith("high"):
        return 1
    if "better" in text and text.startswith("low"):
        return -1
    return 0


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
