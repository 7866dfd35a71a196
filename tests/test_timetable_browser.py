"""The timetable page written by ``evidence timetable``, and an LCAP pack's page, in real headless Chromium."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from browser import page_checker  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DATA = Path(__file__).resolve().parent.parent / "data"


def test_timetable_page_is_clean_in_a_real_browser(demo_timetable, page_checker):  # noqa: F811
    page = demo_timetable[2] / "timetable.html"
    html = page.read_text(encoding="utf-8")
    assert 'role="img"' in html and "<desc id=" in html and "<caption" in html  # the Gantt, its words and table
    report = page_checker(page, "timetable")
    assert report.problems() == []
    assert report.svg_charts >= 1


def test_lcap_pack_page_is_clean_in_a_real_browser(tmp_path, page_checker):  # noqa: F811
    import pandas as pd

    from evidence.problems import Problems
    from evidence.profiles.page import render_page
    from evidence.timetable.lcap import build_pack, read_lcap_file, selection_record
    from evidence.timetable.lcap_pack import local_plan_rows
    from evidence.timetable.lcap_run import _page

    lcap = read_lcap_file(DATA / "lcap_E05999001.yml", Problems())
    pack = build_pack(lcap, dt.date(2026, 12, 1))
    candidates = pd.DataFrame({"rank": [1, 2], "area_code": ["E05999001", "E05999002"], "area_name": ["Abbey", "B"],
                               "score": [1.0, 0.5], "n_worse": [3, 1], "raised": [0, 0], "reason": ["r1", "r2"]})
    record = selection_record(candidates, ["E05999001"], pack.gates[0])
    page = tmp_path / "lcap.html"
    page.write_text(render_page(_page(pack, local_plan_rows(pack), record, {"Workbook": "lcap.xlsx"})),
                    encoding="utf-8")
    report = page_checker(page, "lcap")
    assert report.problems() == []
