"""Monitoring statuses on constructed series: met, missed, too close to call; single and range."""

from __future__ import annotations

import pandas as pd
import pytest
from test_outcomes_fixtures import make_evidence, write_yaml

from evidence.outcomes import action_plan, load_framework

FRAMEWORK = """
title: Monitoring test
baseline_year: 2020
issued: 2024-04-01
outcomes:
  - id: "1.1"
    title: Less violent crime
    theme: safer
    measures:
      - id: crime
        indicator: crime
        target_method: explicit
        target_params: {values: {2021: 19, 2022: 19, 2023: 19}}
        target_years: [2021, 2022, 2023]
        owner: A
  - id: "2.1"
    title: More people in work
    theme: healthy
    measures:
      - id: employment
        indicator: employment
        area: E05000001
        target_method: explicit
        target_params: {values: {2021: 70, 2022: 70}}
        target_years: [2021, 2022]
        owner: B
      - id: age
        indicator: age
        target_method: explicit
        target_params: {values: {2021: [40, 50], 2022: [40, 50], 2023: [40, 50], 2024: [40, 50]}}
        target_years: [2021, 2022, 2023, 2024]
        owner: C
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("monitoring")
    evidence = make_evidence(folder / "project")
    framework = load_framework(write_yaml(folder, FRAMEWORK), evidence)
    return action_plan(evidence, framework)


def statuses(plan, measure):
    rows = plan.monitoring[plan.monitoring["measure_id"] == measure]
    return dict(zip(rows["year"], rows["label"]))


def test_single_target_with_intervals(plan):
    assert statuses(plan, "crime") == {2021: "Target met", 2022: "Target missed", 2023: "Too close to call"}
    rows = plan.monitoring[plan.monitoring["measure_id"] == "crime"]
    assert rows["status"].tolist() == ["Green", "Red", "Amber"]
    assert rows["period"].tolist() == ["2021/22", "2022/23", "2023/24"]


def test_single_target_point_fallback_without_interval(plan):
    assert statuses(plan, "employment") == {2021: "Target met", 2022: "Target missed"}


def test_range_target_with_intervals_and_no_data_yet(plan):
    assert statuses(plan, "age") == {2021: "Target met", 2022: "Target missed", 2023: "Too close to call",
                                     2024: "No data yet"}


def test_range_target_point_fallback(tmp_path):
    evidence = make_evidence(tmp_path / "p")
    values = evidence.values.copy()
    age = values["indicator_id"] == "age"
    values.loc[age, ["lower", "upper"]] = float("nan")
    evidence = type(evidence)(evidence.config, values, evidence.comparisons, evidence.indicators, evidence.areas)
    plan = action_plan(evidence, load_framework(write_yaml(tmp_path, FRAMEWORK), evidence))
    # 45 inside 40-50, 53 outside, 50 on the bound (inside)
    assert statuses(plan, "age") == {2021: "Target met", 2022: "Target missed", 2023: "Target met",
                                     2024: "No data yet"}


def test_sentences_say_the_status_in_words(plan):
    text = plan.monitoring.set_index(["measure_id", "year"])["text"]
    assert text[("crime", 2022)] == ("Violent crime, Tinyshire, 2022/23: 25.0 (95% interval 21.0 to 29.0) against "
                                     "a target of 19.0 or lower: target missed.")
    assert text[("age", 2023)].endswith("against a target range of 40.0 to 50.0: too close to call.")
    assert text[("age", 2024)] == "Median age, Tinyshire, 2024: a target range of 40.0 to 50.0; no data yet."


def test_theme_summary_counts_latest_assessed_year(plan):
    summary = plan.summary.set_index("theme")
    assert summary.loc["safer", ["measures", "on_track", "too_close", "off_track", "not_assessed"]].tolist() == [
        1, 0, 1, 0, 0]
    # employment: missed in 2022; age: too close to call in 2023 (2024 has no data yet)
    assert summary.loc["healthy", ["measures", "on_track", "too_close", "off_track", "not_assessed"]].tolist() == [
        2, 0, 1, 1, 0]
    assert summary.loc["healthy", "text"] == ("Healthy: 0 of 2 measures on track, 1 off track, 1 too close to call, "
                                              "0 not yet assessed.")


def test_chart_data_joins_actual_values_and_target_path(plan):
    chart = plan.chart[plan.chart["measure_id"] == "crime"].set_index("year")
    assert chart.index.tolist() == [2018, 2019, 2020, 2021, 2022, 2023]
    assert chart.loc[2020, "label"] == "Baseline" and chart.loc[2020, "target"] == 20
    assert chart.loc[2022, ["value", "target", "label"]].tolist() == [25, 19, "Target missed"]
    assert pd.isna(chart.loc[2018, "target"])
    age = plan.chart[plan.chart["measure_id"] == "age"].set_index("year")
    assert age.loc[2024, "label"] == "No data yet" and pd.isna(age.loc[2024, "value"])
    assert age.loc[2024, ["low", "high"]].tolist() == [40, 50]
