"""Every kind of bad input is reported with its file, place, column and a fix."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
import yaml

from evidence.validation import validate
from tinyproject import DISTRICT, LSOAS, WARDS, write_tiny_project


@pytest.fixture
def project(tmp_path):
    return write_tiny_project(tmp_path / "tiny")


def edit_csv(path, func):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    func(frame).to_csv(path, index=False)


def only_error(project, *, contains):
    """Validate and return the single error whose message contains ``contains``."""
    _, problems = validate(project)
    matches = [p for p in problems.errors if contains in p.message]
    assert matches, problems.report()
    return matches[0]


def test_tiny_project_is_valid(project):
    inputs, problems = validate(project)
    assert not problems.errors, problems.report()
    assert inputs is not None
    assert set(inputs.areas["area_type"]) == {"lsoa", "ward", "district", "neighbourhood", "england"}


def test_unknown_area_code(project):
    edit_csv(project / "values.csv", lambda f: f.assign(area_code=f["area_code"].replace(LSOAS[0], "E01999999")))
    p = only_error(project, contains="Unknown area code 'E01999999'")
    assert p.file == "values.csv" and p.place.startswith("rows 2") and p.column == "area_code"
    assert "lookup" in p.fix


def test_code_that_does_not_nest(project):
    def split(f):
        f.loc[1, "district_code"] = "E07000002"
        return f
    edit_csv(project / "lookup.csv", split)
    p = only_error(project, contains="does not nest")
    assert p.file == "lookup.csv" and WARDS[0] in p.place and p.column == "district_code"
    assert "E07000002" in p.message and "correct" in p.fix


def test_duplicate_rows(project):
    edit_csv(project / "values.csv", lambda f: pd.concat([f, f.iloc[[0]]], ignore_index=True))
    p = only_error(project, contains="has 2 rows for area")
    assert (p.file, p.place, p.column) == ("values.csv", "rows 2, 66", "period") and "Keep one row" in p.fix


def test_non_numeric_value(project):
    def bad(f):
        f.loc[4, "value"] = "12,5"
        return f
    edit_csv(project / "values.csv", bad)
    p = only_error(project, contains="'12,5' is not a number")
    assert (p.file, p.place, p.column) == ("values.csv", "row 6", "value")
    assert "plain number" in p.fix


def test_numerator_above_denominator(project):
    def bad(f):
        f.loc[1, "numerator"] = "5000"
        return f
    edit_csv(project / "values.csv", bad)
    p = only_error(project, contains="numerator is greater than the denominator")
    assert (p.file, p.place, p.column) == ("values.csv", "row 3", "numerator")


def test_negative_count(project):
    def bad(f):
        f.loc[0, "numerator"] = "-3"
        return f
    edit_csv(project / "values.csv", bad)
    p = only_error(project, contains="Counts cannot be negative")
    assert (p.file, p.place, p.column) == ("values.csv", "row 2", "numerator")


def test_zero_denominator(project):
    def bad(f):
        f.loc[0, "denominator"] = "0"
        return f
    edit_csv(project / "values.csv", bad)
    p = only_error(project, contains="denominator is 0")
    assert (p.file, p.place, p.column) == ("values.csv", "row 2", "denominator")
    assert "population at risk" in p.fix


def test_unknown_indicator_id(project):
    edit_csv(project / "values.csv", lambda f: f.assign(indicator_id=f["indicator_id"].replace("smoke", "smokes")))
    p = only_error(project, contains="Unknown indicator id 'smokes'")
    assert p.file == "values.csv" and p.column == "indicator_id"
    assert "Did you mean 'smoke'" in p.message and "catalogue" in p.fix


@pytest.mark.parametrize(("column", "bad", "suggestion"), [
    ("polarity", "higher_better", "higher_is_better"),
    ("value_type", "proportions", "proportion"),
])
def test_unknown_vocabulary_word(project, column, bad, suggestion):
    def edit(f):
        f.loc[0, column] = bad
        return f
    edit_csv(project / "indicators.csv", edit)
    p = only_error(project, contains=f"'{bad}'")
    assert (p.file, p.place, p.column) == ("indicators.csv", "row 2", column)
    assert f"Did you mean '{suggestion}'" in p.message and suggestion in p.fix and "Use one of" in p.fix


def _edit_geojson(path, func):
    data = json.loads(path.read_text())
    func(data)
    path.write_text(json.dumps(data))


def test_invalid_geometry(project):
    def bowtie(data):
        data["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [
            [[-1.99, 51.70], [-1.98, 51.71], [-1.98, 51.70], [-1.99, 51.71], [-1.99, 51.70]]]}
    _edit_geojson(project / "lsoa.geojson", bowtie)
    p = only_error(project, contains="invalid geometry")
    assert (p.file, p.place, p.column) == ("lsoa.geojson", f"area {LSOAS[0]}", "geometry")
    assert "make_valid" in p.fix


def test_boundary_without_crs(project, tmp_path):
    import geopandas as gpd
    frame = gpd.read_file(project / "ward.geojson")
    frame = frame.set_crs(None, allow_override=True)
    (project / "ward.geojson").unlink()
    with pytest.warns(UserWarning, match="'crs' was not provided"):  # the file this test wants
        frame.to_file(project / "ward.gpkg", driver="GPKG")
    config = yaml.safe_load((project / "evidence.yml").read_text())
    config["geography"]["area_types"]["ward"]["boundaries"] = "ward.gpkg"
    (project / "evidence.yml").write_text(yaml.safe_dump(config))
    p = only_error(project, contains="no coordinate reference system")
    assert p.file == "ward.gpkg" and "EPSG" in p.fix


def test_boundary_code_column_missing(project):
    config = yaml.safe_load((project / "evidence.yml").read_text())
    config["geography"]["area_types"]["ward"]["code_column"] = "cod"
    (project / "evidence.yml").write_text(yaml.safe_dump(config))
    p = only_error(project, contains="no column 'cod'")
    assert p.file == "ward.geojson" and p.column == "cod"
    assert "Did you mean 'code'" in p.message and "code_column" in p.fix


def test_area_with_data_but_no_boundary(project):
    def drop_first(data):
        data["features"] = data["features"][1:]
    _edit_geojson(project / "lsoa.geojson", drop_first)
    _, problems = validate(project)
    messages = [str(p) for p in problems.errors]
    assert any(f"Area '{LSOAS[0]}' has data but no boundary" in m and "values.csv" in m for m in messages)
    assert any(f"'{LSOAS[0]}' is in the lookup but has no boundary" in m for m in messages)


def test_missing_period_is_a_warning(project):
    edit_csv(project / "values.csv", lambda f: f.drop(index=[0]))
    _, problems = validate(project)
    assert not problems.errors, problems.report()
    assert any("2015/16 for 3 of 4 lsoa areas" in p.message for p in problems.warnings)


def test_config_typos_are_reported_together(project):
    config = yaml.safe_load((project / "evidence.yml").read_text())
    config["benchmark"] = config.pop("benchmarks")
    del config["focus_area"]
    (project / "evidence.yml").write_text(yaml.safe_dump(config))
    _, problems = validate(project)
    text = problems.report()
    assert "2 errors found" in text
    assert "Unknown setting 'benchmark'. Did you mean 'benchmarks'?" in text
    assert "Missing setting 'focus_area'" in text


def test_cli_lists_every_problem_without_traceback(project):
    edit_csv(project / "values.csv", lambda f: f.assign(indicator_id=f["indicator_id"].replace("smoke", "smokes")))
    def bad(f):
        f.loc[0, "polarity"] = "up"
        return f
    edit_csv(project / "indicators.csv", bad)
    result = subprocess.run([sys.executable, "-m", "evidence.cli", "validate", str(project)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "2 errors found" in result.stdout
    assert "indicators.csv, row 2, column 'polarity'" in result.stdout
    assert "values.csv" in result.stdout and "Unknown indicator id 'smokes'" in result.stdout


def test_cli_missing_project_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "evidence.cli", "build", str(tmp_path / "nowhere")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "No project found" in result.stderr and "Traceback" not in result.stderr


def test_district_rows_can_be_given(project):
    """District values in the data are used as they are under 'auto'."""
    edit_csv(project / "values.csv", lambda f: pd.concat([f, pd.DataFrame([{
        "indicator_id": "smoke", "area_code": DISTRICT, "period": "2020", "value": "33.3",
        "numerator": "", "denominator": ""}])], ignore_index=True))
    inputs, problems = validate(project)
    assert not problems.errors
    from evidence.builder import fill_from_members
    values = fill_from_members(inputs)
    row = values[(values.area_code == DISTRICT) & (values.indicator_id == "smoke") & (values.period == "2020")]
    assert len(row) == 1 and row["value"].iloc[0] == pytest.approx(33.3) and not row["aggregated"].iloc[0]
