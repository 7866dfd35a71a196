"""Everything the strategy document says, assembled once from the other reports' results.

:func:`strategy_content` gathers, for one :class:`~evidence.strategy.Strategy`: per theme
its narrative, the evidence summary (from the gap analysis: what is significantly worse
than England, and the areas that rank highest on the theme), the priority outcomes with
their measures, baselines and yearly targets (the action plan's own template rows, so the
document and the exported plans say the same), what people said (the consultation's "you
said, we did", when there is a consultation) and the proofing statement (handed in by the
proofing record, when there is one); then what changed since the previous version, the
review checks (key issue of the year, measures against the cap), a glossary and the data
sources. The HTML page (:mod:`.page`) and the Word documents (:mod:`.docx`) render it.
Made from published evidence only: every figure has been through disclosure control.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from evidence.outcomes.layout import ThemeTable, theme_tables
from evidence.outcomes.review import key_issue_gaps, measure_counts
from evidence.strategy.changes import framework_changes
from evidence.strategy.model import Strategy

__all__ = ["NOT_ANALYSED", "NO_PROOFING", "NO_TIMETABLE", "StrategyContent", "ThemeContent", "areas_within",
           "strategy_content"]

NOT_ANALYSED = "The consultation has not been analysed yet."
NO_PROOFING = "The proofing record has not been provided yet."
NO_TIMETABLE = "The timetable of the strategy has not been set yet."

#: Terms every strategy uses, explained once (the strategy file's glossary adds to them).
GLOSSARY = {
    "Baseline": "The latest figure before the plan starts, against which progress is measured.",
    "Confidence interval": "The range within which the true value very probably lies (95%); a difference is "
                           "significant only when the ranges do not overlap the comparator.",
    "Gap analysis": "The comparison of each area's figures with its benchmark, to find where things are worse.",
    "Outcome measure": "An indicator from the evidence base that shows whether an outcome is being achieved.",
    "Priority outcome": "A change for people that the partnership commits to, owned by a theme group.",
    "Process measure": "A count of what was done (meetings held, leaflets sent); it does not show an outcome.",
    "Target": "The value a measure should reach in a given year, set by a named method from the baseline.",
}


@dataclass(frozen=True)
class ThemeContent:
    """One theme of the document."""

    id: str
    name: str
    narrative: str
    evidence: tuple[str, ...]
    priority_areas: tuple[str, ...]
    table: ThemeTable | None
    said: tuple[tuple[str, str, str], ...] | None  # (you said, we did, status); None: no consultation
    proofing: tuple[str, ...] | None
    measures: int = 0
    over_cap: bool = False
    changed: tuple[str, ...] = ()  # what changed in this theme since the last version, in words


@dataclass(frozen=True)
class StrategyContent:
    """The whole document's content (see :func:`strategy_content`)."""

    strategy: Strategy
    place: str
    themes: tuple[ThemeContent, ...]
    plan: Any = field(repr=False)
    changes: pd.DataFrame = field(repr=False)
    key_issue_gaps: pd.DataFrame = field(repr=False)
    counts: pd.DataFrame = field(repr=False)
    consultation_note: str | None = None
    timetable_note: str = NO_TIMETABLE
    glossary: tuple[tuple[str, str], ...] = ()
    sources: tuple[tuple[str, str], ...] = ()

    @property
    def theme_names(self) -> dict[str, str]:
        return {t.id: t.name for t in self.themes}


def _evidence(analysis: Any, theme: str, n: int = 5) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if analysis is None:
        return (), ()
    worse = analysis.worse_england
    worse = worse[worse["theme"].astype(str) == theme]
    ranked = analysis.themes[analysis.themes["theme"].astype(str) == theme].sort_values("rank", kind="stable")
    return tuple(worse["text"].astype(str).head(n)), tuple(ranked["explanation"].astype(str).head(3))


def _said(consultation: Any) -> dict[str, list[tuple[str, str, str]]] | None:
    if consultation is None or consultation.you_said is None:
        return None
    links = {t.id: t.strategy_theme for t in consultation.frame.themes}
    said: dict[str, list[tuple[str, str, str]]] = {}
    for r in consultation.you_said.itertuples(index=False):
        theme = links.get(str(r.theme))
        if theme:
            said.setdefault(theme, []).append((str(r.you_said), str(r.we_did), str(r.status)))
    return said


def areas_within(eb: Any, area: str | None) -> set[str]:
    """The areas inside ``area``: below it in the lookup, or the members of a custom area."""
    if not area:
        return set()
    from evidence.gaps.analysis import areas_inside

    members = {m for c in eb.config.custom_areas if c.code == area for m in c.members}
    return (areas_inside(eb, area) | members | {a for m in members for a in areas_inside(eb, m)}) - {area}


def strategy_content(eb: Any, strategy: Strategy, plan: Any, *, analysis: Any = None, consultation: Any = None,
                     proofing: Mapping[str, Sequence[str]] | None = None,
                     timetable: str | None = None) -> StrategyContent:
    """Assemble the document's content.

    Parameters
    ----------
    eb
        The :class:`~evidence.PublishedEvidence` the plan and analysis were made from.
    strategy
        The strategy file, read.
    plan
        The :class:`~evidence.outcomes.ActionPlan` of this version's framework.
    analysis
        The :class:`~evidence.gaps.GapAnalysis` (``None``: the evidence summary says so).
    consultation
        The :class:`~evidence.consultation.Consultation`, read (``None``: "not analysed yet").
    proofing
        Theme id -> the sentences of its proofing statement (``None``: "not provided yet").
    timetable
        Where the strategy's timetable stands on the publication date, in words
        (``None``: the project has no timetable yet, and the document says so).
    """
    framework = plan.framework
    tables = {t.theme: t for t in theme_tables(plan)}
    counts = measure_counts(framework, strategy.max_measures).set_index("theme")
    said = _said(consultation)
    changes = framework_changes(strategy.previous, framework)
    themes = []
    for theme in eb.config.themes:
        evidence, areas = _evidence(analysis, theme.id)
        table = tables.get(theme.id)
        n = int(counts.loc[theme.id, "measures"]) if theme.id in counts.index else 0
        themes.append(ThemeContent(
            theme.id, theme.name, strategy.narratives.get(theme.id, ""), evidence, areas, table,
            None if said is None else tuple(said.get(theme.id, ())),
            None if proofing is None else tuple(proofing.get(theme.id, ())),
            n, bool(strategy.max_measures is not None and n > strategy.max_measures),
            tuple(changes.loc[changes["theme"].astype(str) == theme.id, "text"].astype(str))))
    area = strategy.key_issue.area if strategy.key_issue else None
    gaps = key_issue_gaps(framework, area, areas_within(eb, area)) if strategy.key_issue else \
        pd.DataFrame(columns=["theme", "theme_name"])
    used = set(framework.measures())
    ids = sorted({m.indicator for m in used})
    cat = eb.indicators.set_index(eb.indicators["id"].astype(str))
    sources = tuple((str(cat.loc[i, "name"]), str(cat.loc[i, "source"]) if "source" in cat.columns else "")
                    for i in ids if i in cat.index)
    glossary = tuple(sorted({**GLOSSARY, **strategy.glossary}.items(), key=lambda kv: kv[0].lower()))
    return StrategyContent(
        strategy, str(eb.config.name), tuple(themes), plan, changes, gaps,
        counts.reset_index(), None if consultation is not None else NOT_ANALYSED,
        timetable or NO_TIMETABLE, glossary, sources)
