"""The gap analysis end to end on a real EvidenceBase (the tiny project), and the public API."""

from __future__ import annotations

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
from tinyproject import DISTRICT, LSOAS, WARDS, write_tiny_project

import evidence
from evidence import gaps


@pytest.fixture(scope="module")
def eb(tmp_path_factory):
    return evidence.load(write_tiny_project(tmp_path_factory.mktemp("tiny") / "project"))


def test_public_api_is_sorted_and_importable():
    assert gaps.__all__ == sorted(gaps.__all__)
    for name in gaps.__all__:
        assert getattr(gaps, name) is not None


def test_gap_analysis_runs_on_a_real_evidence_base(eb, tmp_path):
    config = eb.config
    theme_names = {t.id: t.name for t in config.themes}
    table = gaps.performance_gaps(eb.values, eb.indicators, comparisons=eb.comparisons, comparator="england",
                                  areas=eb.areas)
    # smoking in LSOA 4: 210/1000 = 21% against England's 14%: 50% worse
    row = table[(table["indicator_id"] == "smoke") & (table["area_code"] == LSOAS[3])].iloc[0]
    assert row["bad_gap_pct"] == pytest.approx(50.0) and row["judgement"] == "Worse"
    assert row["comparator_name"] == "England"

    focus = gaps.focus_worse_than_england(eb.values, eb.comparisons, eb.indicators, config.focus_area)
    assert set(focus["indicator_id"]) == {"crime", "smoke"}

    wards = gaps.area_range(eb.values, eb.indicators, eb.areas, focus_area=config.focus_area)
    assert wards.set_index("indicator_id").at["smoke", "worst_name"] == "East"
    index = gaps.slope_index(eb.values, eb.indicators, eb.areas, deprivation="imd", focus_area=config.focus_area,
                             min_areas=4).set_index("indicator_id")
    assert index.at["smoke", "sii"] == pytest.approx(-8.0)  # 21, 19, 17, 15% from most to least deprived
    fifths = gaps.deprivation_fifths(eb.values, eb.indicators, eb.areas, deprivation="imd",
                                     focus_area=config.focus_area)
    assert fifths["area_code"].tolist() == LSOAS[::-1]

    scores = gaps.priority_scores(table[table["area_type"] == "ward"])
    themes = gaps.theme_priorities(scores, theme_names=theme_names, theme_order=[t.id for t in config.themes])
    assert themes.iloc[0]["area_code"] == WARDS[1]  # East is worse on both themes
    assert themes.iloc[0]["explanation"].startswith("East, Healthy: ranked first")

    many = gaps.multi_theme_areas(table, theme_names=theme_names)
    assert WARDS[1] in set(many["area_code"]) and WARDS[0] not in set(many["area_code"])
    found = gaps.evidence_gaps(eb.values, eb.indicators, eb.areas, themes=[(t.id, t.name) for t in config.themes],
                               small_area_types=config.type_order[:-1], min_count=config.min_count)
    assert set(found["kind"]) == {"few indicators"}
    proof = gaps.proofing_table(table[table["area_type"] == "lsoa"], fifths[["area_code", "fifth_name"]])
    assert proof["group"].iloc[0] == "Most deprived fifth"
    clusters = gaps.worse_count_clusters(table, eb.areas, focus_area=config.focus_area, area_type="lsoa")
    assert set(clusters["cluster"]) == {"Not computed"}  # four LSOAs are too few

    register = tmp_path / "activities.csv"
    register.write_text("activity,lead_partnership,themes,indicators,areas,start,end\n"
                        f"Smokefree East,Health and Wellbeing Board,,smoke,{WARDS[1]},2019,2022\n"
                        f"Safer Tinyshire,Community Safety Partnership,safer,,{DISTRICT},2018,\n", encoding="utf-8")
    activities = gaps.read_activity_register(register, indicators=eb.indicators["id"],
                                             themes=[t.id for t in config.themes], areas=eb.areas["area_code"])
    issues = table[(table["judgement"] == "Worse") & (table["area_type"] == "lsoa")]
    covered = gaps.issue_coverage(issues, activities, eb.indicators, eb.areas, year=2020,
                                  custom_areas={c.code: c.members for c in config.custom_areas})
    uncovered = covered[~covered["covered"]]
    assert set(zip(uncovered["indicator_id"], uncovered["area_code"])) == {("smoke", LSOAS[1])}

    write = gaps.write_workbook(table, tmp_path / "gaps.xlsx", priorities=themes, theme_names=theme_names,
                                theme_order=[t.id for t in config.themes])
    assert openpyxl.load_workbook(write).sheetnames == ["Safer", "Healthy", "Priorities"]
    gaps.write_csv(scores, tmp_path / "priorities.csv")
    assert pd.read_csv(tmp_path / "priorities.csv")["Rank"].tolist() == list(range(1, len(scores) + 1))
    gpkg = gaps.write_priority_areas(themes, eb.areas, tmp_path / "priority.gpkg")
    assert len(gpd.read_file(gpkg)) == len(themes)
