"""Corpus: broken outcome frameworks (``outcomes.yml``), reported by ``validate``.

Before issue 10 ``validate`` did not read the file named by ``outcomes:``; each of these
passed it and stopped ``evidence plan`` later, or (an encoding, a folder, an impossible
date) raised a traceback there. Now ``validate`` makes every check ``plan`` makes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus import Case, check, replace_text, run_cli, set_setting

FILE = "outcomes.yml"


def _cp1252(old: str, new: str):
    """A breaker that edits outcomes.yml and saves it as Notepad's "ANSI": Windows-1252."""

    def breaks(project: Path) -> None:
        path = project / FILE
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_bytes(text.replace(old, new, 1).encode("cp1252"))

    return breaks


def _folder(project: Path) -> None:
    """outcomes.yml becomes a folder holding the file (unzipped into a folder of its name)."""
    path = project / FILE
    text = path.read_bytes()
    path.unlink()
    path.mkdir()
    (path / FILE).write_bytes(text)


CASES = [
    Case("outcomes: saved as Windows-1252",
         _cp1252("People are safe and feel safe", "People are safe – and feel safe"),
         file=FILE, place="line 36", says="is not UTF-8 text: byte 0x96", fix="Save it as UTF-8"),
    Case("outcomes: the file is a folder", _folder,
         file=FILE, says="is a folder, not a file", fix="Point the setting at the file itself"),
    Case("outcomes: impossible milestone date", replace_text(FILE, "date: 2021-09-30", "date: 2021-09-31"),
         file=FILE, place="line 118", says="'2021-09-31' is not a real date", fix="Write a real date as YYYY-MM-DD"),
    Case("outcomes: issued date written in words", replace_text(FILE, "issued: 2021-05-20", "issued: 20 May 2021"),
         file=FILE, place="top level, line 11", column="issued", says="'20 May 2021' is not a date",
         fix="Write a real date as YYYY-MM-DD"),
    Case("outcomes: outcome id used twice", replace_text(FILE, 'id: "1.2"', 'id: "1.1"'),
         file=FILE, place="outcome 1.1, line 70", column="id", says="Outcome id '1.1' is used twice",
         fix="Give each outcome its own id"),
    Case("outcomes: measure indicator unknown", replace_text(FILE, "indicator: thr_claimant_rate", "indicator: thr_claimants"),
         file=FILE, place="outcome 2.3, measure 2, line 158", column="indicator",
         says="Unknown indicator 'thr_claimants'. Did you mean 'thr_claimant_rate'?",
         fix="Use an id from the indicator catalogue"),
    Case("outcomes: measure area unknown", replace_text(FILE, "area: E05999013", "area: E05999031"),
         file=FILE, column="area", says="Unknown area code 'E05999031'", fix="Use a code from the lookup"),
    Case("outcomes: measure comparator unknown", replace_text(FILE, "comparator: district", "comparator: county"),
         file=FILE, place="outcome 1.1, action a, measure 2, line 58", column="comparator",
         says="Unknown comparator 'county'", fix="Use england, lsoa, ward, district or an area code"),
    Case("outcomes: comparator smaller than the measure's area",
         replace_text(FILE, "area: E05999013\n        comparator: district", "area: E05999013\n        comparator: lsoa"),
         file=FILE, place="outcome 5.1, measure 1, line 232", column="comparator",
         says="Comparator 'lsoa' does not contain the measure's area 'E05999013' (of type 'ward')",
         fix="Use a larger area type (district, england)"),
    Case("outcomes: target method misspelt", replace_text(FILE, "target_method: continue_trend",
                                                          "target_method: continue_trends"),
         file=FILE, place="outcome 3.1, measure 1, line 170", column="target_method",
         says="Unknown target method 'continue_trends'. Did you mean 'continue_trend'?", fix="Use one of: "),
    Case("outcomes: close_gap share given as a percentage", replace_text(FILE, "{share: 0.1}", "{share: 10}"),
         file=FILE, place="outcome 1.1, action a, measure 2, line 60", column="target_params",
         says="'share' must be a number above 0 and at most 1", fix="Correct target_params"),
    Case("outcomes: target parameter misspelt", replace_text(FILE, "{share: 0.2}", "{shares: 0.2}"),
         file=FILE, column="target_params", says="has no parameter 'shares'. Did you mean 'share'?",
         fix="Its parameters: share, tolerance"),
    Case("outcomes: target years before the baseline year",
         replace_text(FILE, "target_years: [2021, 2022, 2023]", "target_years: [2018, 2019, 2020]"),
         file=FILE, place="top level, line 13", column="target_years",
         says="2018, 2019 are not after the baseline year 2019", fix="Give target years after 'baseline_year'"),
    Case("outcomes: outcome theme unknown", replace_text(FILE, "theme: getting_around", "theme: transport"),
         file=FILE, column="theme", says="Unknown theme 'transport'", fix="Use a theme id: safer"),
    Case("outcomes: a key given twice", replace_text(FILE, "max_data_age: 3\n", "max_data_age: 3\nas_of: 2024\n"),
         file=FILE, place="line 16", says="'as_of' is given twice, on lines 14 and 16",
         fix="Merge the two into one 'as_of' entry"),
    Case("outcomes: not valid YAML", replace_text(FILE, "    theme: healthy\n", "    theme: healthy\n  measures: [\n"),
         file=FILE, place="line 167", says="Not valid YAML", fix="Check the indentation and quoting"),
    Case("outcomes: setting names a missing file", set_setting("outcomes", "outcome.yml"),
         file="evidence.yml", place="setting 'outcomes'", says="'outcome.yml', which does not exist",
         fix="Correct the file name"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reported(case, tmp_path):
    check(case, tmp_path)


def test_after_validate_passes_gaps_and_plan_run(demo_project, tmp_path):
    """The rule of issue 10 on the demo: validate says valid, then gaps and plan finish."""
    project = tmp_path / "data"
    shutil.copytree(demo_project, project)
    code, output = run_cli("validate", str(project))
    assert code == 0, output
    for command in ("gaps", "plan"):
        code, output = run_cli(command, str(project), "--output", str(tmp_path / "out"))
        assert code == 0 and "Traceback" not in output, f"evidence {command}:\n{output}"
    assert (tmp_path / "out" / "gap_analysis.html").is_file()
    assert (tmp_path / "out" / "priority_outcomes.html").is_file()
