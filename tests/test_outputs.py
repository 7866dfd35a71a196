"""No command destroys a user's files, and text from the inputs reaches spreadsheets as text.

* The evidence base store replaces only a folder it wrote (the marker file, or the
  manifest of an evidence base built before the marker existed).
* ``evidence profiles|gaps|plan --output`` refuses a folder that is the project, holds it
  or overlaps an input, before anything is built or written.
* Clean-ups (stale temporary files, kept failures) remove only files the runner wrote.
* Formula injection: names, actions and tasks typed as ``=HYPERLINK(...)``, ``+...``,
  ``-...`` or ``@...`` are text cells in every workbook (no ``<f>`` element in the
  saved XML) and start with an apostrophe in every CSV.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml
from corpus import demo_copy, run_cli, set_setting

from evidence.io.atomic import remove_stale_temp_files
from evidence.batch.worker import _is_kept_failure
from evidence.errors import OutputError
from evidence.io.cells import csv_text, looks_like_formula
from evidence.io.store import MARKER, is_evidence_base, write_tables

HYPERLINK = '=HYPERLINK("http://x","click")'
INJECTED = (HYPERLINK, "+Cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0")


def every_file(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below ``folder``, outputs included."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# The store ---------------------------------------------------------------------------------


TABLE = {"values": pd.DataFrame({"a": [1, 2]})}


def test_the_store_marks_its_folder_and_replaces_only_marked_or_empty_folders(tmp_path):
    folder = tmp_path / "eb"
    write_tables(folder, TABLE, {"format_version": 1, "input_digest": "x"})
    assert "evidence build" in (folder / MARKER).read_text(encoding="utf-8")
    assert is_evidence_base(folder)
    write_tables(folder, TABLE, {"format_version": 1, "input_digest": "y"})  # a rebuild replaces it
    assert json.loads((folder / "manifest.json").read_text())["input_digest"] == "y"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eb"]  # no staging or old folder left

    empty = tmp_path / "empty"
    empty.mkdir()
    write_tables(empty, TABLE, {})
    assert (empty / MARKER).is_file()


def test_the_store_never_replaces_a_folder_of_the_users(tmp_path):
    mine = tmp_path / "mydocs"
    mine.mkdir()
    (mine / "minutes.docx").write_bytes(b"board minutes")
    (mine / "manifest.json").write_text('{"title": "my own manifest"}')  # not a build's manifest
    before = every_file(tmp_path)
    with pytest.raises(OutputError, match="did not write.*build.output"):
        write_tables(mine, TABLE, {"format_version": 1, "input_digest": "x"})
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    with pytest.raises(OutputError, match="is a file"):
        write_tables(notes, TABLE, {})
    assert every_file(tmp_path) == {**before, "notes.txt": hashlib.sha256(b"my notes").hexdigest()}


def test_an_evidence_base_built_before_the_marker_is_still_replaced(tmp_path):
    old = tmp_path / ".evidence"
    old.mkdir()
    (old / "values.parquet").write_bytes(b"old")
    (old / "manifest.json").write_text(json.dumps({"format_version": 1, "input_digest": "abc"}))
    assert is_evidence_base(old)
    write_tables(old, TABLE, {"format_version": 1, "input_digest": "new"})
    assert (old / MARKER).is_file() and pd.read_parquet(old / "values.parquet").equals(TABLE["values"])


def test_build_into_a_folder_of_the_users_leaves_every_file(tmp_path):
    project = demo_copy(tmp_path)
    mine = project / "mydocs"
    (mine / "2024").mkdir(parents=True)
    (mine / "minutes.docx").write_bytes(b"board minutes")
    (mine / "2024" / "budget.xlsx").write_bytes(b"budget")
    set_setting("build.output", "mydocs")(project)
    before = every_file(project)
    code, output = run_cli("build", str(project))
    assert code == 1 and "Traceback" not in output
    assert "setting 'build.output'" in output and "did not write" in output
    assert every_file(project) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


def test_validate_accepts_a_built_demo_and_an_empty_output_folder(demo_project, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(demo_project, project)
    assert run_cli("validate", str(project))[0] == 0  # its .evidence carries the marker
    (project / "eb").mkdir()
    set_setting("build.output", "eb")(project)
    assert run_cli("validate", str(project))[0] == 0


# The report commands -----------------------------------------------------------------------


@pytest.fixture()
def built_copy(demo_project, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(demo_project, project)
    return project


@pytest.mark.parametrize(("command", "output", "says"), [
    ("gaps", ".", "is the project folder itself"),
    ("gaps", "boundaries", "contains the input 'boundaries/"),
    ("gaps", "boundaries/reports", "lies inside the folder 'boundaries'"),
    ("plan", "..", "contains the project folder"),
    ("plan", "outcomes.yml", "is the input 'outcomes.yml'"),
    ("profiles", "lookup.csv", "is the input 'lookup.csv'"),
    ("profiles", ".evidence", "is the evidence base folder"),
    ("gaps", ".evidence/reports", "lies inside the evidence base"),
    ("plan", "README.md", "is an existing file"),
], ids=lambda v: str(v))
def test_a_report_output_over_the_inputs_is_refused_and_nothing_is_touched(built_copy, command, output, says):
    before = every_file(built_copy.parent)
    code, text = run_cli(command, str(built_copy), "--output", str(built_copy / output))
    assert code == 1 and "Traceback" not in text, text
    assert says in text and "--output" in text and "Nothing was written" in text, text
    assert every_file(built_copy.parent) == before


def test_clean_ups_remove_only_what_the_runner_wrote(tmp_path):
    ours = tmp_path / ".E05.html.k1ll3d00.tmp"
    ours.write_bytes(b"half")
    users = [tmp_path / ".notes.tmp", tmp_path / ".draft.tmp.ipynb", tmp_path / "report.tmp"]
    for path in users:
        path.write_bytes(b"mine")
    assert remove_stale_temp_files(tmp_path) == [ours]
    assert all(p.exists() for p in users)

    failure = tmp_path / "E05.ipynb"
    failure.write_text(json.dumps({"cells": [], "metadata": {"papermill": {"exception": True}}}))
    assert _is_kept_failure(failure)
    failure.write_text(json.dumps({"cells": [], "metadata": {"kernelspec": {}}}))  # a notebook of the user's
    assert not _is_kept_failure(failure)
    failure.write_text("not a notebook")
    assert not _is_kept_failure(failure)


def test_demo_never_overwrites_another_project(tmp_path):
    project = demo_copy(tmp_path)
    assert run_cli("demo", str(project))[0] == 0  # regenerating a demo is fine
    set_setting("focus_area", "E07000081")(project)  # now the user's own project, made from the demo
    (project / "lookup.csv").write_text("lsoa_code,ward_code\n", encoding="utf-8")
    before = every_file(project)
    code, text = run_cli("demo", str(project))
    assert code == 1 and "not a demo project" in text and "Nothing was written" in text, text
    assert every_file(project) == before


# Formula injection -------------------------------------------------------------------------


def test_csv_text_prefixes_formula_text_and_keeps_numbers():
    frame = pd.DataFrame({"name": [*INJECTED, "Ann", "-1.5", None], "value": [-1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]})
    out = csv_text(frame)
    assert out["name"].tolist()[:4] == [f"'{v}" for v in INJECTED]
    assert out["name"].tolist()[4:6] == ["Ann", "-1.5"] and pd.isna(out["name"].iloc[6])
    assert out["value"].equals(frame["value"]) and frame["name"].iloc[0] == HYPERLINK  # the caller's frame kept
    assert not looks_like_formula("Tab\tinside") and looks_like_formula("\tcmd")


def no_formulas(path: Path) -> list[str]:
    """Every text cell of the workbook at ``path``, after checking it holds no formula."""
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/"):
                xml = book.read(name).decode("utf-8")
                assert not re.search(r"<f[ >]", xml), f"a formula in {path.name}:{name}"
                assert 't="e"' not in xml, f"an error value in {path.name}:{name}"
    texts = []
    for sheet in openpyxl.load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path.name}!{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


def csv_fields(path: Path) -> list[str]:
    """Every field of the CSV at ``path``, after checking none would be read as a formula."""
    with path.open(encoding="utf-8", newline="") as handle:
        fields = [field for row in csv.reader(handle) for field in row]
    bad = [f for f in fields if looks_like_formula(f)]
    assert not bad, f"{path.name} has fields a spreadsheet evaluates: {bad[:3]}"
    return fields


@pytest.fixture()
def injected(demo_project, tmp_path):
    """A built demo copy whose outcome framework, catalogue and register hold formula-like text."""
    project = tmp_path / "project"
    shutil.copytree(demo_project, project)
    framework = yaml.safe_load((project / "outcomes.yml").read_text(encoding="utf-8"))
    first = framework["outcomes"][0]
    first["measures"][0]["owner"] = HYPERLINK
    action = first["actions"][0]
    action["action"], action["contact_officer"] = INJECTED[1], HYPERLINK
    action["tasks"] = [INJECTED[2], INJECTED[3]]
    (project / "outcomes.yml").write_text(yaml.safe_dump(framework, sort_keys=False), encoding="utf-8")
    catalogue = pd.read_csv(project / "indicators.csv", dtype=str, keep_default_na=False)
    catalogue.loc[catalogue["id"] == "safer_violent_crime", "name"] = HYPERLINK
    catalogue.loc[catalogue["id"] == "safer_asb", "name"] = INJECTED[3]
    catalogue.to_csv(project / "indicators.csv", index=False)
    register = pd.read_csv(project / "activities.csv", dtype=str, keep_default_na=False)
    register.loc[0, "activity"] = "=1+1"
    register.to_csv(project / "activities.csv", index=False)
    return project


@pytest.mark.slow
def test_plan_writes_formula_like_text_as_text(injected, tmp_path):
    out = tmp_path / "out"
    code, text = run_cli("plan", str(injected), "--output", str(out))
    assert code == 0, text
    cells = no_formulas(out / "plan" / "action_plan.xlsx")
    for value in INJECTED:  # tasks are listed as bullets in one cell
        assert any(value in c for c in cells), f"{value!r} is not in the workbook as typed"
    assert HYPERLINK in cells and INJECTED[1] in cells  # the officer and the action, whole cells
    assert sum(HYPERLINK in c for c in cells) >= 3  # owner, contact officer, measures named after the indicator
    fields = csv_fields(out / "plan" / "monitoring.csv")
    assert any(f.startswith(f"'{HYPERLINK}") for f in fields)


@pytest.mark.slow
def test_gaps_writes_formula_like_text_as_text(injected, tmp_path):
    out = tmp_path / "out"
    code, text = run_cli("gaps", str(injected), "--output", str(out))
    assert code == 0, text
    cells = no_formulas(out / "gap_analysis" / "gap_analysis.xlsx")
    assert HYPERLINK in cells and INJECTED[3] in cells
    for name in ("gap_table.csv", "priority_list.csv"):
        csv_fields(out / "gap_analysis" / name)
    assert f"'{HYPERLINK}" in csv_fields(out / "gap_analysis" / "gap_table.csv")
