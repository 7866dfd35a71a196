"""Choropleth map of one indicator for a set of areas, as a self-contained HTML fragment.

Built with folium, but only folium's map script is kept: its ``<head>`` (CDN links to
Leaflet, jQuery, Bootstrap, Font Awesome, a viewport tag that blocks zooming) is
replaced by the vendored Leaflet inlined from :mod:`evidence.render.assets`, so the
fragment makes no network request unless the reader asks for background tiles.

Values are classed with mapclassify (quantiles by default, k <= 5, fewer classes when
there are fewer distinct values; whole numbers get whole, non-empty classes such as "2 to
4 indicators", never "more than 1 to 1") and coloured with a colour-blind-safe sequential
palette (viridis or cividis; darker = higher). The legend states each class range in
words, the focus area is outlined in black, tooltips carry escaped names and values,
and the same information is given as a ranked table next to the map, with a
visually-hidden summary for screen readers.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence

import folium
import geopandas as gpd
import mapclassify
import numpy as np
import pandas as pd
import shapely

from evidence.errors import DataError, unknown_name
from evidence.render._html import Markup, escape, new_id, tag
from evidence.render.assets import leaflet_css, leaflet_js
from evidence.render.figure import Figure
from evidence.render.formatting import format_number
from evidence.render.tables import table

__all__ = ["PALETTES", "SCHEMES", "choropleth", "classify"]

PALETTES: dict[str, dict[int, list[str]]] = {  # light (low) to dark (high)
    "viridis": {
        1: ["#21918c"],
        2: ["#dfe318", "#471365"],
        3: ["#dfe318", "#21918c", "#471365"],
        4: ["#dfe318", "#2fb47c", "#2f6c8e", "#471365"],
        5: ["#dfe318", "#50c46a", "#21918c", "#38598c", "#471365"],
    },
    "cividis": {
        1: ["#7d7c78"],
        2: ["#f3db42", "#002b62"],
        3: ["#f3db42", "#7d7c78", "#002b62"],
        4: ["#f3db42", "#a19975", "#5b606e", "#002b62"],
        5: ["#f3db42", "#b5a86f", "#7d7c78", "#49536c", "#002b62"],
    },
}
NO_VALUE = "#ffffff"
SCHEMES = {
    "quantiles": "Quantiles",
    "natural_breaks": "FisherJenks",
    "fisher_jenks": "FisherJenks",
    "equal_interval": "EqualInterval",
}
_EXTERNAL = re.compile(r"<(script|link)\b[^>]*(src|href)\s*=\s*[\"']?(https?:)?//", re.IGNORECASE)


def classify(values: Sequence[float], scheme: str = "quantiles", k: int = 5) -> np.ndarray:
    """Upper bounds of the classes for the non-missing ``values`` (ascending, unique).

    Uses mapclassify's ``scheme`` with ``k`` classes (1 to 5). With ``k`` or fewer distinct
    values every distinct value gets its own class, so small sets never produce empty or
    duplicated classes.

    >>> classify([1, 2, 2, 3], k=5).tolist()
    [1.0, 2.0, 3.0]
    """
    key = str(scheme).strip().lower().replace(" ", "_").replace("-", "_")
    if key not in SCHEMES:
        raise unknown_name("classification scheme", scheme, SCHEMES)
    if not 1 <= int(k) <= 5:
        raise DataError(f"k={k!r} classes: give 1 to 5 (more classes are hard to tell apart).")
    y = np.asarray(pd.to_numeric(pd.Series(values), errors="coerce").dropna(), dtype=float)
    unique = np.unique(y)
    if unique.size == 0:
        return np.array([], dtype=float)
    if unique.size <= k:
        return unique
    with warnings.catch_warnings():  # FisherJenks says it is slow without numba: not news
        warnings.filterwarnings("ignore", message="Numba not installed")
        bins = np.asarray(mapclassify.classify(y, SCHEMES[key], k=int(k)).bins, dtype=float)
    bins = np.unique(bins)
    bins[-1] = max(bins[-1], unique[-1])
    return bins


def _whole_bins(bins: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Class bounds for whole numbers: whole, distinct, and each class holding at least one value.

    >>> _whole_bins(np.array([0.0, 1.0, 1.6, 3.0, 7.0]), np.array([0, 0, 1, 1, 3, 7])).tolist()
    [0.0, 1.0, 3.0, 7.0]
    """
    bounds = np.unique(np.floor(bins))
    bounds[-1] = max(bounds[-1], values.max())
    cls = np.searchsorted(bounds, values, side="left")
    return bounds[np.unique(cls)]


