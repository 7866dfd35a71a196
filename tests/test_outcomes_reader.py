"""Reading outcomes.yml: a valid file becomes a Framework; every problem names file, place, field and fix."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from test_outcomes_fixtures import make_evidence, write_yaml

from evidence.errors import ValidationError
from evidence.outcomes import load_framework, read_framework, target_method_names
from evidence.outcomes.reader import ACTION_FIELDS, FRAMEWORK_FIELDS, MEASURE_FIELDS, OUTCOME_FIELDS

DOC = Path(__file__).parent.parent / "docs" / "outcomes-format.md"

VALID = """
title: Tinyshire action plan
issued: 2025-05-21
target_years: [2025, 2026, 2027]
aims:
  - {id: "2", title: A place where all communities matter}
outcomes:
  - id: "2.1"
    title: Communities live, work and play in peace and harmony
    theme: Safer
    measures:
      - indicator: crime
        comparator: england
        target_method: reach_comparator
        target_params: {by: 2027}
        owner: Community Safety Manager
        lead_partnership: Safer Tinyshire
    actions:
      - action: a) Take action to increase community cohesion
        tasks: [Run a forum, Train staff]
        measures:
          - Number of forums held
          - {indicator: employment, area: E05000001, target_method: hold, target_years: [2026]}
        targets: {baseline: "0", 2025: "2"}
        milestones:
          - {text: First forum, date: 2025-06-30}
        timescale: 2025-2027
        resources: Council, police
        contact_officer: Jo Bloggs
        lead_partnership: Safer Tinyshire
        long_term_ambitions: Cohesive communities
"""

BROKEN = """
title: Bad plan
issued: 21 May 2025
outcomes:
  - id: "2.1"
    title: Peace
    theme: safr
    measures:
      - indicator: crme
        target_method: reach_comparater
      - indicator: crime
        target_method: close_gap
        target_params: {shares: 0.2}
      - indicator: crime
        area: E0700001
        comparator: regoin
        target_method: explicit
        target_params: {values: {2025: 1}}
        target_years: [2025, 2026]
    actions:
      - tasks: [x]
        milestones:
          - {text: Launch, date: next June}
        colour: red
  - id: "2.2"
