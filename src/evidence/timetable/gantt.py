"""The Gantt chart of a timetable as accessible SVG: planned bars, actual bars, today's line, gates.

One row per stage, then one per gate, against months. A stage's planned bar runs from its
earliest start to its earliest end, with the span to its latest end (a range of weeks, a
month-precision date) lighter and hatched; the actual bar below it runs from its actual
start to its actual end (or today, while in progress). A gate is a diamond on its planned
day (on the day of its approval, filled, once approved). The chart comes as a :class:`~evidence.render.figure.Figure`:
the SVG has ``role="img"`` with a ``<title>`` and a ``<desc>`` in words, and the table
beside it holds every date.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from evidence.render._html import Markup, new_id, tag
from evidence.render.figure import Figure
from evidence.render.judgement import INK
from evidence.render.spine import FONT
from evidence.render.tables import table
from evidence.timetable.model import Timetable
from evidence.timetable.status import GateState, StageState, stage_states
from evidence.timetable.summary import where_we_are

__all__ = ["gantt_chart", "gantt_table"]

WIDTH, LABEL, ROW, TOP = 1000, 300, 30, 34
PLANNED, ACTUAL, LATE, GATE = "#5694ca", "#0b0c0c", "#d4351c", "#00703c"


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, day = [], dt.date(first.year, first.month, 1)
    while day <= last:
        months.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def _short(label: str, width: int = 38) -> str:
    """A row label cut to fit the label column (the table below has it in full)."""
    return label if len(label) <= width else label[:width - 1].rstrip() + "…"


def _d(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def gantt_table(stages: list[StageState], gates: list[GateState], timetable: Timetable) -> pd.DataFrame:
    """The chart's data: one row per stage and gate with planned and actual dates and status."""
    rows = [{"item": f"{s.number}. {s.stage.name}", "planned_start": s.planned.start.words() if s.planned.start else "",
             "planned_end": s.planned.end.words() if s.planned.end else "open", "actual_start": _d(s.stage.actual_start),
             "actual_end": _d(s.stage.actual_end), "status": s.status} for s in stages]
    rows += [{"item": f"Gate: {g.gate.what}", "planned_start": g.planned.end.words() if g.planned.end else "",
              "planned_end": "", "actual_start": "", "actual_end": _d(g.decided_on), "status": g.outcome}
             for g in gates]
    return pd.DataFrame(rows, columns=["item", "planned_start", "planned_end", "actual_start", "actual_end", "status"])


