"""The consultation's downloads: coded responses and review queue (CSV), a workbook, a Word summary.

Every file is written atomically (a temporary file beside the target, then
``os.replace``: :func:`evidence.batch.export.atomic_write` for CSV, the outcome exports'
zip writer for .xlsx and .docx, which also fixes every zip entry's date and the
document's core properties, so a rerun gives identical bytes). Text goes through
:mod:`evidence.io.cells` (string cells in Excel, a leading apostrophe in CSV for text
starting with ``= + - @``), so an answer can never run as a formula.

``coded`` and ``review`` hold response ids and answers: they are for the consultation
team, not for publication. The workbook and the Word summary hold only published tables
(disclosure control applied, quotes redacted).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pandas as pd

from evidence.io.atomic import atomic_write
from evidence.io.cells import csv_text, text_cells
from evidence.io.office import write_office_file

__all__ = ["published_tables", "write_coded_csv", "write_review_csv", "write_summary_docx", "write_workbook"]

#: The date of the files when no response carries a submitted date.
WHEN = dt.datetime(2026, 1, 1)


def dated(analysis: Any) -> dt.datetime:
    """The files' date: the last response's submitted date (from the inputs, never the clock).

    Office files carry a date in their properties and zip entries; taking it from the data
    keeps two runs on the same responses byte-identical and dates the files by the
    consultation they report, not by the day they were made.
    """
    respondents = analysis.consultation.respondents
    if "submitted" in respondents.columns:
        last = pd.to_datetime(respondents["submitted"], errors="coerce").max()
        if pd.notna(last):
            return dt.datetime(last.year, last.month, last.day)
    return WHEN


def _csv(frame: pd.DataFrame) -> bytes:
    return csv_text(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_coded_csv(analysis: Any, path: str | Path) -> Path:
    """Every code with its provenance (``response_id, question, theme, source, probability, campaign``)."""
    return atomic_write(path, _csv(analysis.coding.coded))


def write_review_csv(analysis: Any, path: str | Path) -> Path:
    """The review queue with each answer's text, for the team."""
    review = analysis.coding.review
    texts = analysis.consultation.answers.set_index(["response_id", "question"])["answer"]
    keys = list(zip(review["response_id"], review["question"]))
    return atomic_write(path, _csv(review.assign(answer=[texts.get(k, "") for k in keys])))


def published_tables(analysis: Any) -> dict[str, pd.DataFrame]:
    """Sheet name -> published table (no response ids, counts below min_count blanked)."""
    a = analysis
    names = a.consultation.frame.names()
    tables = {
        "Who responded": a.profile.drop(columns=["ratio"], errors="ignore"),
        "Closed questions": a.closed,
        "Themes": a.themes.assign(theme=a.themes["theme"].map(names)),
        "Themes by area": a.by_area.assign(theme=a.by_area["theme"].map(names)),
        "Themes by group": a.by_type.assign(theme=a.by_type["theme"].map(names)),
        "Evidence and voice": a.voice.assign(theme=a.voice["theme"].map(names)),
        "Quotes": a.quotes.assign(theme=a.quotes["theme"].map(names)),
        "Campaigns": a.campaigns.drop(columns=["seed_response"]),
        "Organisations": a.organisations,
        "Model quality": a.coding.quality,
    }
    return {k: v.reset_index(drop=True) for k, v in tables.items()}


def write_workbook(analysis: Any, path: str | Path) -> Path:
    """An Excel workbook: a notes sheet, then one published table per sheet."""
    from openpyxl import Workbook

    tables = published_tables(analysis)
    when = dated(analysis)

    def write(temp: Path) -> None:
        wb = Workbook()
        notes = wb.active
        notes.title = "Notes"
        for line in [analysis.consultation.settings.title, *analysis.summary,
                     f"Counts below {analysis.min_count} are blank (disclosure control)."]:
            notes.append([line])
        wb.properties.creator = "evidence"
        wb.properties.created = wb.properties.modified = when
        for name, frame in tables.items():
            ws = wb.create_sheet(name[:31])
            ws.append([str(c) for c in frame.columns])
            for row in frame.itertuples(index=False):
                ws.append([None if (isinstance(v, float) and pd.isna(v)) or v is None else
                           (v if isinstance(v, (int, float, bool)) else str(v)) for v in row])
            text_cells(ws)  # text, never a formula
            ws.freeze_panes = "A2"
        wb.save(temp)

    return write_office_file(path, write, when)


def write_summary_docx(analysis: Any, path: str | Path) -> Path:
    """A Word "summary of findings" for the board: the findings in words, themes, voice and evidence, quotes."""
    import docx

    a = analysis
    names = a.consultation.frame.names()
    when = dated(a)

    def write(temp: Path) -> None:
        document = docx.Document()
        props = document.core_properties
        props.title, props.author, props.last_modified_by = a.consultation.settings.title, "evidence", "evidence"
        props.created = props.modified = props.last_printed = when
        props.revision, props.comments, props.subject, props.keywords = 1, "", "Summary of findings", ""
        document.add_heading(a.consultation.settings.title, level=0)
        document.add_heading("Summary of findings", level=1)
        for line in a.summary:
            document.add_paragraph(line, style="List Bullet")
        document.add_heading("What people said against what the evidence shows", level=1)
        overall = a.voice[a.voice["area_code"] == "all"]
        t = document.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, ("Theme", "Raised by", "Finding")):
            cell.text = text
        for r in overall.itertuples():
            cells = t.add_row().cells
            cells[0].text = names[r.theme]
            cells[1].text = "–" if pd.isna(r.raised_share) else f"{r.raised_share:.0%}"
            cells[2].text = r.finding
        document.add_heading("What people said", level=1)
        for r in a.quotes.itertuples():
            document.add_paragraph(f"{names[r.theme]}: “{r.quote}” ({r.attribution})")
        buffer = io.BytesIO()
        document.save(buffer)
        temp.write_bytes(buffer.getvalue())

    return write_office_file(path, write, when)
