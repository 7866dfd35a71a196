"""Corpus: broken strategy files (``strategy.yml``) and review-cycle fields of ``outcomes.yml``, reported by ``validate``.

Each of these would otherwise stop ``evidence strategy`` (or ``plan``) later, or say something
wrong in the document: an unknown theme's narrative silently dropped, a key issue in no area,
a publication date that is not one, a previous version that is not there to compare with.
"""

from __future__ import annotations

import pytest
from corpus import Case, check, edit_yaml, replace_text, set_setting

FILE = "strategy.yml"
OUTCOMES = "outcomes.yml"

CASES = [
    Case("strategy: setting names a missing file", set_setting("strategy", "strategies.yml"),
         file="evidence.yml", place="setting 'strategy'", says="'strategies.yml', which does not exist",
         fix="Correct the file name"),
    Case("strategy: no outcome framework", edit_yaml("evidence.yml", lambda data: data.pop("outcomes")),
         file="evidence.yml", place="setting 'strategy'", says="'strategy' is set but no outcome framework is",
         fix="Add 'outcomes: outcomes.yml' to evidence.yml"),
    Case("strategy: unknown theme", replace_text(FILE, "  learning: |", "  lerning: |"),
         file=FILE, place="themes, line 41", column="lerning", says="Unknown theme 'lerning'. Did you mean 'learning'?",
         fix="Use a theme id of evidence.yml"),
    Case("strategy: unknown key issue area", replace_text(FILE, "  area: NP01", "  area: NP10"),
         file=FILE, place="key_issue, line 47", column="area", says="Unknown area code 'NP10'",
         fix="Use a code from the lookup or a custom area"),
    Case("strategy: date written in words", replace_text(FILE, "date: 2026-11-16", "date: 16 November 2026"),
         file=FILE, place="top level, line 9", column="date", says="'16 November 2026' is not a date",
         fix="Write a real date as YYYY-MM-DD"),
    Case("strategy: version label missing", replace_text(FILE, "version: Consultation draft 0.3\n", ""),
         file=FILE, place="top level", column="version", says="Missing required field 'version'", fix="Add 'version'"),
    Case("strategy: previous framework missing",
         replace_text(FILE, "previous_framework: outcomes_draft_0.2.yml", "previous_framework: outcomes_draft_0.1.yml"),
         file=FILE, place="top level, line 52", column="previous_framework",
         says="'outcomes_draft_0.1.yml', which does not exist", fix="Give the outcome framework"),
    Case("strategy: previous framework broken",
         replace_text("outcomes_draft_0.2.yml", "indicator: thr_cohesion", "indicator: thr_coheson"),
         file="outcomes_draft_0.2.yml", column="indicator", says="Unknown indicator 'thr_coheson'",
         fix="Use an id from the indicator catalogue", place="outcome 2.1, measure 1"),
    Case("strategy: cap not a number", replace_text(FILE, "max_measures: 3 ", "max_measures: three "),
         file=FILE, place="top level, line 49", column="max_measures",
         says="'max_measures' should be a whole number", fix="Use e.g. max_measures: 5"),
    Case("strategy: unknown field", replace_text(FILE, "max_measures: 3 ", "max_measure: 3 "),
         file=FILE, place="top level, line 49", column="max_measure",
         says="Unknown field 'max_measure'. Did you mean 'max_measures'?", fix="Remove it or use one of"),
    Case("strategy: milestone done date impossible",
         replace_text(OUTCOMES, "done: 2021-09-03}", "done: 2021-09-31}"),
         file=OUTCOMES, place="line 63", says="'2021-09-31' is not a real date", fix="Write a real date as YYYY-MM-DD"),
    Case("strategy: milestone done date in words",
         replace_text(OUTCOMES, "done: 2021-09-03}", "done: early September}"),
         file=OUTCOMES, place="outcome 1.1, action a, milestone 1, line 63", column="done",
         says="'early September' is not a date", fix="Write a real date as YYYY-MM-DD"),
    Case("strategy: target set expires before it was agreed",
         replace_text(OUTCOMES, "agreed: 2019-06-01, expires: 2021-05-31", "agreed: 2019-06-01, expires: 2018-05-31"),
         file=OUTCOMES, place="target set 1, line 299", column="expires", says="expires (2018-05-31) before it was agreed",
         fix="Give the date it expires, after the date it was agreed"),
    Case("strategy: measure names an unknown target set",
         replace_text(OUTCOMES, "      - indicator: healthy_obesity_year6\n",
                      "      - indicator: healthy_obesity_year6\n        target_set: \"2021-22\"\n"),
         file=OUTCOMES, place="outcome 3.1, measure 2", column="target_set",
         says="Unknown target set '2021-22'. Did you mean '2021-23'?", fix="Use a set id from 'target_sets'"),
    Case("strategy: key_issue tag not true or false",
         replace_text(OUTCOMES, "        key_issue: true\n", "        key_issue: yes please\n"),
         file=OUTCOMES, place="outcome 3.1, action a, line 196", column="key_issue",
         says="'key_issue' should be true or false", fix="Write key_issue: true"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reported(case, tmp_path):
    check(case, tmp_path)
