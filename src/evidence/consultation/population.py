"""Who lives here, to set against who responded: residents by age group, sex and area.

Columns ``group`` (``age``, ``sex`` or an area type such as ``ward``), ``category`` (the
answer as respondents give it, "16-24", "Female", or an area code) and ``residents``.
Area rows can instead come from the evidence base's population indicator
(:func:`evidence.consultation.representation.area_population`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from evidence.consultation._tables import read_table
from evidence.io.tables import to_number
from evidence.problems import Problems

__all__ = ["read_population"]


def read_population(path: Path, problems: Problems) -> pd.DataFrame | None:
    """``group``, ``category``, ``residents`` (a number of at least 0)."""
    table = read_table(path, "population table", ["group", "category", "residents"], problems)
    if table is None:
        return None
    numbers, bad = to_number(table["residents"])
    bad |= numbers < 0
    for row in table.index[bad.to_numpy()][:3]:
        problems.error(f"'{table.at[row, 'residents']}' is not a number of residents.",
                       "Write a whole number of at least 0.", file=path, place=f"row {row}", column="residents")
    return pd.DataFrame({"group": table["group"].astype(str).str.lower(), "category": table["category"].astype(str),
                         "residents": numbers.fillna(0.0)}).reset_index(drop=True)
