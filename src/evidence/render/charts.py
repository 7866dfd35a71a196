"""Trend chart of one indicator for one area, as inline SVG.

The area's value in each period is a marker shaped by that period's judgement, with its
95% confidence interval as a whisker, joined by a line; the comparator is a dashed line.
The text alternative states the recent trend in words together with the first and
latest values; the data table holds every number. Hand-built SVG keeps a chart to a few
kilobytes, needs no plotting backend at run time and lets us write the accessible
markup (``role="img"``, ``<title>``, ``<desc>``) ourselves.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from evidence.errors import DataError
from evidence.render._catalogue import indicator_info
from evidence.render._html import Markup, new_id, tag
from evidence.render.figure import Figure
from evidence.render.judgement import INK, judgement_marker, marker_at
from evidence.render.spine import FONT
from evidence.render.tables import table

__all__ = ["nice_ticks", "trend_chart"]

HEIGHT, TOP, BOTTOM = 280, 16, 40  # pixels
LEFT, RIGHT = 13.0, 97.0  # plot area, percent of the width
AREA_COLOUR, GRID = "#005ea5", "#d8dadc"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis ticks covering ``low..high`` (1, 2, 2.5 or 5 times a power of ten).

    >>> nice_ticks(3.2, 17.9)
    [0.0, 5.0, 10.0, 15.0, 20.0]
    """
    if not (np.isfinite(low) and np.isfinite(high)):
        return [0.0, 1.0]
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    t = start
    while t < high + step * 0.999:
        ticks.append(float(round(t, 10)))
        t += step
    return ticks


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

    numbers = data[["value", "lower", "upper", "comparator_value"]].to_numpy(dtype=float).ravel()
    numbers = numbers[np.isfinite(numbers)]
    low, high = (float(numbers.min()), float(numbers.max())) if numbers.size else (0.0, 1.0)
    if low >= 0 and low < 0.5 * high:
        low = 0.0
    ticks = nice_ticks(low, high)
    y0, y1 = ticks[0], ticks[-1]
    plot_h = HEIGHT - TOP - BOTTOM
    n = len(data)
    # x in percent of the width (the chart is fluid), y in pixels (fixed height)
    xs = [LEFT + (RIGHT - LEFT) * ((i + 0.5) / n) for i in range(n)]
    y = lambda v: TOP + plot_h * (1 - (v - y0) / ((y1 - y0) or 1))  # noqa: E731

    def at(x_pct: float, content: Markup) -> Markup:
        return tag("svg", content, x=f"{x_pct:.2f}%", y="0", width="1", height="1", overflow="visible")

    def segments(points: list[tuple[float, float]], **style: str) -> list[Markup]:
        return [tag("line", x1=f"{xa:.2f}%", y1=f"{y(va):.1f}", x2=f"{xb:.2f}%", y2=f"{y(vb):.1f}",
                    **style) for (xa, va), (xb, vb) in zip(points, points[1:])]

    parts: list[Markup] = []
    for t in ticks:
        parts.append(tag("line", x1=f"{LEFT}%", x2=f"{RIGHT}%", y1=f"{y(t):.1f}",
                         y2=f"{y(t):.1f}", stroke=GRID, stroke_width="1"))
        parts.append(tag("text", info.fmt(t) if info.decimals else f"{t:,.0f}", x=f"{LEFT - 1.5}%",
                         y=f"{y(t) + 4:.1f}", text_anchor="end", font_size="13"))
    parts.append(tag("line", x1=f"{LEFT}%", x2=f"{RIGHT}%", y1=f"{TOP + plot_h}",
                     y2=f"{TOP + plot_h}", stroke=INK, stroke_width="1"))
    every = max(1, math.ceil(n / 4))
    for i, (x, period) in enumerate(zip(xs, data["period"])):
        if (n - 1 - i) % every == 0:
            parts.append(tag("text", period, x=f"{x:.2f}%", y=str(TOP + plot_h + 22),
                             text_anchor="middle", font_size="13"))
    comp = [(x, v) for x, v in zip(xs, data["comparator_value"]) if np.isfinite(v)]
    parts += segments(comp, stroke=INK, stroke_width="2", stroke_dasharray="7 5")
    if len(comp) == 1:
        x, v = comp[0]
        parts.append(at(x, tag("line", x1="-20", x2="20", y1=f"{y(v):.1f}", y2=f"{y(v):.1f}",
                               stroke=INK, stroke_width="2", stroke_dasharray="7 5")))
    pts = [(x, v) for x, v in zip(xs, data["value"]) if np.isfinite(v)]
    parts += segments(pts, stroke=AREA_COLOUR, stroke_width="2.5")
    for x, row in zip(xs, data.itertuples(index=False)):
        if np.isfinite(row.lower) and np.isfinite(row.upper):
            parts.append(at(x, tag("path", d=(f"M-5 {y(row.lower):.1f}h10M0 {y(row.lower):.1f}"
                                              f"V{y(row.upper):.1f}M-5 {y(row.upper):.1f}h10"),
                                   stroke=INK, stroke_width="1.5", fill="none")))
        if np.isfinite(row.value):
            parts.append(marker_at(row.judgement, x, y(row.value), 6))

    svg = tag(
        "svg",
        tag("title", caption, id=f"{ident}-title"),
        tag("desc", summary, id=f"{ident}-desc"),
        parts,
        role="img",
        aria_labelledby=f"{ident}-title",
        aria_describedby=f"{ident}-desc",
        width="100%",
        height=str(HEIGHT),
        class_="ev-svg ev-fluid ev-trend",
        style=f"display:block;width:100%;height:{HEIGHT}px",
        font_family=FONT,
        fill=INK,
    )
    key = tag(
        "ul",
        tag("li", tag("svg", tag("line", x1="1", x2="27", y1="9", y2="9", stroke=AREA_COLOUR,
                                 stroke_width="2.5"), judgement_marker("Better", 14, 9, 5),
                      width="28", height="18", viewBox="0 0 28 18", aria_hidden="true",
                      focusable="false"),
            f"{name} (marker shape shows the judgement; whiskers show the 95% confidence interval)"),
        tag("li", tag("svg", tag("line", x1="1", x2="27", y1="9", y2="9", stroke=INK,
                                 stroke_width="2", stroke_dasharray="7 5"),
                      width="28", height="18", viewBox="0 0 28 18", aria_hidden="true",
                      focusable="false"), comparator_name),
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
