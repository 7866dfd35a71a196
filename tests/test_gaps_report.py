"""The gap-analysis report end to end: notebook run, exports re-opened, page in headless Chromium.

The demo project (with its activity register and rural-urban classification) and the real
Gloucester data are each run once per module with ``run_gaps`` (real papermill and
nbconvert); the tests then read what was written.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
from browser import check_page
from realproject import GLOUCESTER, SPELTHORNE, write_real_project

import evidence
from evidence.errors import ValidationError
from evidence.gaps.report import build_gap_report
from evidence.gaps.run import run_gaps
from evidence.profiles.page import render_page

pytestmark = pytest.mark.slow

PLANTED = {"Abbey", "Market", "St Mary's"}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'").replace("&amp;", "&")


@pytest.fixture(scope="module")
def demo_run(demo_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("gaps") / "areaprofiles"
    return run_gaps(demo_project, output=out, progress=False), out


@pytest.fixture(scope="module")
def demo_page(demo_run):
    result, out = demo_run
    return (out / "gap_analysis.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real_run(realdata, tmp_path_factory):
    project = write_real_project(tmp_path_factory.mktemp("real") / "project", realdata, gap_inputs=True)
    out = tmp_path_factory.mktemp("realgaps") / "areaprofiles"
    return run_gaps(project, output=out, progress=False), out, project


def test_run_lists_every_file_it_wrote(demo_run):
    result, out = demo_run
    names = [p.relative_to(out).as_posix() for p in result.outputs]
    assert names == ["gap_analysis.html", "gap_analysis/gap_table.csv", "gap_analysis/priority_list.csv",
                     "gap_analysis/gap_analysis.xlsx", "gap_analysis/priority_areas.gpkg"]
    assert all(p.stat().st_size > 0 for p in result.outputs)
    assert not (out / "failures").exists() or not any((out / "failures").rglob("*.ipynb"))


def test_page_structure_and_no_code(demo_page):
    assert demo_page.count("<h1") == 1
    assert "Gap analysis: Demoshire" in demo_page
    # the demo has a timetable: the one-line "where we are" banner follows the title
    assert re.search(r'</h1>.*?<p class="ev-banner" role="note"><strong>Where we are \(\d+ \w+ \d{4}\):</strong> '
                     r"(No stage|Stages? [\d, and]+ of 9)", demo_page, re.S)
    assert "<title>Gap analysis and priority issues</title>" in demo_page
    for heading in ("What the evidence says", "Priority issues", "Performance gaps", "Inequality inside Demoshire",
                    "Coverage: where existing activity does and does not reach", "Cross-cutting issues",
                    "Evidence gaps", "Proofing: rural and urban areas, and deprivation", "Maps", "Downloads",
                    "How to read this report"):
        assert heading in demo_page, heading
    assert "build_gap_report" not in demo_page and "import evidence" not in demo_page
    assert "parameterised notebook" not in demo_page


def test_planted_deprived_wards_top_the_priorities_with_reasons(demo_run, demo_page):
    result, _ = demo_run
    a = result.analysis
    assert set(a.areas["area_name"].head(3)) == PLANTED
    assert set(a.themes["area_name"].head(6)) <= PLANTED
    text = _text(demo_page)
    first = [name for name in PLANTED if f"{name}: ranked first (mean score" in text]
    assert len(first) == 1
    assert re.search(r"ranked first \(score \d\.\d\d\) because it is significantly worse than Demoshire on \d+ of",
                     text)
    assert "Worse and worsening" in text and "Where Demoshire as a whole is worse than England" in text
    assert "slope index of inequality is" in text
    assert "least deprived fifth of Demoshire's neighbourhoods (ranked within Demoshire) is" in text


def test_coverage_lists_uncovered_issues_and_unsupported_activities(demo_run, demo_page):
    a = demo_run[0].analysis
    uncovered = a.coverage[~a.coverage["covered"]]
    assert len(uncovered) > 0 and len(a.coverage[a.coverage["covered"]]) > 0
    assert set(uncovered["area_name"]) & PLANTED
    unsupported = set(a.unsupported.loc[~a.unsupported["evidenced"], "activity"])
    assert unsupported == {"Edge villages volunteering scheme", "Active Demoshire parks programme"}
    text = _text(demo_page)
    assert "Priority issues with no existing activity" in text
    assert "Edge villages volunteering scheme: the evidence does not show" in text


def test_proofing_and_maps_have_tables(demo_run, demo_page):
    a = demo_run[0].analysis
    assert {"Rural", "Urban"} <= set(a.proof_rural["group"])
    assert a.proof_fifths["group"].iloc[0] == "Most deprived fifth"
    assert "by theme and rural or urban" in demo_page and "by theme and deprivation fifth" in demo_page
    maps = demo_page.count('class="ev-map folium-map"')
    assert maps == 1 + len(a.theme_order) + 1  # overall, one per theme, clusters
    assert demo_page.count("areas ranked from highest to lowest") == maps - 1
    assert "every area with its cluster label" in demo_page
    assert "High-High: a cluster of high values" in demo_page and "permutation test" in demo_page
    assert "Correlation is not cause" in demo_page


def test_downloads_are_relative_links_to_existing_files(demo_run, demo_page):
    _, out = demo_run
    links = re.findall(r'href="(gap_analysis/[^"]+)"', demo_page)
    assert len(links) == 4
    assert all((out / link).is_file() for link in links)


def test_exports_reopen_with_pandas_openpyxl_and_geopandas(demo_run):
    result, out = demo_run
    a = result.analysis
    folder = out / "gap_analysis"
    table = pd.read_csv(folder / "gap_table.csv")
    assert {"Indicator", "Area", "Value", "Compared with benchmark", "Recent trend"} <= set(table.columns)
    assert len(table) == len(a.gaps)
    counts = table["Count"].dropna()
    assert len(counts) and (counts >= 5).all()  # disclosure control: nothing below min_count
    shown = a.eb.values
    hidden = shown[shown["suppressed"]]
    hidden = set(zip(hidden["indicator_id"].astype(str), hidden["area_code"].astype(str), hidden["period"].astype(str)))
    blanked = table[[k in hidden for k in zip(table["Indicator id"].astype(str), table["Area code"].astype(str),
                                              table["Period"].astype(str))]]
    assert len(blanked) and blanked["Count"].isna().all() and blanked["Value"].isna().all()
    # suppressed rows show no judgement and no trend either (Fingertips' rule)
    assert (blanked["Compared with benchmark"] == "Not compared").all() and blanked["Recent trend"].isna().all()
    priorities = pd.read_csv(folder / "priority_list.csv")
    assert priorities["Rank"].tolist() == list(range(1, len(priorities) + 1))
    assert set(priorities["Area"].head(10)) <= PLANTED and priorities["Why"].str.contains("ranked").all()

    book = openpyxl.load_workbook(folder / "gap_analysis.xlsx", read_only=False)
    assert book.sheetnames == [a.theme_names[t] for t in a.theme_order] + ["Priorities"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        header = [c.value for c in sheet[1]]
        assert all(h and "_" not in h for h in header), header
    assert [c.value for c in book["Priorities"][1]][:3] == ["Area code", "Area", "Theme id"]

    areas = gpd.read_file(folder / "priority_areas.gpkg")
    assert len(areas) == 20 and areas.crs is not None and areas.geometry.notna().all()
    assert set(areas.sort_values("rank")["area_name"].head(3)) == PLANTED
    assert {"rank", "score", "n_worse", "explanation", "worse_safer"} <= set(areas.columns)


@pytest.mark.browser
def test_demo_page_in_headless_chromium(demo_run, tmp_path):
    _, out = demo_run
    report = check_page(out / "gap_analysis.html", tmp_path / "gaps.png", timeout_ms=30000)
    assert report.problems() == [], report.problems()
    assert len(report.maps) == 8 and all(n > 0 for n in report.maps)


def test_a_bad_activity_register_lists_every_problem(demo_project, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(demo_project, project)
    (project / "activities.csv").write_text(
        "activity,lead_partnership,themes,indicators,areas,start,end\n"
        "Night buses,Transport Board,,ga_bus_acess,E05999001,2024,2022\n"
        ",Health Board,healthy,,E05999999,2023,\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        run_gaps(project, output=tmp_path / "out", progress=False)
    message = str(info.value)
    for fragment in ("ga_bus_acess", "ends (2022) before it starts (2024)", "E05999999", "has no activity"):
        assert fragment in message, message
    assert not (tmp_path / "out" / "gap_analysis.html").exists()


def test_one_theme_page_without_a_kernel(demo):
    report = build_gap_report(demo, theme="Safer")
    html = render_page(report)
    assert html.count("<h1") == 1 and "Gap analysis: Demoshire, Safer" in html
    assert set(report.analysis.gaps["theme"]) == {"safer"}
    assert "Night-time economy plan".lower() in html.lower()


@pytest.mark.browser
def test_real_gloucester_page_and_exports(real_run, tmp_path):
    result, out, _ = real_run
    a = result.analysis
    assert a.focus_name == "Gloucester" and len(a.areas) > 10
    assert a.proof_rural is not None and a.sii is not None and a.sii["sii"].notna().any()
    html = (out / "gap_analysis.html").read_text(encoding="utf-8")
    assert "Gap analysis: Gloucester" in html and "No activity register is set" in html
    report = check_page(out / "gap_analysis.html", tmp_path / "real.png", timeout_ms=30000)
    assert report.problems() == [], report.problems()
    assert len(gpd.read_file(out / "gap_analysis" / "priority_areas.gpkg")) == len(a.areas)


def test_real_spelthorne_as_focus_area(real_run):
    _, _, project = real_run
    report = build_gap_report(evidence.load(project, rebuild=False), focus_area=SPELTHORNE)
    assert report.analysis.focus_area == SPELTHORNE != GLOUCESTER
    assert report.title == "Gap analysis: Spelthorne"
    assert not report.analysis.scores.empty
    assert Path(report.analysis.eb.config.root) == project


def test_a_project_without_optional_inputs_says_what_is_missing(tmp_path):
    from tinyproject import write_tiny_project

    eb = evidence.load(write_tiny_project(tmp_path / "tiny"))
    report = build_gap_report(eb)
    text = _text(render_page(report))
    assert report.title == f"Gap analysis: {eb.area_name(eb.config.focus_area)}" and report.title in text
    assert "No activity register is set (gaps.activities in evidence.yml)" in text
    assert "No rural-urban classification is set" in text
    assert "No deprivation indicator is set (context.deprivation in evidence.yml)" in text
    assert "The cluster view cannot be computed here: Too few areas" in text
    assert "Run `evidence gaps` on the project" in text
