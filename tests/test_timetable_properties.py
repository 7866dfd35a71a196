"""Any timetable the reader accepts can be scheduled, given statuses, drawn and written, on any day."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.problems import Problems
from evidence.timetable.gantt import gantt_chart
from evidence.timetable.ical import ics_text
from evidence.timetable.reader import timetable_from_data
from evidence.timetable.status import stage_states
from evidence.timetable.summary import where_we_are

BASE = dt.date(2026, 1, 5)


@st.composite
def timetables(draw):
    n = draw(st.integers(1, 6))
    stages = []
    for i in range(n):
        stage = {"id": f"s{i}", "name": f"Stage {i}"}
        earlier = [f"s{j}" for j in range(i)]
        if earlier and draw(st.booleans()):
            stage["after"] = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=2, unique=True))
        else:
            stage["start"] = BASE + dt.timedelta(days=draw(st.integers(0, 300)))
        if draw(st.booleans()):
            low = draw(st.integers(0, 10))
            stage["weeks"] = f"{low}-{low + draw(st.integers(0, 4))}"
        if draw(st.booleans()):
            began = BASE + dt.timedelta(days=draw(st.integers(0, 300)))
            stage["actual_start"] = began
            if draw(st.booleans()):
                stage["actual_end"] = began + dt.timedelta(days=draw(st.integers(0, 90)))
        stage["consultation"] = draw(st.booleans())
        stages.append(stage)
    gates = [{"id": "g", "what": "Gate", "sign_off": ["b"], "after": [stages[-1]["id"]],
              "decisions": [{"body": "b", "date": BASE + dt.timedelta(days=draw(st.integers(0, 400))),
                             "outcome": draw(st.sampled_from(["Approved", "Deferred", "Rejected"]))}]}]
    return {"title": "T", "bodies": [{"id": "b", "name": "Board"}], "stages": stages, "gates": gates,
            "meetings": [{"body": "b", "date": "2026-06", "decides": "Decide"}]}


@settings(max_examples=60, deadline=None)
@given(timetables(), st.integers(-30, 500))
def test_every_valid_timetable_is_scheduled_and_drawn(data, offset):
    problems = Problems()
    timetable = timetable_from_data(data, "t.yml", problems)
    assert timetable is not None, problems.report()
    day = BASE + dt.timedelta(days=offset)
    stages, gates = stage_states(timetable, day)
    assert all(s.status for s in stages) and len(gates) == 1
    for s in stages:
        if s.planned.start and s.planned.end:
            assert s.planned.start.earliest <= s.planned.start.latest
            assert s.planned.end.earliest <= s.planned.end.latest
    assert where_we_are(timetable, day).endswith(".")
    assert "<svg" in str(gantt_chart(timetable, day))
    assert ics_text(timetable).startswith("BEGIN:VCALENDAR\r\n")
