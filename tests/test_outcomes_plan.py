"""Baselines, targets, the SMART check and coverage on a framework with planted gaps."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from test_outcomes_fixtures import make_evidence, write_yaml
from tinyproject import DISTRICT, ENGLAND, LSOAS, WARDS

from evidence.errors import DataError
from evidence.outcomes import (Targets, action_plan, contained_areas, coverage, load_framework, outcome_evidence,
                               register_target_method)
from evidence.outcomes.target_methods import _REGISTRY

# Planted gaps: 1.1's measure is complete; 1.2 has no measure; 2.1's first measure has no owner
# and no target method, its second has no data for its area (no baseline), the action measure
# takes its owner from the action's contact officer, and 'old' data is from 2015.
FRAMEWORK = """
title: Planted gaps
issued: 2025-04-01
baseline_year: 2020
max_data_age: 3
target_years: [2021, 2022]
outcomes:
  - id: "1.1"
    title: Less violent crime
    theme: safer
    measures:
      - {id: crime, indicator: crime, comparator: england, target_method: reach_comparator, owner: Ann}
  - id: "1.2"
    title: People feel safe
    theme: safer
  - id: "2.1"
    title: More people in work
    theme: healthy
    measures:
      - {id: employment, indicator: employment, area: E05000001}
      - {id: no_data, indicator: employment, area: E05000002, target_method: hold, owner: Bo}
    actions:
      - action: Job clubs
        contact_officer: Cy
        measures:
          - {id: old, indicator: old, target_method: hold}
          - {id: undated, indicator: crime, target_method: hold, target_years: [], owner: Di}
