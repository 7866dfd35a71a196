"""Target chart of one measure: actual values against the target trajectory, as inline SVG.

The measure's values are a solid line with their 95% confidence intervals as whiskers;
the target path (from the baseline to the last target year) is a dashed line, or two
dashed lines for a target range. In each target year the marker's shape says the
status (circle: target met, square: target missed, diamond: too close to call) and the
words say it again in the ``<desc>``, the key and the data table, so nothing depends on
colour or on seeing the picture. It is drawn like :func:`~evidence.render.trend_chart`
(fluid width, fixed height, the same axis and marker helpers).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.errors import DataError
from evidence.render._catalogue import indicator_info
from evidence.render._html import Markup, new_id, tag
from evidence.render.figure import Figure
from evidence.render.judgement import INK, judgement_marker, marker_at
from evidence.render.tables import table
from evidence.render.time_axes import AREA_COLOUR, key_icon, time_axes

__all__ = ["STATUS_SHAPES", "status_badge", "target_chart"]

#: Status words and the judgement style whose shape and colour draw them.
STATUS_SHAPES = {"Target met": "Better", "Target missed": "Worse", "Too close to call": "Similar",
                 "Close to target": "Similar"}
_CHART_COLUMNS = ("year", "period", "value", "lower", "upper", "target", "low", "high", "label")


def status_badge(words: str) -> Markup:
    """A status for text: its decorative shape (as in the charts) followed by the words."""
    style = STATUS_SHAPES.get(words, "Not compared")
    icon = tag("svg", judgement_marker(style, 8, 8, 5.5), width="16", height="16", viewBox="0 0 16 16",
               aria_hidden="true", focusable="false", class_="ev-badge-icon")
    return tag("span", icon, words, class_="ev-badge")


def _floats(frame: pd.DataFrame, column: str) -> np.ndarray:
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _describe(data: pd.DataFrame, fmt, area_name: str) -> str:
    known = data[np.isfinite(data["value"])]
    sentences = []
    path = data[np.isfinite(data["target"]) | np.isfinite(data["low"])]
    if not path.empty:
        first, last = path.iloc[0], path.iloc[-1]
        if np.isfinite(last["target"]):
            sentences.append(f"The target path runs from {fmt(first['target'])} in {first['period']} "
                             f"to {fmt(last['target'])} in {last['period']}.")
        else:
            sentences.append(f"The target is a range, {fmt(last['low'])} to {fmt(last['high'])} "
                             f"in {last['period']}.")
    if not known.empty:
        a, b = known.iloc[0], known.iloc[-1]
        if str(a["period"]) != str(b["period"]):  # a change needs two periods
            sentences.append(f"{area_name} went from {fmt(a['value'])} in {a['period']} to {fmt(b['value'])} "
                             f"in {b['period']}.")
        else:
            sentences.append(f"{area_name} has one value so far: {fmt(b['value'])} in {b['period']}.")
    assessed = data[data["label"].isin(list(STATUS_SHAPES))]
    if not assessed.empty:
        words = "; ".join(f"{r.period}: {r.label.lower()}" for r in assessed.itertuples(index=False))
        sentences.append(f"Status by year: {words}.")
    else:
        sentences.append("No target year has data yet.")
    return " ".join(sentences)


def target_chart(chart: pd.DataFrame, indicators: pd.DataFrame, indicator_id: str, *, area_name: str,
                 caption: str | None = None) -> Figure:
    """Draw one measure's actual values against its target trajectory.

    Parameters
    ----------
    chart
        The measure's rows of :attr:`ActionPlan.chart <evidence.outcomes.ActionPlan>`
        (``year, period, value, lower, upper, target, low, high, label``), one per year.
        Not modified.
    indicators
        The catalogue, for the indicator's name, unit and decimals.
    indicator_id
        The measure's indicator.
    area_name
        The measure's area, in words.
    caption
        Defaults to "<indicator>: <area> against its target".

    Returns
    -------
    Figure
        ``graphic`` is an ``<svg role="img">`` whose ``<desc>`` gives the path and the
        status of each target year in words; ``table`` (collapsed) holds every number.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"year": [2019, 2020], "period": ["2019", "2020"], "value": [10.0, 9.0],
    ...                      "lower": [9.0, 8.0], "upper": [11.0, 10.0], "target": [10.0, 9.5],
    ...                      "low": [None, None], "high": [None, None], "label": ["Baseline", "Too close to call"]})
    >>> cat = pd.DataFrame({"id": ["x"], "name": ["Crime"], "unit": ["per 1,000"], "polarity": ["lower_is_better"]})
    >>> "2020: too close to call" in target_chart(rows, cat, "x", area_name="Town").summary
    True
    """
    missing = [c for c in _CHART_COLUMNS if c not in chart.columns]
    if missing:
        raise DataError(f"The chart rows have no {', '.join(missing)} column(s); pass the measure's rows of "
                        "ActionPlan.chart.")
    info = indicator_info(indicators, indicator_id)
    data = pd.DataFrame({"period": chart["period"].astype(str).to_numpy(),
                         "label": [v if isinstance(v, str) else "" for v in chart["label"]]})
    for column in ("value", "lower", "upper", "target", "low", "high"):
        data[column] = _floats(chart, column)
    data = data.assign(year=pd.to_numeric(chart["year"]).to_numpy()).sort_values("year", kind="stable")
    data = data.reset_index(drop=True)
    caption = caption or f"{info.label}: {area_name} against its target"
    summary = _describe(data, lambda v: info.fmt(v, unit=True), area_name)
    ident = new_id("target", indicator_id, area_name, len(data))

    axes = time_axes(data[["value", "lower", "upper", "target", "low", "high"]].to_numpy(dtype=float), len(data))
    xs, y = axes.xs, axes.y
    parts = axes.grid(data["period"], info.fmt)
    for column in ("target", "low", "high"):
        parts += axes.segments(zip(xs, data[column]), stroke=INK, stroke_width="2", stroke_dasharray="7 5")
    parts += axes.segments(zip(xs, data["value"]), stroke=AREA_COLOUR, stroke_width="2.5")
    for x, row in zip(xs, data.itertuples(index=False)):
        parts += axes.whisker(x, row.lower, row.upper)
        if np.isfinite(row.value):
            parts.append(marker_at(STATUS_SHAPES.get(row.label, "Not compared"), x, y(row.value), 6))
    svg = axes.svg(caption, summary, ident, parts, "ev-target")
    icon = key_icon

    key_items = [
        tag("li", icon(tag("line", x1="1", x2="27", y1="9", y2="9", stroke=AREA_COLOUR, stroke_width="2.5")),
            f"{area_name} (whiskers show the 95% confidence interval)"),
        tag("li", icon(tag("line", x1="1", x2="27", y1="9", y2="9", stroke=INK, stroke_width="2",
                           stroke_dasharray="7 5")), "Target path (two lines: a target range)"),
    ]
    key_items += [tag("li", icon(judgement_marker(style, 14, 9, 5)), words)
                  for words, style in STATUS_SHAPES.items() if words != "Close to target"]
    key_items.append(tag("li", icon(judgement_marker("Not compared", 14, 9, 5)), "Not a target year (no status)"))
    key = tag("ul", key_items, class_="ev-key")

    def target_text(row) -> str:
        if np.isfinite(row.low) and np.isfinite(row.high):
            return f"{info.fmt(row.low)} to {info.fmt(row.high)}"
        return info.fmt(row.target)

    shown = pd.DataFrame({
        "period": data["period"],
        "value": [info.fmt(v) for v in data["value"]],
        "lower": [info.fmt(v) for v in data["lower"]],
        "upper": [info.fmt(v) for v in data["upper"]],
        "target": [target_text(r) for r in data.itertuples(index=False)],
        "status": [lab or "-" for lab in data["label"]],
    }, dtype=object)
    data_table = table(shown, caption=f"{caption}: values", row_header="period",
                       columns={"period": "Period", "value": f"{area_name} value", "lower": "Lower 95% limit",
                                "upper": "Upper 95% limit", "target": "Target", "status": "Status"},
                       numeric=["value", "lower", "upper", "target"])
    return Figure(caption=caption, graphic=svg, summary=summary, table=data_table, key=key, table_collapsed=True)
