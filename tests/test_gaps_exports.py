"""Exports re-opened with pandas, openpyxl and geopandas; writes are atomic."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import openpyxl
from openpyxl.utils.exceptions import IllegalCharacterError
import pandas as pd
import pytest
from shapely.geometry import box

from evidence.errors import DataError
from evidence.gaps import priority_scores, readable_columns, write_csv, write_priority_areas, write_workbook

GAPS = pd.DataFrame({
    "indicator_id": ["crime", "crime", "smoke"], "indicator_name": ["Violent crime", "Violent crime", "Smoking"],
    "theme": ["safer", "safer", "healthy"], "area_code": ["W1", "W2", "W1"], "area_name": ["West", "East", "West"],
    "value": [12.0, 8.0, 20.0], "comparator_name": ["England"] * 3, "comparator_value": [10.0, 10.0, 14.0],
    "gap_pct": [20.0, -20.0, 42.9], "bad_gap_pct": [20.0, -20.0, 42.9], "denominator": [100.0, 200.0, 300.0],
    "judgement": pd.Categorical(["Worse", "Better", "Worse"]), "trend": ["", "", "Increasing and getting worse"],
})
AREAS = gpd.GeoDataFrame({"area_code": ["W1", "W2", "D1"], "area_name": ["West", "East", "District"]},
                         geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, 0, 2, 1)], crs="EPSG:27700")


def test_readable_columns():
    names = readable_columns(["indicator_name", "area_name", "value", "gap_pct", "odd_one"], "England")
    assert list(names.values()) == ["Indicator", "Area", "Value", "Gap to England (%)", "Odd one"]


def test_csv(tmp_path):
    path = write_csv(GAPS, tmp_path / "out" / "gaps.csv")
    back = pd.read_csv(path)
    assert back.columns[:5].tolist() == ["Indicator id", "Indicator", "Theme id", "Area code", "Area"]
    assert "Gap to England (%)" in back.columns and len(back) == 3
    assert back["Compared with benchmark"].tolist() == ["Worse", "Better", "Worse"]
    raw = pd.read_csv(write_csv(GAPS, tmp_path / "raw.csv", readable=False))
    assert raw.columns.tolist() == GAPS.columns.tolist()


def test_workbook(tmp_path):
    scores = priority_scores(GAPS)
    path = write_workbook(GAPS, tmp_path / "gaps.xlsx", priorities=scores,
                          theme_names={"safer": "Safer", "healthy": "Healthy: people/places"},
                          theme_order=["safer", "healthy"])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Safer", "Healthy people places", "Priorities"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
    safer = book["Safer"]
    header = [c.value for c in safer[1]]
    assert header[:5] == ["Indicator id", "Indicator", "Theme id", "Area code", "Area"]
    assert "Gap to England (%)" in header
    assert safer.max_row == 3  # header + two crime rows
    width = safer.column_dimensions["B"].width
    assert width >= len("Violent crime") + 2
    frames = pd.read_excel(path, sheet_name=None)
    assert frames["Priorities"]["Rank"].tolist() == [1, 2, 3]
    assert frames["Priorities"]["Why"].str.contains("ranked").all()


def test_a_sheet_with_an_empty_column(tmp_path):
    path = write_workbook(GAPS.assign(value=[1.0, 2.0, np.nan]), tmp_path / "gaps.xlsx")
    assert pd.read_excel(path, sheet_name="healthy")["Value"].isna().all()


def test_geopackage(tmp_path):
    scores = priority_scores(GAPS[GAPS["indicator_id"] == "crime"])
    path = write_priority_areas(scores, AREAS, tmp_path / "priority.gpkg")
    back = gpd.read_file(path, layer="priority_areas")
    assert back.crs.to_epsg() == 27700
    assert sorted(back["area_code"]) == ["W1", "W2"]
    assert back.set_index("area_code").loc["W1", "rank"] == 1
    assert back.geometry.iloc[0].area == pytest.approx(1.0)
    with pytest.raises(DataError, match="No boundary for area"):
        write_priority_areas(scores.assign(area_code="ZZ"), AREAS, tmp_path / "bad.gpkg")
    assert not (tmp_path / "bad.gpkg").exists()


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_files(tmp_path):
    path = write_workbook(GAPS, tmp_path / "gaps.xlsx")
    before = path.read_bytes()
    broken = GAPS.assign(area_name=["West", "East", "bad\x01name"])  # a control character Excel refuses
    with pytest.raises(IllegalCharacterError):
        write_workbook(broken, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaps.xlsx"]
