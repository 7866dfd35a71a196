"""The review section of the plan page: target sets, old against revised targets, overdue milestones.

Made from :mod:`evidence.outcomes.review` (pure tables), said in words with a table where
there is one; every name from ``outcomes.yml`` is escaped by :func:`~evidence.render._html.tag`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from evidence.outcomes.review import overdue_milestones, process_only_actions, revised_targets, target_set_status
from evidence.render import heading, table
from evidence.render._html import Markup, join, tag

__all__ = ["process_findings", "review_section"]


def _day(value: Any) -> str:
    return f"{value:%d %B %Y}".lstrip("0")


def review_section(plan: Any, themes: list[str] | None = None) -> Markup:
    """The "Review of the plan" section of ``plan`` (only ``themes`` when given)."""
    framework = plan.framework
    on = framework.reviewed_on
    parts: list[Any] = [heading("Review of the plan", 2, id="review"),
                        tag("p", f"Judged on {_day(on)}, the plan's review date.")]
    parts.append(heading("Target sets", 3, id="target-sets"))
    sets = target_set_status(framework)
    if sets.empty:
        parts.append(tag("p", "The plan lists no target sets: add 'target_sets' with the dates each was agreed "
                              "and expires, so that the two-yearly review can be tracked."))
    else:
        due = sets[sets["status"] != "current"]
        parts.append(tag("ul", [tag("li", f"Target set {r.id} (agreed {_day(r.agreed)}, {r.measures} measures) "
                                          + (f"expired on {_day(r.expires)}: revise its targets."
                                             if r.status == "expired" else f"expires on {_day(r.expires)}: "
                                             "plan its revision."))
                                for r in due.itertuples(index=False)]) if len(due) else
                     tag("p", "No target set has expired or expires in the next six months."))
    parts.append(heading("Old against revised targets", 3, id="revised-targets"))
    revised = revised_targets(framework, plan.targets)
    if themes is not None:
        ids = {m.id for o in framework.outcomes if o.theme in themes for m in o.all_measures()}
        revised = revised[revised["measure_id"].isin(ids)]
    if revised.empty:
        parts.append(tag("p", "No measure records the targets of an earlier set (previous_targets)."))
    else:
        parts.append(table(revised.assign(year=revised["year"].astype(str)),
                           caption="Targets of the earlier set against the revised targets",
                           columns={"measure_id": "Measure", "indicator_id": "Indicator", "target_set": "Set",
                                    "year": "Year", "old_target": "Old target", "new_target": "Revised target"},
                           row_header="measure_id"))
    parts.append(heading("Overdue milestones", 3, id="overdue"))
    overdue = overdue_milestones(framework)
    if themes is not None:
        overdue = overdue[overdue["theme"].isin(themes)]
    parts.append(tag("ul", [tag("li", f"{r.action_id}: {r.milestone} (due {_day(r.due)}, {r.days_overdue} days "
                                      "overdue, not marked done).") for r in overdue.itertuples(index=False)])
                 if len(overdue) else tag("p", "Every milestone due by the review date is done."))
    return join(parts)


def process_findings(plan: Any, themes: list[str] | None = None) -> pd.DataFrame:
    """The SMART-check rows of actions measured only by process counts (of ``themes`` when given)."""
    found = process_only_actions(plan.framework)
    if themes is not None:
        outcomes = {o.id for o in plan.framework.outcomes if o.theme in themes}
        found = found[found["outcome_id"].isin(outcomes)]
    return found
