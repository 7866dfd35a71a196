"""The outcome framework: aims, priority outcomes, their measures and their actions.

These frozen dataclasses are what :func:`evidence.outcomes.read_framework` returns
from an ``outcomes.yml`` (documented in ``docs/outcomes-format.md``). They hold the
partnership's choices only; numbers (baselines, targets, statuses) are computed from
the evidence base by the other modules of :mod:`evidence.outcomes`, so a framework
can be reviewed every year against fresh data without being edited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from evidence.errors import DataError, did_you_mean

__all__ = ["Action", "Aim", "Framework", "Measure", "Milestone", "Outcome", "TargetSet", "ThemeGroup"]


@dataclass(frozen=True)
class Aim:
    """A high-level aim of the strategy ("Aim 2: A place where all communities matter")."""

    id: str
    title: str


@dataclass(frozen=True)
class ThemeGroup:
    """A theme (or priority action group) that owns outcomes; one sheet of the action plan."""

    id: str
    name: str


@dataclass(frozen=True)
class Milestone:
    """A dated step of an action; ``done`` is the date it was done (``None``: not yet)."""

    text: str
    date: dt.date
    done: dt.date | None = None

    def overdue(self, on: dt.date) -> bool:
        """Due before ``on`` and not done."""
        return self.done is None and self.date < on


@dataclass(frozen=True)
class TargetSet:
    """A set of targets as agreed: its id, when it was agreed and when it expires (revised two-yearly)."""

    id: str
    agreed: dt.date
    expires: dt.date


@dataclass(frozen=True)
class Measure:
    """An indicator-backed measure with a baseline and yearly targets.

    Parameters
    ----------
    id
        Unique within the framework: given, or ``"<outcome> measure <n>"`` (outcome
        measures) and ``"<outcome> action <a> measure <n>"`` (action measures).
    indicator
        Catalogue id of the indicator.
    area
        Area code the measure is for (``None``: the project's focus area).
    comparator
        ``england``, an area-type name (the area's ancestor of that type) or an area
        code; ``None``: the main comparator of the evidence base.
    target_method, target_params
        Name of a registered target method and its parameters.
    target_years
        The years a target is set for, matched on the evidence base's ``year``
        (first calendar year of a period).
    baseline_year
        The baseline is the latest period up to this year (``None``: the latest
        period), so that the baseline stays put as monitoring data arrive.
    """

    id: str
    outcome_id: str
    indicator: str
    area: str | None = None
    comparator: str | None = None
    target_method: str | None = None
    target_params: dict[str, Any] = field(default_factory=dict, hash=False)
    target_years: tuple[int, ...] = ()
    baseline_year: int | None = None
    owner: str = ""
    lead_partnership: str = ""
    action: str | None = None
    target_set: str | None = None
    previous_targets: dict[int, float] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Action:
    """One row of the template: an action with tasks, measures, milestones and leads."""

    id: str
    outcome_id: str
    action: str
    tasks: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    indicator_measures: tuple[Measure, ...] = ()
    targets: dict[str, str] = field(default_factory=dict, hash=False)
    milestones: tuple[Milestone, ...] = ()
    timescale: str = ""
    resources: str = ""
    contact_officer: str = ""
    lead_partnership: str = ""
    long_term_ambitions: str = ""
    key_issue: bool = False


@dataclass(frozen=True)
class Outcome:
    """A priority outcome ("2.1 Communities live, work and play in peace and harmony")."""

    id: str
    title: str
    theme: str
    aim: str | None = None
    measures: tuple[Measure, ...] = ()
    actions: tuple[Action, ...] = ()

    def all_measures(self) -> tuple[Measure, ...]:
        """Outcome measures, then the indicator measures of each action."""
        return self.measures + tuple(m for a in self.actions for m in a.indicator_measures)


@dataclass(frozen=True)
class Framework:
    """A whole outcome framework: the contents of one ``outcomes.yml``.

    ``issued`` fixes the date written into exported documents, so a regenerated
    export is identical; ``as_of`` (default: the year of ``issued``) is the year that
    the age of the latest data is measured from. ``target_sets`` are the sets of targets
    as agreed (with their expiry), ``review_date`` the day the plan is reviewed on
    (expired sets and overdue milestones are judged on it; default ``issued``: never the
    clock, so a page is the same whenever it is made).
    """

    title: str
    issued: dt.date
    outcomes: tuple[Outcome, ...]
    aims: tuple[Aim, ...] = ()
    themes: tuple[ThemeGroup, ...] = ()
    max_data_age: int = 3
    as_of: int | None = None
    source: str | None = None
    target_sets: tuple[TargetSet, ...] = ()
    review_date: dt.date | None = None

    @property
    def reviewed_on(self) -> dt.date:
        """The day target sets and milestones are judged on: ``review_date``, else ``issued``."""
        return self.review_date or self.issued

    @property
    def reference_year(self) -> int:
        """The year data age is measured from."""
        return self.as_of if self.as_of is not None else self.issued.year

    def measures(self) -> Iterator[Measure]:
        """Every indicator measure, outcome by outcome."""
        for outcome in self.outcomes:
            yield from outcome.all_measures()

    def outcome(self, outcome_id: str) -> Outcome:
        """The outcome with id ``outcome_id``."""
        for outcome in self.outcomes:
            if outcome.id == outcome_id:
                return outcome
        ids = [o.id for o in self.outcomes]
        raise DataError(f"Unknown outcome {outcome_id!r}.{did_you_mean(outcome_id, ids)} Outcomes: {', '.join(ids)}.")

    def theme_name(self, theme_id: str) -> str:
        """Display name of a theme id (the id itself when the theme is not listed)."""
        return next((t.name for t in self.themes if t.id == theme_id), theme_id)

    def theme_order(self) -> list[str]:
        """Theme ids in report order: listed themes first, then any others as they appear."""
        order = [t.id for t in self.themes]
        for outcome in self.outcomes:
            if outcome.theme not in order:
                order.append(outcome.theme)
        return [t for t in order if any(o.theme == t for o in self.outcomes)]

    def aim_title(self, aim_id: str | None) -> str:
        return next((a.title for a in self.aims if a.id == aim_id), "")
