"""End-to-end: a profile page built from the kit's pieces, exported with the evidence
template, opened in real headless Chromium and audited (requests, errors, axe, reflow)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from browser import check_page, page_checker  # noqa: F401  (page_checker is a fixture)

from evidence.disclosure import suppress
from evidence.render import (
    choropleth,
    exporter,
    heading,
    how_to_read,
    spine_chart,
    summary_list,
    suppression_notice,
    table,
    trend_chart,
)
from evidence.render.samples import sample_areas, sample_indicators, sample_values

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FOCUS = "E05000002"


def build_profile(path: Path) -> Path:
    """Write a small but complete profile page: text, tables, spine, trend and two maps."""
    areas, indicators = sample_areas(), sample_indicators()
    values = suppress(sample_values())
    latest = values.loc[(values["indicator_id"] == "smoking") & (values["year"] == 2022)
                        & (values["area_type"] == "ward"), ["area_code", "value"]]
    mapped = areas.merge(latest, on="area_code")
    pieces = [
        summary_list(["Fewer adults smoke than in the district & the gap is closing.",
                      "Physical activity is similar to the district."], title="Key messages"),
        how_to_read("the district"),
        heading("Health & wellbeing"),
        spine_chart(values, indicators, FOCUS, area_name="Mill & Meadow",
                    comparator_name="the district", theme="Health & wellbeing"),
        trend_chart(values, indicators, "smoking", FOCUS, area_name="Mill & Meadow",
                    comparator_name="the district"),
        heading("Housing"),
        spine_chart(values, indicators, FOCUS, area_name="Mill & Meadow",
                    comparator_name="the district", theme="Housing"),
        heading("Adults who smoke by ward"),
        choropleth(mapped, caption="Adults who smoke (%), 2022/23", focus=FOCUS, unit="%"),
        choropleth(mapped, caption="Adults who smoke (%), 2022/23, three classes", focus=FOCUS,
                   unit="%", k=3, palette="cividis", scheme="natural_breaks"),
        table(values.loc[values["area_code"] == FOCUS,
                         ["indicator_id", "period", "numerator", "value", "judgement"]].head(8),
              caption="Values for Mill & Meadow", row_header="period", formats={"numerator": 0},
              columns={"period": "Period", "indicator_id": "Indicator", "numerator": "Count",
                       "value": "Value", "judgement": "Compared with the district"}),
        suppression_notice(5, int(values["suppressed"].sum())),
    ]
    cells = [nbformat.v4.new_markdown_cell("# Mill & Meadow: area profile\n\nA synthetic profile "
                                           "for testing. See [the toolkit](https://example.org).")]
    for piece in pieces:
        out = nbformat.v4.new_output("display_data", data={"text/html": str(piece), "text/plain": ""})
        cells.append(nbformat.v4.new_code_cell("display(piece)", outputs=[out]))
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"title": "Mill & Meadow: area profile"})
    html, _ = exporter().from_notebook_node(nb)
    path.write_text(html, encoding="utf-8")
    return path


def test_profile_page_is_clean_in_a_real_browser(tmp_path, page_checker):  # noqa: F811
    page = build_profile(tmp_path / "profile.html")
    report = page_checker(page, "profile")
    assert report.problems() == []
    assert len(report.maps) == 2 and min(report.maps) >= 6  # 5 areas + the focus outline
    assert report.svg_charts == 3 and report.svg_charts_drawn == 3
    assert report.bytes < 1_000_000
    assert report.screenshot.stat().st_size > 10_000 and report.screenshot_320.exists()


def test_harness_catches_external_requests_and_axe_failures(tmp_path):
    """The harness itself must be able to fail: a CDN script, a missing alt and overflow."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Bad</title>'
        '<script src="https://cdn.example.com/x.js"></script></head><body><main><h1>Bad</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<div style="width:900px">wide</div></main></body></html>',
        encoding="utf-8",
    )
    report = check_page(page, tmp_path / "bad.png")
    assert report.blocked_requests == ["https://cdn.example.com/x.js"]
    assert "image-alt" in {v["id"] for v in report.axe_violations}
    assert report.overflow_320 > 500
    assert len(report.problems()) >= 3
