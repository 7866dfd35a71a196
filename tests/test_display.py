"""The display objects of evidence.display (``eb.map``, ``eb.profile``...): their HTML and their data.

Each is checked on the demo's published evidence for what an analyst relies on: the HTML is
the report renderers' (a map with its key and ranked table, a spine chart, judgement words),
the figures come back as a frame, a figure hidden by disclosure control is absent (blank in
the data, its raw value nowhere in the HTML, the reason given), and an area name with
markup in it (names come from files) is shown as text, in the fragment and in the iframe
the notebook displays.
"""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from evidence.display import (
    Comparison,
    GapsView,
    MapView,
    PlanView,
    ProfileView,
    SpineView,
    TrendView,
    compare_areas,
    gaps_view,
    indicator_map,
    interactive,
    plan_view,
    profile_view,
    progress_bar,
    spine_view,
    starting_points,
    trend_view,
)
from evidence.errors import DataError
from evidence.profiles.standouts import format_value
from evidence.published import disclose

WARD, HIDDEN_WARD = "E05999001", "E05999002"  # Abbey; Ashby Parva, whose latest burglary count is hidden
HIDDEN = "safer_burglary"
EVIL = '<script>alert("x")</script> & Co'


@pytest.fixture(scope="module")
def shown(demo):
    return demo.published_evidence()


@pytest.fixture(scope="module")
def hidden(demo, shown):
    """The raw rows of HIDDEN_WARD's burglary figures that disclosure control hides."""
    rows = shown.values[(shown.values["area_code"] == HIDDEN_WARD) & (shown.values["indicator_id"] == HIDDEN)]
    periods = set(rows.loc[rows["suppressed"], "period"])
    assert periods, "the demo should hide a burglary figure of Ashby Parva"
    raw = demo.values[(demo.values["area_code"] == HIDDEN_WARD) & (demo.values["indicator_id"] == HIDDEN)]
    return raw[raw["period"].isin(periods)]


@pytest.fixture(scope="module")
def evil(demo):
    """The demo's published evidence with HIDDEN_WARD renamed to a name holding markup."""
    areas = demo.areas.copy()
    areas.loc[areas["area_code"] == HIDDEN_WARD, "area_name"] = EVIL
    return disclose(SimpleNamespace(config=demo.config, values=demo.values, comparisons=demo.comparisons,
                                    indicators=demo.indicators, areas=areas, manifest=demo.manifest))


def _framed(view) -> str:
    """The page inside the iframe the notebook shows."""
    out = view._repr_html_()
    assert out.startswith("<iframe") and 'srcdoc="' in out
    return html.unescape(re.search(r'srcdoc="([^"]*)"', out).group(1))


def _assert_escaped(view) -> None:
    for text in (str(view.html), view._repr_html_(), _framed(view)):
        assert "<script>alert" not in text
    assert "&lt;script&gt;alert" in str(view.html)
    assert "&lt;script&gt;alert" in _framed(view)


def _row(markup: str, label: str) -> list[str]:
    """The cells (their HTML) of the table row whose header cell is ``label``."""
    for row in re.findall(r"<tr>.*?</tr>", str(markup), flags=re.S):
        if re.search(rf'scope="row"[^>]*>{re.escape(label)}<', row):
            return re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
    raise AssertionError(f"no row {label!r}")


def test_a_view_shows_the_pages_stylesheet_in_an_iframe_and_its_data_as_a_copy(shown):
    view = trend_view(shown, "safer_violent_crime", WARD)
    page = _framed(view)
    assert "<style>" in page and ".ev-table" in page and str(view.html) in page
    frame = view.to_frame()
    assert frame.equals(view.data) and frame is not view.data
    assert repr(view).startswith("<TrendView 'Violent crime") and "rows>" in repr(view)


def test_map_is_a_folium_choropleth_with_tooltips_in_words(shown):
    view = indicator_map(shown, "safer_violent_crime")
    assert isinstance(view, MapView) and view.area_type == "ward"
    page = str(view.html)
    assert "ev-map folium-map" in page and "L.map(" in page
    assert "openstreetmap" not in page.lower()  # tiles off by default: works offline
    assert "Key" in page and "areas ranked from highest to lowest" in page
    assert "95% interval" in page and "clearly worse than Demoshire, allowing for the margin of error" in page
    data = view.data
    assert len(data) == 20 and data["area_code"].str.startswith("E05").all()
    assert data["value"].is_monotonic_decreasing
    assert {"value", "lower", "upper", "judgement", "note"} <= set(data.columns)
    assert "(outlined)" not in page  # the focus area (the district) is not among the wards
    assert "Abbey (outlined)" in str(indicator_map(shown, "safer_violent_crime", focus=WARD).html)
    with pytest.raises(DataError, match="has values for: district"):
        indicator_map(shown, "92443")
    with pytest.raises(DataError, match="Unknown indicator"):
        indicator_map(shown, "safer_violent_crim")


