"""Corpus: mistakes in the value files, the lookup and the boundaries (issue 10, "data").

Each case breaks a copy of the demo the way a council analyst does (a value on the wrong
scale, an unquoted ``1,235``, a GeoJSON saved in British National Grid metres...) and
checks that ``validate`` names the file, the place, the column, the problem and the fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from corpus import Case, both, check, edit_csv, edit_yaml, replace_text, set_setting


def _set(name: str, row: int, column: str, value: str):
    """Set one cell (``row`` as a person sees it: the header is row 1)."""
    def func(frame: pd.DataFrame) -> None:
        frame.loc[row - 2, column] = value
    return edit_csv(name, func)


def _scale(name: str, indicator: str, factor: float):
    def func(frame: pd.DataFrame) -> None:
        rows = frame["indicator_id"] == indicator
        frame.loc[rows, "value"] = [f"{float(v) * factor:.6g}" if v else v for v in frame.loc[rows, "value"]]
    return edit_csv(name, func)


def _append_copy(name: str, rows, **changes):
    def func(frame: pd.DataFrame) -> pd.DataFrame:
        extra = frame.iloc[rows].copy() if isinstance(rows, list) else frame[rows(frame)].copy()
        for column, value in changes.items():
            extra[column] = value
        return pd.concat([frame, extra], ignore_index=True)
    return func


def _edit_geojson(name: str, func):
    """A breaker that rewrites every position [x, y] of a GeoJSON file with ``func(x, y)``."""
    def breaks(project: Path) -> None:
        path = project / name
        data = json.loads(path.read_text(encoding="utf-8"))

        def walk(node):
            if isinstance(node, list) and node and isinstance(node[0], (int, float)):
                return list(func(*node[:2]))
            return [walk(n) for n in node] if isinstance(node, list) else node

        for feature in data["features"]:
            feature["geometry"]["coordinates"] = walk(feature["geometry"]["coordinates"])
        path.write_text(json.dumps(data), encoding="utf-8")
    return breaks


def _to_bng(project: Path) -> None:
    """The ward boundaries reprojected to EPSG:27700 but written as plain (lon/lat) GeoJSON."""
    path = project / "boundaries/ward.geojson"
    wards = gpd.read_file(path).to_crs(27700)
    data = json.loads(wards.to_json())
    data.pop("crs", None)
    path.write_text(json.dumps(data), encoding="utf-8")


def _rotate_ward_codes(project: Path) -> None:
    """Ward boundaries whose codes are shifted by one feature (a file of another vintage)."""
    path = project / "boundaries/ward.geojson"
    wards = gpd.read_file(path)
    wards["ward_code"] = list(wards["ward_code"].iloc[1:]) + [wards["ward_code"].iloc[0]]
    wards.to_file(path, driver="GeoJSON")


def _bowtie(project: Path) -> None:
    path = project / "boundaries/ward.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][2]["geometry"] = {"type": "Polygon", "coordinates": [
        [[-1.15, 52.50], [-1.14, 52.51], [-1.14, 52.50], [-1.15, 52.51], [-1.15, 52.50]]]}
    path.write_text(json.dumps(data), encoding="utf-8")


def _windows_1252(project: Path) -> None:
    path = project / "values_ward.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",2020,", ",2020\u201321,", 1)  # an en dash, as Excel writes it
    path.write_bytes("".join(lines).encode("cp1252"))


def _to_excel(project: Path) -> None:
    frame = pd.read_csv(project / "values_ward.csv", dtype=str, keep_default_na=False)
    frame.to_excel(project / "values_ward.xlsx", sheet_name="Values", index=False)
    (project / "values_ward.csv").unlink()


def _excel_sheet(data: dict) -> None:
    data["indicators"]["values"][1] = {"path": "values_ward.xlsx", "sheet": "Data"}


def _many_not_numbers(frame: pd.DataFrame) -> None:
    frame.loc[frame.index[:350], "value"] = "12,5"


def _first_lsoa_elsewhere(frame: pd.DataFrame) -> None:
    """The first LSOA moved to a ward of the same district whose polygon is far from it."""
    frame.loc[0, ["ward_code", "ward_name"]] = ["E05999020", "Elsewhere"]


def _fingertips_missing_field(project: Path) -> None:
    replace_text("fingertips_download.csv", ",,,E92000001,England,", ",,E92000001,England,")(project)


CASES = [
    Case("data: values on a 0-1 scale while the multiplier is 100", _scale("values_ward.csv", "safer_feel_safe", 0.01),
         file="values_ward.csv", place="rows 2, 3, 4, 5, 6 and 135 more", column="value",
         says="'safer_feel_safe' look like numerator / denominator (a 0-1 scale), but its multiplier in the "
              "catalogue is 100", fix="multiply them by 100"),
    Case("data: rates per 100,000 while the multiplier is 1,000",
         _scale("values_lsoa.csv", "safer_violent_crime", 100),
         file="values_lsoa.csv", place="rows 2, 3, 4", column="value",
         says="look like numerator / denominator x 100,000", fix="divide them by 100"),
    Case("data: value inconsistent with its numerator and denominator", _set("values_lsoa.csv", 2, "value", "71.0"),
         file="values_lsoa.csv", place="row 2", column="value",
         says="The value 71 is not numerator / denominator x multiplier: 21 / 1235 x 1000 = 17",
         fix="Correct the value, the numerator or the denominator"),
    Case("data: negative count", _set("values_lsoa.csv", 2, "numerator", "-21"),
         file="values_lsoa.csv", place="row 2", column="numerator", says="Counts cannot be negative",
         fix="Correct the count"),
    Case("data: numerator above the denominator of a proportion", _set("values_ward.csv", 2, "numerator", "830"),
         file="values_ward.csv", place="row 2", column="numerator",
         says="numerator is greater than the denominator for a proportion", fix="not swapped"),
    Case("data: zero denominator", _set("values_ward.csv", 2, "denominator", "0"),
         file="values_ward.csv", place="row 2", column="denominator", says="The denominator is 0",
         fix="population at risk"),
    Case("data: negative value of a count indicator",
         replace_text("values_comparators.csv", "healthy_population,E07999001,2018,114087,",
                      "healthy_population,E07999001,2018,-114087,"),
         file="values_comparators.csv", column="value", place="row 194", says="A count cannot be negative",
         fix="Correct the value"),
    Case("data: unquoted 1,235 shifts the columns of a CSV",
         replace_text("values_ward.csv", "safer_feel_safe,E05999001,2018,57.6,83,144,,",
                      "safer_feel_safe,E05999001,2018,57.6,83,1,144,,"),
         file="values_ward.csv", place="line 2", column="denominator",
         says="This line has 9 fields but the header has 8 columns", fix="Quote numbers with thousands separators"),
    Case("data: a field missing in a row of a Fingertips download", _fingertips_missing_field,
         file="fingertips_download.csv", place="line 2", says="a field is missing",
         fix="Download the file again"),
    Case("data: an extra field in a row of a Fingertips download",
         replace_text("fingertips_download.csv", ",2019,13.676096,", ",2019,13.676096,,"),
         file="fingertips_download.csv", place="line 3", says="This line has 28 fields but the header has 27",
         fix="put text that contains a comma in double quotes"),
    Case("data: ward boundaries in British National Grid metres in a GeoJSON", _to_bng,
         file="boundaries/ward.geojson", place="all 20 areas", column="geometry",
         says="look like British National Grid metres", fix="ogr2ogr -s_srs EPSG:27700 -t_srs EPSG:4326"),
    Case("data: latitude and longitude swapped in a GeoJSON", _edit_geojson("boundaries/ward.geojson", lambda x, y: (y, x)),
         file="boundaries/ward.geojson", place="all 20 areas", column="geometry",
         says="Longitude and latitude look swapped", fix="[longitude, latitude]"),
    Case("data: ward boundaries of another vintage (codes on the wrong polygons)", _rotate_ward_codes,
         file="boundaries/ward.geojson", place="all 97 lsoas", column="geometry",
         says="lsoas lie outside the ward the lookup puts them in", fix="are the right files"),
    Case("data: an LSOA outside the ward the lookup puts it in (a warning)", edit_csv("lookup.csv", _first_lsoa_elsewhere),
         file="lookup.csv", place="area E01999001", column="ward_code",
         says="lsoa 'E01999001' lies outside the ward 'E05999020'", fix="best-fit", exit_code=0),
    Case("data: boundary setting pointing at the lookup CSV", set_setting("geography.area_types.ward.boundaries", "lookup.csv"),
         file="evidence.yml", place="setting 'geography.area_types.ward.boundaries'",
         says="'lookup.csv' is not a boundary file", fix="Point 'geography.area_types.ward.boundaries' at the ward"),
    Case("data: boundary setting pointing at a folder", set_setting("geography.area_types.ward.boundaries", "boundaries"),
         file="evidence.yml", place="setting 'geography.area_types.ward.boundaries'",
         says="'boundaries' is a folder, not a boundary file", fix="Point 'geography.area_types.ward.boundaries'"),
    Case("data: ward code equal to its district code in the lookup", _set("lookup.csv", 2, "ward_code", "E07999001"),
         file="lookup.csv", place="row 2", column="ward_code",
         says="'E07999001' is used both in the ward column and in the district column of the same row",
         fix="was the district code copied into it?"),
    Case("data: an LSOA in two wards", edit_csv("lookup.csv", _append_copy("lookup.csv", [0], ward_code="E05999001",
                                                                          ward_name="Abbey")),
         file="lookup.csv", place="row 99", column="lsoa_code",
         says="lsoa 'E01999001' appears more than once, on rows 2, 99 (in ward E05999001, E05999006)",
         fix="Keep one row per lsoa"),
    Case("data: unknown LSOA code suggests an LSOA", _set("values_lsoa.csv", 2, "area_code", "E01999O01"),
         file="values_lsoa.csv", place="row 2", column="area_code",
         says="Unknown area code 'E01999O01'. Did you mean 'E01999001'?", fix="Use a code from the lookup"),
    Case("data: the same mistake in 350 rows is one problem", edit_csv("values_lsoa.csv", _many_not_numbers),
         file="values_lsoa.csv", place="rows 2, 3, 4, 5, 6 and 345 more", column="value",
         says="350 rows: text where a number should be. The first, row 2: '12,5' is not a number.",
         fix="Write a plain number"),
    Case("data: duplicated rows over many areas are one problem",
         edit_csv("values_ward.csv", _append_copy("values_ward.csv", lambda f: f["indicator_id"] == "yp_neet")),
         file="values_ward.csv", place="and 275 more", column="period",
         says="280 rows: more than one row for the same indicator, area and period",
         fix="Keep one row per indicator, area and period"),
    Case("data: missing value column", replace_text("values_ward.csv", "period,value,", "period,val,"),
         file="values_ward.csv", column="value", place=None, says="has no 'value' column. Did you mean 'val'?",
         fix="A tidy value file needs indicator_id"),
    Case("data: unknown indicator id in a value file suggests an indicator id",
         replace_text("values_ward.csv", "safer_feel_safe,", "safer_feel_saf,", count=0),
         file="values_ward.csv", place="rows 2, 3, 4, 5, 6 and 135 more", column="indicator_id",
         says="Unknown indicator id 'safer_feel_saf'. Did you mean 'safer_feel_safe'?",
         fix="Add the indicator to the catalogue"),
    Case("data: period that cannot be read", _set("values_ward.csv", 2, "period", "last year"),
         file="values_ward.csv", place="row 2", column="period", says="Period 'last year' cannot be read",
         fix="four-digit year"),
    Case("data: a row given twice", edit_csv("values_ward.csv", _append_copy("values_ward.csv", [0])),
         file="values_ward.csv", place="rows 2, 1222", column="period",
         says="Indicator 'safer_feel_safe' has 2 rows for area E05999001 and period 2018",
         fix="Keep one row per indicator, area and period"),
    Case("data: value CSV saved in Windows-1252", _windows_1252,
         file="values_ward.csv", place="line 4", says="is not UTF-8 text: byte 0x96 on line 4",
         fix="CSV UTF-8 (Comma delimited)"),
    Case("data: Excel value file without the sheet named", both(_to_excel, edit_yaml("evidence.yml", _excel_sheet)),
         file="values_ward.xlsx", place="sheet 'Data'", says="has no sheet 'Data'",
         fix="one of its sheets: 'Values'"),
    Case("data: boundary file without the code column", set_setting("geography.area_types.ward.code_column", "ward_cd"),
         file="boundaries/ward.geojson", column="ward_cd", place=None,
         says="The boundary file has no column 'ward_cd'. Did you mean 'ward_code'?",
         fix="Correct 'geography.area_types.ward.code_column'"),
    Case("data: invalid (self-intersecting) geometry", _bowtie,
         file="boundaries/ward.geojson", place="area E05999003", column="geometry",
         says="has an invalid geometry (Self-intersection", fix="make_valid"),
    Case("data: blank area code", _set("values_ward.csv", 2, "area_code", ""),
         file="values_ward.csv", place="row 2", column="area_code", says="Blank area code",
         fix="Fill it in or remove the row"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reported(case, tmp_path):
    check(case, tmp_path)


def _case(kind: str) -> Case:
    return next(c for c in CASES if c.kind == kind)


def test_a_shifted_csv_is_one_problem_not_one_per_cell(tmp_path):
    """The first data row shifted (pandas would silently make its first column the index)."""
    output = check(_case("data: unquoted 1,235 shifts the columns of a CSV"), tmp_path)
    assert "1 error found" in output, output
    assert "cannot be read" not in output and "not a number" not in output


def test_a_repeated_problem_is_one_line(tmp_path):
    output = check(_case("data: the same mistake in 350 rows is one problem"), tmp_path)
    assert sum("not a number" in line for line in output.splitlines()) == 1, output


def test_a_wrong_scale_is_one_problem_not_one_per_row(tmp_path):
    output = check(_case("data: values on a 0-1 scale while the multiplier is 100"), tmp_path)
    assert "1 error found" in output, output


def test_an_lsoa_code_never_suggests_a_ward(tmp_path):
    case = Case("data: (LSOA-like code far from any LSOA)", _set("values_lsoa.csv", 2, "area_code", "E01888888"),
                file="values_lsoa.csv", place="row 2", column="area_code", says="Unknown area code 'E01888888'",
                fix="Use a code from the lookup")
    output = check(case, tmp_path)
    assert "Did you mean 'E05" not in output and "Did you mean 'E07" not in output, output


def _renamed_csv(project: Path) -> None:
    (project / "values_ward.csv").rename(project / "values_ward.xlsx")
    edit_yaml("evidence.yml", lambda d: d["indicators"]["values"].__setitem__(1, {"path": "values_ward.xlsx"}))(project)


def _semicolons(project: Path) -> None:
    path = project / "values_ward.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")


CASES += [
    Case("data: a CSV renamed .xlsx", _renamed_csv, file="values_ward.xlsx", place=None,
         says="is not an Excel workbook", fix="Save As 'Excel Workbook (*.xlsx)'"),
    Case("data: an empty value file", lambda project: (project / "values_ward.csv").write_text(""),
         file="values_ward.csv", place="line 1", says="The table 'values_ward.csv' is empty",
         fix="Save the table into it again"),
    Case("data: a value CSV separated by semicolons", _semicolons, file="values_ward.csv", place="line 1",
         says="are separated by semicolons, not commas", fix="CSV UTF-8 (Comma delimited)"),
    Case("data: an LSOA code in the ward column of the lookup", _set("lookup.csv", 3, "ward_code", "E01999001"),
         file="lookup.csv", place="row 3", column="ward_code",
         says="'E01999001' is used both in the lsoa column and in the ward column",
         fix="check the ward column 'ward_code' of this row (was the lsoa code copied into it?)"),
]


def _valid(project: Path) -> str:
    from corpus import run_cli

    code, output = run_cli("validate", str(project))
    assert code == 0 and "Traceback" not in output, output
    return output


def test_a_geopackage_in_british_national_grid_is_converted(tmp_path):
    from corpus import demo_copy

    project = demo_copy(tmp_path)
    gpd.read_file(project / "boundaries/ward.geojson").to_crs(27700).to_file(project / "boundaries/ward.gpkg")
    set_setting("geography.area_types.ward.boundaries", "boundaries/ward.gpkg")(project)
    output = _valid(project)
    assert "geometry" not in output and "outside" not in output, output


def test_age_standardised_rates_are_not_checked_against_their_counts(tmp_path):
    from corpus import demo_copy

    project = demo_copy(tmp_path)
    replace_text("indicators.csv", "lower_is_better,rate,1000,Police recorded crime (Home Office),\"Violence",
                 "lower_is_better,dsr,1000,Police recorded crime (Home Office),\"Violence")(project)
    _scale("values_lsoa.csv", "safer_violent_crime", 2)(project)
    _valid(project)
    _scale("values_lsoa.csv", "safer_violent_crime", 0.5)(project)
    replace_text("indicators.csv", "lower_is_better,dsr,1000,Police", "lower_is_better,rate,1000,Police")(project)
    _scale("values_lsoa.csv", "safer_violent_crime", 1.3)(project)
    code, output = __import__("corpus").run_cli("validate", str(project))
    assert code == 1 and "not numerator / denominator x multiplier" in output, output
