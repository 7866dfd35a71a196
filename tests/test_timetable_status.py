"""Statuses of the demo timetable on three days, against a table worked out by hand.

The demo (data/timetable.yml) is the Stages 1-9 template started on 6 July 2026: Stage 1
ran 6 July - 25 September, Stage 2 28 September - 30 October, Stage 3 began 2 November (2
weeks planned), the consultation draft gate was approved with changes on 19 November and
Stage 5, the consultation, began on 16 November.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from evidence.problems import Problems
from evidence.timetable.reader import read_timetable_file
from evidence.timetable.status import stage_states
from evidence.timetable.summary import where_we_are

DEMO = Path(__file__).resolve().parent.parent / "data" / "timetable.yml"
C, WAIT = "Completed", "Cannot start yet"

# day -> status of stage1..stage9, then the three gates (worked out by hand, see above)
TABLE = {
    # 1 August: Stage 1 under way, 8 weeks from its planned end (28 September); nothing else can start
    dt.date(2026, 8, 1): (["In progress"] + [WAIT] * 8, ["Awaiting decision"] * 3),
    # 10 November: Stages 1-2 done; Stage 3 began 2 November, due to end 16 November (within 14 days)
    dt.date(2026, 11, 10): ([C, C, "Due soon"] + [WAIT] * 6, ["Awaiting decision"] * 3),
    # 1 December: Stage 3 past its end; Stage 5 running to 25 January; the draft gate approved with changes
    dt.date(2026, 12, 1): ([C, C, "Overdue", WAIT, "In progress", WAIT, WAIT, WAIT, WAIT],
                           ["Approved with changes", "Awaiting decision", "Awaiting decision"]),
}


@pytest.fixture(scope="module")
def timetable():
    problems = Problems(DEMO.parent)
    found = read_timetable_file(DEMO, problems)
    assert found is not None, problems.report()
    return found


@pytest.mark.parametrize("day", sorted(TABLE), ids=str)
def test_statuses_match_the_hand_table(timetable, day):
    stages, gates = stage_states(timetable, day)
    assert [s.status for s in stages] == TABLE[day][0]
    assert [g.outcome for g in gates] == TABLE[day][1]


def test_stage_5_planned_end_follows_its_actual_start(timetable):
    stages, _ = stage_states(timetable, dt.date(2026, 12, 1))
    five = stages[4]
    assert five.planned.end.earliest == dt.date(2027, 1, 25)  # 16 November + 10 weeks


def test_summary_sentence(timetable):
    assert where_we_are(timetable, dt.date(2026, 12, 1)) == (
        "Stages 3 and 5 of 9 in progress; 1 overdue; next decision: Theme Partnerships, 10 February 2027: "
        "final check of priority outcomes and the redraft of the SCS/LAA.")
    assert where_we_are(timetable, dt.date(2026, 8, 1)).startswith("Stage 1 of 9 in progress; none overdue; "
                                                                   "next decision: Leicestershire Together Board, "
                                                                   "19 November: agree the consultation draft")


def test_not_needed_and_not_yet_started(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text("""
title: T
bodies: [{id: b, name: Board}]
stages:
  - {id: a, name: A, start: 2026-03-02, weeks: 2}
  - {id: b2, name: B, start: 2026-06, weeks: 2, needed: false}
  - {id: c, name: C, after: [a], weeks: "6-8"}
""", encoding="utf-8")
    timetable = read_timetable_file(path, Problems())
    stages, _ = stage_states(timetable, dt.date(2026, 1, 5))
    assert [s.status for s in stages] == ["Not yet started", "Not needed", WAIT]
    stages, _ = stage_states(timetable, dt.date(2026, 2, 20))
    assert stages[0].status == "Due soon"
    c = stages[2].planned
    assert (c.start.earliest, c.end.earliest, c.end.latest) == (dt.date(2026, 3, 16), dt.date(2026, 4, 27),
                                                               dt.date(2026, 5, 11))
    stages, _ = stage_states(timetable, dt.date(2026, 3, 20))
    assert stages[0].status == "Overdue"  # not begun, and its planned start has passed


def test_a_timetable_without_stages_is_an_error(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text("title: T\nbodies: [{id: b, name: Board}]\n", encoding="utf-8")
    problems = Problems(tmp_path)
    assert read_timetable_file(path, problems) is None
    assert "t.yml, top level, line 1, column 'stages': The timetable has no stages." in problems.report()
