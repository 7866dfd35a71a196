"""Templates transcribed from the seeds read back cleanly; `evidence timetable --new` never overwrites."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from corpus import run_cli

from evidence.problems import Problems
from evidence.timetable.reader import read_timetable_file
from evidence.timetable.schedule import schedule
from evidence.timetable.templates import TEMPLATES, new_timetable, template_data


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_every_template_reads_back_without_errors(name, tmp_path):
    path = tmp_path / "timetable.yml"
    path.write_text(new_timetable(name, dt.date(2026, 9, 14)), encoding="utf-8")
    problems = Problems(tmp_path)
    timetable = read_timetable_file(path, problems)
    assert timetable is not None and not problems.errors, problems.report()
    assert timetable.template == name
    plans = schedule(timetable)
    assert all(plans[s.id].start is not None for s in timetable.stages)


def test_lsp_meetings_move_with_the_start_and_keep_their_weekday():
    # the paper's 15 May 2007 (a Tuesday) moved to Tuesday 12 May 2026: 19 November 2007 -> 16 November 2026
    data = template_data("lsp-two-yearly", dt.date(2026, 5, 12))
    draft = next(m for m in data["meetings"] if m.get("gate") == "draft")
    assert draft["date"] == dt.date(2026, 11, 16) and draft["date"].weekday() == 0
    assert draft["wording"] == "19 November"
    team_day = next(m for m in data["meetings"] if m["wording"] == "Early October")
    assert team_day["date"] == "2026-10"  # month precision survives the shift
    annual = template_data("lsp-annual", dt.date(2026, 9, 14))
    assert "area_forums" not in {s["id"] for s in annual["stages"]}  # "minus consultation at area forums"
    assert {g["id"] for g in annual["gates"]} == {"draft", "final", "sbc"}


def test_stages_keep_the_papers_wording():
    stages = {s["id"]: s for s in template_data("scs-stages-1-9", dt.date(2026, 7, 6))["stages"]}
    assert stages["stage5"]["wording"] == "12th November – 18th January (21st December where possible)"
    assert stages["stage9"]["wording"] == "2nd April – June"
    a_e = template_data("scs-stages-a-e", dt.date(2026, 4, 6))
    assert [s["id"] for s in a_e["stages"]] == ["A", "B", "C", "D", "E", "E_publish"]  # E's June publication
    # started in April as the paper: final draft agreed in February, endorsed by April, published in June
    from evidence.timetable.reader import timetable_from_data

    plans = schedule(timetable_from_data(a_e, "t.yml", Problems()))
    assert plans["gate_D"].end.earliest.month == 2 and plans["gate_E"].end.latest.month == 4
    assert plans["E_publish"].end.latest.month == 6


def test_cli_new_writes_once_and_never_overwrites(tmp_path):
    code, out = run_cli("timetable", str(tmp_path), "--new", "lcap", "--start", "2026-03-02")
    assert code == 0, out
    path = tmp_path / "timetable.yml"
    first = path.read_bytes()
    assert b"template: lcap" in first and b"start: 2026-03-02" in first
    code, out = run_cli("timetable", str(tmp_path), "--new", "scs-stages-a-e", "--start", "2026-04-06")
    assert code == 1 and "already exists; it was left as it is" in out
    assert path.read_bytes() == first


def test_cli_unknown_template(tmp_path):
    code, out = run_cli("timetable", str(tmp_path), "--new", "stages-1-9", "--start", "2026-07-06")
    assert code == 1 and "Unknown template 'stages-1-9'. Did you mean 'scs-stages-1-9'?" in out
    assert not (Path(tmp_path) / "timetable.yml").exists()


def test_cli_where_we_are_on_the_demo(demo_timetable):  # the session's one run of `evidence timetable`
    code, out, _ = demo_timetable
    assert code == 0, out
    assert "Stages 3 and 5 of 9 in progress; 1 overdue" in out


def test_stages_1_9_started_on_6_july_reproduce_the_papers_dates():
    from evidence.timetable.reader import timetable_from_data

    plans = schedule(timetable_from_data(template_data("scs-stages-1-9", dt.date(2026, 7, 6)), "t.yml", Problems()))
    ends = {s: plans[s].end for s in plans}
    D = dt.date
    assert [ends[s].earliest for s in ("stage1", "stage2", "stage3", "stage5")] == [
        D(2026, 9, 28), D(2026, 10, 26), D(2026, 11, 9), D(2027, 1, 18)]  # 28 Sep, 26 Oct, 9 Nov, 18 Jan
    for stage, day in (("stage6", D(2027, 2, 4)), ("stage7", D(2027, 2, 15)), ("stage8", D(2027, 3, 21))):
        assert ends[stage].earliest <= day <= ends[stage].latest, stage
    assert ends["stage9"].earliest.month == 5 and ends["stage9"].latest.month == 7  # "2nd April – June"