def test_map_leaves_a_suppressed_figure_out(shown, hidden):
    view = indicator_map(shown, HIDDEN)
    latest = view.data.loc[view.data["area_code"] == HIDDEN_WARD].iloc[0]
    assert latest["suppressed"] and pd.isna(latest["value"]) and latest["note"].startswith("Not shown: ")
    raw = hidden.loc[hidden["period"] == latest["period"], "value"].iloc[0]
    tip = re.search(r'"tip": "([^"]*Ashby Parva[^"]*)"', str(view.html)).group(1)
    assert "no value" in tip and "Not shown" in tip and format_value(raw, "", "rate") not in tip


def test_map_escapes_area_names(evil):
    _assert_escaped(indicator_map(evil, "safer_violent_crime"))


def test_spine_is_the_profiles_chart_with_its_numbers(shown):
    view = spine_view(shown, WARD, theme="safer")
    assert isinstance(view, SpineView)
    assert '<svg role="img"' in str(view.html) and "Safer: Abbey compared with Demoshire" in view.title
    assert set(view.data["indicator_id"]) <= set(shown.indicators.loc[shown.indicators["theme"] == "safer", "id"])
    assert (view.data["judgement"] == "Worse").any() and view.data["n_areas"].max() == 20  # fewer where figures are hidden
    every = spine_view(shown, WARD)
    assert len(every.data) > len(view.data)


def test_spine_and_trend_leave_a_suppressed_figure_out(shown, hidden):
    spine = spine_view(shown, HIDDEN_WARD, theme="safer")
    row = spine.data.loc[spine.data["indicator_id"] == HIDDEN].iloc[0]
    assert pd.isna(row["value"]) and row["judgement"] == "Not compared"
    raw = hidden.sort_values("year").iloc[-1]
    cells = _row(spine.html, "Residential burglary (per 1,000 households)")
    assert format_value(raw["numerator"], "", "count") not in cells and format_value(raw["value"], "", "rate") not in cells
    trend = trend_view(shown, HIDDEN, HIDDEN_WARD)
    assert trend.data.loc[trend.data["suppressed"], "value"].isna().all()
    for r in hidden.itertuples():
        assert format_value(r.value, "", "rate") not in _row(trend.html, r.period)


def test_spine_trend_and_profile_escape_area_names(evil):
    for view in (spine_view(evil, HIDDEN_WARD), trend_view(evil, "safer_violent_crime", HIDDEN_WARD),
                 profile_view(evil, HIDDEN_WARD)):
        _assert_escaped(view)


def test_compare_shows_intervals_judgements_and_hides_suppressed_figures(shown, hidden):
    view = compare_areas(shown, [WARD, HIDDEN_WARD], indicators=[HIDDEN, "safer_violent_crime"])
    assert isinstance(view, Comparison) and view.codes == (WARD, HIDDEN_WARD)
    page = str(view.html)
    assert "Abbey: value (95% interval)" in page and "Ashby Parva compared with Demoshire" in page
    assert "ev-badge" in page and "Worse" in page
    data = view.data
    assert len(data) == 4 and set(data["area_code"]) == {WARD, HIDDEN_WARD}
    gone = data[(data["area_code"] == HIDDEN_WARD) & (data["indicator_id"] == HIDDEN)].iloc[0]
    assert gone["suppressed"] and pd.isna(gone["value"]) and gone["judgement"] == "Not compared"
    assert gone["shown"].startswith("not shown (")
    raw = hidden.sort_values("year").iloc[-1]
    assert not any(format_value(raw["value"], "", "rate") in cell for cell in _row(page, "Residential burglary"))
    styled = view.style.to_html()
    assert "background-color:#d4351c" in styled.replace(": ", ":")
    every = compare_areas(shown, [WARD, HIDDEN_WARD])
    assert every.data["indicator_id"].nunique() > 10
    with pytest.raises(DataError, match="Unknown area code"):
        compare_areas(shown, [WARD, "E05999999"])


def test_compare_escapes_area_names(evil):
    _assert_escaped(compare_areas(evil, [WARD, HIDDEN_WARD]))


def test_profile_has_the_pages_sections_and_the_areas_figures(shown):
    view = profile_view(shown, WARD)
    assert isinstance(view, ProfileView)
    for section in view.profile.sections:
        assert str(section.html) in str(view.html)
    assert view.title == "Abbey: ward profile" and len(view.data) > 20


