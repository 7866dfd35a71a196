"""Excel and Word exports re-read cell by cell against the framework, and regenerated identically."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace

import docx
import openpyxl
import pytest
from test_outcomes_fixtures import make_evidence, write_yaml

from evidence.outcomes import action_plan, load_framework, write_docx, write_xlsx
from evidence.io.office import write_office_file

FRAMEWORK = """
title: Tinyshire action plan 2021-2023
issued: 2021-05-21
baseline_year: 2020
target_years: [2021, 2022, 2023]
aims:
  - {id: "1", title: A safe place}
  - {id: "2", title: A healthy place}
themes:
  - {id: safer, name: "Safer: Stronger Communities Group"}
  - {id: healthy, name: Healthy}
outcomes:
  - id: "1.1"
    title: Communities live, work and play in peace and harmony
    theme: safer
    measures:
      - indicator: crime
        comparator: england
        target_method: reach_comparator
        owner: Community Safety Manager
        lead_partnership: Safer Tinyshire
    actions:
      - action: a) Take action to increase community cohesion
        tasks: [Run a forum, Train staff <and volunteers>]
        measures: [Number of forums held, Staff trained]
        targets: {baseline: "0", 2021: "2", 2023: "6"}
        milestones:
          - {text: First forum, date: 2021-06-30}
          - {text: All staff trained, date: 2022-03-31}
        timescale: 2021-2023
        resources: Council, police
        contact_officer: Jo Bloggs
        lead_partnership: Safer Tinyshire
        long_term_ambitions: Cohesive communities
      - action: b) Reduce violent crime in West
        measures:
          - {indicator: crime, area: E05000001, target_method: hold, owner: Sergeant Smith}
  - id: "2.1"
    title: A stable population
    theme: healthy
    measures:
      - indicator: age
        target_method: explicit
        target_params: {values: {2021: [40, 50], 2022: [40, 50], 2023: 45}}
