"""End to end: the tiny project built by evidence.load(), an outcomes.yml, the plan and its exports."""

from __future__ import annotations

import docx
import openpyxl
import pandas as pd
import pytest
from test_outcomes_fixtures import write_yaml
from tinyproject import DISTRICT, ENGLAND, LSOAS, WARDS, write_tiny_project

import evidence
from evidence.outcomes import action_plan

OUTCOMES = """
title: Tinyshire Sustainable Community Strategy action plan
issued: 2021-05-21
baseline_year: 2019
target_years: [2020, 2021, 2022]
aims:
  - {id: "2", title: A place where all communities matter and people want to live}
outcomes:
  - id: "2.1"
    title: Communities live, work and play in peace and harmony
    theme: safer
    measures:
      - indicator: crime
        comparator: england
        target_method: reach_comparator
        target_params: {by: 2022}
        owner: Community Safety Manager
        lead_partnership: Safer Tinyshire
    actions:
      - action: a) Take action to increase community cohesion and integration
        tasks: [Hold a cohesion forum in each ward]
        measures: [Number of forums held]
        targets: {baseline: "0", 2020: "2", 2021: "4", 2022: "6"}
        milestones: [{text: First forum, date: 2020-09-30}]
        timescale: 2020-2022
        resources: Council, police, voluntary sector
        contact_officer: Jo Bloggs
        lead_partnership: Safer Tinyshire
        long_term_ambitions: Every ward has a residents' forum
  - id: "3.1"
    title: Fewer people smoke
    theme: healthy
    measures:
      - indicator: smoke
        area: E05000002
        comparator: district
        target_method: close_gap
        target_params: {share: 0.5}
  - id: "3.2"
    title: Less deprivation
    theme: healthy
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = write_tiny_project(tmp_path_factory.mktemp("e2e") / "tiny")
    eb = evidence.load(root)
    issues = pd.DataFrame({"indicator_id": ["crime", "smoke", "imd"], "area_code": [LSOAS[0], LSOAS[3], DISTRICT],
                           "theme": ["safer", "healthy", "healthy"], "score": [2.0, 1.0, 0.5], "rank": [1, 2, 3],
                           "judgement": ["Worse", "Worse", "Worse"], "trend": ["", "", ""]})
    return eb, action_plan(eb, write_yaml(root, OUTCOMES), issues=issues), root


def test_baselines_and_targets_from_the_built_evidence(built):
    eb, plan, _ = built
    base = plan.baselines.set_index("measure_id")
    crime = eb.values[(eb.values["indicator_id"] == "crime") & (eb.values["area_code"] == DISTRICT)
                      & (eb.values["year"] == 2019)].iloc[0]
    england = eb.values[(eb.values["indicator_id"] == "crime") & (eb.values["area_code"] == ENGLAND)
                        & (eb.values["year"] == 2019)].iloc[0]
    row = base.loc["2.1 measure 1"]
    assert (row["period"], row["value"], row["lower"], row["upper"]) == ("2019/20", crime["value"], crime["lower"],
                                                                         crime["upper"])
    assert row["comparator_value"] == pytest.approx(england["value"])
    targets = plan.targets[plan.targets["measure_id"] == "2.1 measure 1"]["target"].tolist()
    gap = england["value"] - crime["value"]
    assert targets == pytest.approx([crime["value"] + gap / 3, crime["value"] + 2 * gap / 3, england["value"]])
    smoke = base.loc["3.1 measure 1"]
    # East smokes 20%, Tinyshire 18% (lower is better): close half the gap a year
    assert (smoke["area_name"], smoke["value"], smoke["comparator_code"], smoke["comparator_value"]) == (
        "East", 20, DISTRICT, 18)
    assert plan.targets[plan.targets["measure_id"] == "3.1 measure 1"]["target"].tolist() == pytest.approx(
        [19, 18, 18])


def test_monitoring_smart_and_coverage(built):
    _, plan, _ = built
    monitoring = plan.monitoring.set_index(["measure_id", "year"])
    # crime 2020/21: 21.7 (18.1 to 25.7) against a target of 19.7 or lower: the interval straddles it
    assert monitoring.loc[("2.1 measure 1", 2020), "label"] == "Too close to call"
    assert monitoring.loc[("2.1 measure 1", 2021), "label"] == "No data yet"
    # East 2020: 20.0% (about 18.8 to 21.3) against 19 or lower
    assert monitoring.loc[("3.1 measure 1", 2020), "label"] == "Too close to call"
    measures = plan.smart[plan.smart["lacks"] != "outcome measure"]
    assert set(measures["lacks"]) == {"owner"} and measures["measure_id"].tolist() == ["3.1 measure 1"]
    process = plan.smart[plan.smart["lacks"] == "outcome measure"]  # "try to avoid process measures"
    assert process["outcome_id"].tolist() == ["2.1"] and "Number of forums held" in process["message"].iloc[0]
    cover = plan.coverage
    assert cover.unaddressed["indicator_id"].tolist() == ["imd"]
    assert set(zip(cover.evidence["outcome_id"], cover.evidence["area_code"])) == {("2.1", LSOAS[0]),
                                                                                  ("3.1", LSOAS[3])}
    assert cover.no_measures["outcome_id"].tolist() == ["3.2"]
    assert cover.stale.empty  # 2020 data, as of 2021
    assert WARDS[1] in set(plan.baselines["area_code"])


def test_exports_of_the_built_plan(built, tmp_path):
    _, plan, root = built
    book = openpyxl.load_workbook(plan.write_xlsx(tmp_path / "plan.xlsx"))
    assert book.sheetnames == ["Safer", "Healthy"]
    safer = [list(r) for r in book["Safer"].iter_rows(values_only=True)]
    assert safer[1][3:7] == ["Baseline", "2020/21", "2021/22", "2022/23"]
    assert safer[3][0] == "Outcome 2.1: Communities live, work and play in peace and harmony"
    assert safer[5][:4] == ["a) Take action to increase community cohesion and integration",
                            "• Hold a cohesion forum in each ward", "Number of forums held", "0"]
    document = docx.Document(str(plan.write_docx(tmp_path / "plan.docx")))
    assert "Outcome 3.1: Fewer people smoke" in [p.text for p in document.paragraphs]
    assert plan.write_xlsx(tmp_path / "again.xlsx").read_bytes() == (tmp_path / "plan.xlsx").read_bytes()
