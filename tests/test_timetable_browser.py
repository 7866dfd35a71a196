"""The timetable page (its Document's sections through the evidence template) in real headless Chromium.

Until the page is wired to the report-run recipe, the sections are put in an in-memory
notebook the way :func:`evidence.profiles.page.render_page` does, with the page's one h1.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat
import pytest
from browser import page_checker  # noqa: F401  (a fixture)

from evidence.problems import Problems
from evidence.render import exporter
from evidence.timetable.page import timetable_document
from evidence.timetable.reader import read_timetable_file
from evidence.timetable.reports import report_files

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DATA = Path(__file__).resolve().parent.parent / "data"


def test_timetable_page_is_clean_in_a_real_browser(tmp_path, page_checker):  # noqa: F811
    timetable = read_timetable_file(DATA / "timetable.yml", Problems(DATA))
    doc = timetable_document(timetable, dt.date(2026, 12, 1), root=tmp_path, files=report_files(tmp_path))
    cells = [nbformat.v4.new_markdown_cell(f"# {doc.title}: timetable")]
    for section in doc.sections:
        out = nbformat.v4.new_output("display_data", data={"text/html": str(section.html), "text/plain": ""})
        cells.append(nbformat.v4.new_code_cell(f"# section: {section.id}", outputs=[out]))
    html, _ = exporter().from_notebook_node(nbformat.v4.new_notebook(cells=cells, metadata={"title": doc.title}))
    page = tmp_path / "timetable.html"
    page.write_text(html, encoding="utf-8")
    report = page_checker(page, "timetable")
    assert report.problems() == []
    assert report.svg_charts >= 1
