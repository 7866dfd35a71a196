"""Trend chart of one indicator for one area, as inline SVG.

The area's value in each period is a marker shaped by that period's judgement, with its
95% confidence interval as a whisker, joined by a line; the comparator is a dashed line.
The text alternative states the recent trend in words together with the first and
latest values; the data table holds every number. Hand-built SVG keeps a chart to a few
kilobytes, needs no plotting backend at run time and lets us write the accessible
markup (``role="img"``, ``<title>``, ``<desc>``) ourselves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.errors import DataError
from evidence.render._catalogue import indicator_info
from evidence.render._html import new_id, tag
from evidence.render.figure import Figure
from evidence.render.judgement import INK, judgement_marker, marker_at
from evidence.render.tables import table
from evidence.render.time_axes import AREA_COLOUR, key_icon, nice_ticks, time_axes

__all__ = ["nice_ticks", "trend_chart"]

def _series(values: pd.DataFrame, indicator_id: str, area_code: str) -> pd.DataFrame:
    rows = values.loc[
        (values["indicator_id"].astype(str) == str(indicator_id))
        & (values["area_code"].astype(str) == str(area_code))
    ]
    if rows.empty:
        raise DataError(f"No values for indicator {indicator_id!r} in area {area_code!r}.")
    rows = rows.sort_values("year", kind="stable")
    out = pd.DataFrame({"period": rows["period"].astype(str).to_numpy()})
    for col in ("value", "lower", "upper", "comparator_value"):
        src = rows[col] if col in rows else pd.Series(np.nan, index=rows.index)
        out[col] = pd.to_numeric(src, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    for col in ("judgement", "trend"):
        src = rows[col] if col in rows else pd.Series("", index=rows.index)
        out[col] = [v if isinstance(v, str) else "" for v in src]
    return out


def _describe(data: pd.DataFrame, info, area_name: str, comparator_name: str) -> str:
    # the latest period's trend only: an older one is not "recent", and a suppressed latest value has none
    trend = data["trend"].iloc[-1] if len(data) else ""
    known = data.dropna(subset=["value"])
    trend = trend.strip().rstrip(".")
    if not trend:
        first = f"No recent trend has been calculated for {area_name}."
    elif trend.lower().startswith("cannot"):
        first = f"The recent trend for {area_name} cannot be calculated."
    else:
        first = f"Recent trend for {area_name}: {trend[0].lower()}{trend[1:]}."
    sentences = [first]
    if not known.empty:
        first, last = known.iloc[0], known.iloc[-1]
        if len(known) > 1 and str(first["period"]) != str(last["period"]):  # a change needs two periods
            sentences.append(
                f"The value went from {info.fmt(first['value'], unit=True)} in {first['period']} "
                f"to {info.fmt(last['value'], unit=True)} in {last['period']}."
            )
        else:
            sentences.append(f"The only value is {info.fmt(last['value'], unit=True)} in {last['period']}.")
        if np.isfinite(last["comparator_value"]):
            judged = f", judged {last['judgement'].lower()}" if last["judgement"] else ""
            sentences.append(
                f"In {last['period']} {comparator_name} was "
                f"{info.fmt(last['comparator_value'], unit=True)}{judged}."
            )
    return " ".join(sentences)


def trend_chart(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    indicator_id: str,
    area_code: str,
    *,
    area_name: str | None = None,
    comparator_name: str = "the comparator",
    caption: str | None = None,
) -> Figure:
    """Draw the trend of one indicator for one area against its comparator.

    Parameters
    ----------
    values : DataFrame
        The evidence base's ``values`` table (rows of other areas are ignored).
    indicators : DataFrame
        The catalogue, for the indicator's name, unit and polarity.
    indicator_id, area_code : str
        What to draw.
    area_name : str, optional
        Name used in the text (defaults to the code).
    comparator_name : str
        How to call the comparator in words.
    caption : str, optional
        Defaults to "<indicator>: <area> and <comparator> over time".

    Returns
    -------
    Figure
        ``graphic`` is an ``<svg role="img">`` whose ``<desc>`` states the trend in words;
        ``table`` (collapsed) gives period, value, limits, comparator and judgement.
    """
    info = indicator_info(indicators, indicator_id)
    data = _series(values, indicator_id, area_code)
    name = area_name or str(area_code)
    caption = caption or f"{info.label}: {name} and {comparator_name} over time"
    summary = _describe(data, info, name, comparator_name)
    ident = new_id("trend", indicator_id, area_code)

    axes = time_axes(data[["value", "lower", "upper", "comparator_value"]].to_numpy(dtype=float), len(data))
    xs, y = axes.xs, axes.y
    parts = axes.grid(data["period"], info.fmt)
    comp = [(x, v) for x, v in zip(xs, data["comparator_value"]) if np.isfinite(v)]
    parts += axes.segments(comp, stroke=INK, stroke_width="2", stroke_dasharray="7 5")
    if len(comp) == 1:
        x, v = comp[0]
        parts.append(axes.at(x, tag("line", x1="-20", x2="20", y1=f"{y(v):.1f}", y2=f"{y(v):.1f}",
                                    stroke=INK, stroke_width="2", stroke_dasharray="7 5")))
    parts += axes.segments(zip(xs, data["value"]), stroke=AREA_COLOUR, stroke_width="2.5")
    for x, row in zip(xs, data.itertuples(index=False)):
        parts += axes.whisker(x, row.lower, row.upper)
        if np.isfinite(row.value):
            parts.append(marker_at(row.judgement, x, y(row.value), 6))
    svg = axes.svg(caption, summary, ident, parts, "ev-trend")
    key = tag(
        "ul",
        tag("li", key_icon(tag("line", x1="1", x2="27", y1="9", y2="9", stroke=AREA_COLOUR, stroke_width="2.5"),
                           judgement_marker("Better", 14, 9, 5)),
            f"{name} (marker shape shows the judgement; whiskers show the 95% confidence interval)"),
        tag("li", key_icon(tag("line", x1="1", x2="27", y1="9", y2="9", stroke=INK, stroke_width="2",
                               stroke_dasharray="7 5")), comparator_name),
        class_="ev-key",
    )
    shown = pd.DataFrame(
        {
            "period": data["period"],
            "value": [info.fmt(v) for v in data["value"]],
            "lower": [info.fmt(v) for v in data["lower"]],
            "upper": [info.fmt(v) for v in data["upper"]],
            "comparator": [info.fmt(v) for v in data["comparator_value"]],
            "judgement": [j or "Not compared" for j in data["judgement"]],
        },
        dtype=object,
    )
    data_table = table(
        shown,
        caption=f"{caption}: values",
        columns={
            "period": "Period",
            "value": f"{name} value",
            "lower": "Lower 95% limit",
            "upper": "Upper 95% limit",
            "comparator": f"{comparator_name} value",
            "judgement": f"Compared with {comparator_name}",
        },
        row_header="period",
        numeric=["value", "lower", "upper", "comparator"],
    )
    return Figure(caption=caption, graphic=svg, summary=summary, table=data_table, key=key,
                  table_collapsed=True)