def gantt_chart(timetable: Timetable, as_of: dt.date, states: tuple[list[StageState], list[GateState]] | None = None,
                ) -> Figure:
    """Draw the timetable on ``as_of`` as a Gantt chart with its text alternative and table."""
    stages, gates = states or stage_states(timetable, as_of)
    days = [as_of]
    for s in stages:
        for span in (s.planned.start, s.planned.end):
            if span is not None:
                days += [span.earliest, span.latest]
        days += [d for d in (s.stage.actual_start, s.stage.actual_end) if d]
    days += [g.planned.end.latest for g in gates if g.planned.end] + [g.decided_on for g in gates if g.decided_on]
    months = _months(min(days), max(days))
    first = months[0]
    end = dt.date(months[-1].year + (months[-1].month == 12), months[-1].month % 12 + 1, 1)
    scale = (WIDTH - LABEL - 10) / max((end - first).days, 1)

    def x(day: dt.date) -> float:
        return LABEL + (day - first).days * scale

    n_rows = len(stages) + len(gates)
    height = TOP + n_rows * ROW + 24
    ident = new_id("gantt", timetable.title, as_of.isoformat())
    parts: list[Markup] = [tag("defs", tag("pattern", tag("path", d="M0 6L6 0", stroke=PLANNED, stroke_width="1.5"),
                                           id=f"{ident}-hatch", width="6", height="6",
                                           patternUnits="userSpaceOnUse"))]
    for m in months:
        parts.append(tag("line", x1=f"{x(m):.1f}", x2=f"{x(m):.1f}", y1=str(TOP - 6), y2=str(height - 20),
                         stroke="#d8dadc", stroke_width="1"))
        label = f"{m:%b}" + (f" {m:%y}" if m.month == 1 or m == first else "")
        parts.append(tag("text", label, x=f"{x(m) + 2:.1f}", y=str(TOP - 12), font_size="12"))
    y = TOP
    for s in stages:
        parts.append(tag("text", _short(f"{s.number}. {s.stage.name}"), x="4", y=f"{y + 18}", font_size="13"))
        p = s.planned
        if p.start is not None and p.end is not None:
            a, b, c = x(p.start.earliest), x(max(p.end.earliest, p.start.earliest)), x(p.end.latest)
            parts.append(tag("rect", x=f"{a:.1f}", y=f"{y + 4}", width=f"{max(b - a, 2):.1f}", height="11",
                             fill=PLANNED))
            if c > b:
                parts.append(tag("rect", x=f"{b:.1f}", y=f"{y + 4}", width=f"{c - b:.1f}", height="11",
                                 fill=f"url(#{ident}-hatch)", stroke=PLANNED, stroke_width="1"))
        elif p.start is not None:
            parts.append(tag("rect", x=f"{x(p.start.earliest):.1f}", y=f"{y + 4}", width="6", height="11",
                             fill=PLANNED))
        began = s.stage.actual_start if s.stage.actual_start and s.stage.actual_start <= as_of else None
        if began is not None:
            stop = s.stage.actual_end if s.stage.actual_end and s.stage.actual_end <= as_of else as_of
            colour = LATE if s.status == "Overdue" else ACTUAL
            parts.append(tag("rect", x=f"{x(began):.1f}", y=f"{y + 17}", width=f"{max(x(stop) - x(began), 2):.1f}",
                             height="7", fill=colour))
        y += ROW
    for g in gates:
        parts.append(tag("text", _short(f"Gate: {g.gate.what}"), x="4", y=f"{y + 18}", font_size="13"))
        day = g.decided_on if g.outcome.startswith("Approved") else (g.planned.end.latest if g.planned.end else None)
        if day is not None:
            cx, cy = x(day), y + 14
            filled = g.outcome.startswith("Approved")
            parts.append(tag("path", d=f"M{cx:.1f} {cy - 8}l8 8l-8 8l-8 -8z", fill=GATE if filled else "#ffffff",
                             stroke=GATE, stroke_width="2"))
        y += ROW
    tx = x(as_of)
    parts.append(tag("line", x1=f"{tx:.1f}", x2=f"{tx:.1f}", y1=str(TOP - 6), y2=str(height - 20), stroke=LATE,
                     stroke_width="2", stroke_dasharray="5 3"))
    parts.append(tag("text", f"Today: {as_of.day} {as_of:%b %Y}", x=f"{tx + 4:.1f}", y=str(height - 6),
                     font_size="12", fill=LATE))
    caption = f"{timetable.title}: planned and actual dates on {_d(as_of)}"
    late = [f"{s.number}. {s.stage.name}" for s in stages if s.status == "Overdue"]
    summary = (f"{where_we_are(timetable, as_of, (stages, gates))} The chart shows {len(stages)} stages from "
               f"{first:%B %Y} to {months[-1]:%B %Y} and {len(gates)} gates"
               f"{', ' + str(sum(g.outcome.startswith('Approved') for g in gates)) + ' of them approved' if gates else ''}."
               + (f" Overdue: {'; '.join(late)}." if late else "") + " The table below gives every date.")
    svg = tag("svg", tag("title", caption, id=f"{ident}-title"), tag("desc", summary, id=f"{ident}-desc"), parts,
              role="img", aria_labelledby=f"{ident}-title", aria_describedby=f"{ident}-desc",
              viewBox=f"0 0 {WIDTH} {height}", width="100%", class_="ev-svg ev-gantt", font_family=FONT, fill=INK,
              style="display:block;max-width:100%;height:auto")
    key = tag("ul",
              tag("li", tag("svg", tag("rect", x="1", y="4", width="26", height="10", fill=PLANNED), width="28",
                            height="18", aria_hidden="true", focusable="false"), "Planned (hatched: the latest end)"),
              tag("li", tag("svg", tag("rect", x="1", y="6", width="26", height="6", fill=ACTUAL), width="28",
                            height="18", aria_hidden="true", focusable="false"), "Actual (red: overdue)"),
              tag("li", tag("svg", tag("path", d="M14 1l8 8l-8 8l-8 -8z", fill=GATE, stroke=GATE), width="28",
                            height="18", aria_hidden="true", focusable="false"), "Gate (filled once approved)"),
              tag("li", tag("svg", tag("line", x1="14", x2="14", y1="0", y2="18", stroke=LATE, stroke_width="2",
                                       stroke_dasharray="5 3"), width="28", height="18", aria_hidden="true",
                            focusable="false"), "Today"),
              class_="ev-key")
    data = gantt_table(stages, gates, timetable)
    shown = table(data, caption=f"Dates of the stages and gates on {_d(as_of)}", row_header="item",
                  columns={"item": "Stage or gate", "planned_start": "Planned start (gate: planned day)",
                           "planned_end": "Planned end", "actual_start": "Actual start",
                           "actual_end": "Actual end (gate: decided)", "status": "Status or outcome"})
    return Figure(caption, svg, summary, shown, key, table_collapsed=True)
