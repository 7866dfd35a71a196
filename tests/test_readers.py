"""Readers on small files: a Fingertips download with its quirks, tidy files in every format,
and `evidence validate` on a deliberately broken copy of the demo."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest

from evidence.io.fingertips import read_fingertips
from evidence.problems import Problems
from evidence.validation import validate
from tinyproject import write_tiny_project

FINGERTIPS = '''Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator,Value note
92443,"Smoking prevalence in adults
(18+) - current smokers",,,E92000001,England,England,Persons,18+ yrs,,,2019,13.9,13.7,14.1,,,
92443,"Smoking prevalence in adults
(18+) - current smokers",E92000001,England,E07000001,Tinyshire,Districts & UAs (from Apr 2023),Persons,18+ yrs,,,2019,,,,,,Value suppressed
92443,"Smoking prevalence in adults
(18+) - current smokers",E92000001,England,E07000001,Tinyshire,Districts & UAs (from Apr 2023),Male,18+ yrs,,,2019,15.0,12.0,18.0,,,
92443,"Smoking prevalence in adults
(18+) - current smokers",E92000001,England,E07000001,Tinyshire,Districts & UAs (from Apr 2023),Persons,18+ yrs,Deprivation decile,Most deprived,2019,20.0,15.0,25.0,,,
92443,"Smoking prevalence in adults
(18+) - current smokers",E12000009,South West region,E06000022,Bath,Counties & UAs,Persons,18+ yrs,,,2019,12.0,10.0,14.0,,,
'''


def test_fingertips_quirks(tmp_path):
    path = tmp_path / "download.csv"
    path.write_text(FINGERTIPS, encoding="utf-8-sig")
    problems = Problems()
    rows = read_fingertips(path, problems)
    # Whole-population rows only: no Male row, no inequality breakdown; other areas kept for now.
    assert list(rows["area_code"]) == ["E92000001", "E07000001", "E06000022"]
    assert rows.loc[rows["area_code"] == "E07000001", "value"].isna().all()  # blank value stays missing
    assert rows["indicator_name"].iloc[0] == "Smoking prevalence in adults (18+) - current smokers"
    assert rows.index.tolist() == [2, 3, 6]  # file row numbers for messages
    notes = " ".join(p.message for p in problems.warnings)
    assert "1 rows of inequality breakdowns" in notes and "1 rows for one sex only" in notes


def test_fingertips_file_in_a_project(tmp_path):
    project = write_tiny_project(tmp_path / "tiny")
    (project / "download.csv").write_text(FINGERTIPS, encoding="utf-8")
    catalogue = pd.read_csv(project / "indicators.csv")
    catalogue.loc[len(catalogue)] = ["92443", "Smoking (APS)", "healthy", "%", "lower_is_better", "proportion",
                                     100, "OHID", ""]
    catalogue.to_csv(project / "indicators.csv", index=False)
    text = (project / "evidence.yml").read_text().replace(
        "  - path: values.csv", "  - path: values.csv\n  - path: download.csv\n    format: fingertips")
    (project / "evidence.yml").write_text(text)
    inputs, problems = validate(project)
    assert not problems.errors, problems.report()
    rows = inputs.values[inputs.values["indicator_id"] == "92443"]
    assert set(rows["area_code"]) == {"E92000001", "E07000001"}
    assert any("not in the project" in p.message for p in problems.warnings)  # Bath left out, said so


@pytest.mark.parametrize("suffix", [".xlsx", ".parquet"])
def test_tidy_values_in_excel_and_parquet(tmp_path, suffix):
    project = write_tiny_project(tmp_path / "tiny")
    frame = pd.read_csv(project / "values.csv")
    target = project / f"values{suffix}"
    frame.to_excel(target, index=False) if suffix == ".xlsx" else frame.to_parquet(target, index=False)
    (project / "values.csv").unlink()
    text = (project / "evidence.yml").read_text().replace("path: values.csv", f"path: values{suffix}")
    (project / "evidence.yml").write_text(text)
    inputs, problems = validate(project)
    assert not problems.errors, problems.report()
    assert len(inputs.values) == len(frame)


def test_broken_demo_copy_lists_every_planted_problem(tmp_path):
    repo_data = __import__("conftest").REPO / "data"
    project = tmp_path / "broken"
    shutil.copytree(repo_data, project, ignore=shutil.ignore_patterns(".evidence"))
    values = pd.read_csv(project / "values_lsoa.csv", dtype=str, keep_default_na=False)
    values.loc[0, "area_code"] = "E01999999"          # unknown area code
    values.loc[1, "value"] = "n.a"                     # not a number
    values.loc[2, "denominator"] = "0"                 # zero denominator
    values = pd.concat([values, values.iloc[[5]]])     # duplicate row
    values.to_csv(project / "values_lsoa.csv", index=False)
    catalogue = pd.read_csv(project / "indicators.csv", dtype=str, keep_default_na=False)
    catalogue.loc[0, "polarity"] = "lower_better"      # unknown word
    catalogue.to_csv(project / "indicators.csv", index=False)
    result = subprocess.run([sys.executable, "-m", "evidence.cli", "validate", str(project)],
                            capture_output=True, text=True)
    out = result.stdout
    assert result.returncode == 1 and "Traceback" not in out + result.stderr
    assert "values_lsoa.csv, row 2, column 'area_code': Unknown area code 'E01999999'" in out
    assert "values_lsoa.csv, row 3, column 'value': 'n.a' is not a number." in out
    assert "values_lsoa.csv, row 4, column 'denominator'" in out and "denominator is 0" in out
    assert "has 2 rows for area" in out
    assert "indicators.csv, row 2, column 'polarity'" in out and "Did you mean 'lower_is_better'?" in out
    assert "5 errors found" in out
    assert "Fix:" in out
