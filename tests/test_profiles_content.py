"""Profile content on the demo borough and on hostile names: what a board reads."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import evidence
from evidence.profiles import build_profile
from evidence.profiles.page import render_page
from tinyproject import write_tiny_project

ABBEY, ASHBY_PARVA = "E05999001", "E05999002"


@pytest.fixture(scope="module")
def abbey(demo):
    return build_profile(demo, ABBEY)


def text_of(html) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(html)))


def test_sections_in_reading_order(abbey):
    ids = [s.id for s in abbey.sections]
    assert ids[:3] == ["title", "summary", "context"]
    assert [i for i in ids if i.startswith("theme-")] == [
        "theme-safer", "theme-healthy", "theme-young_people", "theme-getting_around", "theme-thriving",
        "theme-learning"]
    assert ids[-3:] == ["map", "sources", "how-to-read"]


def test_summary_names_the_planted_problems_in_words(abbey, demo):
    summary = text_of(abbey.section("summary").html)
    assert "Abbey is significantly worse than Demoshire on" in summary
    # Planted: crime and child poverty are worse in the deprived town-centre wards, and worsening.
    assert "Violent crime" in summary and "Children in relative low income families" in summary
    assert "Getting worse in recent years" in summary
    worse = demo.area(ABBEY)
    n_worse = int((worse["judgement"] == "Worse").sum())
    assert f"on {n_worse} of the" in summary


def test_affluent_ward_reads_better(demo):
    summary = text_of(build_profile(demo, ASHBY_PARVA).section("summary").html)
    assert "Significantly better than Demoshire on" in summary


def test_theme_tables_give_judgements_and_trends_in_words(abbey):
    safer = str(abbey.section("theme-safer").html)
    assert "<caption" in safer and 'scope="col"' in safer and 'scope="row"' in safer
    for word in ("Worse", "Recent trend", "95% confidence interval"):
        assert word in safer
    assert re.search(r"Increasing and getting worse|Decreasing and getting better|No significant change", safer)


def test_context_gives_population_and_deprivation_mix(abbey):
    context = text_of(abbey.section("context").html)
    assert re.search(r"About [\d,]+ people lived in Abbey in 20\d\d", context)
    assert "most deprived fifth of Demoshire" in context


def test_small_counts_are_suppressed_with_a_note(demo):
    values = demo.values
    small = values[(values["area_type"] == "lsoa") & (values["numerator"] < 5) & (values["numerator"] >= 0)]
    latest_year = values.groupby("indicator_id")["year"].transform("max")
    small = small[small["year"] == latest_year[small.index]]
    assert len(small), "the demo plants small counts"
    row = small.iloc[0]
    profile = build_profile(demo, row["area_code"])
    theme = demo.indicators.set_index("id").loc[row["indicator_id"], "theme"]
    html = str(profile.section(f"theme-{theme}").html)
    assert "so that no one can be identified" in html
    name = demo.indicators.set_index("id").loc[row["indicator_id"], "name"]
    cells = re.search(rf'scope="row">{re.escape(str(name))}</th>.*?</tr>', html.replace("&#39;", "'"), re.S).group(0)
    assert "suppressed" in cells
    assert f"{row['value']:.1f}" not in cells


def test_hostile_names_are_escaped(tmp_path):
    project = write_tiny_project(tmp_path / "tiny")
    catalogue = pd.read_csv(project / "indicators.csv")
    catalogue.loc[0, "name"] = "<script>alert('x')</script> & crime"
    catalogue.loc[0, "source"] = "<img src=x onerror=alert(1)>"
    catalogue.to_csv(project / "indicators.csv", index=False)
    eb = evidence.load(project)
    page = render_page(build_profile(eb, "NP01"))
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page
    assert "East &amp; West &lt;Partnership&gt;" in page


def test_custom_area_profile(tmp_path):
    eb = evidence.load(write_tiny_project(tmp_path / "tiny"))
    profile = build_profile(eb, "NP01")
    assert profile.area_name == "East & West <Partnership>"
    assert "Tinyshire" in text_of(profile.section("summary").html)


def test_unknown_area_is_a_clear_error(demo):
    with pytest.raises(evidence.DataError, match="Unknown area code 'E05999999'"):
        build_profile(demo, "E05999999")
