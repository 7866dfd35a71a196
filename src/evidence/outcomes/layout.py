"""The action-plan table of the Gloucester template, as rows of cells shared by every export.

One table per theme. Columns (the template's): Action, Task, Measures, Targets (a
Baseline column then one column per target year), Milestones/Detailed Tasks, Timescale,
Resource/Organisations involved, Contact Officer, Lead Partnership, Long-term Ambitions.
Within a theme, each outcome is a block: an ``outcome`` heading row ("Outcome 2.1: ..."),
its outcome-measure rows (baseline and yearly targets), then one row per action followed
by a row per indicator measure of that action. Numbers are rounded to one decimal place;
a range target is written ``low to high``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from evidence.outcomes.baselines import period_label
from evidence.outcomes.framework import Action, Measure, Outcome

__all__ = ["AFTER_TARGETS", "BEFORE_TARGETS", "Block", "ThemeTable", "theme_tables"]

BEFORE_TARGETS = ("Action", "Task", "Measures")
AFTER_TARGETS = ("Milestones/Detailed Tasks", "Timescale", "Resource/Organisations involved", "Contact Officer",
                 "Lead Partnership", "Long-term Ambitions")

Cell = str | float
#: Control characters that XML (and so .xlsx and .docx) cannot hold.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(cells: list[Cell]) -> tuple[Cell, ...]:
    """Cells with characters that XML cannot hold removed from text."""
    return tuple(_ILLEGAL.sub("", c) if isinstance(c, str) else c for c in cells)


@dataclass(frozen=True)
class Block:
    """One outcome: its heading, its measure rows and its action rows (lists of cells)."""

    outcome: Outcome
    heading: str
    aim: str
    measure_rows: tuple[tuple[Cell, ...], ...]
    action_rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class ThemeTable:
    """One theme's table: its name, the target years, the column headers and the blocks."""

    theme: str
    name: str
    years: tuple[int, ...]
    year_labels: tuple[str, ...]
    blocks: tuple[Block, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return (*BEFORE_TARGETS, "Baseline", *self.year_labels, *AFTER_TARGETS)

    @property
    def target_span(self) -> tuple[int, int]:
        """First and last column (0-based) of the Targets group (Baseline and years)."""
        start = len(BEFORE_TARGETS)
        return start, start + len(self.years)


def _num(x: Any) -> Cell:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return ""
    return round(float(x), 1)


def _target_cell(row: Any) -> Cell:
    if row is None or row.kind == "none":
        return ""
    if row.kind == "range":
        return f"{row.low:,.1f} to {row.high:,.1f}"
    return _num(row.target)


def _measure_text(b: Any) -> str:
    unit = f" ({b.unit})" if b.unit else ""
    text = f"{b.indicator_name}{unit}, {b.area_name}"
    if getattr(b, "suppressed", False):  # the reason why the baseline and its targets are blank
        text += f"; {b.note} (no target can be derived from it)"
    elif isinstance(b.period, str) and b.period:
        text += f"; baseline {b.period}"
    if isinstance(b.comparator_name, str) and b.comparator_name and pd.notna(b.comparator_value):
        text += f"; {b.comparator_name} {b.comparator_value:,.1f}"
    return text


def _measure_row(m: Measure, plan: Any, years: tuple[int, ...], action_label: str, officer: str) -> tuple[Cell, ...]:
    b = next(plan.baselines[plan.baselines["measure_id"] == m.id].itertuples(index=False))
    targets = {r.year: r for r in plan.targets[plan.targets["measure_id"] == m.id].itertuples(index=False)}
    cells: list[Cell] = [action_label, "", _measure_text(b), _num(b.value)]
    cells += [_target_cell(targets.get(y)) for y in years]
    cells += ["", "", "", m.owner or officer, m.lead_partnership, ""]
    return _clean(cells)


def _action_row(a: Action, years: tuple[int, ...]) -> tuple[Cell, ...]:
    bullets = "\n".join(f"• {t}" for t in a.tasks)
    milestones = "\n".join(f"{m.text} ({m.date.isoformat()})" for m in a.milestones)
    cells: list[Cell] = [a.action, bullets, "\n".join(a.measures), a.targets.get("baseline", "")]
    cells += [a.targets.get(str(y), "") for y in years]
    cells += [milestones, a.timescale, a.resources, a.contact_officer, a.lead_partnership, a.long_term_ambitions]
    return _clean(cells)


def theme_tables(plan: Any) -> list[ThemeTable]:
    """The action-plan table of each theme, in the framework's theme order.

    Parameters
    ----------
    plan
        An :class:`~evidence.outcomes.ActionPlan`.
    """
    framework = plan.framework
    tables = []
    for theme in framework.theme_order():
        outcomes = [o for o in framework.outcomes if o.theme == theme]
        measures = [m for o in outcomes for m in o.all_measures()]
        years = sorted({y for m in measures for y in m.target_years}
                       | {int(k) for o in outcomes for a in o.actions for k in a.targets if k != "baseline"})
        ids = {m.id for m in measures}
        periods = plan.baselines.loc[plan.baselines["measure_id"].isin(ids), "period"].dropna()
        like = periods.iloc[0] if not periods.empty else None
        blocks = []
        for o in outcomes:
            rows = tuple(_measure_row(m, plan, tuple(years), "Outcome measure", "") for m in o.measures)
            action_rows: list[tuple[Cell, ...]] = []
            for a in o.actions:
                action_rows.append(_action_row(a, tuple(years)))
                action_rows += [_measure_row(m, plan, tuple(years), "", a.contact_officer) for m in a.indicator_measures]
            aim = f"Aim {o.aim}: {framework.aim_title(o.aim)}" if o.aim else ""
            heading, aim = _clean([f"Outcome {o.id}: {o.title}", aim])
            blocks.append(Block(o, str(heading), str(aim), rows, tuple(action_rows)))
        tables.append(ThemeTable(theme, framework.theme_name(theme), tuple(years),
                                 tuple(period_label(y, like) for y in years), tuple(blocks)))
    return tables
