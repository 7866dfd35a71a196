"""Corpus: broken proofing records (``proofing.yml``) and national outcome sets, reported by ``validate``.

Each case is a mistake made when the proofing is typed up by hand before sign-off, or
when the national outcome set is copied out of the published framework.
"""

from __future__ import annotations

import pytest
from corpus import Case, check, edit_csv, replace_text, set_setting

FILE = "proofing.yml"
NATIONAL = "national_outcomes.csv"

CASES = [
    Case("proofing: the setting names a missing file", set_setting("proofing", "proofng.yml"),
         file="evidence.yml", place="setting 'proofing'",
         says="'proofing' names 'proofng.yml', which does not exist", fix="Correct the file name"),
    Case("proofing: an outcome not in the framework", replace_text(FILE, 'outcome: "6.2"', 'outcome: "6.3"'),
         file=FILE, place="outcome 6.3, line", column="outcome",
         says="Outcome '6.3' is not in the outcome framework. Did you mean '6.2'?",
         fix="Use an outcome id of outcomes.yml"),
    Case("proofing: evidence names an unknown indicator", replace_text(FILE, "[ga_road_ksi]", "[ga_road_ksl]"),
         file=FILE, place="outcome 5.1, rural, assess", column="evidence",
         says="Unknown indicator 'ga_road_ksl'. Did you mean 'ga_road_ksi'?",
         fix="Use an indicator id of the catalogue, or write the evidence in words"),
    Case("proofing: a misspelt impact", replace_text(FILE, "economic: positive", "economic: postive"),
         file=FILE, place="outcome 1.1, sustainability, line 14", column="economic",
         says="The impact 'postive' is not one of positive, neutral, negative, not known. Did you mean 'positive'?",
         fix="Write one of: positive, neutral, negative, not known"),
    Case("proofing: a date that is not a date", replace_text(FILE, "date: 2021-04-12", "date: 12/04/2021"),
         file=FILE, place="outcome 1.1, sustainability, line 13", column="date",
         says="'12/04/2021' is not a date", fix="as YYYY-MM-DD"),
    Case("proofing: a misspelt lens", replace_text(FILE, "    rural:\n", "    rurall:\n"),
         file=FILE, place="outcome 1.1, line", column="rurall",
         says="Unknown field 'rurall'. Did you mean 'rural'?", fix="Remove it or use one of"),
    Case("proofing: an outcome given twice", replace_text(FILE, 'outcome: "6.2"', 'outcome: "6.1"'),
         file=FILE, place="outcome 6.1, line", column="outcome",
         says="Outcome '6.1' has a second record (the first is entry 9)", fix="Keep one entry per outcome"),
    Case("national: the setting names a missing file", set_setting("national_outcomes", "national.csv"),
         file="evidence.yml", place="setting 'national_outcomes'",
         says="'national_outcomes' names 'national.csv', which does not exist", fix="Correct the file name"),
    Case("national: no metric column", edit_csv(NATIONAL, lambda f: f.rename(columns={"metric": "measure"})),
         file=NATIONAL, place="row 1", column="metric",
         says="The national outcome set has no 'metric' column", fix="Name the columns outcome, metric"),
    Case("national: a blank metric",
         edit_csv(NATIONAL, lambda f: f.assign(metric=f["metric"].where(f.index != 4, ""))),
         file=NATIONAL, place="row 6", column="metric", says="The cell is blank", fix="Fill in the metric"),
    Case("national: an unknown catalogue id",
         edit_csv(NATIONAL, lambda f: f.replace({"catalogue_id": {"yp_ks2_expected": "yp_ks2_expectd"}})),
         file=NATIONAL, place="row 8", column="catalogue_id",
         says="Unknown indicator 'yp_ks2_expectd'. Did you mean 'yp_ks2_expected'?",
         fix="leave catalogue_id blank when the project has no indicator"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reported(case, tmp_path):
    check(case, tmp_path)
