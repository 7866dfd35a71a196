"""``evidence timetable`` and ``evidence lcap`` end to end on the demo project (one run each, shared)."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import zipfile

import icalendar
import pandas as pd
import pytest
from corpus import run_cli
from openpyxl import load_workbook

from evidence.timetable.page import project_banner

pytestmark = pytest.mark.slow
DAY = dt.date(2026, 12, 1)
AREA = "E05999001"


def _text(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def page(demo_timetable) -> str:
    return (demo_timetable[2] / "timetable.html").read_text(encoding="utf-8")


def test_the_command_lists_its_files_and_prints_the_summary_and_warnings(demo_timetable):
    _, printed, out = demo_timetable
    wrote = [line.removeprefix("Wrote ") for line in printed.splitlines() if line.startswith("Wrote ")]
    names = [p.replace(str(out), "").lstrip("/") for p in wrote]
    assert names == ["timetable/timetable.ics", "timetable/timetable.xlsx",
                     "timetable/cover_note_theme_partnerships.docx", "timetable/cover_note_district_leaders.docx",
                     "timetable/cover_note_lt_board.docx", "timetable/cover_note_ssog.docx",
                     "timetable/cover_note_lcc_cabinet.docx", "timetable.html"]
    assert "on 1 December 2026:\nStages 3 and 5 of 9 in progress; 1 overdue; next decision: Theme Partnerships, " \
           "10 February 2027" in printed
    warnings = [line for line in printed.splitlines() if line.startswith("  warning: ")]
    assert any("before gate 'Consultation draft of the SCS, for public consultation' was approved" in w
               for w in warnings)
    assert any("spans Christmas and New Year" in w for w in warnings)
    assert not any("missing" in w or "older than" in w for w in warnings), warnings  # the reports are there


def test_page_content(page):
    text = _text(page)
    assert page.count("<h1") == 1 and "<title>The strategy&#39;s timetable</title>" in page
    assert "import evidence" not in text and "timetable_page" not in text  # no code
    assert "Where we are Stages 3 and 5 of 9 in progress; 1 overdue; next decision: Theme Partnerships, " \
           "10 February 2027: final check of priority outcomes and the redraft of the SCS/LAA." in text
    assert "Statuses are as on 1 December 2026 (the day asked for)." in text
    assert "Evidence: stages and their status" in text and "3. First Draft of SCS LSP Support Team" in text
    assert re.search(r"<desc id=\"[^\"]+\">Stages 3 and 5 of 9 in progress", page)  # the Gantt's text alternative
    assert "Overdue: 3. First Draft of SCS." in text and "Today: 1 Dec 2026" in text  # and its table
    assert "Who has signed off each document" in text and "Approved with changes (19 November 2026)" in text
    assert "Decisions made, newest first" in text and "DTB/26/41" in text
    # the demo's planted facts, each said on the page: a stage overdue, a gate approved with changes (above),
    # a stage begun before its gate, and an LCAP with quick wins
    assert "3. First Draft of SCS LSP Support Team 30 October 2026 to 16 November 2026" in text
    assert re.search(r"3\. First Draft of SCS [^<]*? 2 November 2026 to now Overdue", text)
    checks = text[text.index("Checks"):]
    assert "Work on stage 'Public Consultation on draft SCS' began on 16 November 2026, before gate 'Consultation " \
           "draft of the SCS, for public consultation' was approved" in checks
    lcaps = text[text.index("Local Community Action Plans: where each is"):text.index("Reports of each stage")]
    assert ("Abbey Local Community Action Plan E05999001 2 March 2026 Identification and implementation of Quick "
            "Wins (overdue); Local Community Action Plan and bid approvals (due soon) Gate 1: approved; Gate 2: "
            "approved; Gate 3: awaiting decision; Gate 4: awaiting decision 2 of 4 done, 1 overdue, 1 due Not "
            "written yet: evidence lcap PROJECT --area E05999001") in lcaps
    reports = text[text.index("Reports of each stage"):text.index("Checks")]
    assert "gap_analysis.html" in reports and "missing" not in reports
    assert 'href="timetable/timetable.ics"' in page and 'href="timetable/cover_note_lt_board.docx"' in page


def test_icalendar_parses_into_the_expected_events(demo_timetable):
    calendar = icalendar.Calendar.from_ical((demo_timetable[2] / "timetable" / "timetable.ics").read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert events["meeting-1-lt_board"].decoded("DTSTART") == dt.date(2026, 11, 19)
    assert events["consultation-start-stage5"].decoded("DTSTART") == dt.date(2026, 11, 16)
    assert events["consultation-end-stage5"].decoded("DTSTART") == dt.date(2027, 1, 25)
    assert str(events["gate-draft_scs"]["SUMMARY"]) == "Gate: Consultation draft of the SCS, for public consultation"
    assert sum(uid.startswith("deadline-") for uid in events) == 8


def test_nothing_changed_is_a_no_op(demo_project, demo_timetable):
    from evidence.timetable.run import run_timetable

    out = demo_timetable[2]
    before = (out / "timetable.html").stat().st_mtime_ns
    result = run_timetable(demo_project, output=out, as_of=DAY, progress=False)
    assert result.batch.skipped == ["timetable"] and not result.batch.successes
    assert (out / "timetable.html").stat().st_mtime_ns == before


def test_deleting_a_report_turns_its_check_to_missing_and_reruns_identically(demo_project, demo_timetable, tmp_path):
    out = tmp_path / "areaprofiles"
    shutil.copytree(demo_timetable[2], out)
    files = sorted((out / "timetable").iterdir())
    before = {p.name: p.read_bytes() for p in files}
    (out / "gap_analysis.html").unlink()
    code, printed = run_cli("timetable", str(demo_project), "--as-of", "2026-12-01", "--output", str(out))
    assert code == 0, printed
    assert ("warning: Stage 'Wider partner consultation on emerging priorities/cross-cutting priorities' is "
            "completed but its gap analysis (gap_analysis.html) is missing.") in printed
    text = _text((out / "timetable.html").read_text(encoding="utf-8"))
    assert re.search(r"gap analysis gap_analysis\.html not built missing", text)
    after = {p.name: p.read_bytes() for p in sorted((out / "timetable").iterdir())}
    assert after.keys() == before.keys()
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["timetable.xlsx"]  # calendar and cover notes byte-identical; the workbook lists the new warning
    workbook = load_workbook(out / "timetable" / "timetable.xlsx")
    assert workbook.sheetnames == ["Stages", "Gates", "Decisions", "Meetings", "Checks"]
    assert "report missing" in [row[0] for row in workbook["Checks"].iter_rows(values_only=True)]


def test_banner_for_other_pages(demo_project, tmp_path):
    from types import SimpleNamespace

    from evidence.config import read_config

    config, _ = read_config(demo_project)
    assert str(project_banner(config, DAY)) == (
        '<p class="ev-banner" role="note"><strong>Where we are (1 December 2026):</strong> Stages 3 and 5 of 9 in '
        'progress; 1 overdue; next decision: Theme Partnerships, 10 February 2027: final check of priority outcomes '
        'and the redraft of the SCS/LAA.</p>')
    assert project_banner(SimpleNamespace(raw={}, root=tmp_path)) is None  # no timetable, no banner


@pytest.fixture(scope="module")
def pack(demo_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("lcap") / "areaprofiles"
    code, printed = run_cli("lcap", str(demo_project), "--area", AREA, "--as-of", "2026-12-01", "--output", str(out))
    assert code == 0, printed
    return printed, out / "lcap" / AREA


def test_lcap_pack_holds_the_profile_issues_quick_wins_gates_plan_and_selection(pack):
    printed, folder = pack
    assert ("Abbey Local Community Action Plan, on 1 December 2026: 2 of 4 quick wins done, 1 overdue; gate1 "
            "approved; gate2 approved; gate3 awaiting decision; gate4 awaiting decision.") in printed
    for name in (f"ward/{AREA}.html", f"lcap_{AREA}.xlsx", f"lcap_{AREA}.docx", f"selection_{AREA}.csv",
                 f"lcap_{AREA}.ics", f"lcap_{AREA}.html"):
        assert f"Wrote {folder / name}" in printed, name
    assert "Abbey" in (folder / "ward" / f"{AREA}.html").read_text(encoding="utf-8")
    workbook = load_workbook(folder / f"lcap_{AREA}.xlsx")
    assert workbook.sheetnames == ["Issues", "Quick wins", "Gates", "Local action plan"]
    issues = list(workbook["Issues"].iter_rows(values_only=True))
    assert len(issues) > 1 and {row[1] for row in issues[1:]} <= {AREA, *(f"E01999{n:03d}" for n in range(1, 200))}
    wins = list(workbook["Quick wins"].iter_rows(values_only=True))
    assert [row[6] for row in wins[1:]] == ["Done", "Done", "Overdue", "Due"]
    plan = list(workbook["Local action plan"].iter_rows(values_only=True))
    assert [row[0] for row in plan[1:]][-2:] == ["1.1", "3.1"]
    words = re.sub(r"<[^>]+>", "", zipfile.ZipFile(folder / f"lcap_{AREA}.docx").read("word/document.xml").decode())
    assert "Abbey Local Community Action Plan" in words and "Make Abbey" in words
    record = pd.read_csv(folder / f"selection_{AREA}.csv")
    assert record["selected"].tolist().count("Selected") == 1
    chosen = record[record["area_code"] == AREA].iloc[0]
    assert chosen["selected"] == "Selected" and chosen["gate_1"] == "Approved (24 March 2026)"
    assert record["reason"].iloc[0].startswith("Ranked 1 of 20: the gap analysis gives a mean priority score of ")
    assert "significantly worse than Demoshire on" in record["reason"].iloc[0]
    # the demo's consultation: Abbey and Market level on the gap score (0.59), Abbey's residents raised crime more
    assert record["area_code"].tolist()[:3] == ["E05999017", AREA, "E05999014"]
    assert ("In the consultation, 73 of the 146 respondents here answering “What is the most important issue in your "
            "area?” (50%) raised crime and feeling safe, the theme "
            "raised most here. Level on that score with Market") in chosen["reason"]
    page = (folder / f"lcap_{AREA}.html").read_text(encoding="utf-8")
    text = _text(page)
    assert page.count("<h1") == 1
    assert "Candidate areas ranked by the gap analysis and what residents raised in the consultation" in text
    for heading in ("Where the plan is", "Priority issues of the area", "Quick wins", "Gates",
                    "The LCAP's stages and gates", "Local action plan", "Area selection (Gate 1)", "The pack's files"):
        assert heading in text, heading
    assert f'href="ward/{AREA}.html"' in page
    events = icalendar.Calendar.from_ical((folder / f"lcap_{AREA}.ics").read_bytes()).walk("VEVENT")
    gates = {str(e["UID"]).split("@")[0]: e.decoded("DTSTART") for e in events if str(e["UID"]).startswith("gate")}
    assert gates["gate-gate1"] == dt.date(2026, 3, 20)  # area selection really ended on 20 March
    assert list(gates) == ["gate-gate1", "gate-gate2", "gate-gate3", "gate-gate4"]
