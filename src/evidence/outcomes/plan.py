"""The action plan: a framework with its baselines, targets, SMART check and monitoring.

Everything is computed from the published evidence (disclosure control applied), so a
plan, and every page and file made from it, holds no hidden figure: a baseline hidden
by disclosure control is blank, and so are the targets derived from it (with the reason).

:func:`action_plan` is the one call a notebook needs::

    eb = evidence.load("data")
    plan = evidence.outcomes.action_plan(eb, "data/outcomes.yml", issues=priority_issues)
    plan.smart                  # measures lacking a baseline, target, date or owner; actions
                                # measured only by process counts (lacks "outcome measure")
    plan.summary                # measures on and off track per theme
    plan.write_xlsx("areaprofiles/action-plan.xlsx")
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from evidence.errors import ProjectError
from evidence.outcomes.baselines import measure_baselines
from evidence.outcomes.framework import Framework
from evidence.outcomes.inputs import framework_file
from evidence.outcomes.linking import Coverage, coverage
from evidence.outcomes.monitoring import chart_data, monitor, theme_summary
from evidence.outcomes.reader import load_framework
from evidence.outcomes.review import process_only_actions
from evidence.outcomes.smart import smart_check
from evidence.outcomes.yearly_targets import measure_targets
from evidence.published import as_published

__all__ = ["ActionPlan", "action_plan", "framework_path"]


@dataclass(frozen=True, eq=False)
class ActionPlan:
    """Everything computed for one framework from one evidence base (see :func:`action_plan`)."""

    framework: Framework
    baselines: pd.DataFrame
    targets: pd.DataFrame
    smart: pd.DataFrame
    monitoring: pd.DataFrame
    summary: pd.DataFrame
    chart: pd.DataFrame
    coverage: Coverage | None = None

    def write_xlsx(self, path: str | Path) -> Path:
        """Write the plan as an Excel workbook in the template's layout (see :mod:`.exports`)."""
        from evidence.outcomes.exports import write_xlsx

        return write_xlsx(self, path)

    def write_docx(self, path: str | Path) -> Path:
        """Write the plan as a Word document (see :mod:`.exports`)."""
        from evidence.outcomes.exports import write_docx

        return write_docx(self, path)

    def __repr__(self) -> str:
        f = self.framework
        n = sum(1 for _ in f.measures())
        return (f"<ActionPlan {f.title!r}: {len(f.outcomes)} outcomes, {n} measures, "
                f"{self.smart['measure_id'].nunique()} not SMART>")


def framework_path(evidence: Any) -> Path:
    """The ``outcomes`` file named in ``evidence.yml``, relative to the project folder.

    Raises :class:`~evidence.ProjectError` when the project names none.
    """
    path = framework_file(evidence.config)
    if path is None:
        raise ProjectError(f"{evidence.config.name}: evidence.yml names no outcome framework. Add "
                           "'outcomes: outcomes.yml' to it, or pass the file to action_plan().")
    return path


def _smart(framework: Framework, base: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """The SMART check of the measures, then the actions measured only by process counts."""
    frames = [f for f in (smart_check(framework, base, targets), process_only_actions(framework)) if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else smart_check(framework, base, targets)


def action_plan(evidence: Any, framework: Framework | str | Path | None = None, *,
                issues: pd.DataFrame | None = None) -> ActionPlan:
    """Compute baselines, yearly targets, the SMART check, monitoring and (with ``issues``) coverage.

    Parameters
    ----------
    evidence
        The :class:`~evidence.PublishedEvidence`, or the ``EvidenceBase`` (put through
        disclosure control first: the plan never sees a raw value).
    framework
        A :class:`Framework` or the path of an ``outcomes.yml`` (read and checked
        against ``evidence``; every problem is raised at once). Default: the file
        named by ``outcomes`` in ``evidence.yml``.
    issues
        The gap analysis's priority issues (at least ``indicator_id, area_code``).
    """
    evidence = as_published(evidence)
    if framework is None:
        framework = framework_path(evidence)
    if not isinstance(framework, Framework):
        framework = load_framework(framework, evidence)
    base = measure_baselines(framework, evidence)
    targets = measure_targets(framework, evidence, base)
    monitoring = monitor(framework, evidence, base, targets)
    return ActionPlan(
        framework=framework,
        baselines=base,
        targets=targets,
        smart=_smart(framework, base, targets),
        monitoring=monitoring,
        summary=theme_summary(framework, monitoring),
        chart=chart_data(evidence, base, monitoring),
        coverage=coverage(framework, issues, evidence) if issues is not None else None,
    )
