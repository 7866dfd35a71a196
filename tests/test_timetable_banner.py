"""The "where we are" banner of the gap analysis, plan and consultation pages: dated, and its day in the
fingerprint when the project has a timetable (an unchanged rerun on a later day rebuilds the page)."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from evidence.config import read_config
from evidence.consultation.run import CONSULT
from evidence.gaps.run import GAPS
from evidence.outcomes.run import PLAN
from evidence.reports.recipe import _stamp
from evidence.resources import report_notebook
from evidence.timetable.page import banner_day, project_banner


@pytest.mark.parametrize("report", [GAPS, PLAN, CONSULT], ids=lambda r: r.name)
def test_the_banner_day_is_in_each_reports_fingerprint(demo_project, report):
    config, _ = read_config(demo_project)
    notebook = report_notebook(report.notebook)
    stamps = {day: _stamp(report, config, "base", notebook, {"theme": None, "as_of": banner_day(config, day)})
              for day in (dt.date(2026, 12, 1), dt.date(2026, 12, 2))}
    assert stamps[dt.date(2026, 12, 1)] != stamps[dt.date(2026, 12, 2)]  # a later day: not current, rebuilt
    again = _stamp(report, config, "base", notebook, {"theme": None, "as_of": banner_day(config, dt.date(2026, 12, 1))})
    assert again == stamps[dt.date(2026, 12, 1)]  # the same day: still a no-op


def test_no_timetable_no_day_and_no_banner(tmp_path):
    config = SimpleNamespace(raw={"consultation": "c.yml"}, root=tmp_path)
    assert banner_day(config, dt.date(2026, 12, 1)) is None  # the fingerprint does not change from day to day
    assert project_banner(config, "2026-12-01") is None


def test_gap_page_banner_says_the_day_it_is_as_of(demo):
    from evidence.gaps.report import build_gap_report

    report = build_gap_report(demo, as_of="2026-11-01")
    title = str(report.section("title").html)
    assert re.search(r'<p class="ev-banner" role="note"><strong>Where we are \(1 November 2026\):</strong> ', title)
    assert str(project_banner(demo.config, "2026-11-01")) in title
    assert str(project_banner(demo.config, dt.date(2026, 11, 1))) == str(project_banner(demo.config, "2026-11-01"))
