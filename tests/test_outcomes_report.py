"""The outcome framework report end to end: `run_plan` on the demo project, its page in Chromium, its files.

The notebook runs for real (papermill on a kernel, nbconvert export) once per module;
the page is checked for its content in words and in headless Chromium (no request
outside the file, no console errors, charts drawn, zero axe violations, no sideways
scrolling at 320 px); the action plans are reopened with openpyxl and python-docx.
"""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from pathlib import Path

import docx
import nbformat
import openpyxl
import pandas as pd
import pytest
from browser import page_checker  # noqa: F401  (page_checker is a fixture)

import evidence
from evidence.errors import DataError, RunError, ValidationError
from evidence.outcomes import action_plan
from evidence.outcomes.issues import priority_issues
from evidence.outcomes.report import build_plan_report
from evidence.outcomes.run import NOTEBOOK, run_plan
from evidence.resources import report_notebook
from evidence.render.target_chart import target_chart

THEMES = ["Safer Demoshire Partnership", "Stronger Communities Group", "Health and Wellbeing Board",
          "Children and Young People's Partnership", "Transport Partnership", "Learning and Skills Partnership"]
GLOUCESTER = "Outcome 2.1: Communities live, work and play in peace and harmony"


@pytest.fixture(scope="module")
def planned(demo_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("plan") / "areaprofiles"
    return run_plan(demo_project, output=out, progress=False), out


@pytest.fixture(scope="module")
def page(planned) -> str:
    result, _ = planned
    return result.page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def text(page) -> str:
    """The page's visible words (tags removed, entities decoded, spaces collapsed)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def plan_and_eb(demo):
    return demo, action_plan(demo, issues=priority_issues(demo))


def test_run_plan_writes_every_output(planned):
    result, out = planned
    names = [p.relative_to(out.resolve()).as_posix() if p.is_absolute() else p.relative_to(out).as_posix()
             for p in result.outputs]
    assert names == ["plan/action_plan.xlsx", "plan/action_plan.docx", "plan/monitoring.csv",
                     "priority_outcomes.html"]
    assert all(p.stat().st_size > 0 for p in result.outputs)
    assert not list((out / "failures").rglob("*.ipynb"))
    monitoring = pd.read_csv(out / "plan" / "monitoring.csv")
    assert {"Target met", "Target missed", "Too close to call"} <= set(monitoring["label"])


def test_page_structure_and_key_content(page, text):
    assert page.count("<h1") == 1
    assert "<title>Priority outcomes, action plans and monitoring</title>" in page
    assert 'class="ev-banner"' in page and "Where we are (" in text  # the demo has a timetable
    assert "def " not in text and "import evidence" not in text  # no code on the page
    for theme in THEMES:
        assert theme in text
    assert GLOUCESTER in text
    assert "People from different backgrounds get on well together" in text
    assert "Proofing: sustainability, rural and equality impact" in text and "National outcomes" in text
    # statuses in words, a mix of them
    for words in ("target met", "target missed", "too close to call"):
        assert words in text.lower()
    summary = re.search(r"On the latest data, (\d+) of the (\d+) measures are on track \(target met\), (\d+) are "
                        r"off track \(target missed\) and (\d+) (?:is|are) too close to call", text)
    assert summary, "summary sentence missing"
    met, total, missed, close = map(int, summary.groups())
    assert met >= 1 and missed >= 1 and close >= 1 and met + missed + close <= total
    # the baseline with its interval and comparator, the yearly targets
    assert re.search(r"\(95% interval [\d.,]+ to [\d.,]+\), 2019", text)
    assert "2021/22: target and status" in text and "England: " in text
    # the actions in the template's columns
    for column in ("Milestones/Detailed Tasks", "Timescale", "Resource/Organisations involved", "Contact Officer",
                   "Lead Partnership", "Long-term Ambitions"):
        assert column in text
    assert "Take action to increase community cohesion and integration in Demoshire" in text
    # the evidence behind outcomes: priority issues by area
    assert "Evidence behind outcome 1.1" in text and "Violent crime, St Mary's" in text


def test_page_lists_the_gaps_in_the_plan(page, text):
    smart = text[text.index("SMART check A measure is SMART"):text.index("Downloads The action plans")]
    assert "4.1 measure 2" in smart and "has no owner" in smart
    coverage = text[text.index("Gaps in the plan Priority issues"):text.index("SMART check A measure is SMART")]
    assert "Outcome 2.2: Our diverse communities have a strong influence on the services they receive" in coverage
    assert "6.1 measure 1 (Adults with no qualifications, Demoshire): latest data 2021, 4 years before 2025" in coverage
    assert "Emergency hospital admissions" in coverage  # a priority issue no outcome addresses
    links = re.findall(r'<a href="([^"]+)"', page)
    assert links == ["plan/action_plan.xlsx", "plan/action_plan.docx", "plan/monitoring.csv", "accessibility.html"]


def test_page_lists_the_review_of_the_plan(planned, text):
    review = text[text.index("Review of the plan Judged on 16 November 2026"):text.index("Downloads The action plans")]
    assert "Target set 2019-21 (agreed 1 June 2019, 0 measures) expired on 31 May 2021" in review
    assert "Target set 2021-23" in review and "expires on 31 March 2027: plan its revision" in review
    assert "Targets of the earlier set against the revised targets" in review and "healthy_obesity_year6" in review
    overdue = review[review.index("Overdue milestones"):]
    assert re.findall(r"(\d\.\d action \w): ([^(]+) \(due", overdue) == [
        ("1.1 action a", "Licensing review reported to the board"),
        ("2.1 action a", "Forums running in all four partnership areas")]
    smart = text[text.index("Actions measured only by process counts"):text.index("Review of the plan")]
    assert "Action '6.2 action a'" in smart and "try to avoid process measures" in smart
    assert "Action '1.1 action a'" not in smart  # it has an indicator measure
    assert (planned[1] / "accessibility.html").is_file()


def test_target_charts_are_accessible_svg(page):
    charts = [s for s in re.findall(r"<svg[^>]*>", page) if "ev-target" in s]
    assert len(charts) == 18  # one per indicator measure of the demo plan
    assert all('role="img"' in s and "aria-labelledby" in s and "aria-describedby" in s for s in charts)
    desc = re.findall(r'<desc id="ev-target-[^"]+">([^<]+)</desc>', page)
    assert len(desc) == 18 and all("Status by year" in d or "No target year" in d for d in desc)


def test_action_plans_reopen_in_the_template_layout(planned):
    _, out = planned
    book = openpyxl.load_workbook(out / "plan" / "action_plan.xlsx")
    assert len(book.sheetnames) == 6 and book.sheetnames[1].startswith("Stronger Communities")
    rows = [list(r) for r in book[book.sheetnames[1]].iter_rows(values_only=True)]
    cells = [c for r in rows for c in r if isinstance(c, str)]
    assert GLOUCESTER in cells
    assert "Baseline" in rows[1] and "2021" in " ".join(str(c) for c in rows[1] if c)
    document = docx.Document(str(out / "plan" / "action_plan.docx"))
    assert GLOUCESTER in [p.text for p in document.paragraphs]


def test_page_is_clean_in_a_real_browser(planned, page_checker):  # noqa: F811
    result, _ = planned
    report = page_checker(result.page, "priority_outcomes")
    assert report.problems() == []
    assert report.svg_charts >= 18 and report.svg_charts_drawn == report.svg_charts
    assert report.overflow_320 == 0


def test_second_run_skips_the_unchanged_page(planned, demo_project):
    _, out = planned
    again = run_plan(demo_project, output=out, progress=False)
    assert again.batch.skipped == ["priority_outcomes"] and not again.batch.successes


def test_report_for_one_theme_and_unknown_theme(plan_and_eb):
    eb, plan = plan_and_eb
    report = build_plan_report(eb, plan, theme="Stronger Communities Group")
    assert [s.id for s in report.themes()] == ["theme-thriving"]
    assert "Safer Demoshire Partnership" not in str(report.section("theme-thriving").html)
    gaps = str(report.section("coverage").html)  # unaddressed issues of that theme only
    assert "Formal volunteering" in gaps and "Emergency hospital admissions" not in gaps
    with pytest.raises(DataError, match="Unknown theme 'stronger'.*thriving"):
        build_plan_report(eb, plan, theme="stronger")
    with pytest.raises(DataError, match="No section 'monitor'.*monitoring"):
        report.section("monitor")


def test_names_from_the_inputs_are_escaped(plan_and_eb):
    eb, plan = plan_and_eb
    outcome = dataclasses.replace(plan.framework.outcomes[0], title="<script>alert(1)</script> & co")
    framework = dataclasses.replace(plan.framework, title="Plan <b>bold</b>",
                                    outcomes=(outcome, *plan.framework.outcomes[1:]))
    report = build_plan_report(eb, dataclasses.replace(plan, framework=framework))
    page = "".join(str(s.html) for s in report.sections)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page and "Plan &lt;b&gt;bold&lt;/b&gt;" in page


def test_suppressed_values_are_not_shown(demo):
    ward = "E05999013"  # the road ward: road casualties are counted in handfuls
    values = demo.values
    small = values[(values["area_code"] == ward) & (values["numerator"] < demo.config.min_count)
                   & values["numerator"].notna()]
    assert not small.empty, "the demo plants small counts in the road ward (data/README.md)"
    row = small.iloc[0]
    from evidence.outcomes import Framework, Measure, Outcome
    measure = Measure(id="x", indicator=str(row["indicator_id"]), area=ward, target_method="hold",
                      target_years=(int(row["year"]),), baseline_year=int(row["year"]), owner="A",
                      outcome_id="9.1")
    framework = Framework("Test", pd.Timestamp("2021-05-20").date(), (Outcome("9.1", "Test", "safer",
                                                                                measures=(measure,)),))
    plan = action_plan(demo, framework)
    report = build_plan_report(demo, plan)
    shown = str(report.section("theme-safer").html)
    value = f"{row['value']:,.1f}"
    assert f"actual {value}" not in shown
    assert f"baseline suppressed: fewer than {demo.config.min_count} events in {row['period']}" in shown


def test_target_chart_says_the_status_in_words(demo):
    rows = pd.DataFrame({"year": [2019, 2020, 2021], "period": ["2019", "2020", "2021"], "value": [10.0, 9.0, 12.0],
                         "lower": [9.0, 8.5, 11.5], "upper": [11.0, 9.5, 12.5], "target": [10.0, 9.8, 9.6],
                         "low": [float("nan")] * 3, "high": [float("nan")] * 3,
                         "label": ["Baseline", "Target met", "Target missed"]})
    figure = target_chart(rows, demo.indicators, "safer_violent_crime", area_name="Town & <Gown>")
    assert "2020: target met; 2021: target missed" in figure.summary
    assert "Town &amp; &lt;Gown&gt;" in str(figure.graphic) and 'role="img"' in str(figure.graphic)
    with pytest.raises(DataError, match="no label"):
        target_chart(rows.drop(columns="label"), demo.indicators, "safer_violent_crime", area_name="Town")


@pytest.fixture
def project_copy(demo_project, tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(demo_project, target)
    return target


def test_missing_or_invalid_outcomes_file_is_reported_before_running(project_copy, tmp_path):
    path = project_copy / "outcomes.yml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("indicator: thr_cohesion\n        comparator: england",
                                 "indicator: thr_cohesionn\n        comparator: england"), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        run_plan(project_copy, output=tmp_path / "out", progress=False)
    assert "outcomes.yml" in str(caught.value) and "thr_cohesionn" in str(caught.value)
    path.unlink()
    with pytest.raises(ValidationError, match="'outcomes.yml'.* does not exist"):
        run_plan(project_copy, output=tmp_path / "out", progress=False)
    assert not (tmp_path / "out" / "priority_outcomes.html").exists()


def test_failing_notebook_raises_run_error_with_the_cell(project_copy, tmp_path):
    broken = nbformat.read(report_notebook(NOTEBOOK), as_version=4)
    broken.cells.insert(2, nbformat.v4.new_code_cell("raise ValueError('planted failure')"))
    notebook = tmp_path / "broken.ipynb"
    nbformat.write(broken, notebook)
    out = tmp_path / "out"
    with pytest.raises(RunError, match=r"cell \d+ of broken.ipynb: ValueError: planted failure") as caught:
        run_plan(project_copy, output=out, progress=False, notebook=notebook)
    assert caught.value.failures and not (out / "priority_outcomes.html").exists()
    assert list((out / "failures").rglob("*.ipynb"))


@pytest.mark.parametrize("comparator", [None, "england"])
def test_priority_issues_are_the_gap_analysis_issues(demo_project, tmp_path, comparator):
    """The outcome framework is checked against exactly the issues the gap analysis ranks,
    judged against the same comparator (also when ``gaps.comparator`` is set)."""
    import yaml

    import evidence
    from evidence.gaps.analysis import analyse

    project = tmp_path / "data"
    shutil.copytree(demo_project, project, ignore=shutil.ignore_patterns(".evidence"))
    if comparator:
        config = yaml.safe_load((project / "evidence.yml").read_text())
        config["gaps"]["comparator"] = comparator
        (project / "evidence.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    eb = evidence.load(project)
    issues = priority_issues(eb, area_types=("ward",))
    ranked = analyse(eb).scores
    worse = ranked[ranked["judgement"].astype(str) == "Worse"]
    key = ["area_code", "indicator_id", "period"]
    assert len(issues) > 10
    assert set(map(tuple, issues[key].astype(str).to_numpy())) == set(map(tuple, worse[key].astype(str).to_numpy()))
    merged = issues.merge(worse, on=key, suffixes=("", "_gaps"))
    assert (merged["comparator_name"].astype(str) == merged["comparator_name_gaps"].astype(str)).all()
    assert (merged["score"] - merged["score_gaps"]).abs().max() < 1e-12
    if comparator:
        assert set(merged["comparator_name"].astype(str)) == {"England"}
