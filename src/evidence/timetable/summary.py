"""Where we are, in one sentence: the stage in progress, how many are overdue, the next decision.

"Stage 5 of 9 in progress; 1 overdue; next decision: LSP Executive, 19 November: approve
the draft strategy and action plans" -- the line the timetable page opens with and the
"where we are" banner other pages can show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from evidence.timetable.model import Timetable
from evidence.timetable.status import GateState, StageState, stage_states

__all__ = ["NextDecision", "next_decisions", "where_we_are"]


@dataclass(frozen=True)
class NextDecision:
    """A decision still to be made: by whom, on which day (earliest), what, and the gate if any."""

    day: dt.date
    body: str
    what: str
    gate: str = ""
    wording: str = ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def next_decisions(timetable: Timetable, as_of: dt.date, gates: list[GateState] | None = None) -> list[NextDecision]:
    """Meetings with something to decide and gates awaiting a body, on or after ``as_of``, soonest first."""
    if gates is None:
        _, gates = stage_states(timetable, as_of)
    found: list[NextDecision] = []
    covered = set()
    for m in timetable.meetings:
        if m.date.latest >= as_of and m.decides:
            found.append(NextDecision(max(m.date.earliest, as_of) if not m.date.exact else m.date.earliest,
                                      m.body, m.decides, m.gate, m.wording))
            if m.gate:
                covered.add((m.gate, m.body))
    for g in gates:
        if g.outcome.startswith("Approved") or g.planned.end is None:
            continue
        day = max(g.planned.end.earliest, as_of)
        for body in g.outstanding:
            if (g.gate.id, body) not in covered:
                found.append(NextDecision(day, body, f"sign off {_lower_first(g.gate.what)}", g.gate.id))
    return sorted(found, key=lambda d: (d.day, d.body, d.what))


def _day(day: dt.date, as_of: dt.date) -> str:
    return f"{day.day} {day:%B}" + ("" if day.year == as_of.year else f" {day.year}")


def where_we_are(timetable: Timetable, as_of: dt.date, states: tuple[list[StageState], list[GateState]] | None = None,
                 ) -> str:
    """The one-sentence summary of the timetable on ``as_of``.

    >>> from evidence.timetable.model import Body, Stage, Timetable
    >>> from evidence.timetable.dates import Span
    >>> t = Timetable("T", (Body("b", "Board"),), (Stage("s1", "One", start=Span.day(dt.date(2026, 1, 5)),
    ...     weeks=(2, 2), actual_start=dt.date(2026, 1, 5)),))
    >>> where_we_are(t, dt.date(2026, 1, 6))
    'Stage 1 of 1 in progress; none overdue; no decision is scheduled.'
    """
    stages, gates = states or stage_states(timetable, as_of)
    total = len(stages)
    going = [s.number for s in stages if s.stage.actual_start and s.stage.actual_start <= as_of
             and s.status in ("In progress", "Due soon", "Overdue")]
    done = sum(s.status in ("Completed", "Not needed") for s in stages)
    if len(going) == 1:
        head = f"Stage {going[0]} of {total} in progress"
    elif going:
        head = f"Stages {', '.join(map(str, going[:-1]))} and {going[-1]} of {total} in progress"
    elif done == total:
        head = f"All {total} stages completed"
    else:
        head = f"No stage in progress; {done} of {total} completed"
    overdue = sum(s.status == "Overdue" for s in stages)
    parts = [head, f"{overdue} overdue" if overdue else "none overdue"]
    upcoming = next_decisions(timetable, as_of, gates)
    if upcoming:
        d = upcoming[0]
        parts.append(f"next decision: {timetable.body_name(d.body)}, {_day(d.day, as_of)}: {_lower_first(d.what)}")
    else:
        parts.append("no decision is scheduled")
    return "; ".join(parts) + "."
