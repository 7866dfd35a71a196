"""Write the action plan as Excel (.xlsx) and Word (.docx), in the template's layout.

Both writers take the rows of :func:`evidence.outcomes.layout.theme_tables`, so the two
files say the same thing. Both are written atomically
(:func:`evidence.io.office.write_office_file`: a staging file in the target folder, then
``os.replace``: a failed export never leaves a half-written file over a good one) and
deterministically: document dates come from the framework's ``issued``
date and every zip entry gets that date, so regenerating from the same inputs gives a
byte-identical file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evidence.io.cells import text_cells
from evidence.io.office import docx_table, write_office_file
from evidence.outcomes.layout import AFTER_TARGETS, BEFORE_TARGETS, ThemeTable, theme_tables

__all__ = ["write_docx", "write_xlsx"]

#: Column widths (characters) by header; target columns get ``TARGET_WIDTH``.
WIDTHS = {"Action": 32, "Task": 36, "Measures": 32, "Milestones/Detailed Tasks": 32, "Timescale": 14,
          "Resource/Organisations involved": 24, "Contact Officer": 18, "Lead Partnership": 18,
          "Long-term Ambitions": 26}
TARGET_WIDTH = 12


def _issued(plan: Any) -> dt.datetime:
    issued = plan.framework.issued
    return dt.datetime(issued.year, issued.month, issued.day)


def _sheet_title(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Theme"
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def write_xlsx(plan: Any, path: str | Path) -> Path:
    """Write ``plan`` as an Excel workbook: one sheet per theme in the template's layout.

    Two frozen header rows (the template's columns, with "Targets" over Baseline and
    the target years), then per outcome: an aim row (when it changes), the outcome
    heading, its outcome-measure rows and its action rows. Text wraps; widths are set.

    Parameters
    ----------
    plan
        An :class:`~evidence.outcomes.ActionPlan`.
    path
        Where to write the ``.xlsx``.

    Returns
    -------
    Path
        ``path``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    when = _issued(plan)
    tables = theme_tables(plan)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    heading_fill = PatternFill("solid", fgColor="DDEBF7")

    def write(temp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        wb.properties.title = plan.framework.title
        wb.properties.creator = "evidence"
        wb.properties.created = wb.properties.modified = when
        used: set[str] = set()
        for table in tables or [ThemeTable("", "Action plan", (), (), ())]:
            ws = wb.create_sheet(_sheet_title(table.name, used))
            _xlsx_sheet(ws, table, bold, wrap, heading_fill, get_column_letter)
            text_cells(ws)  # names, actions and tasks from outcomes.yml stay text, never a formula
        wb.save(temp)

    return write_office_file(path, write, when)


def _xlsx_sheet(ws: Any, table: ThemeTable, bold: Any, wrap: Any, fill: Any, letter: Callable[[int], str]) -> None:
    columns = table.columns
    first, last = table.target_span
    header = [*BEFORE_TARGETS, "Targets", *[""] * (last - first), *AFTER_TARGETS]
    ws.append(header)
    ws.append([""] * first + list(columns[first:last + 1]) + [""] * len(AFTER_TARGETS))
    ws.merge_cells(start_row=1, start_column=first + 1, end_row=1, end_column=last + 1)
    for col in list(range(1, first + 1)) + list(range(last + 2, len(columns) + 1)):
        ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
    for row in ws.iter_rows(min_row=1, max_row=2):
        for cell in row:
            cell.font, cell.alignment, cell.fill = bold, wrap, fill
    aim = None
    for block in table.blocks:
        if block.aim and block.aim != aim:
            _heading_row(ws, block.aim, len(columns), bold, wrap)
        aim = block.aim
        _heading_row(ws, block.heading, len(columns), bold, wrap)
        for n, row in enumerate((*block.measure_rows, *block.action_rows)):
            ws.append(list(row))
            for cell in ws[ws.max_row]:
                cell.alignment = wrap
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.0"
            if n < len(block.measure_rows):
                ws.cell(ws.max_row, 1).font = bold
    for i, name in enumerate(columns, 1):
        ws.column_dimensions[letter(i)].width = WIDTHS.get(name, TARGET_WIDTH)
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"


def _heading_row(ws: Any, text: str, width: int, bold: Any, wrap: Any) -> None:
    ws.append([text])
    row = ws.max_row
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.cell(row, 1).font, ws.cell(row, 1).alignment = bold, wrap


def write_docx(plan: Any, path: str | Path) -> Path:
    """Write ``plan`` as a Word document: a heading per theme and outcome, then two tables.

    Per outcome: a level-2 heading ("Outcome 2.1: ..."), the aim, a table of outcome
    measures (Measures, Baseline, one column per target year, Contact Officer, Lead
    Partnership) and a table of actions with all the template's columns. Landscape A4.

    Parameters
    ----------
    plan
        An :class:`~evidence.outcomes.ActionPlan`.
    path
        Where to write the ``.docx``.
    """
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    when = _issued(plan)
    tables = theme_tables(plan)

    def write(temp: Path) -> None:
        document = docx.Document()
        props = document.core_properties
        props.title, props.author, props.last_modified_by = plan.framework.title, "evidence", "evidence"
        props.created = props.modified = props.last_printed = when
        props.revision, props.comments, props.subject, props.keywords = 1, "", "Action plan", ""
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, margin, Mm(12))
        document.styles["Normal"].font.size = Pt(8)
        document.add_heading(plan.framework.title, level=0)
        document.add_paragraph(f"Agreed {plan.framework.issued.isoformat()}.")
        for table in tables:
            document.add_heading(table.name, level=1)
            for block in table.blocks:
                document.add_heading(block.heading, level=2)
                if block.aim:
                    document.add_paragraph(block.aim)
                keep = [2, *range(table.target_span[0], table.target_span[1] + 1),
                        len(table.columns) - 3, len(table.columns) - 2]
                if block.measure_rows:
                    document.add_paragraph("Outcome measures", style="Heading 3")
                    docx_table(document, [table.columns[i] for i in keep],
                                [[row[i] for i in keep] for row in block.measure_rows])
                if block.action_rows:
                    document.add_paragraph("Actions", style="Heading 3")
                    docx_table(document, list(table.columns), [list(r) for r in block.action_rows])
        document.save(str(temp))

    return write_office_file(path, write, when)
