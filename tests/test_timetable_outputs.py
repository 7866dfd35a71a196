"""What the timetable writes: the iCalendar file, the workbook, the cover notes and the page."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import icalendar
import pytest
from openpyxl import load_workbook

from evidence.problems import Problems
from evidence.timetable.exports import write_cover_notes, write_xlsx
from evidence.timetable.gantt import gantt_chart
from evidence.timetable.ical import write_ics
from evidence.timetable.page import decisions_log, signoff_matrix, timetable_document
from evidence.timetable.reader import read_timetable_file
from evidence.timetable.reports import report_files
from evidence.timetable.status import stage_states

DEMO = Path(__file__).resolve().parent.parent / "data" / "timetable.yml"
DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def timetable():
    problems = Problems(DEMO.parent)
    found = read_timetable_file(DEMO, problems)
    assert found is not None, problems.report()
    return found


def test_icalendar_parses_into_the_expected_events_and_reruns_identically(timetable, tmp_path):
    first = write_ics(timetable, tmp_path / "a.ics").read_bytes()
    second = write_ics(timetable, tmp_path / "b.ics").read_bytes()
    assert first == second
    calendar = icalendar.Calendar.from_ical(first)
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert len(events) == len(timetable.meetings) + 3 + 2 + 8  # meetings, gates, consultation open/close, deadlines
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == len(events)  # unique ids
    board = events["meeting-1-lt_board"]
    assert str(board["SUMMARY"]) == "Leicestershire Together Board: Agree the consultation draft of the SCS"
    assert board.decoded("DTSTART") == dt.date(2026, 11, 19)
    assert events["consultation-start-stage5"].decoded("DTSTART") == dt.date(2026, 11, 16)
    assert events["consultation-end-stage5"].decoded("DTSTART") == dt.date(2027, 1, 25)
    assert str(events["gate-draft_scs"]["SUMMARY"]) == "Gate: Consultation draft of the SCS, for public consultation"
    may = events["meeting-7-theme_partnerships"]  # "2027-05": the whole month
    assert (may.decoded("DTSTART"), may.decoded("DTEND")) == (dt.date(2027, 5, 1), dt.date(2027, 6, 1))
    assert all(len(line) <= 75 for line in first.split(b"\r\n"))


def test_workbook_is_identical_on_rerun_and_keeps_formulas_as_text(timetable, tmp_path):
    a = write_xlsx(timetable, tmp_path / "a.xlsx", DAY).read_bytes()
    b = write_xlsx(timetable, tmp_path / "b.xlsx", DAY).read_bytes()
    assert a == b
    wb = load_workbook(tmp_path / "a.xlsx")
    assert wb.sheetnames == ["Stages", "Gates", "Decisions", "Meetings", "Checks"]
    stages = list(wb["Stages"].iter_rows(values_only=True))
    assert stages[3][2] == "First Draft of SCS" and stages[3][-1] == "Overdue"
    decisions = list(wb["Decisions"].iter_rows(values_only=True))
    assert decisions[1][3:5] == ("Approved with changes", "DTB/26/41")


def test_formula_in_a_stage_name_stays_text(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text('title: T\nbodies: [{id: b, name: B}]\nstages:\n  - {id: a, name: "=HYPERLINK(\\"x\\")", '
                    'start: 2026-01-05, weeks: 1}\n', encoding="utf-8")
    timetable = read_timetable_file(path, Problems())
    write_xlsx(timetable, tmp_path / "t.xlsx", DAY)
    cell = load_workbook(tmp_path / "t.xlsx")["Stages"]["C2"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"


def test_cover_notes_one_per_body_with_a_meeting_identical_on_rerun(timetable, tmp_path):
    first = write_cover_notes(timetable, tmp_path / "a", DAY)
    second = write_cover_notes(timetable, tmp_path / "b", DAY)
    assert [p.name for p in first] == ["cover_note_theme_partnerships.docx", "cover_note_district_leaders.docx",
                                       "cover_note_lt_board.docx", "cover_note_ssog.docx",
                                       "cover_note_lcc_cabinet.docx"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()
    text = zipfile.ZipFile(first[0]).read("word/document.xml").decode("utf-8")
    words = re.sub(r"<[^>]+>", "", text)
    assert "Final check of priority outcomes and the redraft of the SCS/LAA" in words
    assert "Stages 3 and 5 of 9 in progress" in words


def test_gantt_has_its_text_alternative_and_table(timetable):
    figure = gantt_chart(timetable, DAY)
    html = str(figure)
    assert 'role="img"' in html and "aria-labelledby" in html and "aria-describedby" in html
    assert re.search(r"<title id=\"[^\"]+\">[^<]+</title><desc id=\"[^\"]+\">Stages 3 and 5 of 9 in progress", html)
    assert "<table" in html and "<caption" in html
    assert "Overdue: 3. First Draft of SCS." in figure.summary
    assert html.count("<tr") == 1 + 9 + 3  # header, stages, gates
    assert "Today: 1 Dec 2026" in html


def test_page_sections_matrix_and_log(timetable, tmp_path):
    doc = timetable_document(timetable, DAY, root=tmp_path, files=report_files(tmp_path))
    assert [s.id for s in doc.sections] == ["title", "summary", "status", "timeline", "gantt", "signoff", "decisions",
                                            "reports", "checks"]
    assert "(the day asked for)" in str(doc.section("summary").html)
    timeline = str(doc.section("timeline").html)
    assert '<h3 id="january-2027">January 2027</h3>' in timeline
    assert "25 Jan: Public Consultation on draft SCS ends (planned)" in timeline
    assert "16 Nov: Public Consultation on draft SCS starts</li>" in timeline
    _, gates = stage_states(timetable, DAY)
    matrix = signoff_matrix(timetable, gates, DAY)
    first = matrix.iloc[0]
    assert first["lt_board"] == "Approved with changes (19 November 2026)" and first["ssog"] == "Not needed"
    assert matrix.iloc[2]["lcc_cabinet"] == "Awaiting decision"
    log = decisions_log(timetable, DAY)
    assert list(log["minute"]) == ["DTB/26/41"]
    assert "is missing" in str(doc.section("checks").html)  # no evidence base in tmp_path


def test_page_escapes_the_file_text(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text('title: "<script>x</script>"\nbodies: [{id: b, name: "A & B"}]\nstages:\n'
                    '  - {id: a, name: "<img src=x onerror=alert(1)>", start: 2026-01-05, weeks: 1}\n'
                    'gates:\n  - {id: g, what: "<b>draft</b>", sign_off: [b], after: [a]}\n', encoding="utf-8")
    timetable = read_timetable_file(path, Problems())
    html = "".join(str(s.html) for s in timetable_document(timetable, DAY).sections)
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert "&lt;img src=x" in html and "A &amp; B" in html
