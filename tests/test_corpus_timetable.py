"""Corpus: broken timetables (``timetable.yml``) and LCAP files, reported by ``validate``.

Before issue 14 nothing read a timetable: ``timetable:`` was an unknown setting. Each case
is a mistake an LSP support team makes when keeping the timetable by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import Case, check, replace_text, set_setting

FILE = "timetable.yml"
LCAP = "lcap_E05999001.yml"


def _cp1252(project: Path) -> None:
    """timetable.yml saved as Notepad's "ANSI": the en dash of "Now – 28th September" becomes byte 0x96."""
    path = project / FILE
    text = path.read_text(encoding="utf-8")
    assert "Now – 28th September" in text
    path.write_bytes(text.encode("cp1252"))


CASES = [
    Case("timetable: the setting names a missing file", set_setting("timetable", "timetabel.yml"),
         file="evidence.yml", place="setting 'timetable'",
         says="'timetable' names 'timetabel.yml', which does not exist", fix="Correct the file name"),
    Case("timetable: saved as Windows-1252", _cp1252, file=FILE, place="line 46",
         says="is not UTF-8 text: byte 0x96", fix="Save it as UTF-8"),
    Case("timetable: after names an unknown stage", replace_text(FILE, "  - stage2\n  weeks: 2\n", "  - stage_2\n  weeks: 2\n"),
         file=FILE, place="stage 'stage3', line 84", column="after",
         says="'after' names 'stage_2', which is not a stage or gate of this timetable. Did you mean 'stage2'?",
         fix="Use the id of a stage or gate listed in this file"),
    Case("timetable: stages wait for each other in a circle",
         replace_text(FILE, "  start: 2026-07-06\n  weeks: 12\n", "  after:\n  - stage3\n  weeks: 12\n"),
         file=FILE, place="stage 'stage1', line 47", column="after",
         says="wait for each other in a circle, so none of them can start: stage1 -> stage3 -> stage2 -> stage1",
         fix="Remove one of the 'after' links between stage1, stage3, stage2"),
    Case("timetable: a stage ends before it starts",
         replace_text(FILE, "  start: 2026-07-06\n  weeks: 12\n", "  start: 2026-07-06\n  end: 2026-06-28\n"),
         file=FILE, place="stage 'stage1', line 48", column="end",
         says="Stage 'stage1' ends (28 June 2026) before it starts (6 July 2026)", fix="Correct 'start' or 'end'"),
    Case("timetable: duration written in words", replace_text(FILE, "  weeks: 12\n", "  weeks: twelve\n"),
         file=FILE, place="stage 'stage1', line 48", column="weeks",
         says="'twelve' is not a number of weeks or a range of weeks",
         fix="Write a number (weeks: 3) or a range in quotes (weeks: \"6-8\")"),
    Case("timetable: range of weeks written backwards", replace_text(FILE, "weeks: 18-20\n", "weeks: 20-18\n"),
         file=FILE, place="stage 'stage4', line 101", column="weeks",
         says="'20-18' is not a number of weeks or a range of weeks", fix="a range in quotes"),
    Case("timetable: words in a date field",
         replace_text(FILE, "  start: 2026-07-06\n", "  start: Early July\n"),
         file=FILE, place="stage 'stage1', line 47", column="start",
         says="'Early July' is not a date: 'start' takes a day (YYYY-MM-DD) or a month (YYYY-MM)",
         fix="Keep the words in the 'wording' field (wording: \"Early July\") and give 'start' to month precision as YYYY-07"),
    Case("timetable: an actual date given as a month", replace_text(FILE, "actual_start: 2026-11-02", "actual_start: 2026-11"),
         file=FILE, place="stage 'stage3', line 87", column="actual_start",
         says="'2026-11' is a month: 'actual_start' is a day that happened", fix="Give the day as YYYY-MM-DD"),
    Case("timetable: a gate with no one to sign it off",
         replace_text(FILE, "  sign_off:\n  - lt_board\n  after:\n  - stage3\n", "  after:\n  - stage3\n"),
         file=FILE, place="gate 'draft_scs'", column="sign_off",
         says="Gate 'draft_scs' has no one to sign it off",
         fix="Add sign_off: the ids of the bodies that must approve it"),
    Case("timetable: a decision by an unknown body", replace_text(FILE, "  - body: lt_board\n", "  - body: lt_boards\n"),
         file=FILE, place="gate 'draft_scs', decision 1, line 187", column="body",
         says="'lt_boards' is not one of the timetable's bodies. Did you mean 'lt_board'?",
         fix="Use the id of a body listed under 'bodies'"),
    Case("timetable: a meeting of an unknown body", replace_text(FILE, "- body: ssog\n", "- body: SSOG\n"),
         file=FILE, place="meeting 5, line 227", column="body", says="'SSOG' is not one of the timetable's bodies",
         fix="or add it there"),
    Case("timetable: an outcome not in the list", replace_text(FILE, "outcome: Approved with changes", "outcome: Agreed"),
         file=FILE, place="gate 'draft_scs', decision 1, line 189", column="outcome", says="Unknown outcome 'Agreed'",
         fix="Use one of: Approved, Approved with changes, Deferred, Rejected"),
    Case("timetable: an unknown template", replace_text(FILE, "template: scs-stages-1-9", "template: stages-1-9"),
         file=FILE, place="top level, line 7", column="template",
         says="Unknown template 'stages-1-9'. Did you mean 'scs-stages-1-9'?", fix="Use one of: scs-stages-a-e"),
    Case("timetable: a report name the tool does not know", replace_text(FILE, "  - evidence base\n", "  - evidence pack\n"),
         file=FILE, place="stage 'stage1', line 49", column="produces",
         says="Unknown report 'evidence pack'. Did you mean 'evidence base'?",
         fix="Use one of: evidence base, profiles, gap analysis, consultation findings, action plans"),
    Case("timetable: a stage id used twice", replace_text(FILE, "- id: stage7\n", "- id: stage6\n"),
         file=FILE, place="stage 'stage6'", column="id", says="The id 'stage6' is used twice",
         fix="Give each stage and gate its own id"),
    Case("timetable: a field name misspelt", replace_text(FILE, "  consultation: true\n", "  consulation: true\n"),
         file=FILE, place="stage 'stage5', line 116", column="consulation",
         says="Unknown field 'consulation'. Did you mean 'consultation'?", fix="Remove it or use one of"),
    Case("timetable: a meeting names an unknown gate", replace_text(FILE, "  gate: redraft\n", "  gate: re-draft\n"),
         file=FILE, place="meeting 2, line 218", column="gate",
         says="'re-draft' is not a gate of this timetable. Did you mean 'redraft'?",
         fix="Use the id of a gate listed under 'gates'"),
    Case("timetable: minimum consultation in words",
         replace_text(FILE, "consultation_min_weeks: 12", "consultation_min_weeks: twelve weeks"),
         file=FILE, place="top level, line 9", column="consultation_min_weeks",
         says="'consultation_min_weeks' should be a number of weeks, not 'twelve weeks'", fix="Use e.g. 12"),
    Case("timetable: an LCAP file that is not there", replace_text(FILE, "- lcap_E05999001.yml", "- lcap_abbey.yml"),
         file="lcap_abbey.yml", says="The LCAP file 'lcap_abbey.yml' does not exist", fix="Check the path"),
    Case("timetable: LCAP of an unknown area", replace_text(LCAP, "area: E05999001", "area: E05999091"),
         file=LCAP, place="top level, line 4", column="area", says="Unknown area code 'E05999091'",
         fix="Use a code from the lookup"),
    Case("timetable: LCAP quick win done before it was raised", replace_text(LCAP, "done: 2026-06-12", "done: 2026-05-12"),
         file=LCAP, place="quick win 1, line 50", column="done",
         says="is done on 2026-05-12, before it was raised (2026-05-20)", fix="Correct 'raised' or 'done'"),
    Case("timetable: LCAP decision on an unknown gate", replace_text(LCAP, "- gate: gate2", "- gate: gate5"),
         file=LCAP, place="decision 2, line 39", column="gate", says="'gate5' is not a gate of the LCAP template",
         fix="Use one of: gate1, gate2, gate3, gate4"),
    Case("timetable: lcap pack of an unknown area", lambda project: None, command="lcap",
         args=("--area", "E05999091"), file="lookup.csv", place="option --area",
         says="'E05999091' (given with --area) is not an area code of the lookup or the custom areas. Did you mean",
         fix="Give the code of the LCAP's ward or neighbourhood"),
    Case("timetable: lcap pack of an area with no LCAP file", lambda project: None, command="lcap",
         args=("--area", "E05999002"), file=FILE, place="top level, line 240",
         column="lcap", says="No LCAP file is for area 'E05999002' (Ashby Parva)",
         fix="Start one: write lcap_E05999002.yml in the project folder with 'area: E05999002' and 'started: "),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reported(case, tmp_path):
    check(case, tmp_path)
