"""The skeleton shared by the charts over time (the trend chart and the target chart).

One period per slot across a fluid width (x in percent), a fixed height (y in pixels), a
y scale with round ticks that starts at zero when the values are well above it, the grid,
the axis and the period labels (at most four), line segments, confidence whiskers, the key's
icons and the accessible ``<svg role="img">`` with its ``<title>`` and ``<desc>``. Each chart
only says what it draws on it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from evidence.render._html import Markup, tag
from evidence.render.judgement import INK
from evidence.render.spine import FONT

__all__ = ["AREA_COLOUR", "BOTTOM", "GRID", "HEIGHT", "LEFT", "RIGHT", "TOP", "TimeAxes", "key_icon", "nice_ticks",
           "time_axes"]

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


@dataclass(frozen=True)
class TimeAxes:
    """The scale of one chart over time: the y ticks and the x position of each period."""

    ticks: list[float]
    xs: list[float]

    @property
    def plot_height(self) -> float:
        return HEIGHT - TOP - BOTTOM

    def y(self, value: float) -> float:
        """The pixel height of ``value``."""
        y0, y1 = self.ticks[0], self.ticks[-1]
        return TOP + self.plot_height * (1 - (value - y0) / ((y1 - y0) or 1))

    def at(self, x_pct: float, content: Markup) -> Markup:
        """``content`` drawn in pixels around the point ``x_pct`` percent across."""
        return tag("svg", content, x=f"{x_pct:.2f}%", y="0", width="1", height="1", overflow="visible")

    def grid(self, periods: Sequence[str], fmt: Callable[[float], str]) -> list[Markup]:
        """Grid lines with their tick labels, the axis, and at most four period labels (the last always)."""
        parts: list[Markup] = []
        bottom = TOP + self.plot_height
        for t in self.ticks:
            parts.append(tag("line", x1=f"{LEFT}%", x2=f"{RIGHT}%", y1=f"{self.y(t):.1f}", y2=f"{self.y(t):.1f}",
                             stroke=GRID, stroke_width="1"))
            parts.append(tag("text", fmt(t), x=f"{LEFT - 1.5}%", y=f"{self.y(t) + 4:.1f}", text_anchor="end",
                             font_size="13"))
        parts.append(tag("line", x1=f"{LEFT}%", x2=f"{RIGHT}%", y1=f"{bottom}", y2=f"{bottom}", stroke=INK,
                         stroke_width="1"))
        n = len(self.xs)
        every = max(1, math.ceil(n / 4))
        for i, (x, period) in enumerate(zip(self.xs, periods)):
            if (n - 1 - i) % every == 0:
                parts.append(tag("text", period, x=f"{x:.2f}%", y=str(bottom + 22), text_anchor="middle",
                                 font_size="13"))
        return parts

    def segments(self, points: Iterable[tuple[float, float]], **style: str) -> list[Markup]:
        """Lines joining the finite ``(x, value)`` points in order."""
        pts = [(x, v) for x, v in points if np.isfinite(v)]
        return [tag("line", x1=f"{xa:.2f}%", y1=f"{self.y(va):.1f}", x2=f"{xb:.2f}%", y2=f"{self.y(vb):.1f}",
                    **style) for (xa, va), (xb, vb) in zip(pts, pts[1:])]

    def whisker(self, x: float, lower: float, upper: float) -> list[Markup]:
        """The 95% confidence interval at ``x`` (nothing when a limit is missing)."""
        if not (np.isfinite(lower) and np.isfinite(upper)):
            return []
        lo, hi = self.y(lower), self.y(upper)
        return [self.at(x, tag("path", d=f"M-5 {lo:.1f}h10M0 {lo:.1f}V{hi:.1f}M-5 {hi:.1f}h10", stroke=INK,
                                stroke_width="1.5", fill="none"))]

    def svg(self, caption: str, summary: str, ident: str, parts: list[Markup], kind: str) -> Markup:
        """The accessible chart: ``<svg role="img">`` titled by ``caption``, described by ``summary``."""
        return tag("svg", tag("title", caption, id=f"{ident}-title"), tag("desc", summary, id=f"{ident}-desc"),
                   parts, role="img", aria_labelledby=f"{ident}-title", aria_describedby=f"{ident}-desc",
                   width="100%", height=str(HEIGHT), class_=f"ev-svg ev-fluid {kind}",
                   style=f"display:block;width:100%;height:{HEIGHT}px", font_family=FONT, fill=INK)


def time_axes(numbers: np.ndarray, periods: int) -> TimeAxes:
    """The axes for ``periods`` slots and every number to be drawn (NaN ignored)."""
    numbers = np.asarray(numbers, dtype=float).ravel()
    numbers = numbers[np.isfinite(numbers)]
    low, high = (float(numbers.min()), float(numbers.max())) if numbers.size else (0.0, 1.0)
    if 0 <= low < 0.5 * high:
        low = 0.0
    n = max(periods, 1)
    return TimeAxes(nice_ticks(low, high), [LEFT + (RIGHT - LEFT) * ((i + 0.5) / n) for i in range(periods)])


def key_icon(*shapes: Markup) -> Markup:
    """A decorative icon for a chart's key (the words beside it say what it is)."""
    return tag("svg", *shapes, width="28", height="18", viewBox="0 0 28 18", aria_hidden="true", focusable="false")