def _count_words(value: float, unit: str) -> str:
    """A whole number with its unit, singular for one ("1 indicator", "3 indicators")."""
    words = format_number(value, 0, unit)
    if value == 1 and unit.endswith("s") and words.endswith(unit):
        words = words[: -1]
    return words


def _check_frame(areas: gpd.GeoDataFrame, needed: Sequence[str]) -> None:
    if not isinstance(areas, gpd.GeoDataFrame):
        raise DataError("choropleth() needs a geopandas GeoDataFrame of areas.")
    missing = [c for c in needed if c not in areas.columns]
    if missing:
        raise DataError(f"The areas frame lacks column(s) {missing}; it has {list(areas.columns)}.")
    if areas.crs is None or areas.crs.to_epsg() != 4326:
        raise DataError(f"Areas must be in EPSG:4326 (got {areas.crs}); use areas.to_crs(4326).")


def choropleth(
    areas: gpd.GeoDataFrame,
    *,
    caption: str,
    column: str = "value",
    name_column: str = "area_name",
    code_column: str = "area_code",
    focus: str | None = None,
    unit: str = "",
    decimals: int = 1,
    scheme: str = "quantiles",
    k: int = 5,
    palette: str = "viridis",
    tiles: bool = False,
    height: int = 420,
    simplify: float | None = None,
    include_leaflet: bool = True,
    notes: str | None = None,
) -> Figure:
    """Map one indicator over ``areas`` as a self-contained, accessible HTML fragment.

    Parameters
    ----------
    areas : GeoDataFrame
        One row per area in EPSG:4326 with code, name and value columns. Not modified.
    caption : str
        What the map shows, e.g. "Smoking prevalence (%) by ward, 2022/23".
    column, name_column, code_column : str
        Column names of the value, the area name and the area code.
    focus : str, optional
        Code of the area to outline (and to mark in the table).
    unit : str
        Unit appended to values in words ("%" or "per 1,000").
    decimals : int
        Decimal places of the values shown.
    scheme : {"quantiles", "natural_breaks", "fisher_jenks", "equal_interval"}
        mapclassify scheme.
    k : int
        Number of classes, 1 to 5 (fewer when there are fewer distinct values).
    palette : {"viridis", "cividis"}
        Colour-blind-safe sequential palette; darker means higher.
    tiles : bool
        Add OpenStreetMap tiles (fetched from the internet when the page is opened).
    height : int
        Map height in CSS pixels.
    simplify : float, optional
        Simplification tolerance in degrees (e.g. ``0.0005``) to make the page smaller.
    include_leaflet : bool
        Inline Leaflet's CSS and JS (set False when the page includes
        :func:`~evidence.render.assets.leaflet_assets` once itself).
    notes : str, optional
        Column of plain text added to each area's tooltip (escaped), e.g. the interval
        and the judgement in words.

    Returns
    -------
    Figure
        ``graphic`` holds the map container, legend, inline Leaflet and the map script;
        ``table`` ranks the areas (highest value first).
    """
    _check_frame(areas, [column, name_column, code_column] + ([notes] if notes else []))
    if palette not in PALETTES:
        raise unknown_name("palette", palette, PALETTES)
    frame = areas[[code_column, name_column, column, areas.geometry.name]].copy()
    frame = frame.rename(columns={code_column: "code", name_column: "name", column: "value"})
    frame = frame.set_geometry(areas.geometry.name)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype(float)
    note_texts = areas[notes].astype(object).where(areas[notes].notna(), "").astype(str).tolist() if notes \
        else [""] * len(frame)
    if simplify:
        frame = frame.set_geometry(frame.geometry.simplify(simplify, preserve_topology=True))
    frame = frame.set_geometry(shapely.set_precision(frame.geometry.to_numpy(), 1e-5))

    known_values = frame["value"].dropna()
    whole = bool(len(known_values)) and bool((known_values == np.round(known_values)).all())
    bins = classify(frame["value"], scheme, k)
    if whole and len(bins):
        bins = _whole_bins(bins, known_values.to_numpy())
    colours = PALETTES[palette][max(len(bins), 1)] if len(bins) else []
    cls = np.searchsorted(bins, frame["value"].to_numpy(), side="left") if len(bins) else None
    counts = whole and decimals == 0  # "1 indicator", "2 to 4 indicators"
    if not whole and len(bins):  # enough decimals for the class bounds to read as distinct numbers
        bounds = [float(known_values.min()), *map(float, bins)]
        while decimals < 4 and len({format_number(b, decimals) for b in bounds}) < len(set(bounds)):
            decimals += 1
    fmt = (lambda v: _count_words(v, unit)) if counts else (lambda v: format_number(v, decimals, unit))  # noqa: E731
    exact = len(bins) == frame["value"].dropna().nunique()  # one class per distinct value
    ranges = []
    for i, upper in enumerate(bins):
        vals = frame["value"][(cls == i) & frame["value"].notna().to_numpy()]
        lower = frame["value"].min() if i == 0 else bins[i - 1]
        if whole:  # counts: "2 to 4 indicators", never "more than 1 to 1"
            low = vals.min() if len(vals) else lower
            words = fmt(upper) if low == upper else (
                f"{format_number(low, 0)} to {fmt(upper)}" if counts else f"{fmt(low)} to {fmt(upper)}")
        else:
            words = fmt(upper) if (exact or lower == upper) else (
                f"{fmt(lower)} to {fmt(upper)}" if i == 0 else f"more than {fmt(lower)} to {fmt(upper)}")
        ranges.append((colours[i], words, int(vals.size)))

    fill, klass, tips = [], [], []
    for i, (code, name, value) in enumerate(zip(frame["code"], frame["name"], frame["value"])):
        missing = not np.isfinite(value)
        fill.append(NO_VALUE if missing else colours[int(cls[i])])
        klass.append("No value" if missing else ranges[int(cls[i])][1])
        label = "no value" if missing else fmt(value)
        tip = Markup("<strong>{}</strong><br>{}").format(name, label)
        if note_texts[i]:
            tip += Markup("<br>{}").format(note_texts[i])
        tips.append(str(tip))
    geo = gpd.GeoDataFrame(
        {"fill": fill, "tip": tips, "code": [str(escape(c)) for c in frame["code"]]},
        geometry=frame.geometry.to_numpy(),
        crs=4326,
    )

    m = folium.Map(
        tiles="OpenStreetMap" if tiles else None,
        zoom_control=True,
        scrollWheelZoom=False,
        prefer_canvas=False,
        control_scale=False,
    )
    folium.GeoJson(
        geo.__geo_interface__,
        name="areas",
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "color": "#ffffff" if f["properties"]["fill"] != NO_VALUE else "#505a5f",
            "weight": 1,
            "fillOpacity": 0.85 if tiles else 1,
        },
        highlight_function=lambda f: {"weight": 3, "color": "#0b0c0c"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(m)
    if focus is not None:
        chosen = geo.loc[frame["code"].astype(str).to_numpy() == str(focus)]
        if chosen.empty:
            raise DataError(f"focus area {focus!r} is not among the mapped areas.")
        folium.GeoJson(
            chosen[["geometry"]].__geo_interface__,
            name="focus",
            style_function=lambda f: {"fill": False, "color": "#0b0c0c", "weight": 4},
            interactive=False,
        ).add_to(m)
    map_id, script = fitted_script(m, geo)

    order = frame.assign(klass=klass).sort_values("value", ascending=False, na_position="last")
    focus_name = None
    names = []
    for code, name in zip(order["code"], order["name"]):
        if focus is not None and str(code) == str(focus):
            focus_name = str(name)
            names.append(f"{name} (outlined)")
        else:
            names.append(str(name))
    ranked = pd.DataFrame(
        {
            "rank": [str(i + 1) if np.isfinite(v) else "" for i, v in enumerate(order["value"])],
            "area": names,
            "value": [fmt(v) for v in order["value"]],
            "klass": order["klass"].tolist(),
        },
        dtype=object,
    )
    known = frame["value"].dropna()
    summary = (
        f"Map of {len(frame)} areas. "
        + (f"Values range from {fmt(known.min())} to {fmt(known.max())}. " if len(known) else "No values. ")
        + (f"{focus_name} is outlined in black. " if focus_name else "")
        + "The table after the map ranks every area."
    )
    swatches = [(c, f"{words} ({n} area{'s' if n != 1 else ''})") for c, words, n in ranges]
    if frame["value"].isna().any():
        swatches.append((NO_VALUE, "No value"))
    graphic = map_graphic(map_id, script, caption=caption, summary=summary, swatches=swatches,
                          ident=new_id("map", caption), height=height, include_leaflet=include_leaflet)
    data_table = table(
        ranked,
        caption=f"{caption}: areas ranked from highest to lowest",
        columns={"rank": "Rank", "area": "Area", "value": "Value", "klass": "Map class"},
        row_header="area",
        numeric=["rank", "value"],
    )
    return Figure(caption=caption, graphic=graphic, summary=summary, table=data_table)


def map_graphic(map_id: str, script: str, *, caption: str, summary: str, swatches: Sequence[tuple[str, str]],
                ident: str, height: int, include_leaflet: bool) -> Markup:
    """The self-contained map fragment: the map's box, its text alternative, a key, the script.

    Parameters
    ----------
    map_id, script
        From :func:`fitted_script`.
    caption, summary
        What the map shows, and the same in words for screen readers.
    swatches
        The key: (colour, words) per entry.
    ident
        Prefix of the ids of the summary and key.
    height
        Map height in pixels.
    include_leaflet
        Inline Leaflet's CSS and JavaScript (once per page).

    Raises
    ------
    RuntimeError
        If the fragment would load anything from the internet (a guard against folium
        changing what it renders).
    """
    legend = tag(
        "div",
        tag("p", "Key", class_="ev-legend-title", id=f"{ident}-key"),
        tag("ul", [tag("li", tag("span", class_="ev-swatch", style=f"background:{colour}", aria_hidden="true"),
                       words) for colour, words in swatches],
            aria_labelledby=f"{ident}-key"),
        class_="ev-legend",
    )
    css = Markup(
        "<style>#{id}{{height:{h}px;width:100%}}#{id}.leaflet-container{{background:#f3f2f1;"
        "font-size:1rem}}.foliumtooltip table{{margin:0}}</style>"
    ).format(id=map_id, h=int(height))
    graphic = Markup("").join([
        leaflet_css() if include_leaflet else Markup(""),
        css,
        tag("div", id=map_id, class_="ev-map folium-map", role="region",
            aria_label=f"Interactive map: {caption}", aria_describedby=f"{ident}-summary"),
        tag("p", summary, id=f"{ident}-summary", class_="ev-vh"),
        legend,
        leaflet_js() if include_leaflet else Markup(""),
        Markup("<script>{}</script>").format(Markup(script)),
    ])
    if _EXTERNAL.search(graphic):  # pragma: no cover - defends against folium changes
        raise RuntimeError("The map fragment would load a script or stylesheet from the internet.")
    return graphic


def fitted_script(m: folium.Map, geo: gpd.GeoDataFrame) -> tuple[str, str]:
    """Fit ``m`` to ``geo`` and return the map's element id and its rendered script.

    The script also keeps the whole area in view when the container changes size (phone
    rotation, print), which Leaflet does not do by itself.
    """
    minx, miny, maxx, maxy = geo.total_bounds
    bounds = [[float(miny), float(minx)], [float(maxy), float(maxx)]]
    m.fit_bounds(bounds, padding=(8, 8))
    root = m.get_root()
    root.render()
    map_id = m.get_name()
    script = root.script.render() + (
        f"\n(function(){{var m={map_id},b={bounds};if(window.ResizeObserver){{"
        f"new ResizeObserver(function(){{m.invalidateSize();m.fitBounds(b,{{padding:[8,8]}});}})"
        f".observe(document.getElementById('{map_id}'));}}}})();"
    )
    return map_id, script
