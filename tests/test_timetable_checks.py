"""The timetable's checks: consultations over holidays or too short, gates jumped, sign-offs, reports."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from evidence.problems import Problems
from evidence.timetable.checks import bank_holidays, dated_checks, static_checks
from evidence.timetable.reader import read_timetable_file
from evidence.timetable.reports import report_checks, report_files, report_states

HEAD = """title: T
bodies: [{id: board, name: Partnership Board}, {id: cabinet, name: Cabinet}]
"""


def _read(tmp_path: Path, text: str):
    path = tmp_path / "timetable.yml"
    path.write_text(HEAD + text, encoding="utf-8")
    problems = Problems(tmp_path)
    timetable = read_timetable_file(path, problems)
    assert timetable is not None, problems.report()
    return timetable


def test_consultation_12_november_to_18_january_names_its_bank_holidays(tmp_path):
    timetable = _read(tmp_path, """stages:
  - {id: consult, name: Public consultation on the draft SCS, start: 2026-11-12, end: 2027-01-18,
     consultation: true}
""")
    checks = static_checks(timetable)
    assert [c.kind for c in checks] == ["consultation too short", "consultation over Christmas"]
    christmas = checks[1].message
    assert "Public consultation on the draft SCS" in christmas  # names both things: the stage ...
    for holiday in ("Christmas Day, 25 December 2026", "Boxing Day, 26 December 2026",
                    "Boxing Day (observed), 28 December 2026", "New Year's Day, 1 January 2027"):
        assert holiday in christmas  # ... and each bank holiday it spans
    assert "runs 9.7 weeks, less than the minimum of 12 weeks" in checks[0].message
    assert checks[0].place == "stage 'consult', line 4"


def test_consultation_in_august_and_configurable_minimum(tmp_path):
    timetable = _read(tmp_path, """consultation_min_weeks: 6
stages:
  - {id: c, name: Summer survey, start: 2026-07-20, weeks: 8, consultation: true}
""")
    checks = static_checks(timetable)
    assert [c.kind for c in checks] == ["consultation over August"]
    assert "Late Summer Bank Holiday, 31 August 2026" in checks[0].message


def test_bank_holidays_are_englands():
    names = [n for _, n in bank_holidays(dt.date(2026, 1, 1), dt.date(2026, 12, 31))]
    assert "Easter Monday" in names and "St Andrew's Day" not in names and len(names) == 9


def test_work_begun_before_its_gate_and_sign_offs_outstanding(tmp_path):
    timetable = _read(tmp_path, """stages:
  - {id: draft, name: Draft strategy, start: 2026-09-07, weeks: 4, actual_start: 2026-09-07, actual_end: 2026-10-02}
  - {id: publish, name: Publish the strategy, after: [approve], weeks: 2, actual_start: 2026-10-05}
gates:
  - id: approve
    what: The draft strategy
    sign_off: [board, cabinet]
    after: [draft]
    decisions:
      - {body: board, date: 2026-10-08, outcome: Approved}
""")
    checks = dated_checks(timetable, dt.date(2026, 10, 20))
    jumped = [c for c in checks if c.kind == "begun before its gate"]
    assert len(jumped) == 1
    assert "'Publish the strategy' began on 5 October 2026, before gate 'The draft strategy'" in jumped[0].message
    assert "not yet approved" in jumped[0].message
    outstanding = [c for c in checks if c.kind == "sign-off outstanding"]
    assert len(outstanding) == 1
    assert outstanding[0].message == ("Gate 'The draft strategy' was due by 2 October 2026; not yet signed off by: "
                                      "Cabinet.")
    # before the gate's day nothing is outstanding
    assert not [c for c in dated_checks(timetable, dt.date(2026, 9, 20)) if c.kind == "sign-off outstanding"]


def test_deleting_a_stage_report_turns_its_check_to_missing(tmp_path):
    timetable = _read(tmp_path, """stages:
  - {id: evidence, name: Evidence base and profiles, start: 2026-06-01, weeks: 8, actual_start: 2026-06-01,
     actual_end: 2026-07-24, produces: [evidence base, profiles, gap analysis]}
""")
    files = report_files(tmp_path)
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("built", encoding="utf-8")
    base = files["evidence base"].stat().st_mtime
    for name in ("profiles", "gap analysis"):
        os.utime(files[name], (base + 60, base + 60))
    day = dt.date(2026, 8, 1)
    assert [r.state for r in report_states(timetable, day, files)] == ["ok", "ok", "ok"]
    assert report_checks(report_states(timetable, day, files)) == []
    files["profiles"].unlink()
    os.utime(files["gap analysis"], (base - 3600, base - 3600))
    states = report_states(timetable, day, files)
    assert [r.state for r in states] == ["ok", "missing", "older than the evidence base"]
    messages = [c.message for c in report_checks(states)]
    assert messages == ["Stage 'Evidence base and profiles' is completed but its profiles (index.html) is missing.",
                        "Stage 'Evidence base and profiles' is completed but its gap analysis (gap_analysis.html) "
                        "is older than the evidence base."]
    # before the stage is completed its reports are not due
    assert {r.state for r in report_states(timetable, dt.date(2026, 7, 1), files)} == {"not due yet"}


def test_gate_outcomes_and_a_decision_by_a_body_that_does_not_sign(tmp_path):
    from evidence.timetable.status import stage_states

    timetable = _read(tmp_path, """stages:
  - {id: draft, name: Draft, start: 2026-09-07, weeks: 4}
gates:
  - id: g
    what: The draft
    sign_off: [board]
    after: [draft]
    decisions:
      - {body: board, date: 2026-10-08, outcome: Deferred, minute: PB/1}
      - {body: board, date: 2026-11-05, outcome: approved, minute: PB/2}
      - {body: cabinet, date: 2026-11-10, outcome: Rejected}
""")
    outcome = {day: stage_states(timetable, day)[1][0].outcome
               for day in (dt.date(2026, 10, 1), dt.date(2026, 10, 20), dt.date(2026, 11, 6))}
    assert outcome == {dt.date(2026, 10, 1): "Awaiting decision", dt.date(2026, 10, 20): "Deferred",
                       dt.date(2026, 11, 6): "Approved"}  # the board's last word counts; "approved" in any case
    assert stage_states(timetable, dt.date(2026, 12, 1))[1][0].outcome == "Approved"  # cabinet does not sign it
    stray = [c for c in static_checks(timetable) if c.kind == "decision by a body that does not sign off"]
    assert len(stray) == 1 and stray[0].message.startswith("Cabinet decided on gate 'The draft' (Rejected")


def test_validate_lists_the_demo_timetable_warnings():
    from evidence.validation import validate

    demo = Path(__file__).resolve().parent.parent / "data"
    _, problems = validate(demo)
    mine = [p for p in problems if p.file in ("timetable.yml", "lcap_E05999001.yml")]
    assert not [p for p in mine if p.is_error]
    assert [(p.place, p.column) for p in mine] == [("stage 'stage5', line 119", "actual_start"),
                                                   ("stage 'stage5', line 115", "weeks"),
                                                   ("stage 'stage5', line 119", "actual_start")]
    assert "before gate 'Consultation draft of the SCS, for public consultation'" in mine[0].message
