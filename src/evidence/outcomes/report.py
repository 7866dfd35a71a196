"""The outcome framework report for the board: outcomes, evidence, action plans, monitoring, gaps.

:func:`build_plan_report` returns a :class:`Report`: an ordered list of sections, each
an HTML fragment made with :mod:`evidence.render` (every name from the inputs escaped,
every chart with its words and its table). ``notebooks/priority_outcomes.ipynb``
displays the sections one per cell and ``evidence plan`` exports that notebook::

    eb = evidence.load("data")
    plan = outcomes.action_plan(eb, issues=outcomes.priority_issues(eb))
    report = build_plan_report(eb, plan)
    report.section("summary")

Sections: ``title`` (the page's only ``<h1>``), ``summary`` (in plain words),
``theme-<id>`` (per theme: each outcome's measures, evidence and actions, from
:mod:`.report_themes`), ``monitoring``, ``coverage``, ``proofing`` and ``national`` (from
:mod:`evidence.proofing.section`), ``smart`` (with the actions measured
only by process counts), ``review`` (target sets expiring and expired, old against revised
targets, overdue milestones: :mod:`.report_review`), ``downloads`` and ``how-to-read``. The plan was computed from the published evidence (disclosure control
applied), so a baseline or actual value whose count is below the project's ``min_count``
is blank, and so are the targets derived from it, with the reason on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from evidence.disclosure import suppression_note
from evidence.errors import DataError, did_you_mean
from evidence.outcomes.layout import theme_tables
from evidence.outcomes.report_review import process_findings, review_section
from evidence.outcomes.report_themes import monitoring_section, theme_section
from evidence.proofing.section import national_section, proofing_section
from evidence.published import as_published
from evidence.render import callout, heading, summary_list, table
from evidence.render._html import Markup, join, tag
from evidence.render.document import Document, Section
from evidence.render.target_chart import status_badge
from evidence.timetable.page import project_banner

__all__ = ["Report", "Section", "build_plan_report"]


@dataclass(frozen=True)
class Report(Document):
    """The outcome framework report: its title and its sections in reading order."""


def _latest_status(plan: Any, ids: list[str]) -> pd.Series:
    assessed = plan.monitoring[plan.monitoring["status"] != "Not assessed"]
    latest = assessed.sort_values("year").groupby("measure_id").tail(1).set_index("measure_id")["label"]
    return latest.reindex(ids)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _unaddressed(cover: Any, themes: list[str]) -> pd.DataFrame:
    """Priority issues no outcome addresses; on a one-theme report, those of that theme when it is a
    catalogue theme (otherwise all of them)."""
    un = cover.unaddressed
    if len(themes) == 1 and "theme" in un.columns and themes[0] in set(un["theme"].astype(str)):
        return un[un["theme"].astype(str) == themes[0]]
    return un


def _summary(plan: Any, outcomes: list, ids: list[str], themes: list[str]) -> Markup:
    status = _latest_status(plan, ids)
    met, missed = int((status == "Target met").sum()), int((status == "Target missed").sum())
    close = int(status.isin(["Too close to call", "Close to target"]).sum())
    pending = len(ids) - met - missed - close
    smart = plan.smart[plan.smart["measure_id"].isin(ids)]
    bullets = [
        f"The plan has {_plural(len(outcomes), 'priority outcome')} in {_plural(len(themes), 'theme')}, "
        f"measured by {_plural(len(ids), 'indicator measure')}.",
        f"On the latest data, {met} of the {len(ids)} measures are on track (target met), {missed} are off track "
        f"(target missed) and {close} {'is' if close == 1 else 'are'} too close to call; {pending} "
        f"{'has' if pending == 1 else 'have'} no data for a target year yet.",
    ]
    if smart.empty:
        bullets.append("Every measure has a baseline, a target, a date and an owner (SMART).")
    else:
        lacks = smart.groupby("lacks")["measure_id"].nunique()
        what = ", ".join(f"{n} without {'an' if k == 'owner' else 'a'} {k}" for k, n in lacks.items())
        n = smart["measure_id"].nunique()
        bullets.append(f"{_plural(n, 'measure')} {'is' if n == 1 else 'are'} not yet SMART: {what} (see the "
                       "SMART check).")
    cover = plan.coverage
    if cover is not None:
        no_measure = cover.no_measures[cover.no_measures["outcome_id"].isin([o.id for o in outcomes])]
        stale = cover.stale[cover.stale["measure_id"].isin(ids)]
        backed = cover.evidence.loc[cover.evidence["outcome_id"].isin([o.id for o in outcomes]), "outcome_id"]
        un = _unaddressed(cover, themes)
        bullets.append(f"{_plural(backed.nunique(), 'outcome')} address priority issues from the gap analysis; "
                       f"{_plural(len(un), 'priority issue')} ({_plural(un['indicator_id'].nunique(), 'indicator')}) "
                       f"{'is' if len(un) == 1 else 'are'} not addressed by any outcome.")
        bullets.append(f"{_plural(len(no_measure), 'outcome')} {'has' if len(no_measure) == 1 else 'have'} no "
                       f"measure, and {_plural(len(stale), 'measure')} {'has' if len(stale) == 1 else 'have'} "
                       "no recent data.")
    return summary_list(bullets, title="Summary")


def _coverage(eb: Any, plan: Any, outcomes: list, ids: list[str], themes: list[str]) -> Markup:
    parts: list[Any] = [heading("Gaps in the plan", 2, id="coverage")]
    cover = plan.coverage
    if cover is None:
        parts.append(tag("p", "The priority issues were not given, so the plan is not checked against them."))
    else:
        parts.append(heading("Priority issues that no outcome addresses", 3, id="unaddressed"))
        un = _unaddressed(cover, themes)
        if un.empty:
            parts.append(tag("p", "Every priority issue is addressed by at least one outcome's measure."))
        else:
            names = dict(zip(eb.indicators["id"].astype(str), eb.indicators["name"].astype(str)))
            theme_names = {t.id: t.name for t in eb.config.themes}
            grouped = []
            for ident, rows in un.sort_values("rank", kind="stable").groupby("indicator_id", sort=False):
                grouped.append({"indicator": names.get(str(ident), str(ident)),
                                "theme": theme_names.get(str(rows["theme"].iloc[0]), str(rows["theme"].iloc[0])),
                                "areas": ", ".join(rows["area_name"].astype(str)), "n": len(rows),
                                "rank": int(rows["rank"].min())})
            parts.append(table(pd.DataFrame(grouped), caption="Priority issues (worse than the benchmark) that no "
                               "outcome's measure addresses, by indicator",
                               columns={"indicator": "Indicator", "theme": "Theme", "areas": "Areas worse than "
                                        "their benchmark", "n": "Areas", "rank": "Highest priority rank"},
                               row_header="indicator"))
        parts.append(heading("Outcomes with no measure", 3, id="no-measures"))
        no = cover.no_measures[cover.no_measures["outcome_id"].isin([o.id for o in outcomes])]
        parts.append(tag("ul", [tag("li", f"Outcome {r.outcome_id}: {r.title} ({plan.framework.theme_name(r.theme)})")
                                for r in no.itertuples(index=False)]) if len(no) else
                     tag("p", "Every outcome has at least one measure."))
        parts.append(heading("Measures with no recent data", 3, id="stale"))
        stale = cover.stale[cover.stale["measure_id"].isin(ids)]
        base = plan.baselines.set_index("measure_id")
        items = [tag("li", f"Measure {r.measure_id} ({base.loc[r.measure_id, 'indicator_name']}, "
                           f"{base.loc[r.measure_id, 'area_name']}): "
                           + ("no data at all." if pd.isna(r.latest_year) else
                              f"latest data {int(r.latest_year)}, {int(r.age)} years before "
                              f"{plan.framework.reference_year}."))
                 for r in stale.itertuples(index=False)]
        parts.append(tag("ul", items) if items else tag("p", "Every measure has data from the last "
                                                        f"{plan.framework.max_data_age} years."))
    return join(parts)


def _smart(plan: Any, ids: list[str], themes: list[str]) -> Markup:
    smart = plan.smart[plan.smart["measure_id"].isin(ids)]
    intro = tag("p", "A measure is SMART when it has a baseline from the evidence, a target from a named method, "
                     "target years (a date) and an owner.")
    body = tag("ul", [tag("li", m) for m in smart["message"]]) if len(smart) else \
        tag("p", "Every measure has a baseline, a target, a date and an owner.")
    process = process_findings(plan, themes)
    found = [heading("Actions measured only by process counts", 3, id="process-measures"),
             tag("ul", [tag("li", m) for m in process["message"]]) if len(process) else
             tag("p", "Every action with measures has at least one indicator measure of its outcome.")]
    return join([heading("SMART check", 2, id="smart"), intro, body, *found])


def _downloads(downloads: Mapping[str, str] | None) -> Markup:
    parts: list[Any] = [heading("Downloads", 2, id="downloads")]
    if not downloads:
        parts.append(tag("p", "Run evidence plan to export the action plans as Excel and Word files."))
    else:
        parts.append(tag("p", "The action plans in the partnership's template, to edit and share:"))
        parts.append(tag("ul", [tag("li", tag("a", label, href=path)) for label, path in downloads.items()]))
    return join(parts)


def _how_to_read(min_count: int) -> Markup:
    statuses = [("Better", "Target met", "the value (and its whole 95% confidence interval) is on the good side of "
                 "the target, or inside a target range"),
                ("Worse", "Target missed", "the value and its whole interval are on the bad side of the target"),
                ("Similar", "Too close to call", "the interval straddles the target: the data cannot yet tell")]
    items = [tag("li", status_badge(words), ": ", meaning, ".") for _style, words, meaning in statuses]
    return callout(
        "How to read this report",
        tag("p", "Each outcome measure has a baseline (its latest value up to the baseline year, with its 95% "
                 "confidence interval and a comparator) and a target for each year, set by a named method. When "
                 "the data for a target year arrive, the measure gets a status:"),
        tag("ul", items),
        tag("p", "In the charts the solid line is the measure, the dashed line the target path; the marker's shape "
                 "repeats the status (circle: met, square: missed, diamond: too close to call). Every chart is "
                 "followed by a table with the same figures."),
        tag("p", "A priority issue is an indicator on which an area is significantly worse than its benchmark in "
                 "the gap analysis; an outcome addresses it when one of its measures is for the same indicator and "
                 "an area that contains the issue's area."),
        tag("p", suppression_note(min_count)),
    )


def _review(eb: Any, plan: Any, order: list[str]) -> Markup:
    """The review section, with the strategy file's key issue and cap when the project has one."""
    from evidence.strategy.content import areas_within
    from evidence.strategy.inputs import load_strategy

    strategy = load_strategy(eb)
    area = strategy.key_issue.area if strategy is not None and strategy.key_issue else None
    return review_section(plan, order, strategy, areas_within(eb, area))


