"""Write the gap table and priority list for people outside the notebook.

* CSV (:func:`write_csv`), for anyone;
* an Excel workbook (:func:`write_workbook`) with one sheet per theme (plus a
  "Priorities" sheet), readable column names, a frozen header row and fitted widths;
* a GeoPackage of priority areas (:func:`write_priority_areas`) for a GIS team.

Every writer is atomic (:func:`evidence.io.atomic.atomic_file`: a staging file in the
target folder moved over the target with ``os.replace``), so a failed write never leaves
half a file or destroys the previous good one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from evidence.errors import DataError
from evidence.gaps._frames import require, text
from evidence.io.atomic import atomic_file
from evidence.io.cells import csv_text, text_cells

__all__ = ["readable_columns", "write_csv", "write_priority_areas", "write_workbook"]

_BASE_NAMES: dict[str, str] = {
    "indicator_id": "Indicator id", "indicator_name": "Indicator", "theme": "Theme id", "theme_name": "Theme",
    "unit": "Unit", "polarity": "Polarity", "area_code": "Area code", "area_name": "Area",
    "area_type": "Area type", "period": "Period", "year": "Year", "value": "Value", "numerator": "Count",
    "denominator": "Population", "comparator_code": "Benchmark code", "comparator_name": "Benchmark",
    "comparator_value": "Benchmark value", "judgement": "Compared with benchmark", "trend": "Recent trend",
    "score": "Priority score", "rank": "Rank", "explanation": "Why", "n_indicators": "Indicators",
    "n_worse": "Significantly worse", "n_worsening": "Getting worse", "c_significance": "Score: significance",
    "c_gap": "Score: gap", "c_trend": "Score: trend", "c_population": "Score: population",
}


def readable_columns(columns: Sequence[str], benchmark: str = "benchmark") -> dict[str, str]:
    """Column name -> readable header, e.g. ``gap_pct`` -> "Gap to England (%)".

    ``benchmark`` names the comparator in the gap headers ("England" when every row
    was compared with England).
    """
    names = dict(_BASE_NAMES)
    names.update({"gap": f"Gap to {benchmark}", "gap_pct": f"Gap to {benchmark} (%)",
                  "bad_gap": f"Gap to {benchmark}, worse direction",
                  "bad_gap_pct": f"Gap to {benchmark}, worse direction (%)"})
    return {c: names.get(c, str(c).replace("_", " ").capitalize()) for c in columns}


def _benchmark(frame: pd.DataFrame) -> str:
    if "comparator_name" in frame.columns:
        names = set(text(frame["comparator_name"])) - {""}
        if len(names) == 1:
            return names.pop()
    return "benchmark"


def _readable(frame: pd.DataFrame, benchmark: str | None) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(object)
    return out.rename(columns=readable_columns(list(out.columns), benchmark or _benchmark(frame)))


def write_csv(frame: pd.DataFrame, path: str | Path, *, readable: bool = True,
              benchmark: str | None = None) -> Path:
    """Write ``frame`` (a gap table or priority list) as UTF-8 CSV, atomically.

    With ``readable`` the columns get the headers of :func:`readable_columns`. Text that a
    spreadsheet would read as a formula gets a leading apostrophe (:func:`~evidence.io.cells.csv_text`).
    """
    out = csv_text(_readable(frame, benchmark) if readable else frame)
    with atomic_file(path, ".csv") as tmp:
        out.to_csv(tmp, index=False, encoding="utf-8")
    return Path(path)


_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, used: set[str]) -> str:
    base = re.sub(r"\s+", " ", _BAD_SHEET.sub(" ", name)).strip()[:31] or "Sheet"
    candidate, i = base, 2
    while candidate.lower() in used:
        candidate = f"{base[:31 - len(str(i)) - 1]} {i}"
        i += 1
    used.add(candidate.lower())
    return candidate


def write_workbook(gaps: pd.DataFrame, path: str | Path, *, priorities: pd.DataFrame | None = None,
                   theme_names: Mapping[str, str] | None = None, theme_order: Sequence[str] | None = None,
                   benchmark: str | None = None) -> Path:
    """Write the gap table as an Excel workbook: one sheet per theme, then "Priorities".

    Parameters
    ----------
    gaps
        From :func:`~evidence.gaps.performance_gaps` (needs a ``theme`` column).
    priorities
        Optional priority list (:func:`~evidence.gaps.priority_scores` or
        :func:`~evidence.gaps.theme_priorities`) for a last sheet "Priorities".
    theme_names, theme_order
        Sheet names and order (theme ids otherwise, sorted).
    benchmark
        The comparator's name in the gap headers (default: found in ``comparator_name``
        when it is the same for every row, else "benchmark").
    """
    from openpyxl.utils import get_column_letter

    require(gaps, ["theme"], "gaps")
    names = dict(theme_names or {})
    themes = list(theme_order or [])
    themes += sorted(set(text(gaps["theme"])) - set(themes))
    sheets: list[tuple[str, pd.DataFrame]] = []
    used: set[str] = set()
    bench = benchmark or _benchmark(gaps)
    for theme in themes:
        rows = gaps[(text(gaps["theme"]) == theme).to_numpy()]
        if rows.empty:
            continue
        sheets.append((_sheet_name(names.get(theme, theme), used), _readable(rows, bench)))
    if priorities is not None:
        sheets.append((_sheet_name("Priorities", used), _readable(priorities, bench)))
    if not sheets:
        raise DataError("Nothing to write: the gap table is empty.")
    with atomic_file(path, ".xlsx") as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, frame in sheets:
                frame.to_excel(writer, sheet_name=name, index=False)
                sheet = writer.sheets[name]
                text_cells(sheet)  # text from the inputs stays text, never a formula
                sheet.freeze_panes = "A2"
                for i, column in enumerate(frame.columns, 1):
                    lengths = text(frame[column]).str.len()
                    longest = max([len(str(column))] + ([int(lengths.max())] if len(lengths) else []))
                    sheet.column_dimensions[get_column_letter(i)].width = min(max(10, longest + 2), 60)
    return Path(path)


def write_priority_areas(priorities: pd.DataFrame, areas: gpd.GeoDataFrame, path: str | Path, *,
                         layer: str = "priority_areas") -> Path:
    """Write the priority list joined to area boundaries as a GeoPackage, atomically.

    Column names are kept short and plain (``area_code``, ``score``, ``rank``...) as GIS
    tools expect; the CRS is that of ``areas``.
    """
    require(priorities, ["area_code"], "priorities")
    require(areas, ["area_code", "geometry"], "areas")
    shapes = areas[["area_code", "geometry"]].copy()
    shapes["area_code"] = text(shapes["area_code"])
    table = priorities.copy()
    table["area_code"] = text(table["area_code"])
    for column in table.columns:
        if isinstance(table[column].dtype, pd.CategoricalDtype):
            table[column] = table[column].astype(object)
    merged = shapes.merge(table, on="area_code", how="inner")
    missing = sorted(set(table["area_code"]) - set(merged["area_code"]))
    if missing:
        raise DataError(f"No boundary for area(s) {', '.join(missing[:5])} in the areas table; "
                        "the GeoPackage would lose them. Pass EvidenceBase.areas.")
    geo = gpd.GeoDataFrame(merged, geometry="geometry", crs=areas.crs)
    with atomic_file(path, ".gpkg") as tmp:
        geo.to_file(tmp, driver="GPKG", layer=layer)
    return Path(path)