def test_gaps_and_plan_show_their_sections_and_tables(shown):
    gaps = gaps_view(shown)
    assert isinstance(gaps, GapsView)
    assert "Priority issues" in str(gaps.html) and gaps.analysis.focus_area == "E07999001"
    assert list(gaps.data["rank"][:3]) == [1, 2, 3] and len(gaps.priority_issues)
    plan = plan_view(shown)
    assert isinstance(plan, PlanView)
    assert "Monitoring: are we on track?" in str(plan.html) and "Gaps in the plan" in str(plan.html)
    assert {"measure_id", "status"} <= set(plan.data.columns) and len(plan.summary)
    assert not plan.data["value"].isin(shown.values.loc[shown.values["suppressed"], "value"].dropna()).any()


def test_gaps_and_plan_escape_area_names(evil):
    gaps = gaps_view(evil)
    assert EVIL in set(gaps.data["area_name"])  # the renamed ward is among the ranked issues
    for view in (gaps, plan_view(evil)):
        for text in (str(view.html), _framed(view)):
            assert "<script>alert" not in text


def test_evidence_base_methods_hand_over_to_the_views(demo):
    assert isinstance(demo.map("safer_violent_crime", area_type="ward"), MapView)
    assert isinstance(demo.compare([WARD, HIDDEN_WARD], ["safer_asb"]), Comparison)
    assert isinstance(demo.trend("safer_asb", WARD), TrendView)


def test_the_tour_starts_on_the_first_wards_and_an_indicator_they_have(shown):
    start = starting_points(shown)
    assert (start.area_type, start.area, start.other_area, start.theme) == ("ward", WARD, HIDDEN_WARD, "safer")
    assert start.indicator == "safer_violent_crime"
    assert starting_points(shown, theme="Healthy").theme == "healthy"
    assert "Where the tour starts" in start._repr_html_()


def test_progress_bars_only_in_a_notebook():
    assert not interactive()
    bar = progress_bar(total=3, desc="x")
    assert bar.disable
    bar.close()


def test_plan_without_an_outcome_framework_says_how_to_add_one(demo):
    from dataclasses import replace

    config = replace(demo.config, raw={k: v for k, v in demo.config.raw.items() if k != "outcomes"})
    bare = disclose(SimpleNamespace(config=config, values=demo.values, comparisons=demo.comparisons,
                                    indicators=demo.indicators, areas=demo.areas))
    view = plan_view(bare)
    assert "names no outcome framework" in str(view.html) and view.plan is None
    assert view.data.empty and view.summary.empty



def _hidden_ward_text(markup: str) -> str:
    """Every table row and list item of ``markup`` that names the hidden ward."""
    parts = re.findall(r"<tr>.*?</tr>|<li>.*?</li>", str(markup), flags=re.S)
    return " ".join(p for p in parts if "Ashby Parva" in p)


def test_gaps_data_and_report_leave_a_suppressed_figure_out(shown, hidden):
    """``eb.gaps()``: the hidden figure is blank in its data and absent from the view and from ``report()``."""
    gaps = gaps_view(shown)
    latest = hidden.sort_values("year").iloc[-1]
    row = gaps.data[(gaps.data["area_code"] == HIDDEN_WARD) & (gaps.data["indicator_id"] == HIDDEN)].iloc[0]
    assert pd.isna(row["value"]) and pd.isna(row["numerator"]) and row["judgement"] == "Not compared"
    report = gaps.report()  # the exported gap-analysis page, every section
    page = "".join(str(section.html) for section in report.sections)
    assert "Priority issues" in page and len(report.sections) > 3
    for markup in (gaps.html, page):
        text = _hidden_ward_text(markup)  # where the ward is named, its hidden figure is not
        assert format_value(latest["value"], "", "rate") not in text
        assert f">{format_value(latest['numerator'], '', 'count')}<" not in text


def test_gaps_report_escapes_area_names(evil):
    page = "".join(str(section.html) for section in gaps_view(evil).report().sections)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_plan_view_shows_the_review_and_no_suppressed_figure(shown, hidden):
    """``eb.plan()``: where the plan stands, its review included; its monitoring data hold no hidden figure."""
    plan = plan_view(shown)
    assert "Review of the plan" in str(plan.html) and "Key issue of the year" in str(plan.html)
    assert (plan.plan.smart["lacks"] == "outcome measure").any()  # an action measured only by process counts
    assert not plan.data["value"].isin(set(hidden["value"].dropna())).any()
    assert _framed(plan).count("Review of the plan") >= 1