def build_plan_report(eb: Any, plan: Any, *, theme: str | None = None,
                      downloads: Mapping[str, str] | None = None, as_of: str | None = None) -> Report:
    """Assemble the outcome framework report of ``plan`` (all themes, or one).

    Parameters
    ----------
    eb
        The :class:`~evidence.PublishedEvidence` the plan was computed from (or its
        ``EvidenceBase``, put through disclosure control first).
    plan
        An :class:`~evidence.outcomes.ActionPlan` (with ``issues`` given, for the
        evidence and coverage parts).
    theme
        A theme id or name: only its outcomes and measures are reported.
    downloads
        Link text -> path (relative to the page) of the exported action plans.
    as_of
        The day (ISO) the timetable's "where we are" banner is as of (default: today);
        ``evidence plan`` passes :func:`evidence.timetable.page.banner_day`.

    Returns
    -------
    Report
        Sections ``title, summary, theme-<id>..., monitoring, coverage, proofing,
        national, smart, review, downloads, how-to-read``.
    """
    eb = as_published(eb)
    framework = plan.framework
    order = framework.theme_order()
    if theme is not None:
        by_name = {framework.theme_name(t).lower(): t for t in order}
        chosen = theme if theme in order else by_name.get(str(theme).lower())
        if chosen is None:
            raise DataError(f"Unknown theme '{theme}'.{did_you_mean(str(theme), order)} Themes with outcomes: "
                            f"{', '.join(order)}.")
        order = [chosen]
    outcomes = [o for o in framework.outcomes if o.theme in order]
    ids = [m.id for o in outcomes for m in o.all_measures()]
    name = eb.config.name
    scope = f" ({framework.theme_name(order[0])})" if theme is not None else ""
    title = f"{framework.title}{scope}: outcomes, action plans and monitoring"
    lead = (f"The priority outcomes of {name}, the evidence behind each, the action plans in the partnership's "
            f"template and progress against the targets. Plan agreed on {framework.issued:%d %B %Y}; data age is "
            f"counted from {framework.reference_year}.")
    sections = [Section("title", join([tag("h1", title), tag("p", lead, class_="ev-lead"),
                                       project_banner(eb.config, as_of)])),  # "where we are", with a timetable
                Section("summary", _summary(plan, outcomes, ids, order))]
    tables = {t.theme: t for t in theme_tables(plan)}
    sections += [Section(f"theme-{t}", theme_section(eb, plan, tables[t])) for t in order if t in tables]
    sections += [Section("monitoring", monitoring_section(eb, plan, order)),
                 Section("coverage", _coverage(eb, plan, outcomes, ids, order)),
                 proofing_section(eb, framework, order), national_section(eb, framework),
                 Section("smart", _smart(plan, ids, order)),
                 Section("review", _review(eb, plan, order)),
                 Section("downloads", _downloads(downloads)),
                 Section("how-to-read", _how_to_read(eb.config.min_count))]
    return Report(title, tuple(sections))
