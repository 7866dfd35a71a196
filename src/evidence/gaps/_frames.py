"""Small helpers shared by the gap-analysis modules (private).

Everything here is pure: frames in, new frames or arrays out.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from evidence.errors import DataError
from evidence.periods import latest_rows
from evidence.render.formatting import format_number

def text(series: pd.Series) -> pd.Series:
    """``series`` as plain text with blanks for missing (categoricals and NA made safe)."""
    return series.astype(object).where(series.notna(), "").astype(str)


def require(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise :class:`DataError` naming the columns ``frame`` lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"{what} has no column(s) {', '.join(repr(c) for c in missing)}; "
                        f"it has {', '.join(map(str, frame.columns))}. "
                        "Pass the published evidence's tables (load(PROJECT).published_evidence().values, "
                        ".indicators, .areas).")


def latest(values: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """Rows of each indicator's latest year (or of one period label), as a new frame.

    The latest year is taken per indicator over all areas, as
    :meth:`evidence.EvidenceBase.latest` does, so every area is judged on the same period.
    """
    require(values, ["indicator_id", "area_code", "period", "year"], "values")
    if period is not None:
        rows = values[text(values["period"]) == str(period)]
        if rows.empty:
            raise DataError(f"No values for period '{period}'. Periods present: "
                            f"{', '.join(sorted(set(text(values['period']))))}.")
        return rows.copy()
    return latest_rows(values)


def area_type_of(areas: pd.DataFrame, code: str) -> str:
    """The area type of ``code`` in ``areas`` (``DataError`` if unknown)."""
    match = areas.loc[text(areas["area_code"]) == code, "area_type"]
    if match.empty:
        raise DataError(f"Area '{code}' is not in the areas table. See EvidenceBase.areas for the codes.")
    return str(match.iloc[0])


def members(areas: pd.DataFrame, focus_area: str, area_type: str) -> pd.DataFrame:
    """Areas of ``area_type`` that lie inside ``focus_area`` (by the ``<type>_code`` ancestors).

    When ``focus_area`` itself is of ``area_type`` it is returned alone.
    """
    require(areas, ["area_code", "area_type"], "areas")
    focus_type = area_type_of(areas, focus_area)
    of_type = areas[text(areas["area_type"]) == area_type]
    if focus_type == area_type:
        return of_type[text(of_type["area_code"]) == focus_area].copy()
    column = f"{focus_type}_code"
    if column not in areas.columns:
        raise DataError(f"The areas table has no '{column}' column, so areas inside '{focus_area}' "
                        f"({focus_type}) cannot be found.")
    if of_type.empty:
        known = sorted(set(text(areas["area_type"])))
        raise DataError(f"No areas of type '{area_type}'. Area types: {', '.join(known)}.")
    return of_type[text(of_type[column]) == focus_area].copy()


def ancestors(areas: pd.DataFrame, custom_members: dict[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """Long frame ``area_code, covering_code``: each area with itself and every area containing it.

    Containment comes from the ``<type>_code`` ancestor columns, plus custom areas
    (code -> member codes) whose members are the area or one of its ancestors.
    """
    codes = text(areas["area_code"])
    parts = [pd.DataFrame({"area_code": codes, "covering_code": codes})]
    for column in [c for c in areas.columns if str(c).endswith("_code") and c != "area_code"]:
        parent = text(areas[column])
        keep = parent != ""
        parts.append(pd.DataFrame({"area_code": codes[keep], "covering_code": parent[keep]}))
    links = pd.concat(parts, ignore_index=True).drop_duplicates()
    if custom_members:
        custom = pd.DataFrame([(m, c) for c, ms in custom_members.items() for m in ms],
                              columns=["member", "custom"])
        extra = links.merge(custom, left_on="covering_code", right_on="member")
        links = pd.concat([links, extra[["area_code", "custom"]].rename(columns={"custom": "covering_code"})],
                          ignore_index=True).drop_duplicates()
    return links.reset_index(drop=True)


def with_unit(x: float, unit: str, digits: int = 1) -> str:
    """A value with its unit for a sentence: ``18.0%``, ``21.7 per 1,000``."""
    unit = (unit or "").strip()
    if unit == "%":
        return f"{fmt(x, digits)}%"
    return f"{fmt(x, digits)} {unit}".rstrip()


def unit_words(unit: str) -> str:
    """How a difference in ``unit`` is said: ``%`` -> "percentage points"."""
    unit = (unit or "").strip()
    if unit == "%":
        return "percentage points"
    return unit


def fmt(x: float, digits: int = 1) -> str:
    """A number for a sentence: thousands separators, ``digits`` decimals, "n/a" for missing."""
    if x is None or not np.isfinite(x):
        return "n/a"
    return format_number(x, digits)
