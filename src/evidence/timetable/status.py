"""Where each stage and gate stands on a given day, in plain words.

A stage is Completed once it really ended, In progress once it really began, Overdue
when its planned end (or, not begun, its planned start) has passed, Due soon when
that is at most :data:`SOON` days away, Cannot start yet while a stage or gate it
follows is unfinished, Not yet started otherwise, and Not needed when the file says so.
Dates after the day asked about have not happened yet, so a past day can be replayed.
A gate is Approved (with changes) once every body that must sign it has, Rejected or
Deferred on the last word of any of them, and Awaiting decision until then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from evidence.timetable.model import Gate, Stage, Timetable
from evidence.timetable.schedule import Planned, schedule

__all__ = ["SOON", "GateState", "StageState", "gate_state", "stage_states"]

#: Days ahead within which a planned date counts as "Due soon".
SOON = 14


@dataclass(frozen=True)
class StageState:
    """A stage, its plan and its status on ``as_of``."""

    stage: Stage
    planned: Planned
    status: str
    number: int


@dataclass(frozen=True)
class GateState:
    """A gate, when it falls, its outcome on ``as_of`` and who has not signed it off."""

    gate: Gate
    planned: Planned
    outcome: str
    decided_on: dt.date | None
    outstanding: tuple[str, ...]
    overdue: bool


def gate_state(gate: Gate, planned: Planned, as_of: dt.date) -> GateState:
    """The gate's outcome from each body's last decision made by ``as_of``."""
    latest = {}
    for body in gate.sign_off:
        made = [d for d in gate.decisions if d.body == body and d.date <= as_of]
        latest[body] = max(made, key=lambda d: d.date) if made else None
    outcomes = [d.outcome for d in latest.values() if d is not None]
    outstanding = tuple(b for b, d in latest.items() if d is None or d.outcome not in ("Approved",
                                                                                         "Approved with changes"))
    if "Rejected" in outcomes:
        outcome = "Rejected"
    elif "Deferred" in outcomes:
        outcome = "Deferred"
    elif not outstanding and latest:
        outcome = "Approved with changes" if "Approved with changes" in outcomes else "Approved"
    else:
        outcome = "Awaiting decision"
    decided = max((d.date for d in latest.values() if d is not None), default=None) \
        if outcome != "Awaiting decision" else None
    due = planned.end.latest if planned.end is not None else None
    overdue = bool(outstanding) and due is not None and due < as_of
    return GateState(gate, planned, outcome, decided, outstanding, overdue)


def _done(ident: str, timetable: Timetable, states: dict[str, str], gates: dict[str, GateState]) -> bool:
    if ident in gates:
        return gates[ident].outcome.startswith("Approved")
    return states.get(ident) in ("Completed", "Not needed")


def stage_states(timetable: Timetable, as_of: dt.date) -> tuple[list[StageState], list[GateState]]:
    """Every stage's and gate's state on ``as_of``, in the file's order."""
    plans = schedule(timetable, as_of)
    gates = {g.id: gate_state(g, plans[g.id], as_of) for g in timetable.gates}
    states: dict[str, str] = {}
    soon = as_of + dt.timedelta(days=SOON)

    def status(stage: Stage) -> str:
        if stage.id in states:
            return states[stage.id]
        states[stage.id] = "Cannot start yet"  # guards against a cycle (reported by the reader)
        plan = plans[stage.id]
        started = stage.actual_start is not None and stage.actual_start <= as_of
        ended = stage.actual_end is not None and stage.actual_end <= as_of
        for other in stage.after:
            if other in gates or timetable.stage(other) is None:
                continue
            status(timetable.stage(other))  # the stages it follows first
        if stage.not_needed:
            result = "Not needed"
        elif ended:
            result = "Completed"
        elif started:
            end = plan.end.latest if plan.end else None
            if end is not None and end < as_of:
                result = "Overdue"
            elif end is not None and end <= soon:
                result = "Due soon"
            else:
                result = "In progress"
        else:
            ready = all(_done(o, timetable, states, gates) for o in stage.after)
            start = plan.start
            end = plan.end.latest if plan.end else None
            if start is not None and start.latest < as_of and (ready or (end is not None and end < as_of)):
                result = "Overdue"
            elif not ready:
                result = "Cannot start yet"
            elif start is not None and start.earliest <= soon:
                result = "Due soon"
            else:
                result = "Not yet started"
        states[stage.id] = result
        return result

    result = [StageState(s, plans[s.id], status(s), n) for n, s in enumerate(timetable.stages, 1)]
    return result, [gates[g.id] for g in timetable.gates]

