"""Outcome framework and action plans: from the evidence to measures, targets and monitoring.

After the gap analysis the partnership chooses priority outcomes; each theme group
writes an action plan (outcome measures with a baseline and yearly targets, actions,
tasks, milestones, leads). This subpackage reads that plan from ``outcomes.yml``
(``docs/outcomes-format.md``), fills in the numbers from the evidence base and writes
it back out in the council's template::

    import evidence
    from evidence import outcomes

    eb = evidence.load("data")
    plan = outcomes.action_plan(eb, "data/outcomes.yml", issues=priority_issues)
    plan.smart, plan.summary, plan.coverage
    plan.write_xlsx("areaprofiles/action-plan.xlsx")

Modules: :mod:`.framework` (the nouns), :mod:`.reader` (reading and checking),
:mod:`.linking` (issues to outcomes), :mod:`.baselines`, :mod:`.target_methods` (the
registry), :mod:`.yearly_targets`, :mod:`.smart`, :mod:`.monitoring`, :mod:`.layout`
(the template table), :mod:`.exports` (xlsx, docx), :mod:`.plan` (all of it at once).
"""

from typing import TYPE_CHECKING, Any

from evidence._lazy import lazy_attribute, lazy_dir

if TYPE_CHECKING:  # pragma: no cover
    from evidence.outcomes.baselines import measure_baselines, period_label
    from evidence.outcomes.exports import write_docx, write_xlsx
    from evidence.outcomes.framework import Action, Aim, Framework, Measure, Milestone, Outcome, ThemeGroup
    from evidence.outcomes.layout import theme_tables
    from evidence.outcomes.linking import Coverage, contained_areas, coverage, outcome_evidence
    from evidence.outcomes.monitoring import chart_data, monitor, theme_summary
    from evidence.outcomes.plan import ActionPlan, action_plan, framework_path
    from evidence.outcomes.reader import load_framework, read_framework
    from evidence.outcomes.smart import smart_check
    from evidence.outcomes.target_methods import (
        TargetContext,
        TargetMethod,
        Targets,
        get_target_method,
        register_target_method,
        target_method_names,
    )
    from evidence.outcomes.yearly_targets import measure_targets

__all__ = [
    "Action",
    "ActionPlan",
    "Aim",
    "Coverage",
    "Framework",
    "Measure",
    "Milestone",
    "Outcome",
    "TargetContext",
    "TargetMethod",
    "Targets",
    "ThemeGroup",
    "action_plan",
    "chart_data",
    "contained_areas",
    "coverage",
    "framework_path",
    "get_target_method",
    "load_framework",
    "measure_baselines",
    "measure_targets",
    "monitor",
    "outcome_evidence",
    "period_label",
    "read_framework",
    "register_target_method",
    "smart_check",
    "target_method_names",
    "theme_summary",
    "theme_tables",
    "write_docx",
    "write_xlsx",
]

# Imported on first use: a report that finds its last run current needs none of them.
_HOME = {
    "Action": "evidence.outcomes.framework",
    "ActionPlan": "evidence.outcomes.plan",
    "Aim": "evidence.outcomes.framework",
    "Coverage": "evidence.outcomes.linking",
    "Framework": "evidence.outcomes.framework",
    "Measure": "evidence.outcomes.framework",
    "Milestone": "evidence.outcomes.framework",
    "Outcome": "evidence.outcomes.framework",
    "TargetContext": "evidence.outcomes.target_methods",
    "TargetMethod": "evidence.outcomes.target_methods",
    "Targets": "evidence.outcomes.target_methods",
    "ThemeGroup": "evidence.outcomes.framework",
    "action_plan": "evidence.outcomes.plan",
    "chart_data": "evidence.outcomes.monitoring",
    "contained_areas": "evidence.outcomes.linking",
    "coverage": "evidence.outcomes.linking",
    "framework_path": "evidence.outcomes.plan",
    "get_target_method": "evidence.outcomes.target_methods",
    "load_framework": "evidence.outcomes.reader",
    "measure_baselines": "evidence.outcomes.baselines",
    "measure_targets": "evidence.outcomes.yearly_targets",
    "monitor": "evidence.outcomes.monitoring",
    "outcome_evidence": "evidence.outcomes.linking",
    "period_label": "evidence.outcomes.baselines",
    "read_framework": "evidence.outcomes.reader",
    "register_target_method": "evidence.outcomes.target_methods",
    "smart_check": "evidence.outcomes.smart",
    "target_method_names": "evidence.outcomes.target_methods",
    "theme_summary": "evidence.outcomes.monitoring",
    "theme_tables": "evidence.outcomes.layout",
    "write_docx": "evidence.outcomes.exports",
    "write_xlsx": "evidence.outcomes.exports",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _HOME, name, globals())


def __dir__() -> list[str]:
    return lazy_dir(globals(), __all__)
