"""``eb.gaps()`` and ``eb.plan()``: the gap analysis and the action plan as notebook objects.

Each keeps the object the reports are made from (:class:`~evidence.gaps.analysis.GapAnalysis`,
:class:`~evidence.outcomes.ActionPlan`) and shows the sections of its board page that
answer "what are the priority issues?" and "where does the plan stand?", made by the
same section renderers; ``data`` is the table behind them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from evidence.published import as_published
from evidence.render._html import Markup, join, tag

from evidence.display._view import View

__all__ = ["GapsView", "PlanView", "gaps_view", "plan_view"]


@dataclass(frozen=True, eq=False, repr=False)
class GapsView(View):
    """The gap analysis: ``analysis`` (every table), ``data`` the ranked area x indicator issues."""

    analysis: Any = None

    @property
    def priority_issues(self):
        """The ranked area x theme issues (``analysis.themes``)."""
        return self.analysis.themes.copy()

    def report(self):
        """The whole gap-analysis page as a :class:`~evidence.render.document.Document`."""
        from evidence.gaps.report import build_gap_report

        return build_gap_report(self.analysis.eb, focus_area=self.analysis.focus_area, theme=self.analysis.theme)


@dataclass(frozen=True, eq=False, repr=False)
class PlanView(View):
    """The action plan: ``plan`` (baselines, targets, monitoring...), ``data`` its monitoring table."""

    plan: Any = None
    report: Any = None

    @property
    def summary(self):
        """Measures on and off track per theme (``plan.summary``; empty without a framework)."""
        return self.plan.summary.copy() if self.plan is not None else pd.DataFrame()


def gaps_view(evidence: object, *, focus_area: str | None = None, theme: str | None = None) -> GapsView:
    """The gap analysis of the focus area (or one theme): summary and priority issues."""
    from evidence.gaps import sections
    from evidence.gaps.analysis import analyse

    shown = as_published(evidence)
    a = analyse(shown, focus_area=focus_area, theme=theme)
    html = join([sections.title(a), sections.summary(a), sections.priorities(a)])
    title = f"Gap analysis: {a.focus_name}" + (f", {a.theme_name}" if a.theme else "")
    return GapsView(title, Markup(html), a.scores.reset_index(drop=True), height=1200, analysis=a)


def plan_view(evidence: object, framework: Any = None) -> PlanView:
    """The action plan of the project's outcome framework, checked against the priority issues.

    A project that names no outcome framework (and none given) gets a view that says how
    to add one, with no data, so that a tour of any project runs to its end.
    """
    from evidence.outcomes import action_plan
    from evidence.outcomes.inputs import framework_file
    from evidence.outcomes.issues import priority_issues
    from evidence.outcomes.report import build_plan_report

    shown = as_published(evidence)
    if framework is None and framework_file(shown.config) is None:
        title = f"{shown.config.name}: no action plan yet"
        html = join([tag("h2", title), tag("p", "evidence.yml names no outcome framework. Add 'outcomes: outcomes.yml' "
                                                "to it (docs/outcomes-format.md), or pass the file: eb.plan(PATH).")])
        return PlanView(title, html, pd.DataFrame(), height=200)
    plan = action_plan(shown, framework, issues=priority_issues(shown))
    report = build_plan_report(shown, plan)
    html = join([report.section(s).html for s in ("title", "summary", "monitoring", "coverage", "review")])
    return PlanView(report.title, Markup(html), plan.monitoring.reset_index(drop=True), height=1200, plan=plan,
                    report=report)
