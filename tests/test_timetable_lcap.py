"""The LCAP production model as a template, the quick-wins register, candidate areas and the pack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from evidence.known import KnownNames
from evidence.problems import Problems
from evidence.timetable.lcap import (build_pack, lcap_timetable, rank_candidates, read_lcap_file, residents_raised,
                                    selection_record)
from evidence.timetable.reader import timetable_from_data
from evidence.timetable.schedule import schedule
from evidence.timetable.status import stage_states
from evidence.timetable.templates import template_data

DATA = Path(__file__).resolve().parent.parent / "data"
MONDAY = dt.date(2026, 3, 2)


def test_lcap_template_puts_the_gates_where_the_model_does():
    assert MONDAY.weekday() == 0
    timetable = timetable_from_data(template_data("lcap", MONDAY), "lcap.yml", Problems())
    plans = schedule(timetable)
    weeks = {g: ((plans[g].end.earliest - MONDAY).days / 7, (plans[g].end.latest - MONDAY).days / 7)
             for g in ("gate1", "gate2", "gate3")}
    assert weeks["gate1"] == (3, 3)
    assert weeks["gate2"] == (3 + 6 + 2, 3 + 8 + 2)
    assert weeks["gate3"] == (33, 39)  # 3 + 6-8 + 2 + 2 + 2 + 12-16 + 6
    assert plans["gate3"].end.earliest.weekday() == 0  # whole weeks: still a Monday


def test_demo_lcap_quick_wins_register():
    problems = Problems(DATA)
    lcap = read_lcap_file(DATA / "lcap_E05999001.yml", problems)
    assert lcap is not None, problems.report()
    pack = build_pack(lcap, dt.date(2026, 12, 1))
    wins = pack.quick_wins
    assert list(wins["status"]) == ["Done", "Done", "Overdue", "Due"]
    assert list(wins["days_taken"]) == [23, 86, 179, 11]
    # the LCAP's own gates: 1 and 2 signed off, 3 and 4 awaited
    assert [g.outcome for g in pack.gates] == ["Approved", "Approved", "Awaiting decision", "Awaiting decision"]
    assert list(pack.plan["outcome"]) == ["1.1", "3.1"]


def test_demo_lcap_stage_statuses():
    lcap = read_lcap_file(DATA / "lcap_E05999001.yml", Problems())
    stages, _ = stage_states(lcap_timetable(lcap), dt.date(2026, 12, 1))
    status = {s.stage.id: s.status for s in stages}
    assert status["solutions"] == "Completed"
    assert status["approvals"] == "Due soon"  # began 26 October, 6 weeks: 7 December
    assert status["delivery_planning"] == "Cannot start yet"


def test_lcap_area_must_be_known(tmp_path):
    path = tmp_path / "lcap.yml"
    path.write_text("area: E05999999\nstarted: 2026-03-02\n", encoding="utf-8")
    problems = Problems(tmp_path)
    assert read_lcap_file(path, problems, KnownNames(areas={"E05999001": "ward"})) is None
    assert "Unknown area code 'E05999999'" in problems.report()


def test_candidates_ranked_with_reasons_and_selection_record():
    areas = pd.DataFrame({"area_code": ["W1", "W2", "W3"], "area_name": ["Abbey", "Market", "Castle"],
                          "score": [2.501, 2.499, 0.4], "n_worse": [6, 5, 1],
                          "explanation": ["it is significantly worse than England on 6 of its 20 indicators",
                                          "it is significantly worse than England on 5 of its 20 indicators",
                                          "it is close to England on most indicators"]})
    # the consultation's published counts: a suppressed cell (litter in W1) never counts
    by_area = pd.DataFrame({"question": ["q1", "q1", "q1", "any", "q1"], "area_code": ["W1", "W1", "W2", "W2", "W3"],
                            "theme": ["litter", "parking", "litter", "buses", "litter"],
                            "count": [None, 12.0, 30.0, 9.0, None], "base": [40, 40, 60, 60, 4],
                            "share": [None, 0.3, 0.5, 0.15, None], "suppressed": [True, False, False, False, True]})
    raised = residents_raised(by_area, {"litter": "Litter and fly-tipping", "parking": "Parking"},
                              {"q1": "What is the most important issue in your area?"})
    assert raised.values.tolist() == [["W1", "Parking", 12, 40, 0.3, "What is the most important issue in your area?"],
                                      ["W2", "Litter and fly-tipping", 30, 60, 0.5,
                                       "What is the most important issue in your area?"]]
    ranked = rank_candidates(areas, raised)
    assert list(ranked["area_code"]) == ["W2", "W1", "W3"]  # level at 2.50: what residents raised decides
    assert ranked["reason"].iloc[0] == ("Ranked 1 of 3: the gap analysis gives a mean priority score of 2.50 because "
                                        "it is significantly worse than England on 5 of its 20 indicators. In the "
                                        "consultation, 30 of the 60 respondents here answering “What is the most "
                                        "important issue in your area?” (50%) raised litter and "
                                        "fly-tipping, the theme raised most here. Level on that score with Abbey: the "
                                        "area where residents raised their most-raised theme more often comes first.")
    assert "Too few respondents here" in ranked["reason"].iloc[2]
    assert list(rank_candidates(areas)["area_code"]) == ["W1", "W2", "W3"]  # without a consultation: the score
    assert "consultation" not in " ".join(rank_candidates(areas)["reason"])
    record = selection_record(ranked, ["W2"])
    assert list(record["selected"]) == ["Selected", "Not selected", "Not selected"]
    assert set(record["gate_1"]) == {"Awaiting decision"}
    assert list(areas["area_code"]) == ["W1", "W2", "W3"]  # the caller's frame is not changed
    assert by_area["count"].isna().sum() == 2


def test_pack_files_are_identical_on_rerun_and_the_page_has_its_sections(tmp_path):
    from evidence.timetable.lcap_pack import local_plan_rows, pack_document, write_pack

    lcap = read_lcap_file(DATA / "lcap_E05999001.yml", Problems())
    issues = pd.DataFrame({"area_code": ["E05999001", "E05999002", "E01999001"], "indicator_id": ["a", "b", "c"],
                           "score": [1.0, 9.0, 3.0]})
    pack = build_pack(lcap, dt.date(2026, 12, 1), issues, members=["E01999001"])
    assert list(pack.issues["indicator_id"]) == ["c", "a"]  # the area and its members, highest score first
    first = write_pack(pack, tmp_path / "a")
    second = write_pack(pack, tmp_path / "b")
    assert [p.name for p in first] == ["lcap_E05999001.xlsx", "lcap_E05999001.docx"]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second))
    plan = local_plan_rows(pack)
    assert list(plan["From"]) == ["Local action", "Local action"]
    doc = pack_document(pack)
    assert [s.id for s in doc.sections] == ["summary", "issues", "quick-wins", "gates", "plan"]
    assert "2 of 4 quick wins done, 1 overdue" in str(doc.section("summary").html)


def test_borough_actions_measured_in_the_area_join_the_local_plan():
    from evidence.outcomes.reader import read_framework
    from evidence.timetable.lcap_pack import local_plan_rows

    framework, problems = read_framework(DATA / "outcomes.yml")
    assert framework is not None, problems.report()
    lcap = read_lcap_file(DATA / "lcap_E05999001.yml", Problems())
    pack = build_pack(lcap, dt.date(2026, 12, 1))
    assert list(local_plan_rows(pack, framework)["From"]) == ["Local action"] * 2  # no borough measure in Abbey
    road = local_plan_rows(pack, framework, members=["E05999013"])  # Little Stretton's road-safety measure
    assert road["From"].tolist()[0] == "Borough plan" and road["Outcome"].iloc[0].startswith("5.1")


def test_validate_reports_lcap_problems_with_the_timetables(tmp_path):
    from corpus import demo_copy, run_cli

    project = demo_copy(tmp_path)
    path = project / "timetable.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("outcome: Approved with changes", "outcome: Agreed"),
                    encoding="utf-8")
    lcap = project / "lcap_E05999001.yml"
    lcap.write_text(lcap.read_text(encoding="utf-8").replace("- gate: gate2", "- gate: gate5"), encoding="utf-8")
    code, out = run_cli("validate", str(project))
    assert code == 1 and "Unknown outcome 'Agreed'" in out and "'gate5' is not a gate of the LCAP template" in out


def test_timetable_page_lists_each_lcap_and_links_its_pack(tmp_path):
    from evidence.timetable.lcap import lcap_summary
    from evidence.timetable.page import timetable_document
    from evidence.timetable.reader import read_timetable_file
    from evidence.timetable.run import _packs

    lcap = read_lcap_file(DATA / "lcap_E05999001.yml", Problems())
    assert lcap_summary(lcap, dt.date(2026, 3, 9)) == {
        "plan": "Abbey Local Community Action Plan", "area": "E05999001", "started": "2 March 2026",
        "stages": "Area Selection (due soon)", "gates": "Gate 1: awaiting decision; Gate 2: awaiting decision; "
        "Gate 3: awaiting decision; Gate 4: awaiting decision", "quick_wins": "None raised yet"}
    assert lcap_summary(lcap, dt.date(2026, 12, 1))["quick_wins"] == "2 of 4 done, 1 overdue, 1 due"
    timetable = read_timetable_file(DATA / "timetable.yml", Problems(DATA))
    assert _packs([lcap], tmp_path) == {}  # no pack written yet: the page says how to make it
    pack = tmp_path / "lcap" / "E05999001" / "lcap_E05999001.html"
    pack.parent.mkdir(parents=True)
    pack.write_text("<html></html>", encoding="utf-8")
    packs = _packs([lcap], tmp_path)
    assert packs == {"E05999001": "lcap/E05999001/lcap_E05999001.html"}
    doc = timetable_document(timetable, dt.date(2026, 12, 1), lcaps=[lcap], packs=packs)
    html = str(doc.section("lcaps").html)
    assert '<a href="lcap/E05999001/lcap_E05999001.html">The pack of E05999001</a>' in html
    assert "2 of 4 done, 1 overdue, 1 due" in html
    assert "lcaps" not in [s.id for s in timetable_document(timetable, dt.date(2026, 12, 1)).sections]
