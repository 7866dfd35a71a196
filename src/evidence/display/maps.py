"""``eb.map(indicator)``: one indicator over every area of a type, as an interactive map.

The map is the exported pages' choropleth (:func:`evidence.render.choropleth`: folium,
mapclassify classes, a colour-blind-safe palette, tiles off so it works offline, the
focus area outlined, the ranked table after it), with each area's tooltip giving its
value, its 95% interval and its judgement in words. Made from the published evidence:
a suppressed figure shows as "no value" with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from evidence.config import ranked_type
from evidence.errors import DataError, did_you_mean
from evidence.published import as_published
from evidence.render import choropleth
from evidence.render._html import Markup
from evidence.render.judgement import style_for
from evidence.display._view import View, comparator_of

__all__ = ["MapView", "indicator_map"]

COLUMNS = ["area_code", "area_name", "period", "value", "lower", "upper", "comparator_value", "judgement",
           "suppressed", "secondary_suppressed"]


@dataclass(frozen=True, eq=False, repr=False)
class MapView(View):
    """An indicator's map: the HTML, and ``data`` with one row per area mapped."""

    indicator_id: str = ""
    area_type: str = ""


def _mapped_areas(evidence, area_type: str) -> pd.DataFrame:
    """Areas of ``area_type`` inside the focus area, else every area of that type."""
    from evidence.gaps._frames import members

    areas = evidence.areas
    of_type = areas[areas["area_type"].astype(str) == area_type]
    if of_type.empty:
        types = sorted(set(areas["area_type"].astype(str)))
        raise DataError(f"No areas of type '{area_type}'.{did_you_mean(area_type, types)} "
                        f"Area types: {', '.join(types)}.")
    try:
        inside = members(areas, evidence.config.focus_area, area_type)
    except DataError:
        inside = of_type.iloc[:0]
    return inside if len(inside) > 1 else of_type


def _note(row, comparator: str, shown, value_type: str) -> str:
    from evidence.profiles.standouts import format_value

    if bool(row.suppressed):
        return f"Not shown: {shown.reason(bool(row.secondary_suppressed))}."
    parts = []
    if pd.notna(row.lower) and pd.notna(row.upper):
        parts.append(f"95% interval {format_value(row.lower, '', value_type)} to "
                     f"{format_value(row.upper, '', value_type)}")
    word = row.judgement if isinstance(row.judgement, str) and row.judgement else "Not compared"
    parts.append(f"{word}: {style_for(word).explain(comparator)}")
    return "; ".join(parts) + "."


def indicator_map(evidence: object, indicator: str, area_type: str | None = None, period: str | None = None, *,
                  focus: str | None = None, scheme: str = "quantiles", tiles: bool = False) -> MapView:
    """Map ``indicator`` over the areas of ``area_type`` (default: the reports' type, e.g. wards).

    Parameters
    ----------
    evidence
        The evidence base or its published evidence (only published figures are mapped).
    indicator
        An indicator id of the catalogue.
    area_type
        The areas to map: those inside the project's focus area (every area of the type
        when fewer than two lie inside it).
    period
        A period label; default the indicator's latest period among these areas.
    focus
        An area to outline; default the project's focus area when it is mapped.
    scheme, tiles
        The mapclassify scheme; background tiles (fetched from the internet) or not.
    """
    shown = as_published(evidence)
    config = shown.config
    ids = shown.indicators["id"].astype(str)
    if indicator not in set(ids):
        raise DataError(f"Unknown indicator '{indicator}'.{did_you_mean(indicator, ids)} See eb.indicators.")
    info = shown.indicators.loc[ids == indicator].iloc[0]
    area_type = area_type or ranked_type(config.type_order, config.profile_area_type)
    areas = _mapped_areas(shown, area_type)
    codes = set(areas["area_code"].astype(str))
    rows = shown.values[(shown.values["indicator_id"].astype(str) == indicator)
                        & shown.values["area_code"].astype(str).isin(codes)]
    if rows.empty:
        have = sorted(set(shown.values.loc[shown.values["indicator_id"].astype(str) == indicator, "area_type"]
                          .astype(str)))
        raise DataError(f"Indicator '{indicator}' has no values for the {area_type} areas; it has values for: "
                        f"{', '.join(have) or 'no areas'} (pass area_type=...).")
    if period is None:
        period = str(rows.sort_values("year")["period"].iloc[-1])
    elif str(period) not in set(rows["period"].astype(str)):
        raise DataError(f"Indicator '{indicator}' has no {area_type} values for period '{period}'. Periods: "
                        f"{', '.join(sorted(set(rows['period'].astype(str))))}.")
    rows = rows[rows["period"].astype(str) == str(period)]
    keep = [c for c in COLUMNS if c in rows.columns and c != "area_name"]
    data = areas[["area_code", "area_name"]].merge(rows[keep], on="area_code", how="left")
    data["period"] = data["period"].astype(object).fillna(str(period))
    for column in ("suppressed", "secondary_suppressed"):
        data[column] = data[column].astype("boolean").fillna(False).astype(bool)
    unit, value_type = str(info.get("unit", "")), str(info.get("value_type", ""))
    comparator = comparator_of(shown, str(data["area_code"].iloc[0]))[1]
    data["note"] = [_note(r, comparator, shown, value_type) for r in data.itertuples()]
    if focus is None and config.focus_area in codes:
        focus = config.focus_area
    shapes = gpd.GeoDataFrame(data.merge(areas[["area_code", "geometry"]], on="area_code"), geometry="geometry",
                              crs=areas.crs).to_crs(4326)
    title = f"{info['name']} ({unit}) by {area_type}, {period}"
    decimals = 0 if value_type == "count" else 1
    figure = choropleth(shapes, caption=title, focus=focus, unit=unit, tiles=tiles, scheme=scheme,
                        notes="note", decimals=decimals)
    data = data.assign(value=data["value"].astype(float)).sort_values("value", ascending=False,
                                                                      na_position="last", kind="stable")
    return MapView(title, Markup(figure.__html__()), data.reset_index(drop=True), height=760, indicator_id=indicator,
                   area_type=area_type)

