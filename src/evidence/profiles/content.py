"""The content of one area profile, built from the evidence base.

:func:`build_profile` returns a :class:`Profile`: an ordered list of sections, each an
HTML fragment made with :mod:`evidence.render` (so every name from the inputs is escaped
and every chart and map carries its words and its table). The profile notebook displays
the sections one per cell; :func:`render_page` puts the same sections on a page without
a notebook, for the batch benchmark's floor and for quick previews.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import geopandas as gpd
import pandas as pd

from evidence.errors import DataError
from evidence.profiles.context import context_section
from evidence.profiles.glance import GLANCE_MAP_HEIGHT, at_a_glance
from evidence.profiles.missing import mark_fallbacks, missing_section
from evidence.proofing.breakdowns import breakdown_sentences
from evidence.published import PublishedEvidence, as_published
from evidence.profiles.standouts import Standouts, area_latest, find_standouts, format_value
from evidence.render import (
    choropleth,
    heading,
    how_to_read,
    spine_chart,
    summary_list,
    suppression_notice,
    table,
    trend_chart,
)
from evidence.render._html import Markup, join, tag
from evidence.render.document import Document, Section
from evidence.render.formatting import format_number

__all__ = ["Profile", "Section", "build_profile", "comparator_name", "main_comparator"]

MAX_TREND_CHARTS = 6


@dataclass(frozen=True)
class Profile(Document):
    """An area profile: its title and its sections in reading order, and the area."""

    area_code: str = ""
    area_name: str = ""


def comparator_name(eb: PublishedEvidence, code: str | None) -> str:
    """How to name a comparator area in words."""
    if code is None or pd.isna(code):
        return "the comparator"
    names = eb.areas.set_index("area_code")["area_name"]
    return str(names.get(code, code))


def main_comparator(config: Any, area: pd.Series) -> str | None:
    """The code of the area's main (first configured) comparator, or None if it has none.

    ``area`` is the area's row of the areas table; the profile and the notebook displays
    (:func:`evidence.display._view.comparator_of`) both name the comparator from here.
    """
    tokens = config.comparators.get(str(area["area_type"]), ())
    if not tokens:
        return None
    token = str(tokens[0])
    if token == "england":
        return config.england_code
    if token in config.area_types or token in config.custom_types:
        code = area.get(f"{token}_code")
        return None if code is None or pd.isna(code) else str(code)
    return token


def _peers(eb: PublishedEvidence, area: pd.Series) -> gpd.GeoDataFrame:
    """Areas the area is shown among: the same type within the same main comparator area."""
    areas = eb.areas
    same = areas[areas["area_type"] == area["area_type"]]
    parent_col = next((c for c in same.columns if c.endswith("_code") and c != "area_code"
                       and pd.notna(area.get(c)) and c[:-5] in eb.config.comparators.get(area["area_type"], ())),
                      None)
    if parent_col is not None:
        same = same[same[parent_col] == area[parent_col]]
    return same


def _summary(name: str, comp: str, s: Standouts, compact: bool = False) -> Markup:
    """The "What stands out" list; ``compact`` (the first page, whose table lists the worst and
    best indicators with their values) gives the counts without listing them again."""
    def listing(frame: pd.DataFrame, n: int = 4) -> str:
        items = [f"{r.name} ({format_value(r.value, r.unit, r.value_type)} against "
                 f"{format_value(r.comparator_value, r.unit, r.value_type)}"
                 f"{', ' + r.comparator_note if getattr(r, 'comparator_note', '') else ''})"
                 for r in frame.head(n).itertuples()]
        more = f" and {len(frame) - n} more" if len(frame) > n else ""
        return "; ".join(items) + more

    bullets = []
    if len(s.worse):
        bullets.append(f"{name} is significantly worse than {comp} on {len(s.worse)} of the {s.compared} "
                       f"indicators that can be compared" + ("." if compact else f": {listing(s.worse)}."))
    else:
        bullets.append(f"{name} is not significantly worse than {comp} on any of the {s.compared} indicators "
                       "that can be compared.")
    top = 3 if compact else 5
    if len(s.worsening):
        bullets.append(f"Getting worse in recent years: {', '.join(s.worsening['name'].head(top))}"
                       f"{' and more' if len(s.worsening) > top else ''}.")
    if len(s.biggest_gaps) and not compact:  # the first page's table gives each gap
        gaps = [f"{r.name} is {abs(r.relative_gap):.0f}% {'higher' if r.gap > 0 else 'lower'} than "
                f"{getattr(r, 'comparator_label', comp)}"
                f"{' (no ' + comp + ' value)' if getattr(r, 'comparator_note', '') else ''}"
                for r in s.biggest_gaps.itertuples()]
        bullets.append("The largest gaps in the worse direction: " + "; ".join(gaps) + ".")
    if len(s.better):
        n = len(s.better)
        bullets.append(f"Significantly better than {comp} on {n} indicator{'s' if n != 1 else ''}"
                       + ("." if compact else f", including {listing(s.better, 3)}."))
    if len(s.improving):
        bullets.append(f"Getting better in recent years: {', '.join(s.improving['name'].head(top))}"
                       f"{' and more' if len(s.improving) > top else ''}.")
    return summary_list(bullets, title="What stands out", level=3 if compact else 2)


def _theme_table(latest: pd.DataFrame, comp: str, theme_name: str) -> Markup:
    frame = latest.assign(
        interval=[f"{format_value(lo, '', vt)} to {format_value(hi, '', vt)}" if pd.notna(lo) and pd.notna(hi)
                  else "-" for lo, hi, vt in zip(latest["lower"], latest["upper"], latest["value_type"])],
        shown=[format_value(v, u, vt) if pd.notna(v) else "-" for v, u, vt in
               zip(latest["value"], latest["unit"], latest["value_type"])],
        comparator=[format_value(v, u, vt) if pd.notna(v) else "-" for v, u, vt in
                    zip(latest["comparator_value"], latest["unit"], latest["value_type"])],
        count=[format_number(c, 0) if pd.notna(c) else ("suppressed" if sup else "-")
               for c, sup in zip(latest["numerator"], latest["suppressed"])],
        judgement=[f"{j} ({note})" if note and j != "Not compared" else j for j, note in
                   zip(latest["judgement"].astype(object).fillna("Not compared"),
                       latest.get("comparator_note", pd.Series("", index=latest.index)))],
        trend=latest["trend"].astype(object).fillna("Cannot be calculated"),
    )
    return table(frame, caption=f"{theme_name}: latest figures compared with {comp}",
                 columns={"name": "Indicator", "period": "Period", "count": "Count", "shown": "Value",
                          "interval": "95% confidence interval", "comparator": comp,
                          "judgement": f"Compared with {comp}", "trend": "Recent trend"},
                 row_header="name", formats={"count": str, "shown": str, "interval": str, "comparator": str,
                                             "trend": str, "period": str})


def build_profile(eb: PublishedEvidence | object, area_code: str, *, map_indicator: str | None = None,
                  tiles: bool | None = None) -> Profile:
    """Assemble the profile of ``area_code`` from the published evidence.

    ``eb`` is a :class:`~evidence.PublishedEvidence` or an ``EvidenceBase`` (converted
    once by disclosure control, ``disclosure.min_count`` of the project), so nothing here
    can show a small count, the rate that would reveal it, or a judgement or trend of it.
    """
    eb = as_published(eb)
    config = eb.config
    area = eb._area_row(area_code)
    name = str(area["area_name"])
    label = config.type_label(str(area["area_type"]))
    peers = _peers(eb, area)
    codes = set(peers["area_code"]) | {area_code}
    values = eb.values[eb.values["area_code"].isin(codes)]
    latest = area_latest(values, eb.indicators, area_code)
    if latest.empty:
        raise DataError(f"Area '{area_code}' ({name}) has no values in the evidence base; it cannot be profiled.")
    main_code = main_comparator(config, area)
    if main_code is None:
        found = latest["comparator_code"].dropna().astype(str).mode()
        main_code = found.iloc[0] if len(found) else None
    comp = comparator_name(eb, main_code)
    latest = mark_fallbacks(latest, eb.areas.set_index("area_code")["area_name"], main_code, comp)
    standouts = find_standouts(latest)
    title = f"{name}: {label} profile"

    sections = [Section("title", join([
        tag("h1", title),
        tag("p", f"This profile compares {name} with {comp} on {len(latest)} indicators across "
                 f"{latest['theme_name'].nunique()} themes ({config.name}). Each figure is the latest "
                 "period available; the judgements take the margin of error into account.",
            class_="ev-lead"),
    ]))]
    map_indicator = map_indicator or config.map_indicator
    tiles = config.tiles if tiles is None else tiles
    _, map_words, glance_map = _map_parts(eb, area, peers, values, latest, standouts, map_indicator, tiles,
                                          height=GLANCE_MAP_HEIGHT)
    sections.append(Section("summary", at_a_glance(_summary(name, comp, standouts, compact=True), standouts, comp,
                                                   glance_map, map_words)))
    sections.append(Section("context", context_section(eb, area, values)))

    # The spine charts need only each indicator's latest period (for the area and its peers).
    spine_values = values.merge(latest[["indicator_id", "period"]], on=["indicator_id", "period"])
    order = {t.id: i for i, t in enumerate(config.themes)}
    for theme in sorted(latest["theme"].unique(), key=lambda t: order.get(t, 99)):
        rows = latest[latest["theme"] == theme].sort_values("name")
        theme_name = str(rows["theme_name"].iloc[0])
        spine = spine_chart(spine_values, eb.indicators, area_code, area_name=name, comparator_name=comp, theme=theme,
                            caption=f"{theme_name}: {name} compared with {comp} and the range across "
                                    f"{label}s")
        spine = replace(spine, table_collapsed=True)  # the theme table below gives the same figures in full
        parts = [heading(theme_name, 2, id=f"theme-{theme}"), spine, _theme_table(rows, comp, theme_name)]
        if rows["suppressed"].any():
            parts.append(suppression_notice(config.min_count, int(rows["suppressed"].sum())))
        sections.append(Section(f"theme-{theme}", join(parts)))

    missing = missing_section(eb.not_aggregated, area_code, eb.indicators, set(latest["indicator_id"]))
    if missing is not None:
        sections.append(Section("missing", missing))

    groups = breakdown_sentences(eb, area_code=area_code)  # Fingertips breakdowns (sex, age, deprivation...)
    if groups:
        sections.append(Section("groups", join([heading("Differences between groups", 2, id="groups"),
                                                tag("p", "Where the data are broken down by sex, age, deprivation or "
                                                         "ethnic group, each group is compared with the whole "
                                                         "population of the area and with England (latest period):"),
                                                tag("ul", [tag("li", s) for s in groups])])))

    highlight = standouts.highlight_ids[:MAX_TREND_CHARTS]
    charts = [trend_chart(values, eb.indicators, ident, area_code, area_name=name, comparator_name=comp)
              for ident in highlight if values.loc[(values["indicator_id"] == ident)
                                                   & (values["area_code"] == area_code), "year"].nunique() > 1]
    if charts:
        sections.append(Section("trends", join([heading("Trends for the indicators that stand out", 2), *charts])))

    sections.append(Section("map", _map_section(eb, area, peers, values, latest, standouts, comp,
                                                map_indicator, tiles)))
    sections.append(Section("sources", _sources(latest)))
    sections.append(Section("how-to-read", how_to_read(comp, min_count=config.min_count)))
    return Profile(title, tuple(sections), area_code=area_code, area_name=name)


def _map_section(eb, area, peers, values, latest, standouts, comp, indicator, tiles) -> Markup:
    title, words, figure = _map_parts(eb, area, peers, values, latest, standouts, indicator, tiles)
    return join([title, tag("p", words)] + ([figure] if figure is not None else []))


def _map_parts(eb, area, peers, values, latest, standouts, indicator, tiles, height: int = 420):
    """The map's heading, the sentence that says what it shows, and the map (None when there is none)."""
    if indicator is None or indicator not in set(latest["indicator_id"]):
        picks = standouts.highlight_ids or list(latest.dropna(subset=["value"])["indicator_id"])
        indicator = picks[0] if picks else None
    name = str(area["area_name"])
    title = heading(f"{name} among its neighbours", 2, id="map")
    custom = next((c for c in eb.config.custom_areas if c.code == str(area["area_code"])), None)
    members = None
    if len(peers) < 2 and custom is not None:  # the only one of its kind: shown as the areas it is made of
        members = eb.areas[eb.areas["area_code"].isin(custom.members)].dropna(subset=["geometry"])
        title = heading(f"{name} and the areas it is made of", 2, id="map")
    shown = peers if members is None else members
    if indicator is None or len(shown) < 2:
        return title, "There are too few comparable areas to draw a map.", None
    info = eb.indicators.set_index("id").loc[indicator]
    period = latest.set_index("indicator_id").loc[indicator, "period"]
    source = values if members is None else eb.values[eb.values["area_code"].isin(set(members["area_code"]))]
    rows = source[(source["indicator_id"] == indicator) & (source["period"] == period)]
    shapes = shown.merge(rows[["area_code", "value"]], on="area_code", how="left")
    shapes = gpd.GeoDataFrame(shapes, geometry="geometry", crs=eb.areas.crs).dropna(subset=["geometry"])
    unit = str(info["unit"])
    if members is not None:
        kind = eb.config.type_label(str(members["area_type"].iloc[0]), plural=len(members) != 1)
        figure = choropleth(shapes, caption=f"{info['name']} ({unit}), {period}, the {len(members)} {kind} of "
                                            f"{name}", unit=unit, tiles=tiles, height=height)
        return title, (f"{name} is the only {eb.config.type_label(str(area['area_type']))} of its kind, so the map "
                       f"shows the {len(members)} {kind} it is made of, shaded by {info['name'].lower()} in "
                       f"{period}. The table after the map ranks them."), figure
    figure = choropleth(shapes, caption=f"{info['name']} ({unit}), {period}, by "
                                        f"{eb.config.type_label(str(area['area_type']))}",
                        focus=str(area["area_code"]), unit=unit, tiles=tiles, height=height)
    return title, (f"The map shades each area by {info['name'].lower()} in {period}; {name} is outlined. The "
                   "table after the map ranks the same areas."), figure


def _sources(latest: pd.DataFrame) -> Markup:
    frame = latest.sort_values(["theme_name", "name"])
    return join([heading("Data sources and periods", 2), table(
        frame, caption="The indicators in this profile, their sources and latest periods",
        columns={"name": "Indicator", "theme_name": "Theme", "period": "Latest period", "source": "Source",
                 "definition": "Definition"},
        row_header="name", formats={c: str for c in ("theme_name", "period", "source", "definition")})])
