"""When each stage and gate falls: from its own dates, or ``after`` others plus a duration.

A stage that starts ``after`` another starts when that one ends (the latest end when it
follows several); its end is its start plus its ``weeks`` ("6-8" widens the span). What
has actually happened replaces the plan: a stage that really ended on 3 March moves
everything after it. A gate falls when the stages it follows end, or on its own date.
Cycles in ``after`` have no schedule: :func:`find_cycles` names them for the reader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from evidence.timetable.dates import Span
from evidence.timetable.model import APPROVING, Gate, Stage, Timetable

__all__ = ["Planned", "approved_on", "find_cycles", "schedule"]


@dataclass(frozen=True)
class Planned:
    """The planned start and end of a stage or gate (``None`` where it cannot be known)."""

    start: Span | None
    end: Span | None


def _edges(timetable: Timetable) -> dict[str, tuple[str, ...]]:
    edges = {s.id: s.after for s in timetable.stages}
    edges.update({g.id: g.after for g in timetable.gates})
    return edges


def find_cycles(edges: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """Every cycle of ``after`` references, each as the ids in order (each cycle once).

    >>> find_cycles({"a": ("c",), "b": ("a",), "c": ("b",), "d": ("a",)})
    [['a', 'c', 'b']]
    """
    cycles: list[list[str]] = []
    seen: set[frozenset[str]] = set()
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        path.append(node)
        for nxt in edges.get(node, ()):
            if nxt not in edges:
                continue
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    cycles.append(list(cycle))
            elif nxt not in state:
                visit(nxt, path)
        path.pop()
        state[node] = 2

    for node in edges:
        if node not in state:
            visit(node, [])
    return cycles


def approved_on(gate: Gate, as_of: dt.date | None = None) -> dt.date | None:
    """The day the last body needed signed the gate off (by ``as_of``), or ``None`` while any has not."""
    days = []
    for body in gate.sign_off:
        made = [d for d in gate.decisions if d.body == body and (as_of is None or d.date <= as_of)]
        decision = max(made, key=lambda d: d.date) if made else None
        if decision is None or decision.outcome not in APPROVING:
            return None
        days.append(decision.date)
    return max(days) if days else None


def schedule(timetable: Timetable, as_of: dt.date | None = None) -> dict[str, Planned]:
    """Planned start and end of every stage and gate, by id (a gate starts and ends on its day).

    Actual dates and decisions after ``as_of`` (when given) have not happened yet.
    """

    def happened(day: dt.date | None) -> dt.date | None:
        return day if day is not None and (as_of is None or day <= as_of) else None

    edges = _edges(timetable)
    items: dict[str, Stage | Gate] = {s.id: s for s in timetable.stages}
    items.update({g.id: g for g in timetable.gates})
    done: dict[str, Planned] = {}
    busy: set[str] = set()

    def finish(ident: str) -> Span | None:
        """When ``ident`` ends as far as what follows it is concerned (actual before planned)."""
        item = items[ident]
        if isinstance(item, Stage):
            if happened(item.actual_end) is not None:
                return Span.day(item.actual_end)
            if item.not_needed:
                return plan(ident).start
        else:
            day = approved_on(item, as_of)
            if day is not None:
                return Span.day(day)
        return plan(ident).end

    def after(ident: str) -> Span | None:
        ends = []
        for other in edges.get(ident, ()):
            if other not in items or other in busy:
                return None
            end = finish(other)
            if end is None:
                return None
            ends.append(end)
        if not ends:
            return None
        return Span(max(e.earliest for e in ends), max(e.latest for e in ends))

    def plan(ident: str) -> Planned:
        if ident in done:
            return done[ident]
        busy.add(ident)
        item = items[ident]
        if isinstance(item, Stage):
            start = item.start or after(ident)
            began = happened(item.actual_start)
            if began is not None and start is None:
                start = Span.day(began)
            end = item.end
            if end is None and item.weeks is not None and start is not None:
                base = Span.day(began) if began is not None else start
                end = base.plus_weeks(*item.weeks)
            result = Planned(start, end)
        else:
            day = item.date or after(ident)
            result = Planned(day, day)
        busy.discard(ident)
        done[ident] = result
        return result

    for ident in items:
        plan(ident)
    return done
