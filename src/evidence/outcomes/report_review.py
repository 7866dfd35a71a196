"""The review section of the plan page: target sets, old against revised targets, overdue milestones,
and, when the project has a strategy file, the key issue of the year and the measures against the cap.

Made from :mod:`evidence.outcomes.review` (pure tables), said in words with a table where
there is one; every name from ``outcomes.yml`` is escaped by :func:`~evidence.render._html.tag`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from evidence.outcomes.review import key_issue_gaps, measure_counts, overdue_milestones, revised_targets, \
    target_set_status
from evidence.render import heading, table
from evidence.render._html import Markup, join, tag

__all__ = ["process_findings", "review_section"]


def _day(value: Any) -> str:
    return f"{value:%d %B %Y}".lstrip("0")


def review_section(plan: Any, themes: list[str] | None = None, strategy: Any = None,
                   within: Iterable[str] = ()) -> Markup:
    """The "Review of the plan" section of ``plan`` (only ``themes`` when given).

    ``strategy`` (the project's :class:`~evidence.strategy.Strategy`, or ``None``) adds the
    key issue of the year (``within``: the areas inside its area) and the measures per
    theme against its cap, the checks the strategy document makes, where the LSP monitors.
    """
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
    parts += _strategy_checks(framework, themes, strategy, within)
    return join(parts)


def _strategy_checks(framework: Any, themes: list[str] | None, strategy: Any, within: Iterable[str]) -> list[Any]:
    order = list(themes) if themes is not None else framework.theme_order()
    parts: list[Any] = [heading("Key issue of the year", 3, id="review-key-issue")]
    issue = getattr(strategy, "key_issue", None)
    if issue is None:
        parts.append(tag("p", "The project names no key issue of the year (key_issue in the strategy file)."))
    else:
        gaps = key_issue_gaps(framework, issue.area, within)
        gaps = gaps[gaps["theme"].isin(order)]
        where = f" ({issue.area})" if issue.area else ""
        parts.append(tag("p", f"The key issue of the year is {issue.issue}{where}: every theme group needs at least "
                              "one action tagged for it, or measured in its area."))
        parts.append(tag("p", "Every theme group has an action for it.") if gaps.empty else
                     join([tag("p", "Theme groups with no action for the key issue yet:"),
                           tag("ul", [tag("li", name) for name in gaps["theme_name"]])]))
    cap = getattr(strategy, "max_measures", None)
    parts.append(heading("Fewer targets", 3, id="review-fewer-targets"))
    counts = measure_counts(framework, cap)
    counts = counts[counts["theme"].isin(order)]
    if cap is None:
        parts.append(tag("p", "The project sets no cap on measures per theme (max_measures in the strategy file)."))
    parts.append(tag("ul", [tag("li", f"{r.theme_name}: {r.measures} indicator measure{'s' if r.measures != 1 else ''}"
                                      + (f" against a cap of {cap}" + (", over the cap: fewer targets are asked for."
                                                                       if r.over else ".") if cap is not None else "."))
                            for r in counts.itertuples(index=False)]))
    return parts


def process_findings(plan: Any, themes: list[str] | None = None) -> pd.DataFrame:
    """The SMART-check rows of actions measured only by process counts (of ``themes`` when given)."""
    found = plan.smart[plan.smart["lacks"] == "outcome measure"]
    if themes is not None:
        outcomes = {o.id for o in plan.framework.outcomes if o.theme in themes}
        found = found[found["outcome_id"].isin(outcomes)]
    return found.reset_index(drop=True)