"""


@pytest.fixture(scope="module")
def evidence(tmp_path_factory):
    return make_evidence(tmp_path_factory.mktemp("plan") / "project")


@pytest.fixture(scope="module")
def plan(evidence, tmp_path_factory):
    path = write_yaml(tmp_path_factory.mktemp("plan_yaml"), FRAMEWORK.replace("target_years: []", "target_years: [2021]"))
    framework = load_framework(path, evidence)
    # an empty target_years list is a problem for the reader; take the dates off that measure here
    outcome = framework.outcome("2.1")
    action = outcome.actions[0]
    undated = replace(action.indicator_measures[1], target_years=())
    action = replace(action, indicator_measures=(action.indicator_measures[0], undated))
    outcome = replace(outcome, actions=(action,))
    framework = replace(framework, outcomes=tuple(outcome if o.id == "2.1" else o for o in framework.outcomes))
    return action_plan(evidence, framework)


def test_baselines_come_from_the_evidence_base(plan):
    base = plan.baselines.set_index("measure_id")
    crime = base.loc["crime"]
    assert (crime["area_code"], crime["period"], crime["value"], crime["lower"], crime["upper"]) == (
        DISTRICT, "2020/21", 20, 18, 22)
    assert (crime["comparator_code"], crime["comparator_name"], crime["comparator_value"]) == (ENGLAND, "England", 10)
    employment = base.loc["employment"]
    # no comparator given: the main comparator of the row (the district)
    assert (employment["area_name"], employment["value"], employment["comparator_value"]) == ("West", 68, 70)
    assert pd.isna(base.loc["no_data", "value"])


def test_targets_follow_each_measure_method(plan):
    targets = plan.targets.set_index(["measure_id", "year"])
    # reach England's 10 by 2022 from 20 in 2020/21, lower is better
    assert targets.loc[("crime", 2021), "target"] == pytest.approx(15)
    assert targets.loc[("crime", 2022), ["target", "period", "kind"]].tolist() == [10, "2022/23", "single"]
    assert targets.loc[("employment", 2021), "kind"] == "none"
    assert targets.loc[("no_data", 2021), "note"].startswith("no baseline")
    assert targets.loc[("old", 2022), "target"] == 50


def test_smart_check_flags_each_planted_gap_in_words(plan):
    lacks = set(zip(plan.smart["measure_id"], plan.smart["lacks"]))
    assert lacks == {("employment", "target"), ("employment", "owner"), ("no_data", "baseline"),
                     ("no_data", "target"), ("undated", "date")}
    message = plan.smart.set_index(["measure_id", "lacks"])["message"]
    assert message[("employment", "owner")] == ("Measure 'employment' (Employment rate, West) has no owner: name the "
                                                "officer responsible in 'owner'.")
    assert "no value of 'employment' for E05000002" in message[("no_data", "baseline")]
    assert "no target method" in message[("employment", "target")]
    assert "give target_years" in message[("undated", "date")]


def test_contained_areas_follow_nesting_and_custom_members(evidence):
    assert contained_areas(DISTRICT, evidence) == {DISTRICT, *WARDS, *LSOAS, "NP01"}
    assert contained_areas(WARDS[0], evidence) == {WARDS[0], *LSOAS[:2]}
    assert contained_areas("NP01", evidence) == {"NP01", *WARDS, *LSOAS}
    assert contained_areas(LSOAS[0], evidence) == {LSOAS[0]}


ISSUES = pd.DataFrame({
    "indicator_id": ["crime", "crime", "employment", "employment", "age"],
    "area_code": [WARDS[0], LSOAS[2], LSOAS[1], DISTRICT, DISTRICT],
    "theme": ["safer", "safer", "healthy", "healthy", "healthy"],
    "score": [3.0, 2.0, 1.5, 1.0, 0.5],
    "rank": [1, 2, 3, 4, 5],
})


def test_outcome_evidence_links_issues_through_area_nesting(plan, evidence):
    linked = outcome_evidence(plan.framework, ISSUES, evidence)
    pairs = set(zip(linked["outcome_id"], linked["measure_id"], linked["area_code"]))
    # the district crime measures cover a ward and an LSOA; the West employment measure covers West's LSOA
    assert pairs == {("1.1", "crime", WARDS[0]), ("1.1", "crime", LSOAS[2]), ("2.1", "undated", WARDS[0]),
                     ("2.1", "undated", LSOAS[2]), ("2.1", "employment", LSOAS[1])}
    assert {"score", "rank", "theme", "measure_area"} <= set(linked.columns)
    assert ISSUES.columns.tolist() == ["indicator_id", "area_code", "theme", "score", "rank"]  # not mutated


def test_coverage_lists_the_gaps_on_both_sides(plan, evidence):
    report = coverage(plan.framework, ISSUES, evidence)
    assert set(zip(report.unaddressed["indicator_id"], report.unaddressed["area_code"])) == {
        ("employment", DISTRICT), ("age", DISTRICT)}  # ward measures do not cover their district
    assert report.no_measures["outcome_id"].tolist() == ["1.2"]
    stale = report.stale.set_index("measure_id")
    # as of 2025 with max age 3: 2015 data is stale, no data at all is listed, 2020 data is stale too (5 years)
    assert stale.loc["old", ["latest_year", "age"]].tolist() == [2015, 10]
    assert pd.isna(stale.loc["no_data", "latest_year"])
    fresh = coverage(plan.framework, ISSUES, evidence, as_of=2023)
    assert set(fresh.stale["measure_id"]) == {"old", "no_data"}
    assert "1 outcomes without measures" in repr(report)


def test_coverage_needs_issue_columns(plan, evidence):
    with pytest.raises(DataError, match="no area_code column"):
        coverage(plan.framework, pd.DataFrame({"indicator_id": ["crime"]}), evidence)


def test_action_plan_with_issues_and_a_custom_method(tmp_path, evidence):
    @register_target_method("halve_gap_now")
    def halve_gap_now(ctx, *, share: float = 0.5):
        """Halve the gap to the comparator at once."""
        target = ctx.baseline + (ctx.comparator - ctx.baseline) * share
        return Targets.single(ctx.years, [target] * len(ctx.years))

    try:
        text = FRAMEWORK.replace("target_method: reach_comparator", "target_method: halve_gap_now")
        text = text.replace("target_years: []", "target_years: [2021]")
        plan = action_plan(evidence, write_yaml(tmp_path, text), issues=ISSUES)
        crime = plan.targets[plan.targets["measure_id"] == "crime"]
        assert crime["target"].tolist() == [15, 15] and crime["method"].unique().tolist() == ["halve_gap_now"]
        assert plan.coverage is not None and len(plan.coverage.unaddressed) == 2
        assert "Planted gaps" in repr(plan)
    finally:
        _REGISTRY.pop("halve_gap_now", None)


def test_public_api_is_sorted_and_importable():
    import evidence.outcomes as outcomes

    assert list(outcomes.__all__) == sorted(outcomes.__all__)
    for name in outcomes.__all__:
        assert hasattr(outcomes, name), name


def test_action_plan_without_a_file_needs_the_outcomes_setting(evidence):
    from evidence.errors import ProjectError

    with pytest.raises(ProjectError, match="outcomes: outcomes.yml"):
        action_plan(evidence)


def test_target_years_not_after_the_data_baseline_get_no_target_and_say_why(tmp_path, evidence):
    # without baseline_year the baseline is the latest data (2023/24 here), which validate cannot know
    text = FRAMEWORK.replace("baseline_year: 2020\n", "").replace("target_years: []", "target_years: [2021, 2030]")
    plan = action_plan(evidence, write_yaml(tmp_path, text))
    held = plan.targets[plan.targets["measure_id"] == "undated"].set_index("year")
    assert plan.baselines.set_index("measure_id").at["undated", "year"] == 2023
    assert held.loc[2021, "kind"] == "none" and held.loc[2030, "kind"] == "single"
    message = plan.smart[(plan.smart["measure_id"] == "undated") & (plan.smart["lacks"] == "target")]["message"]
    assert "has no target for 2021: not after the baseline period (2023/24)" in message.iloc[0]