"""

HEADER = ["Action", "Task", "Measures", "Targets", None, None, None, "Milestones/Detailed Tasks", "Timescale",
          "Resource/Organisations involved", "Contact Officer", "Lead Partnership", "Long-term Ambitions"]
E = None  # an empty cell


def expected_safer():
    # crime: 20 in 2020/21, England 10, reach it by 2023 on a straight line: 16.7, 13.3, 10
    return [
        HEADER,
        [E, E, E, "Baseline", "2021/22", "2022/23", "2023/24", E, E, E, E, E, E],
        ["Aim 1: A safe place"] + [E] * 12,
        ["Outcome 1.1: Communities live, work and play in peace and harmony"] + [E] * 12,
        ["Outcome measure", E, "Violent crime (per 1,000), Tinyshire; baseline 2020/21; England 10.0", 20, 16.7,
         13.3, 10, E, E, E, "Community Safety Manager", "Safer Tinyshire", E],
        ["a) Take action to increase community cohesion", "• Run a forum\n• Train staff <and volunteers>",
         "Number of forums held\nStaff trained", "0", "2", E, "6",
         "First forum (2021-06-30)\nAll staff trained (2022-03-31)", "2021-2023", "Council, police", "Jo Bloggs",
         "Safer Tinyshire", "Cohesive communities"],
        ["b) Reduce violent crime in West"] + [E] * 12,
        [E, E, "Violent crime (per 1,000), West; baseline 2020/21; Tinyshire 20.0", 30, 30, 30, 30, E, E, E,
         "Sergeant Smith", E, E],
    ]


def expected_healthy():
    return [
        HEADER,
        [E, E, E, "Baseline", "2021", "2022", "2023", E, E, E, E, E, E],
        ["Aim 2: A healthy place"] + [E] * 12,
        ["Outcome 2.1: A stable population"] + [E] * 12,
        ["Outcome measure", E, "Median age (years), Tinyshire; baseline 2020", 45, "40.0 to 50.0", "40.0 to 50.0",
         45, E, E, E, E, E, E],
    ]


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    evidence = make_evidence(folder / "project")
    return action_plan(evidence, load_framework(write_yaml(folder, FRAMEWORK), evidence))


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_xlsx_cell_by_cell(plan, tmp_path):
    path = write_xlsx(plan, tmp_path / "out" / "plan.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Safer  Stronger Communities Gro", "Healthy"]
    for sheet, expected in zip(book.worksheets, (expected_safer(), expected_healthy())):
        assert rows(sheet) == expected
        assert sheet.freeze_panes == "A3"
        assert "D1:G1" in {str(r) for r in sheet.merged_cells.ranges}  # "Targets" over Baseline and the years
        assert sheet.cell(5, 3).alignment.wrap_text
        assert sheet.column_dimensions["A"].width == 32 and sheet.column_dimensions["E"].width == 12
        assert sheet.cell(1, 1).font.b
    assert book.properties.title == "Tinyshire action plan 2021-2023"
    assert book.properties.created.date().isoformat() == "2021-05-21"
    assert book.properties.modified.date().isoformat() == "2021-05-21"


def test_docx_headings_and_tables(plan, tmp_path):
    document = docx.Document(str(write_docx(plan, tmp_path / "plan.docx")))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        ("Title", "Tinyshire action plan 2021-2023"),
        ("Heading 1", "Safer: Stronger Communities Group"),
        ("Heading 2", "Outcome 1.1: Communities live, work and play in peace and harmony"),
        ("Heading 3", "Outcome measures"), ("Heading 3", "Actions"),
        ("Heading 1", "Healthy"),
        ("Heading 2", "Outcome 2.1: A stable population"), ("Heading 3", "Outcome measures"),
    ]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert len(tables) == 3
    measures, actions, healthy = tables
    assert measures == [
        ["Measures", "Baseline", "2021/22", "2022/23", "2023/24", "Contact Officer", "Lead Partnership"],
        ["Violent crime (per 1,000), Tinyshire; baseline 2020/21; England 10.0", "20.0", "16.7", "13.3", "10.0",
         "Community Safety Manager", "Safer Tinyshire"],
    ]
    text = [[("" if v is None else f"{v:,.1f}" if isinstance(v, (int, float)) else v) for v in row]
            for row in expected_safer()[5:]]
    assert actions[0] == ["Action", "Task", "Measures", "Baseline", "2021/22", "2022/23", "2023/24", *HEADER[7:]]
    assert actions[1:] == text
    assert healthy[1] == ["Median age (years), Tinyshire; baseline 2020", "45.0", "40.0 to 50.0", "40.0 to 50.0",
                          "45.0", "", ""]
    props = document.core_properties
    assert props.title == "Tinyshire action plan 2021-2023" and props.created.date().isoformat() == "2021-05-21"
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape


def test_regenerating_gives_identical_files(plan, tmp_path):
    for write, name in ((write_xlsx, "plan.xlsx"), (write_docx, "plan.docx")):
        first = write(plan, tmp_path / "a" / name).read_bytes()
        second = write(plan, tmp_path / "b" / name).read_bytes()
        assert first == second
        again = write(plan, tmp_path / "a" / name).read_bytes()  # overwriting in place
        assert again == first
    assert sorted(os.listdir(tmp_path / "a")) == ["plan.docx", "plan.xlsx"]  # no temporary files left


def test_a_failed_export_leaves_the_old_file(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"the good old plan")

    def half_then_fail(temp):
        temp.write_bytes(b"half a workbook")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_office_file(path, half_then_fail, dt.datetime(2021, 5, 21))
    assert path.read_bytes() == b"the good old plan"
    assert os.listdir(tmp_path) == ["plan.xlsx"]


def test_control_characters_in_the_framework_are_dropped(plan, tmp_path):
    outcome = replace(plan.framework.outcomes[0], title="Peace\x07 and harmony")
    framework = replace(plan.framework, outcomes=(outcome, *plan.framework.outcomes[1:]))
    odd = replace(plan, framework=framework)
    book = openpyxl.load_workbook(write_xlsx(odd, tmp_path / "odd.xlsx"))
    assert book.worksheets[0].cell(4, 1).value == "Outcome 1.1: Peace and harmony"
    document = docx.Document(str(write_docx(odd, tmp_path / "odd.docx")))
    assert "Outcome 1.1: Peace and harmony" in [p.text for p in document.paragraphs]


def test_plan_methods_write_the_same_files(plan, tmp_path):
    assert plan.write_xlsx(tmp_path / "a.xlsx").read_bytes() == write_xlsx(plan, tmp_path / "b.xlsx").read_bytes()
    assert plan.write_docx(tmp_path / "a.docx").read_bytes() == write_docx(plan, tmp_path / "b.docx").read_bytes()
