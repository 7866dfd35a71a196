"""The review cycle of an outcome framework: target sets, the key issue, fewer targets, milestones.

Pure functions over a :class:`~evidence.outcomes.Framework` (and, for old against
revised targets, the yearly targets computed from it). Every date is judged on the
framework's :attr:`~evidence.outcomes.Framework.reviewed_on` day (``review_date``, else
``issued``), never on the clock, so a page made twice says the same.

- :func:`target_set_status`: each target set agreed, expiring (within six months) or expired
  (targets are revised every two years);
- :func:`revised_targets`: the targets of the set a measure revises against its new ones;
- :func:`key_issue_gaps`: theme groups with no action tagged for the key issue of the year
  or measured in its area;
- :func:`measure_counts`: indicator measures per theme against a cap ("fewer targets");
- :func:`process_only_actions`: actions measured only by process counts (SMART-check findings);
- :func:`overdue_milestones`: milestones due before the review day and not done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from evidence.outcomes.framework import Framework
from evidence.outcomes.smart import SMART_COLUMNS

__all__ = ["EXPIRING_DAYS", "key_issue_gaps", "measure_counts", "overdue_milestones", "process_only_actions",
           "revised_targets", "target_set_status"]

#: A set expiring within this many days of the review day is listed as expiring.
EXPIRING_DAYS = 183


def target_set_status(framework: Framework, on: dt.date | None = None) -> pd.DataFrame:
    """Each target set with its status on ``on`` (default: the framework's review day).

    Returns ``id, agreed, expires, status, measures``: ``status`` is ``expired``,
    ``expiring`` (within :data:`EXPIRING_DAYS`) or ``current``; ``measures`` counts the
    indicator measures whose targets belong to the set.
    """
    on = on or framework.reviewed_on
    counts: dict[str, int] = {}
    for m in framework.measures():
        if m.target_set:
            counts[m.target_set] = counts.get(m.target_set, 0) + 1
    rows = []
    for s in sorted(framework.target_sets, key=lambda s: (s.agreed, s.id)):
        status = ("expired" if s.expires < on else
                  "expiring" if (s.expires - on).days <= EXPIRING_DAYS else "current")
        rows.append({"id": s.id, "agreed": s.agreed, "expires": s.expires, "status": status,
                     "measures": counts.get(s.id, 0)})
    return pd.DataFrame(rows, columns=["id", "agreed", "expires", "status", "measures"])


def revised_targets(framework: Framework, targets: pd.DataFrame) -> pd.DataFrame:
    """Old against revised: ``measure_id, indicator_id, target_set, year, old_target, new_target``.

    One row per year a measure has a ``previous_targets`` entry for, with the yearly target
    now computed for that year (``targets``: :func:`~evidence.outcomes.measure_targets`;
    blank when the year is no longer a target year).
    """
    new = targets.set_index(["measure_id", "year"])["target"] if len(targets) else pd.Series(dtype=float)
    rows = [{"measure_id": m.id, "indicator_id": m.indicator, "target_set": m.target_set or "", "year": year,
             "old_target": old, "new_target": float(new.get((m.id, year), float("nan")))}
            for m in framework.measures() for year, old in sorted(m.previous_targets.items())]
    return pd.DataFrame(rows, columns=["measure_id", "indicator_id", "target_set", "year", "old_target",
                                       "new_target"])


def key_issue_gaps(framework: Framework, area: str | None = None, within: Iterable[str] = ()) -> pd.DataFrame:
    """Theme groups with no action for the key issue of the year.

    An action counts when it is tagged ``key_issue: true`` or one of its indicator
    measures is for ``area`` (or an area in ``within``: the areas inside it).

    >>> from evidence.outcomes.framework import Action, Framework, Outcome
    >>> import datetime as dt
    >>> f = Framework("Plan", dt.date(2025, 1, 1), (Outcome("1", "A", "safer", actions=(Action("1 action a", "1", "x",
    ...     key_issue=True),)), Outcome("2", "B", "healthy")))
    >>> key_issue_gaps(f)["theme"].tolist()
    ['healthy']
    """
    areas = {a for a in [area, *within] if a}
    covered = {o.theme for o in framework.outcomes for a in o.actions
               if a.key_issue or any(m.area in areas for m in a.indicator_measures)}
    rows = [{"theme": t, "theme_name": framework.theme_name(t)} for t in framework.theme_order() if t not in covered]
    return pd.DataFrame(rows, columns=["theme", "theme_name"])


def measure_counts(framework: Framework, cap: int | None = None) -> pd.DataFrame:
    """Indicator measures per theme against ``cap``: ``theme, theme_name, outcomes, measures, cap, over``."""
    rows = []
    for t in framework.theme_order():
        outcomes = [o for o in framework.outcomes if o.theme == t]
        n = sum(len(o.all_measures()) for o in outcomes)
        rows.append({"theme": t, "theme_name": framework.theme_name(t), "outcomes": len(outcomes), "measures": n,
                     "cap": cap, "over": bool(cap is not None and n > cap)})
    return pd.DataFrame(rows, columns=["theme", "theme_name", "outcomes", "measures", "cap", "over"])


def process_only_actions(framework: Framework) -> pd.DataFrame:
    """Actions measured only by process counts, as SMART-check rows (``lacks``: ``outcome measure``).

    "Try to avoid process measures": an action whose measures are all counts of what was
    done (text measures, no indicator) says nothing about the outcome for people.
    """
    rows = []
    for o in framework.outcomes:
        for a in o.actions:
            if a.measures and not a.indicator_measures:
                counted = "; ".join(a.measures)
                rows.append({"outcome_id": o.id, "measure_id": a.id, "indicator_id": "", "lacks": "outcome measure",
                             "message": f"Action '{a.id}' ({a.action}) is measured only by process counts "
                                        f"({counted}): try to avoid process measures; add an indicator measure "
                                        "of the outcome it should change."})
    return pd.DataFrame(rows, columns=list(SMART_COLUMNS))


def overdue_milestones(framework: Framework, on: dt.date | None = None) -> pd.DataFrame:
    """Milestones due before ``on`` (default: the review day) with no done date.

    Returns ``theme, outcome_id, action_id, milestone, due, days_overdue``, most overdue first.
    """
    on = on or framework.reviewed_on
    rows = [{"theme": o.theme, "outcome_id": o.id, "action_id": a.id, "milestone": m.text, "due": m.date,
             "days_overdue": (on - m.date).days}
            for o in framework.outcomes for a in o.actions for m in a.milestones if m.overdue(on)]
    frame = pd.DataFrame(rows, columns=["theme", "outcome_id", "action_id", "milestone", "due", "days_overdue"])
    return frame.sort_values(["days_overdue", "action_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
