"""A strategy's timetable as data: bodies, stages, gates, decisions and meetings.

These are what :mod:`evidence.timetable.reader` makes of a ``timetable.yml`` (format in
``docs/timetable-format.md``). Planned dates are :class:`~evidence.timetable.dates.Span`
values or come from ``after`` plus a duration (:mod:`evidence.timetable.schedule`);
actual dates are days. ``wording`` keeps the council's own words ("Early October").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from evidence.timetable.dates import Span

__all__ = ["APPROVING", "Body", "Decision", "Gate", "Meeting", "OUTCOMES", "REPORTS", "STAGE_STATUSES", "Stage",
           "Timetable"]

#: What a body may decide at a gate.
OUTCOMES = ("Approved", "Approved with changes", "Deferred", "Rejected")
#: The outcomes that sign a gate off.
APPROVING = ("Approved", "Approved with changes")
#: Statuses of a stage, in plain words.
STAGE_STATUSES = ("Completed", "In progress", "Overdue", "Due soon", "Not yet started", "Cannot start yet",
                  "Not needed")
#: The reports a stage may produce, which the tool can find and date itself.
REPORTS = ("evidence base", "profiles", "gap analysis", "consultation findings", "action plans")


@dataclass(frozen=True)
class Body:
    """A board, partnership or group that meets and decides (LSP Executive, ward members)."""

    id: str
    name: str


@dataclass(frozen=True)
class Stage:
    """One piece of work: planned by dates or by ``after`` and a duration, and what it produces."""

    id: str
    name: str
    phase: str = ""
    who: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    wording: str = ""
    start: Span | None = None
    end: Span | None = None
    after: tuple[str, ...] = ()
    weeks: tuple[float, float] | None = None
    actual_start: dt.date | None = None
    actual_end: dt.date | None = None
    not_needed: bool = False
    consultation: bool = False
    produces: tuple[str, ...] = ()
    line: int | None = None
    key_lines: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Decision:
    """A body's decision on a gate, with its date and minute reference."""

    body: str
    date: dt.date
    outcome: str
    minute: str = ""
    note: str = ""


@dataclass(frozen=True)
class Gate:
    """What must be approved, by whom, when it falls and what was decided."""

    id: str
    what: str
    sign_off: tuple[str, ...]
    after: tuple[str, ...] = ()
    date: Span | None = None
    wording: str = ""
    decisions: tuple[Decision, ...] = ()
    line: int | None = None
    key_lines: dict = field(default_factory=dict, compare=False, repr=False)

    def latest_decision(self, body: str) -> Decision | None:
        """The body's last decision on this gate (a deferral can be followed by an approval)."""
        found = [d for d in self.decisions if d.body == body]
        return max(found, key=lambda d: d.date) if found else None


@dataclass(frozen=True)
class Meeting:
    """A dated meeting of a body and what it is to decide."""

    body: str
    date: Span
    decides: str = ""
    wording: str = ""
    gate: str = ""


@dataclass(frozen=True)
class Timetable:
    """The whole timetable read from one file."""

    title: str
    bodies: tuple[Body, ...]
    stages: tuple[Stage, ...]
    gates: tuple[Gate, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    template: str = ""
    min_consultation_weeks: float = 12.0
    lcaps: tuple[str, ...] = ()
    file: str = ""
    issued: dt.date | None = None

    def body_name(self, body_id: str) -> str:
        return next((b.name for b in self.bodies if b.id == body_id), body_id)

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def gate(self, gate_id: str) -> Gate | None:
        return next((g for g in self.gates if g.id == gate_id), None)
