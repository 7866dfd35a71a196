"""The activity register: reading, its errors, and matching against issues."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from evidence.errors import ValidationError
from evidence.gaps import activities_without_evidence, issue_coverage, read_activity_register
from evidence.problems import Problems

HEADER = "activity,lead_partnership,themes,indicators,areas,start,end\n"
AREAS = pd.DataFrame({
    "area_code": ["L01", "L02", "L06", "W1", "W2", "D1", "NP1"],
    "area_name": ["a", "b", "c", "West", "East", "District", "North"],
    "area_type": ["lsoa", "lsoa", "lsoa", "ward", "ward", "district", "neighbourhood"],
    "ward_code": ["W1", "W1", "W2", None, None, None, None],
    "district_code": ["D1", "D1", "D1", "D1", "D1", None, "D1"],
})
INDICATORS = pd.DataFrame({"id": ["crime", "smoke", "obesity"], "name": ["Crime", "Smoking", "Obesity"],
                           "theme": ["safer", "healthy", "healthy"], "theme_name": ["Safer", "Healthy", "Healthy"]})
CUSTOM = {"NP1": ["W2"]}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _register(tmp_path: Path) -> pd.DataFrame:
    path = _write(tmp_path, "activities.csv", HEADER + (
        "Safer streets,Community Safety Partnership,safer,crime,D1,2019,2024\n"
        "Stop smoking East,Health and Wellbeing Board,,smoke,NP1,2020/21,\n"
        "Healthy lives,Health and Wellbeing Board,Healthy,,all,2015,2018\n"))
    return read_activity_register(path, indicators=INDICATORS["id"], themes=["safer", "healthy"],
                                  areas=AREAS["area_code"])


def test_reads_a_valid_csv(tmp_path):
    reg = _register(tmp_path)
    assert reg["activity"].tolist() == ["Safer streets", "Stop smoking East", "Healthy lives"]
    assert reg.loc[1, "indicators"] == ("smoke",) and reg.loc[2, "areas"] == ("all",)
    assert reg.loc[2, "themes"] == ("healthy",)  # theme names become ids
    assert reg["start"].tolist() == [2019, 2020, 2015]
    assert pd.isna(reg.loc[1, "end"])


def test_reads_yaml_the_same_way(tmp_path):
    path = _write(tmp_path, "activities.yml", """
activities:
  - activity: Safer streets
    lead_partnership: Community Safety Partnership
    indicators: [crime]
    areas: D1
    start: 2019
""")
    reg = read_activity_register(path, indicators=INDICATORS["id"], areas=AREAS["area_code"])
    assert reg.loc[0, "indicators"] == ("crime",) and reg.loc[0, "areas"] == ("D1",)


def test_every_problem_is_reported_with_file_row_column_and_fix(tmp_path):
    path = _write(tmp_path, "activities.csv", HEADER + (
        "Safer streets,CSP,,crme,D1,2019,2024\n"          # row 2: unknown indicator (did you mean)
        "Stop smoking,,,smoke,E05999999,2020,2019\n"       # row 3: no lead, unknown area, ends before start
        "Healthy lives,HWB,healthy,,all;D1,soon,\n"       # row 4: 'all' with others, bad start
        ",HWB,,,,,\n"))                                    # row 5: no name, no areas, nothing targeted
    with pytest.raises(ValidationError) as info:
        read_activity_register(path, indicators=INDICATORS["id"], themes=["safer", "healthy"],
                               areas=AREAS["area_code"])
    problems = {(p.place, p.column): p for p in info.value.problems}
    assert all(p.file and p.file.endswith("activities.csv") and p.fix for p in problems.values())
    crme = problems[("row 2", "indicators")]
    assert "Unknown indicator 'crme'. Did you mean 'crime'?" in crme.message
    assert ("row 3", "lead_partnership") in problems
    assert "E05999999" in problems[("row 3", "areas")].message
    assert "ends (2019) before it starts (2020)" in problems[("row 3", "end")].message
    assert "'all' is listed with other areas" in problems[("row 4", "areas")].message
    assert "'soon' is not a year" in problems[("row 4", "start")].message
    assert {("row 5", "activity"), ("row 5", "areas"), ("row 5", "indicators")} <= set(problems)
    report = str(info.value)
    assert report.startswith("9 errors found:")
    assert "activities.csv, row 2, column 'indicators': Unknown indicator 'crme'." in report


def test_missing_column_and_missing_file(tmp_path):
    path = _write(tmp_path, "activities.csv", "activity,lead,areas\nA,B,all\n")
    problems = Problems(tmp_path)
    read_activity_register(path, problems=problems)
    (problem,) = problems.errors
    assert problem.column == "lead_partnership" and "Add it" in problem.fix
    with pytest.raises(ValidationError, match="not found: 'nothing.csv'"):
        read_activity_register(tmp_path / "nothing.csv")


def test_yaml_unknown_field_is_named(tmp_path):
    path = _write(tmp_path, "a.yaml", "- activity: A\n  lead_partnership: B\n  area: all\n  indicators: crime\n")
    with pytest.raises(ValidationError) as info:
        read_activity_register(path)
    places = {(p.place, p.column) for p in info.value.problems}
    assert ("activity 1, line 1", "area") in places and ("activity 1, line 1", "areas") in places
    assert "Did you mean 'areas'?" in str(info.value)


ISSUES = pd.DataFrame({"indicator_id": ["crime", "smoke", "smoke", "obesity"],
                       "area_code": ["L01", "L06", "L01", "W1"]})


def test_issue_coverage_honours_nesting_custom_areas_all_and_years(tmp_path):
    reg = _register(tmp_path)
    any_year = issue_coverage(ISSUES, reg, INDICATORS, AREAS, custom_areas=CUSTOM)
    assert any_year["activities"].tolist() == [
        "Safer streets",                           # district covers its LSOAs
        "Healthy lives; Stop smoking East",        # custom area covers its ward's LSOAs; theme + all
        "Healthy lives",                           # the neighbourhood partnership does not cover West
        "Healthy lives",                           # theme-only activity covers the theme's indicators
    ]
    in_2020 = issue_coverage(ISSUES, reg, INDICATORS, AREAS, custom_areas=CUSTOM, year=2020)
    assert in_2020["covered"].tolist() == [True, True, False, False]
    without_custom = issue_coverage(ISSUES, reg, INDICATORS, AREAS, year=2020)
    assert without_custom["covered"].tolist() == [True, False, False, False]
    pd.testing.assert_frame_equal(ISSUES, pd.DataFrame({"indicator_id": ["crime", "smoke", "smoke", "obesity"],
                                                        "area_code": ["L01", "L06", "L01", "W1"]}))


def test_activities_without_evidence(tmp_path):
    reg = _register(tmp_path)
    gaps = pd.DataFrame({"indicator_id": ["crime", "smoke", "obesity"], "area_code": ["L02", "L06", "D1"],
                         "judgement": ["Worse", "Similar", "Worse"]})
    out = activities_without_evidence(reg, gaps, INDICATORS, AREAS, custom_areas=CUSTOM).set_index("activity")
    assert out["evidenced"].to_dict() == {"Safer streets": True, "Stop smoking East": False, "Healthy lives": True}
    assert out.at["Safer streets", "worse_count"] == 1
    assert "does not show" in out.at["Stop smoking East", "text"]
