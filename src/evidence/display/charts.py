"""``eb.spine(code)`` and ``eb.trend(indicator, code)``: the profile's charts, inline.

The same renderers as the exported profile (:func:`evidence.render.spine_chart`,
:func:`evidence.render.trend_chart`), on the published evidence; ``data`` holds the
numbers behind each chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from evidence.errors import DataError, did_you_mean
from evidence.published import as_published
from evidence.render import spine_chart, trend_chart
from evidence.render._html import Markup
from evidence.render.spine import spine_rows
from evidence.themes import find_theme

from evidence.display._view import View, comparator_of

__all__ = ["SpineView", "TrendView", "spine_view", "trend_view"]


@dataclass(frozen=True, eq=False, repr=False)
class SpineView(View):
    """A spine chart of one area (one theme or all): the SVG, its key and table; ``data`` per indicator."""

    area_code: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class TrendView(View):
    """A trend chart of one indicator for one area; ``data`` per period."""

    area_code: str = ""
    indicator_id: str = ""


def spine_view(evidence: object, code: str, theme: str | None = None) -> SpineView:
    """The spine chart of area ``code`` against its main comparator and the range of its peers."""
    shown = as_published(evidence)
    area = shown._area_row(code)
    name = str(area["area_name"])
    theme_id = find_theme(shown.config.themes, theme).id if theme is not None else None
    theme_name = find_theme(shown.config.themes, theme).name if theme is not None else "All themes"
    _, comparator = comparator_of(shown, code)
    values = shown.values[shown.values["area_type"].astype(str) == str(area["area_type"])]
    caption = f"{theme_name}: {name} compared with {comparator} and the range across {area['area_type']}s"
    figure = spine_chart(values, shown.indicators, code, area_name=name, comparator_name=comparator,
                         theme=theme_id, caption=caption)
    rows = spine_rows(values, shown.indicators, code, theme=theme_id)
    data = pd.DataFrame([{"indicator_id": r.info.id, "indicator": r.info.name, "period": r.period,
                          "count": r.count, "value": r.value, "comparator_value": r.comparator, "judgement": r.judgement,
                          "worst": r.worst, "q25": r.q25, "q75": r.q75, "best": r.best, "n_areas": r.n_areas}
                         for r in rows])
    return SpineView(caption, Markup(figure.__html__()), data, height=900, area_code=code)


def trend_view(evidence: object, indicator: str, code: str) -> TrendView:
    """The trend of ``indicator`` in area ``code``, each period judged, with the comparator."""
    shown = as_published(evidence)
    name = shown.area_name(code)
    ids = shown.indicators["id"].astype(str)
    if indicator not in set(ids):
        raise DataError(f"Unknown indicator '{indicator}'.{did_you_mean(indicator, ids)} See eb.indicators.")
    _, comparator = comparator_of(shown, code)
    figure = trend_chart(shown.values, shown.indicators, indicator, code, area_name=name,
                         comparator_name=comparator)
    rows = shown.values[(shown.values["indicator_id"].astype(str) == indicator)
                        & (shown.values["area_code"].astype(str) == code)].sort_values("year")
    keep = [c for c in ("period", "value", "lower", "upper", "comparator_value", "judgement", "trend",
                        "suppressed") if c in rows.columns]
    return TrendView(figure.caption, Markup(figure.__html__()), rows[keep].reset_index(drop=True), height=560,
                     area_code=code, indicator_id=indicator)
