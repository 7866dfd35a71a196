"""The timetable's checks: each a warning that names both things it is about.

* work begun before the gate it waits for was approved (the stage and the gate);
* a consultation shorter than the minimum, or over Christmas and New Year or August
  (the stage and the bank holidays it spans, from the ``holidays`` package, England);
* a decision by a body that does not sign the gate off (it does not count);
* a gate past its date that bodies have not signed off (the gate and the bodies);
* a completed stage whose report is missing or older than the evidence base (the stage
  and the report file) -- see :mod:`evidence.timetable.reports`.

:func:`static_checks` are those that do not depend on the day (``validate`` lists them);
:func:`dated_checks` adds the ones that do. A dependency cycle is an error of the reader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from evidence.timetable.dates import Span
from evidence.timetable.model import Stage, Timetable
from evidence.timetable.schedule import approved_on, schedule

__all__ = ["Check", "bank_holidays", "consultation_period", "dated_checks", "static_checks"]


@dataclass(frozen=True)
class Check:
    """One warning: what kind, the sentence naming both things, what to do and where."""

    kind: str
    message: str
    fix: str
    place: str
    field: str | None = None


@lru_cache(maxsize=32)
def _holidays(year: int) -> tuple[tuple[dt.date, str], ...]:
    import holidays

    return tuple(sorted(holidays.country_holidays("GB", subdiv="ENG", years=year).items()))


def bank_holidays(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """England's bank holidays from ``first`` to ``last`` inclusive, as (day, name).

    >>> bank_holidays(dt.date(2026, 12, 20), dt.date(2027, 1, 5))[0]
    (datetime.date(2026, 12, 25), 'Christmas Day')
    """
    found = []
    for year in range(first.year, last.year + 1):
        found += [(d, n) for d, n in _holidays(year) if first <= d <= last]
    return found


def _where(stage_or_gate, key: str | None = None) -> str:
    """``stage 'x', line 12``: the line of ``key`` when the file gave it, else of the entry."""
    kind = "stage" if isinstance(stage_or_gate, Stage) else "gate"
    number = (stage_or_gate.key_lines or {}).get(key) or stage_or_gate.line
    return f"{kind} '{stage_or_gate.id}'" + (f", line {number}" if number else "")


def _key(stage: Stage, *keys: str) -> str:
    """The first of ``keys`` the stage's entry has (the field a warning points at)."""
    return next((k for k in keys if k in (stage.key_lines or {})), keys[0])


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def consultation_period(stage: Stage, plans: dict) -> tuple[dt.date, dt.date] | None:
    """The days a consultation runs: actual where known, else the planned earliest start and latest end."""
    plan = plans.get(stage.id)
    start = stage.actual_start or (plan.start.earliest if plan and plan.start else None)
    end = stage.actual_end or (plan.end.latest if plan and plan.end else None)
    return (start, end) if start and end else None


def _consultation_checks(timetable: Timetable, plans: dict) -> list[Check]:
    checks = []
    for stage in timetable.stages:
        if not stage.consultation or stage.not_needed:
            continue
        period = consultation_period(stage, plans)
        if period is None:
            continue
        start, end = period
        label = f"The consultation '{stage.name}' ({Span(start, end).words()})"
        weeks = ((end - start).days + 1) / 7  # both days open
        if weeks < timetable.min_consultation_weeks:
            checks.append(Check(
                "consultation too short",
                f"{label} runs {weeks:.1f} weeks, less than the minimum of {timetable.min_consultation_weeks:g} "
                "weeks.", "Lengthen the consultation, or set consultation_min_weeks if a shorter one is agreed.",
                _where(stage, k := _key(stage, "actual_end", "end", "weeks")), k))
        christmas = [(d, n) for d, n in bank_holidays(start, end) if (d.month, d.day) >= (12, 20)
                     or (d.month, d.day) <= (1, 5)]
        if christmas:
            days = "; ".join(f"{n}, {_day(d)}" for d, n in christmas)
            checks.append(Check(
                "consultation over Christmas", f"{label} spans Christmas and New Year, with these bank holidays: "
                f"{days}.", "Add the lost weeks to its end, or move it, so that residents have the full time.",
                _where(stage, k := _key(stage, "actual_start", "start", "after")), k))
        august = [(d, n) for d, n in bank_holidays(start, end) if d.month == 8]
        in_august = any(dt.date(y, 8, 1) <= end and dt.date(y, 8, 31) >= start for y in range(start.year, end.year + 1))
        if in_august:
            extra = "; ".join(f"{n}, {_day(d)}" for d, n in august)
            checks.append(Check(
                "consultation over August", f"{label} spans August, when many people are away"
                + (f" (bank holiday: {extra})." if extra else "."),
                "Extend it into September, or move it, so that residents have the full time.", _where(stage, k := _key(stage, "actual_start", "start", "after")), k))
    return checks


def _gate_checks(timetable: Timetable) -> list[Check]:
    checks = []
    gates = {g.id: g for g in timetable.gates}
    for stage in timetable.stages:
        if stage.actual_start is None:
            continue
        for ident in stage.after:
            gate = gates.get(ident)
            if gate is None:
                continue
            approved = approved_on(gate)
            if approved is None or approved > stage.actual_start:
                state = f"approved only on {_day(approved)}" if approved else "not yet approved"
                checks.append(Check(
                    "begun before its gate",
                    f"Work on stage '{stage.name}' began on {_day(stage.actual_start)}, before gate '{gate.what}' "
                    f"was approved ({state}).",
                    f"Wait for the gate's approval before the work begins; if it could not wait, record the "
                    f"decisions under gate '{gate.id}' and note why in the stage's tasks.",
                    _where(stage, "actual_start"), "actual_start"))
    return checks


def _stray_decisions(timetable: Timetable) -> list[Check]:
    """Decisions by a body that does not sign the gate off: they do not count towards its approval."""
    checks = []
    for gate in timetable.gates:
        for d in gate.decisions:
            if d.body not in gate.sign_off:
                checks.append(Check(
                    "decision by a body that does not sign off",
                    f"{timetable.body_name(d.body)} decided on gate '{gate.what}' ({d.outcome}, {_day(d.date)}), but "
                    f"the gate is signed off by {', '.join(timetable.body_name(b) for b in gate.sign_off)} only: "
                    "the decision does not count.",
                    f"Add '{d.body}' to the gate's sign_off if its approval is needed, or record the decision of "
                    "the body that signs it.", _where(gate, "decisions"), "decisions"))
    return checks


def static_checks(timetable: Timetable) -> list[Check]:
    """The checks that do not depend on the day: gates jumped, stray decisions and consultations."""
    plans = schedule(timetable)
    return _gate_checks(timetable) + _stray_decisions(timetable) + _consultation_checks(timetable, plans)


def dated_checks(timetable: Timetable, as_of: dt.date) -> list[Check]:
    """:func:`static_checks` plus sign-offs outstanding after the gate's date, on ``as_of``."""
    from evidence.timetable.status import stage_states

    checks = static_checks(timetable)
    _, gates = stage_states(timetable, as_of)
    for state in gates:
        if state.overdue:
            who = ", ".join(timetable.body_name(b) for b in state.outstanding)
            due = _day(state.planned.end.latest) if state.planned.end else ""
            checks.append(Check(
                "sign-off outstanding",
                f"Gate '{state.gate.what}' was due by {due}; not yet signed off by: {who}.",
                "Put it on the next agenda of each body, then record their decisions under the gate.",
                _where(state.gate, "decisions"), "decisions"))
    return checks
