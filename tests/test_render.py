"""Tests of the rendering kit: escaping, accessible structure, maps, disclosure, exporter."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nbformat
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.disclosure import BLANKED_COLUMNS, suppress, suppression_note
from evidence.errors import DataError, UnknownNameError
from evidence.render import (
    choropleth,
    classify,
    exporter,
    heading,
    how_to_read,
    spine_chart,
    summary_list,
    suppression_notice,
    table,
    trend_chart,
)
from evidence.render._html import Markup, tag
from evidence.render.charts import nice_ticks
from evidence.render.samples import sample_areas, sample_indicators, sample_values

HOSTILE = "<script>alert(1)</script>"
FOCUS = "E05000002"  # "Mill & Meadow"


@pytest.fixture(scope="module")
def base():
    return sample_values(), sample_indicators(), sample_areas()


class Tree(HTMLParser):
    """Collects elements (with attributes) and text, to check structure without regexes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(str(html))

    def handle_starttag(self, tag_, attrs):
        self.elements.append((tag_, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def find(self, name: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == name and all(a.get(k) == v for k, v in attrs.items())]


def assert_escaped(html: str) -> None:
    """No hostile markup from the inputs survives as markup, and no bare '&' is emitted."""
    html = str(html)
    assert HOSTILE not in html
    assert "<b>flats</b>" not in html
    assert "Mill & Meadow" not in html
    assert not re.search(r"&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)", _outside_scripts(html))
    tree = Tree(html)
    assert not [a for t, a in tree.elements if t in ("script", "link") and (a.get("src") or a.get("href"))]


def _outside_scripts(html: str) -> str:
    return re.sub(r"<script\b.*?</script>|<style\b.*?</style>", "", html, flags=re.S)


# --- builder -------------------------------------------------------------------------

def test_tag_escapes_text_and_attributes_but_keeps_markup():
    html = tag("td", HOSTILE, tag("b", "ok"), title='say "hi" & go')
    assert str(html) == (
        '<td title="say &#34;hi&#34; &amp; go">&lt;script&gt;alert(1)&lt;/script&gt;<b>ok</b></td>'
    )
    assert isinstance(html, Markup)


# --- tables --------------------------------------------------------------------------

def test_table_structure_escaping_and_formats():
    frame = pd.DataFrame(
        {
            "area": [HOSTILE, "Mill & Meadow"],
            "value": [1234.567, np.nan],
            "count": pd.array([3, None], dtype="Int64"),
            "judgement": ["Worse", None],
        }
    )
    before = frame.copy()
    html = table(frame, caption="Areas & values", row_header="area",
                 columns={"area": "Area", "value": "Rate", "count": "Count", "judgement": "Judgement"},
                 formats={"value": 2})
    pd.testing.assert_frame_equal(frame, before)
    assert_escaped(html)
    tree = Tree(html)
    assert len(tree.find("caption")) == 1 and "Areas & values" in "".join(tree.text)
    assert len(tree.find("th", scope="col")) == 4
    assert len(tree.find("th", scope="row")) == 2
    text = " ".join(tree.text)
    assert "1,234.57" in text and "no value" in text
    assert "Worse" in text and "Not compared" in text  # the word, never colour alone
    wrap = tree.find("div", **{"class": "ev-table-wrap"})[0]
    assert wrap["tabindex"] == "0" and wrap["role"] == "region" and wrap["aria-labelledby"]
    assert tree.find("caption", id=wrap["aria-labelledby"])


def test_table_rejects_unknown_columns():
    with pytest.raises(DataError, match="does not have"):
        table(pd.DataFrame({"a": [1]}), caption="x", columns=["b"])


# --- spine chart ---------------------------------------------------------------------

def test_spine_chart_has_text_alternative_and_table(base):
    values, indicators, _ = base
    fig = spine_chart(values, indicators, FOCUS, area_name="Mill & Meadow",
                      comparator_name="the district", theme="Health & wellbeing")
    html = str(fig)
    assert_escaped(html)
    tree = Tree(fig.graphic)
    svg = tree.find("svg", role="img")[0]
    assert tree.find("title", id=svg["aria-labelledby"])
    assert tree.find("desc", id=svg["aria-describedby"])
    assert "compared with the district" in fig.summary
    table_tree = Tree(fig.table)
    assert len(table_tree.find("th", scope="row")) == 2  # two indicators in the theme
    assert "Adults who smoke (%)" in " ".join(table_tree.text)


def _marker_x(svg: str) -> float:
    return float(re.search(r'<svg x="([\d.]+)%"[^>]*overflow="visible"><path', str(svg)).group(1))


@pytest.mark.parametrize("polarity,expected_right", [("lower_is_better", True), ("higher_is_better", False)])
def test_spine_better_is_always_on_the_right(polarity, expected_right):
    values = pd.DataFrame(
        {
            "indicator_id": "x", "area_code": ["A", "B", "C", "D"], "area_type": "ward",
            "period": "2022", "year": 2022, "value": [5.0, 10.0, 15.0, 20.0],
            "numerator": 50.0, "comparator_code": "D1", "comparator_value": 12.0,
            "judgement": ["Better" if polarity.startswith("lower") else "Worse", "", "", ""],
        }
    )
    indicators = pd.DataFrame({"id": ["x"], "name": ["X"], "theme": ["T"], "unit": [""],
                               "polarity": [polarity], "value_type": ["rate"]})
    fig = spine_chart(values, indicators, "A")
    assert (_marker_x(fig.graphic) > 50) is expected_right


# --- trend chart ---------------------------------------------------------------------

def test_trend_chart_states_trend_in_words_and_has_table(base):
    values, indicators, _ = base
    fig = trend_chart(values, indicators, "smoking", FOCUS, area_name="Mill & Meadow",
                      comparator_name="the district")
    assert_escaped(str(fig))
    assert "Recent trend for Mill & Meadow: decreasing and getting better." in fig.summary
    tree = Tree(fig.graphic)
    svg = tree.find("svg", role="img")[0]
    assert tree.find("desc", id=svg["aria-describedby"])
    assert "decreasing and getting better" in " ".join(tree.text)
    assert "<details" in str(fig) and len(Tree(fig.table).find("th", scope="row")) == 5


def test_trend_chart_names_missing_data(base):
    values, indicators, _ = base
    with pytest.raises(DataError, match="No values"):
        trend_chart(values, indicators, "smoking", "NOPE")


def test_nice_ticks_cover_the_range():
    ticks = nice_ticks(0.3, 0.97)
    assert ticks[0] <= 0.3 and ticks[-1] >= 0.97 and 3 <= len(ticks) <= 7


# --- maps ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mapped(base):
    values, _, areas = base
    latest = values.loc[(values["indicator_id"] == "smoking") & (values["year"] == 2022)
                        & (values["area_type"] == "ward"), ["area_code", "value"]]
    return areas.merge(latest, on="area_code")


def test_map_is_self_contained_and_escaped(mapped):
    before = mapped.copy()
    fig = choropleth(mapped, caption="Adults who smoke & more", focus=FOCUS, unit="%")
    html = str(fig)
    pd.testing.assert_frame_equal(pd.DataFrame(mapped), pd.DataFrame(before))
    assert not re.search(r"<(script|link)\b[^>]*(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert "<link" not in html
    assert "Leaflet 1.9.4" in html and 'data-evidence="leaflet-js"' in html
    assert "cdn." not in html and "jquery" not in html.lower() and "bootstrap" not in html.lower()
    assert 'name="viewport"' not in html  # folium's zoom-blocking viewport tag is gone
    assert HOSTILE not in html and "Mill & Meadow" not in _outside_scripts(html)
    # tooltips carry names escaped before they reach Leaflet's innerHTML
    assert "\\u0026lt;script\\u0026gt;" in html
    tree = Tree(html)
    region = tree.find("div", role="region", **{"class": "ev-map folium-map"})[0]
    assert region["aria-label"].startswith("Interactive map") and tree.find("p", id=region["aria-describedby"])
    table_text = " ".join(Tree(fig.table).text)
    assert "(outlined)" in table_text and "No value" not in table_text  # every area has a value
    assert "0.4% (1 area)" in " ".join(tree.text)  # 5 areas, 5 classes: one value each
    three = Tree(choropleth(mapped, caption="x", unit="%", k=3).graphic)
    assert re.search(r"more than [\d.]+% to [\d.]+% \(\d areas?\)", " ".join(three.text))


def test_two_maps_have_unique_ids(mapped):
    a, b = str(choropleth(mapped, caption="A")), str(choropleth(mapped, caption="B"))
    ids = re.findall(r'\bid="([^"]+)"', a + b)
    assert len(ids) == len(set(ids))


def test_map_tiles_are_opt_in(mapped):
    assert "tile.openstreetmap.org" not in str(choropleth(mapped, caption="x"))
    with_tiles = str(choropleth(mapped, caption="x", tiles=True))
    assert "tile.openstreetmap.org" in with_tiles
    assert not re.search(r"<script\b[^>]*src=", with_tiles)


def test_map_marks_missing_values_and_checks_crs(mapped):
    frame = mapped.copy()
    frame.loc[0, "value"] = np.nan
    assert "No value" in str(choropleth(frame, caption="x"))
    with pytest.raises(DataError, match="to_crs"):
        choropleth(mapped.to_crs(27700), caption="x")
    with pytest.raises(DataError, match="focus"):
        choropleth(mapped, caption="x", focus="nowhere")


def test_classify_falls_back_with_few_values_and_names_schemes():
    assert classify([1, 1, 2], k=5).tolist() == [1.0, 2.0]
    assert classify([np.nan, None]).size == 0
    bins = classify(np.arange(100.0), "natural_breaks", k=4)
    assert len(bins) == 4 and bins[-1] == 99
    with pytest.raises(UnknownNameError, match="quantiles"):
        classify([1, 2, 3], "jenks-ish")
    with pytest.raises(DataError):
        classify([1, 2, 3], k=9)


# --- page pieces ---------------------------------------------------------------------

def test_page_pieces_escape_and_structure():
    html = summary_list([HOSTILE, "Mill & Meadow"], title="Key & messages") + how_to_read("Mill & Meadow")
    html += heading("Health & <b>flats</b>", 3) + suppression_notice(5, 2)
    assert_escaped(html)
    tree = Tree(html)
    assert tree.find("h2", id="key-messages") and tree.find("h3")
    assert "2 figures are hidden" in " ".join(tree.text)
    with pytest.raises(DataError, match="only h1"):
        heading("x", 1)


# --- disclosure ----------------------------------------------------------------------

def test_suppress_blanks_small_counts_and_their_rates():
    frame = pd.DataFrame(
        {
            "numerator": [0.0, 4.0, 5.0, np.nan, -1.0],
            "value": [0.0, 2.0, 3.0, 4.0, 5.0],
            "lower": 1.0, "upper": 9.0, "lower_998": 0.5, "upper_998": 9.5,
            "denominator": 100.0, "judgement": "Similar",
        }
    )
    before = frame.copy()
    out = suppress(frame)
    pd.testing.assert_frame_equal(frame, before)  # input untouched
    assert out["suppressed"].tolist() == [True, True, False, False, False]
    for column in BLANKED_COLUMNS:
        assert out[column].isna().tolist()[:2] == [True, True]
        assert out[column].notna().tolist()[2] is True
    assert out["denominator"].notna().all() and (out["judgement"] == "Similar").all()
    assert out["value"].tolist()[3] == 4.0  # no count published: kept


def test_suppress_keeps_existing_flags_and_validates():
    frame = pd.DataFrame({"numerator": [10.0], "value": [1.0], "suppressed": [True]})
    assert suppress(frame)["suppressed"].tolist() == [True]
    with pytest.raises(DataError, match="numerator"):
        suppress(pd.DataFrame({"value": [1.0]}))
    with pytest.raises(DataError, match="min_count"):
        suppress(frame, min_count=0)
    assert "fewer than 10" in suppression_note(10)


@settings(max_examples=60, deadline=None)
@given(
    counts=st.lists(st.one_of(st.none(), st.floats(-5, 50, allow_nan=False)), min_size=1, max_size=30),
    min_count=st.integers(1, 10),
)
def test_suppress_property(counts, min_count):
    frame = pd.DataFrame({"numerator": pd.array(counts, dtype="Float64"), "value": 1.0, "upper": 2.0})
    out = suppress(frame, min_count)
    expected = [c is not None and 0 <= c < min_count for c in counts]
    assert out["suppressed"].tolist() == expected
    assert out["value"].isna().tolist() == expected and out["upper"].isna().tolist() == expected
    assert len(out) == len(frame) and list(frame.columns) == ["numerator", "value", "upper"]


# --- exporter ------------------------------------------------------------------------

def _notebook(*outputs, title=None, markdown="# Mill &amp; Meadow profile\n\nIntro."):
    cells = [nbformat.v4.new_markdown_cell(markdown)]
    for out in outputs:
        cells.append(nbformat.v4.new_code_cell("secret_code = 42", outputs=[out]))
    meta = {"title": title} if title else {}
    return nbformat.v4.new_notebook(cells=cells, metadata=meta)


def test_exporter_renders_outputs_without_code_or_cdn():
    html_out = nbformat.v4.new_output("display_data", data={"text/html": "<p>piece</p>", "text/plain": "x"})
    png = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="},
                                 metadata={"alt": "A chart & more"})
    err = nbformat.v4.new_output("stream", name="stderr", text="Warning: noisy")
    html, _ = exporter().from_notebook_node(_notebook(html_out, png, err, title="Board <profile>"))
    assert "<title>Board &lt;profile&gt;</title>" in html
    assert '<html lang="en">' in html and html.count("<h1") == 1
    assert "<main" in html and 'href="#main"' in html
    assert "secret_code" not in html and "In&nbsp;[" not in html and "noisy" not in html
    assert "<p>piece</p>" in html and 'alt="A chart &amp; more"' in html
    assert not re.search(r"(src|href)=\"https?://", html)
    assert "mathjax" not in html.lower() and "require.js" not in html.lower()
    assert "@media print" in html and len(html.encode()) < 30_000


def test_exporter_title_falls_back_to_first_heading():
    html, _ = exporter().from_notebook_node(_notebook(markdown="Intro\n\n# Ward profile: Castle"))
    assert "<title>Ward profile: Castle</title>" in html


def test_exported_page_inlines_leaflet_once_and_keeps_the_notebook(base):
    values, _, areas = base
    mapped = areas.assign(value=[1.0, 2.0, 3.0, 4.0, 5.0])
    outs = [nbformat.v4.new_output("display_data", data={"text/html": str(choropleth(mapped, caption=c))})
            for c in ("First", "Second")]
    nb = _notebook(*outs)
    before = nbformat.writes(nb)
    html, _ = exporter().from_notebook_node(nb)
    assert nbformat.writes(nb) == before
    assert html.count('data-evidence="leaflet-js"') == 1 and html.count('data-evidence="leaflet-css"') == 1
    assert html.count("L.map(") == 2
    assert len(html.encode()) < 300_000


def test_vendored_leaflet_matches_the_recorded_version():
    from importlib import resources

    from evidence.render.assets import LEAFLET_VERSION

    folder = resources.files("evidence") / "assets"
    assert f"Leaflet {LEAFLET_VERSION}," in (folder / "leaflet" / "leaflet.js").read_text(encoding="utf-8")[:200]
    assert (folder / "leaflet" / "LICENSE").is_file()
    assert f"| {LEAFLET_VERSION} |" in (folder / "README.md").read_text(encoding="utf-8")


def test_map_survives_all_missing_and_single_values(mapped):
    empty = mapped.assign(value=np.nan)
    fig = choropleth(empty, caption="Nothing")
    assert "No values." in fig.summary and "No value" in str(fig.graphic)
    same = mapped.assign(value=3.0)
    legend = " ".join(Tree(choropleth(same, caption="Same", unit="%").graphic).text)
    assert "3.0% (5 areas)" in legend
    assert "<figure" in choropleth(same, caption="Same")._repr_html_()


def test_exporter_removes_tagged_cells():
    out = nbformat.v4.new_output("display_data", data={"text/html": "<p>hidden piece</p>"})
    nb = _notebook(out)
    nb.cells[1].metadata["tags"] = ["remove-cell"]
    html, _ = exporter().from_notebook_node(nb)
    assert "hidden piece" not in html


def test_categorical_judgements_and_two_level_words(base):
    values, indicators, _ = base
    cat = values.assign(judgement=pd.Categorical(values["judgement"]),
                        trend=pd.Categorical(values["trend"]))
    assert "Better" in str(spine_chart(cat, indicators, FOCUS, theme="Health & wellbeing").table)
    assert "decreasing" in trend_chart(cat, indicators, "smoking", FOCUS).summary
    html = str(table(pd.DataFrame({"judgement": pd.Categorical(["Worse (99.8%)"])}), caption="x"))
    assert "ev-badge--square" in html and "Worse (99.8%)" in html
