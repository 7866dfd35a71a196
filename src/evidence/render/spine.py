"""Fingertips-style spine chart of one theme for one area, as inline SVG.

Each indicator is one row. The comparator's value (e.g. England or the district) is the
black line in the middle; the light bar spans the values of the comparable areas (same
area type and comparator), worst to best, with their middle half (25th to 75th
percentile) darker; the marker is the area, shaped and coloured by its judgement. Where
an indicator has a polarity the bar is turned so that better is always on the right;
where it has none, higher is on the right. As in Fingertips, each half of the bar is
scaled to the farther extreme so that the comparator sits in the centre.

The chart comes back as a :class:`~evidence.render.figure.Figure`: the SVG with a
``<title>`` and a ``<desc>`` summarising the judgements, a key, and the same numbers
as a table.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from evidence.errors import DataError
from evidence.render._catalogue import IndicatorInfo, indicator_info
from evidence.render._html import Markup, new_id, tag
from evidence.render.figure import Figure
from evidence.render.formatting import format_number
from evidence.render.judgement import INK, JUDGEMENTS, judgement_marker, marker_at, style_for
from evidence.render.tables import table

__all__ = ["SpineRow", "spine_chart", "spine_rows"]

PAD, TOP, LINE, BAR = 3.0, 30, 18, 34  # PAD in percent of the width; the rest in pixels
RANGE_FILL, RANGE_EDGE, BAND_FILL = "#e5e6e7", "#505a5f", "#6f777b"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class SpineRow:
    """The numbers behind one row of the spine chart."""

    info: IndicatorInfo
    period: str
    value: float
    count: float
    comparator: float
    judgement: str
    worst: float
    q25: float
    q75: float
    best: float
    n_areas: int


def spine_rows(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    area_code: str,
    *,
    theme: str | None = None,
    period: str | None = None,
) -> list[SpineRow]:
    """Compute the spine-chart numbers for ``area_code`` (one per catalogue indicator).

    Parameters
    ----------
    values : DataFrame
        The evidence base's ``values`` table (every area, so the range can be computed).
    indicators : DataFrame
        The catalogue (``id``, ``name``, ``theme``, ``unit``, ``polarity``, ``value_type``).
    area_code : str
        The area the markers show.
    theme : str, optional
        Keep the catalogue's indicators of this theme only. Counts (``value_type`` count) are
        never shown: a population is a size, not a position in the range of areas.
    period : str, optional
        Period label to show; defaults to each indicator's latest period for the area.
    """
    catalogue = indicators
    if theme is not None:
        catalogue = indicators.loc[indicators["theme"].astype(str) == str(theme)]
        if catalogue.empty:
            themes = sorted(indicators["theme"].dropna().astype(str).unique())
            raise DataError(f"No indicators in theme {theme!r}. Themes: {', '.join(themes)}.")
    if "value_type" in catalogue.columns:  # a count is a size, not a position in a range of areas
        catalogue = catalogue.loc[catalogue["value_type"].astype(str) != "count"]
    wanted = catalogue["id"].astype(str).tolist()
    rows = values.loc[values["indicator_id"].astype(str).isin(set(wanted))]
    # Plain arrays, taken once: a profile draws six charts of a dozen indicators, and
    # pandas' per-operation overhead on many tiny selections cost more than the rest of it.
    col = {c: rows[c].astype(str).to_numpy() for c in ("indicator_id", "area_code", "period", "area_type",
                                                      "comparator_code")}
    num = {c: pd.to_numeric(rows[c], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
           if c in rows else np.full(len(rows), np.nan) for c in ("value", "numerator", "comparator_value", "year")}
    judgements = rows["judgement"].to_numpy(dtype=object) if "judgement" in rows else np.full(len(rows), None)
    out = []
    for indicator_id in wanted:
        own = col["indicator_id"] == indicator_id
        mine = np.flatnonzero(own & (col["area_code"] == str(area_code)))
        if period is not None:
            mine = mine[col["period"][mine] == str(period)]
        elif mine.size:
            mine = mine[num["year"][mine] == np.nanmax(num["year"][mine])]
        if not mine.size:
            continue
        i = mine[0]
        info = indicator_info(catalogue, indicator_id)
        # Peers: same period, area type and main comparator as the area's row.
        same = own & (col["period"] == col["period"][i]) & (col["area_type"] == col["area_type"][i]) & (
            col["comparator_code"] == col["comparator_code"][i])
        peer_values = num["value"][same]
        peer_values = peer_values[~np.isnan(peer_values)]
        if peer_values.size >= 2:  # one area has no range: its worst, quartiles and best would be itself
            q = np.quantile(peer_values, [0, 0.25, 0.75, 1])
            low, q25, q75, high = (float(x) for x in q)
        else:
            low = q25 = q75 = high = np.nan
        worst, best = (high, low) if info.polarity < 0 else (low, high)
        if info.polarity < 0:
            q25, q75 = q75, q25
        judgement = judgements[i]
        out.append(
            SpineRow(
                info=info,
                period=str(col["period"][i]),
                value=float(num["value"][i]),
                count=float(num["numerator"][i]),
                comparator=float(num["comparator_value"][i]),
                judgement=str(judgement) if isinstance(judgement, str) and judgement else "Not compared",
                worst=worst,
                q25=q25,
                q75=q75,
                best=best,
                n_areas=int(peer_values.size),
            )
        )
    return out


def _scale(row: SpineRow):
    """Map a value to 0..1 with the comparator at 0.5 and better (or higher) on the right."""
    lo, hi = min(row.worst, row.best), max(row.worst, row.best)
    centre = row.comparator if np.isfinite(row.comparator) else (lo + hi) / 2
    reach = max(abs(centre - lo), abs(hi - centre)) if np.isfinite(lo) else 0.0
    if np.isfinite(row.value):
        reach = max(reach, abs(row.value - centre))
    sign = -1.0 if row.info.polarity < 0 else 1.0

    def pos(v: float) -> float:
        if not np.isfinite(v) or reach == 0:
            return 0.5
        return 0.5 + sign * (v - centre) / (2 * reach)

    return pos


def _label_lines(row: SpineRow, mixed: bool, width: int = 34) -> list[str]:
    """The row label on at most two lines of ``width`` characters, so it fits a phone
    screen (SVG text does not wrap by itself); the full name is in the table."""
    label = row.info.label + (" (higher to the right)" if row.info.polarity == 0 and mixed else "")
    lines = textwrap.wrap(label, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder=" …")]
    return lines


def _row_svg(row: SpineRow, y: float, lines: list[str]) -> Markup:
    pos = _scale(row)
    x = lambda v: PAD + (100 - 2 * PAD) * pos(v)  # noqa: E731  (percent of the width)
    bar_y, bar_h = y + 6 + LINE * len(lines), 18
    cy = bar_y + bar_h / 2
    parts = [tag("text", [tag("tspan", line, x=f"{PAD}%", dy="0" if i == 0 else str(LINE))
                          for i, line in enumerate(lines)], y=f"{y + 16:.1f}", font_size="15")]
    if np.isfinite(row.worst):
        x0, x1 = sorted((x(row.worst), x(row.best)))
        b0, b1 = sorted((x(row.q25), x(row.q75)))
        parts.append(tag("rect", x=f"{x0:.2f}%", y=f"{bar_y:.1f}", width=f"{max(x1 - x0, 0.2):.2f}%",
                         height=str(bar_h), fill=RANGE_FILL, stroke=RANGE_EDGE, stroke_width="1"))
        parts.append(tag("rect", x=f"{b0:.2f}%", y=f"{bar_y:.1f}", width=f"{max(b1 - b0, 0.2):.2f}%",
                         height=str(bar_h), fill=BAND_FILL))
    if np.isfinite(row.comparator):
        cx = x(row.comparator)
        parts.append(tag("line", x1=f"{cx:.2f}%", x2=f"{cx:.2f}%", y1=f"{bar_y - 4:.1f}",
                         y2=f"{bar_y + bar_h + 4:.1f}", stroke=INK, stroke_width="3"))
    if np.isfinite(row.value):
        parts.append(marker_at(row.judgement, x(row.value), cy, 7.5))
    else:
        parts.append(tag("text", "No value", x="52%", y=f"{cy + 5:.1f}", font_size="14",
                         font_style="italic"))
    return tag("g", parts)


def _summary(rows: list[SpineRow], area_name: str, comparator_name: str) -> str:
    counts = Counter(r.judgement for r in rows)
    order = [w for w in JUDGEMENTS if counts.get(w)] + sorted(set(counts) - set(JUDGEMENTS))
    parts = [f"{counts[w]} {w.lower()}" for w in order]
    worse = [r.info.name for r in rows if r.judgement == "Worse"]
    text = (
        f"{area_name} compared with {comparator_name} on {len(rows)} "
        f"indicator{'s' if len(rows) != 1 else ''}: {', '.join(parts) if parts else 'none'}."
    )
    if worse:
        text += f" Worse: {'; '.join(worse)}."
    alone = _alone(rows)
    return text + (f" {alone}" if alone else "") + " The table below gives every value."


def _alone(rows: list[SpineRow]) -> str:
    """Why no range is drawn, when an indicator has fewer than two comparable areas."""
    alone = [r for r in rows if np.isfinite(r.value) and r.n_areas < 2]
    if not alone:
        return ""
    which = "any indicator" if len(alone) == len(rows) else "; ".join(r.info.name for r in alone)
    return (f"No range of comparable areas is drawn for {which}: no other area of the same type is compared "
            "with the same comparator, so the worst, 25th and 75th percentile and best would all be this "
            "area's own value.")


def _key(comparator_name: str, words: set[str], judged: bool = True) -> Markup:
    """Key to the symbols: comparator line, range bar, band, and the judgements shown."""

    def swatch(content: Markup) -> Markup:
        return tag("svg", content, width="28", height="18", viewBox="0 0 28 18",
                   aria_hidden="true", focusable="false")

    items = [
        (swatch(tag("line", x1="14", x2="14", y1="1", y2="17", stroke=INK, stroke_width="3")),
         f"{comparator_name} value"),
        (swatch(tag("rect", x="1", y="4", width="26", height="10", fill=RANGE_FILL,
                    stroke=RANGE_EDGE)),
         f"range of comparable areas, {'worst to best' if judged else 'lowest to highest'}"),
        (swatch(tag("rect", x="1", y="4", width="26", height="10", fill=BAND_FILL)),
         "middle half of areas (25th to 75th percentile)"),
    ]
    items += [(swatch(judgement_marker(s.word, 14, 9, 6)), s.word)
              for s in JUDGEMENTS.values() if s.word in words]
    return tag("ul", [tag("li", icon, text) for icon, text in items], class_="ev-key")


def spine_chart(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    area_code: str,
    *,
    area_name: str | None = None,
    comparator_name: str = "the comparator",
    theme: str | None = None,
    period: str | None = None,
    caption: str | None = None,
) -> Figure:
    """Draw the spine chart of ``area_code`` for one theme, with its summary and table.

    Parameters
    ----------
    values, indicators, area_code, theme, period
        As for :func:`spine_rows`.
    area_name : str, optional
        Name used in the text (defaults to the code).
    comparator_name : str
        How to call the comparator in words ("England", "Northshire district").
    caption : str, optional
        Figure caption; defaults to "<theme>: <area> compared with <comparator>".

    Returns
    -------
    Figure
        ``graphic`` is an ``<svg role="img">`` with ``<title>`` and ``<desc>``; ``table``
        holds indicator, period, count, value, comparator, judgement, worst, percentiles
        and best.
    """
    rows = spine_rows(values, indicators, area_code, theme=theme, period=period)
    name = area_name or str(area_code)
    caption = caption or f"{theme + ': ' if theme else ''}{name} compared with {comparator_name}"
    summary = _summary(rows, name, comparator_name)
    ident = new_id("spine", area_code, theme, period)
    judged = any(r.info.polarity for r in rows)
    mixed = judged and not all(r.info.polarity for r in rows)
    labels = [_label_lines(r, mixed) for r in rows]
    tops = np.cumsum([TOP] + [LINE * len(lines) + BAR for lines in labels]).tolist()
    height = int(tops[-1]) + 6 if rows else TOP + 40
    header = [
        tag("text", "◀ Worse" if judged else "◀ Lower", x=f"{PAD}%", y="18", font_size="14",
            font_weight="bold"),
        tag("text", "Better ▶" if judged else "Higher ▶", x=f"{100 - PAD}%", y="18", font_size="14",
            font_weight="bold", text_anchor="end"),
    ]
    body = [_row_svg(r, top, lines) for r, top, lines in zip(rows, tops, labels)]
    if not rows:
        body = [tag("text", "No values for this area.", x=f"{PAD}%", y=str(TOP + 20), font_size="14")]
    svg = tag(
        "svg",
        tag("title", caption, id=f"{ident}-title"),
        tag("desc", summary, id=f"{ident}-desc"),
        header,
        body,
        role="img",
        aria_labelledby=f"{ident}-title",
        aria_describedby=f"{ident}-desc",
        width="100%",
        height=str(height),
        class_="ev-svg ev-fluid ev-spine",
        style=f"display:block;width:100%;height:{height}px",
        font_family=FONT,
        fill=INK,
    )
    data = pd.DataFrame(
        {
            "indicator": [r.info.label for r in rows],
            "period": [r.period for r in rows],
            "count": [format_number(r.count, 0) for r in rows],
            "value": [r.info.fmt(r.value) for r in rows],
            "comparator": [r.info.fmt(r.comparator) for r in rows],
            "judgement": [r.judgement for r in rows],
            "worst": [r.info.fmt(r.worst) for r in rows],
            "q_low": [r.info.fmt(r.q25) for r in rows],
            "q_high": [r.info.fmt(r.q75) for r in rows],
            "best": [r.info.fmt(r.best) for r in rows],
        },
        dtype=object,
    )
    labels = {
        "indicator": "Indicator",
        "period": "Period",
        "count": "Count",
        "value": name,
        "comparator": comparator_name[:1].upper() + comparator_name[1:],
        "judgement": "Judgement",
        "worst": "Worst",
        "q_low": "25th percentile",
        "q_high": "75th percentile",
        "best": "Best",
    }
    notes = []
    if any(r.info.polarity == 0 for r in rows):
        notes.append("For indicators where neither higher nor lower is better, Worst and Best show "
                     "the lowest and highest values.")
    if _alone(rows):
        notes.append(_alone(rows))
    note = " ".join(notes) or None
    numeric = ["count", "value", "comparator", "worst", "q_low", "q_high", "best"]
    data_table = table(data, caption=f"{caption}: values", columns=labels, row_header="indicator",
                       numeric=numeric, note=note)
    return Figure(caption=caption, graphic=svg, summary=summary, table=data_table,
                  key=_key(comparator_name, {style_for(r.judgement).word for r in rows}, judged))