"""


@pytest.fixture(scope="module")
def evidence(tmp_path_factory):
    return make_evidence(tmp_path_factory.mktemp("reader") / "project")


def test_valid_framework(tmp_path, evidence):
    framework, problems = read_framework(write_yaml(tmp_path, VALID), evidence)
    assert not problems.errors, problems.report()
    assert framework.title == "Tinyshire action plan" and framework.issued == dt.date(2025, 5, 21)
    outcome = framework.outcome("2.1")
    assert outcome.theme == "safer"  # the theme's name is accepted and stored as its id
    assert outcome.aim == "2"  # from the outcome id
    measure = outcome.measures[0]
    assert (measure.id, measure.indicator, measure.area, measure.comparator) == ("2.1 measure 1", "crime", None,
                                                                                 "england")
    assert measure.target_params == {"by": 2027} and measure.target_years == (2025, 2026, 2027)
    action = outcome.actions[0]
    assert action.tasks == ("Run a forum", "Train staff") and action.measures == ("Number of forums held",)
    assert action.indicator_measures[0].id == "2.1 action a measure 2"  # numbered by place in the list
    assert action.indicator_measures[0].target_years == (2026,)
    assert action.milestones[0].date == dt.date(2025, 6, 30)
    assert action.targets == {"baseline": "0", "2025": "2"}
    assert [m.id for m in framework.measures()] == ["2.1 measure 1", "2.1 action a measure 2"]


def test_every_problem_is_reported_with_place_field_and_fix(tmp_path, evidence):
    path = write_yaml(tmp_path, BROKEN)
    framework, problems = read_framework(path, evidence)
    assert framework is None  # the issued date is unusable
    found = {(p.place, p.column): p for p in problems.errors}

    def problem(place, column):
        matches = [p for (pl, col), p in found.items() if col == column and re.fullmatch(place + r", line \d+", pl)]
        assert matches, f"no problem at {place} / {column}: {problems.report()}"
        return matches[0]

    assert all(p.file == str(path) or p.file == "outcomes.yml" for p in problems.errors)
    assert problem("top level", "issued").fix.startswith("Write a real date as YYYY-MM-DD")
    assert "Did you mean 'safer'?" in problem("outcome 2.1", "theme").message
    bad_indicator = problem("outcome 2.1, measure 1", "indicator")
    assert "Unknown indicator 'crme'. Did you mean 'crime'?" in bad_indicator.message
    bad_method = problem("outcome 2.1, measure 1", "target_method")
    assert "Did you mean 'reach_comparator'?" in bad_method.message
    assert ", ".join(target_method_names()) in bad_method.fix
    params = [p.message for p in problems.errors if p.place.startswith("outcome 2.1, measure 2,")]
    assert any("no parameter 'shares'. Did you mean 'share'?" in m for m in params)
    assert any("needs parameter 'share'" in m for m in params)
    assert "Did you mean 'E07000001'?" in problem("outcome 2.1, measure 3", "area").message
    assert "england, lsoa, ward, district" in problem("outcome 2.1, measure 3", "comparator").fix
    assert "no target for 2026" in problem("outcome 2.1, measure 3", "target_params").message
    assert problem("outcome 2.1, action a", "action").message == "Missing required field 'action'."
    assert "Unknown field 'colour'" in problem("outcome 2.1, action a", "colour").message
    assert "'next June' is not a date" in problem("outcome 2.1, action a, milestone 1", "date").message
    assert problem("outcome 2.2", "title") and problem("outcome 2.2", "theme")
    assert len(problems.errors) == 14, problems.report()


def test_line_numbers_point_at_the_field(tmp_path, evidence):
    path = write_yaml(tmp_path, BROKEN)
    _, problems = read_framework(path, evidence)
    lines = path.read_text().splitlines()
    for p in problems.errors:
        line = int(p.place.rsplit("line ", 1)[1])
        if not p.message.startswith("Missing"):
            assert p.column in lines[line - 1], (p, lines[line - 1])


def test_load_framework_raises_all_problems_at_once(tmp_path, evidence):
    with pytest.raises(ValidationError) as info:
        load_framework(write_yaml(tmp_path, BROKEN), evidence)
    assert str(info.value).startswith("14 errors found:")


def test_without_evidence_only_the_file_itself_is_checked(tmp_path):
    framework, problems = read_framework(write_yaml(tmp_path, VALID.replace("crime", "no_such_indicator")))
    assert not problems.errors and framework.outcomes[0].measures[0].indicator == "no_such_indicator"


def test_missing_top_level_fields_and_bad_shapes(tmp_path, evidence):
    text = "title: X\noutcomes: not a list\nmax_data_age: -1\ntarget_years: [twenty]\n"
    _, problems = read_framework(write_yaml(tmp_path, text), evidence)
    columns = sorted(p.column for p in problems.errors)
    assert columns == ["issued", "max_data_age", "outcomes", "target_years"], problems.report()


def test_unreadable_files_are_problems_with_their_line(tmp_path):
    def report(path):
        framework, problems = read_framework(path)
        assert framework is None
        return problems.report()

    assert "'missing.yml' does not exist" in report(tmp_path / "missing.yml")
    assert "line 2" in report(write_yaml(tmp_path, "title: x\n  bad: [indent\n"))
    assert "Expected a mapping of fields" in report(write_yaml(tmp_path, "- just a list\n"))
    assert "line 2: 'title' is given twice" in report(write_yaml(tmp_path, "title: x\ntitle: y\n"))
    assert "line 2: '2021-09-31' is not a real date" in report(write_yaml(tmp_path, "title: x\nissued: 2021-09-31\n"))
    (tmp_path / "folder.yml").mkdir()
    assert "is a folder" in report(tmp_path / "folder.yml")
    (tmp_path / "cp1252.yml").write_bytes("title: Caf\xe9 plan\n".encode("cp1252"))
    assert "line 1" in report(tmp_path / "cp1252.yml") and "UTF-8" in report(tmp_path / "cp1252.yml")
    with pytest.raises(ValidationError, match="does not exist"):
        load_framework(tmp_path / "missing.yml")


def test_target_years_must_come_after_an_explicit_baseline_year(tmp_path, evidence):
    text = VALID.replace("target_years: [2025, 2026, 2027]", "baseline_year: 2025\ntarget_years: [2024, 2025, 2026]")
    _, problems = read_framework(write_yaml(tmp_path, text), evidence)
    (only,) = problems.errors
    assert only.column == "target_years" and only.place == "top level, line 4"
    assert "2024, 2025 are not after the baseline year 2025" in only.message


def test_every_field_is_documented():
    text = DOC.read_text()
    for fields in (FRAMEWORK_FIELDS, OUTCOME_FIELDS, MEASURE_FIELDS, ACTION_FIELDS):
        missing = [f for f in fields if f"| `{f}` |" not in text]
        assert not missing, f"fields read but not documented in {DOC.name}: {missing}"


def test_a_comparator_type_must_contain_the_measure_area(tmp_path, evidence):
    text = VALID.replace("{indicator: employment, area: E05000001,", "{indicator: employment, area: E05000001, comparator: lsoa,")
    _, problems = read_framework(write_yaml(tmp_path, text), evidence)
    (only,) = problems.errors
    assert only.column == "comparator" and "does not contain the measure's area 'E05000001'" in only.message
    assert only.fix == "Use a larger area type (district, england) or an area code."
