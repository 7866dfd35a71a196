"""The timetable for people outside the page: an Excel workbook and a Word cover note per body.

Both are written with the action plan's atomic writer
(:func:`evidence.io.office.write_office_file`: a temporary file beside the target, every
zip entry and the core properties dated to the day the timetable is shown as of, then
``os.replace``), so a rerun for the same day gives byte-identical files. Text from the
timetable is written as text cells (``data_type "s"``): a stage named "=HYPERLINK(...)"
stays words in Excel and is never a formula.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from evidence.io.office import write_office_file
from evidence.timetable.checks import Check, dated_checks
from evidence.timetable.model import Timetable
from evidence.timetable.status import stage_states
from evidence.timetable.summary import next_decisions, where_we_are

__all__ = ["cover_note_bodies", "write_cover_notes", "write_xlsx"]


def _when(as_of: dt.date) -> dt.datetime:
    return dt.datetime(as_of.year, as_of.month, as_of.day)


def _d(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def _sheet(wb: Any, title: str, header: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([None] * len(row))
        r = ws.max_row
        for c, value in enumerate(row, 1):
            cell = ws.cell(r, c)
            if isinstance(value, dt.date):
                cell.value, cell.number_format = value, "d mmmm yyyy"
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.value = value
            elif value is not None and value != "":
                cell.value = str(value)
                cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def write_xlsx(timetable: Timetable, path: str | Path, as_of: dt.date, checks: list[Check] | None = None) -> Path:
    """Write the workbook: Stages, Gates, Decisions, Meetings and Checks, as of ``as_of``."""
    from openpyxl import Workbook

    stages, gates = stage_states(timetable, as_of)
    checks = dated_checks(timetable, as_of) if checks is None else checks
    when = _when(as_of)

    def span(s):
        return s.words() if s is not None else ""

    def write(temp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        wb.properties.title, wb.properties.creator = timetable.title, "evidence"
        wb.properties.created = wb.properties.modified = when
        _sheet(wb, "Stages", ["No.", "Phase", "Stage", "Who", "Wording", "Planned start", "Planned end",
                              "Actual start", "Actual end", f"Status on {_d(as_of)}"],
               [[s.number, s.stage.phase, s.stage.name, "; ".join(s.stage.who), s.stage.wording, span(s.planned.start),
                 span(s.planned.end), s.stage.actual_start, s.stage.actual_end, s.status] for s in stages],
               [6, 18, 40, 30, 30, 22, 22, 16, 16, 16])
        _sheet(wb, "Gates", ["Gate", "What", "Signed off by", "Planned", "Outcome", "Decided on", "Not yet signed off by"],
               [[g.gate.id, g.gate.what, "; ".join(timetable.body_name(b) for b in g.gate.sign_off),
                 span(g.planned.end), g.outcome, g.decided_on,
                 "; ".join(timetable.body_name(b) for b in g.outstanding)] for g in gates],
               [14, 40, 30, 22, 20, 16, 30])
        _sheet(wb, "Decisions", ["Gate", "Body", "Date", "Outcome", "Minute", "Note"],
               [[g.what, timetable.body_name(d.body), d.date, d.outcome, d.minute, d.note]
                for g in timetable.gates for d in sorted(g.decisions, key=lambda d: (d.date, d.body))],
               [40, 30, 16, 20, 16, 30])
        _sheet(wb, "Meetings", ["Date", "Body", "Decides", "Wording"],
               [[m.date.words(), timetable.body_name(m.body), m.decides, m.wording]
                for m in sorted(timetable.meetings, key=lambda m: m.date)], [22, 30, 50, 30])
        _sheet(wb, "Checks", ["Check", "Warning", "What to do", "Where"],
               [[c.kind, c.message, c.fix, c.place] for c in checks], [22, 70, 50, 24])
        wb.save(temp)

    return write_office_file(path, write, when)


def cover_note_bodies(timetable: Timetable, as_of: dt.date) -> dict[str, dt.date]:
    """Body id -> the day of its next meeting on or after ``as_of`` (bodies that have one)."""
    found: dict[str, dt.date] = {}
    for m in sorted(timetable.meetings, key=lambda m: m.date):
        if m.date.latest >= as_of and m.body not in found:
            found[m.body] = m.date.earliest
    return found


def write_cover_notes(timetable: Timetable, folder: str | Path, as_of: dt.date) -> list[Path]:
    """Write ``cover_note_<body>.docx`` for each body's next meeting; return the paths written."""
    import docx

    stages, gates = stage_states(timetable, as_of)
    summary = where_we_are(timetable, as_of, (stages, gates))
    decisions = next_decisions(timetable, as_of, gates)
    checks = dated_checks(timetable, as_of)
    when = _when(as_of)
    written = []
    for body, day in cover_note_bodies(timetable, as_of).items():
        name = timetable.body_name(body)
        asks = [d for d in decisions if d.body == body]

        def write(temp: Path, name=name, day=day, asks=asks, body=body) -> None:
            document = docx.Document()
            props = document.core_properties
            props.title = f"Cover note: {name}, {_d(day)}"
            props.author = props.last_modified_by = "evidence"
            props.created = props.modified = props.last_printed = when
            props.revision, props.comments, props.subject, props.keywords = 1, "", timetable.title, ""
            document.add_heading(f"{timetable.title}: cover note for {name}", 1)
            document.add_paragraph(f"Meeting of {_d(day)}. Where we are on {_d(as_of)}: {summary}")
            document.add_heading("This meeting is asked to decide", 2)
            for ask in asks or []:
                document.add_paragraph(ask.what[:1].upper() + ask.what[1:], style="List Bullet")
            if not asks:
                document.add_paragraph("Nothing is listed for decision; the timetable is for information.")
            waiting = [g for g in gates if body in g.outstanding and not g.outcome.startswith("Approved")]
            if waiting:
                document.add_heading("Sign-offs this body has not yet given", 2)
                for g in waiting:
                    due = _d(g.planned.end.latest) if g.planned.end else "no date"
                    document.add_paragraph(f"{g.gate.what} (planned by {due}; {g.outcome.lower()})",
                                           style="List Bullet")
            document.add_heading("Progress of the stages", 2)
            table = document.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, ("Stage", "Planned end", "Status")):
                cell.text = text
            for s in stages:
                cells = table.add_row().cells
                cells[0].text = f"{s.number}. {s.stage.name}"
                cells[1].text = s.planned.end.words() if s.planned.end else "open"
                cells[2].text = s.status
            if checks:
                document.add_heading("Warnings", 2)
                for c in checks:
                    document.add_paragraph(c.message, style="List Bullet")
            document.save(temp)

        written.append(write_office_file(Path(folder) / f"cover_note_{body}.docx", write, when))
    return written
