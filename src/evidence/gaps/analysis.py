"""The whole gap analysis of one focus area, computed once from the evidence base.

:func:`analyse` runs every measure of :mod:`evidence.gaps` with the project's settings
(``gaps.*``, ``priorities.*``, ``context.*``, ``disclosure.min_count``) and returns a
:class:`GapAnalysis` holding the resulting tables. The report
(:mod:`evidence.gaps.report`) renders it; the run (:mod:`evidence.gaps.run`) exports
the same tables, so the page and the downloads can never disagree.

The analysis is made from the published evidence (:class:`~evidence.PublishedEvidence`,
disclosure control applied; an ``EvidenceBase`` is converted on entry), so no small count,
nor the rate, judgement or trend that would reveal it, reaches a table, a map or a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from evidence.config import ranked_type
from evidence.errors import DataError, unknown_name
from evidence.gaps._frames import ancestors, members, text
from evidence.gaps.clusters import worse_count_clusters
from evidence.gaps.coverage import activities_without_evidence, issue_coverage
from evidence.gaps.unjudged import unjudged_pairs
from evidence.gaps.crosscutting import correlated_indicators, multi_theme_areas
from evidence.gaps.evidence_gaps import evidence_gaps
from evidence.gaps.inequality import area_range, deprivation_fifths, fifth_gap, slope_index
from evidence.gaps.performance import focus_worse_than_england, performance_gaps, worse_and_worsening
from evidence.gaps.inputs import read_gap_inputs
from evidence.gaps.priority import _ordinal, priority_scores, theme_priorities, voice_weight
from evidence.gaps.proofing import classify_areas, proofing_table
from evidence.known import KnownNames
from evidence.problems import Problems
from evidence.published import PublishedEvidence, as_published
from evidence.themes import find_theme

__all__ = ["GapAnalysis", "analyse", "area_priorities", "areas_inside", "focus_gaps", "resolve_theme",
           "score_priorities"]


@dataclass(frozen=True)
class GapAnalysis:
    """Every table of the gap analysis of one focus area (and optionally one theme).

    ``area_type`` is the type the priorities are ranked on (wards), ``small_type`` the
    type the inequality and proofing measures use (LSOAs). Optional parts (coverage,
    rural-urban proofing, deprivation measures) are ``None`` when their input is not
    configured, and ``notes`` says why in words.
    """

    eb: PublishedEvidence  # the published evidence the analysis was made from
    focus_area: str
    focus_name: str
    theme: str | None
    theme_name: str | None
    area_type: str
    small_type: str
    benchmark: str
    gaps: pd.DataFrame  # every area inside the focus area (and the focus area itself)
    scores: pd.DataFrame  # area_type x indicator, ranked
    themes: pd.DataFrame  # area_type x theme, ranked
    areas: pd.DataFrame  # area_type, ranked overall (one row per area)
    worse_england: pd.DataFrame
    worsening: pd.DataFrame
    ranges: pd.DataFrame
    fifth_gaps: pd.DataFrame | None
    sii: pd.DataFrame | None
    fifths: pd.DataFrame | None
    coverage: pd.DataFrame | None
    unsupported: pd.DataFrame | None
    multi_theme: pd.DataFrame
    correlated: pd.DataFrame
    evidence: pd.DataFrame
    proof_rural: pd.DataFrame | None
    proof_fifths: pd.DataFrame | None
    clusters: pd.DataFrame
    theme_order: list[str]
    theme_names: dict[str, str]
    notes: dict[str, str] = field(default_factory=dict)
    n_suppressed: int = 0  # values blanked by disclosure control in the gap table

    @property
    def shapes(self) -> gpd.GeoDataFrame:
        """Polygons of the ranked areas (``area_type`` inside the focus area)."""
        return members(self.eb.areas, self.focus_area, self.area_type)


def resolve_theme(eb: PublishedEvidence | object, theme: str | None) -> tuple[str | None, str | None]:
    """The theme id and name for an id or name (case-insensitive), or ``(None, None)``."""
    if theme is None:
        return None, None
    found = find_theme(eb.config.themes, theme)
    return found.id, found.name


def _population(eb: PublishedEvidence) -> pd.Series | None:
    ident = eb.config.population_indicator
    if not ident:
        return None
    rows = eb.values[text(eb.values["indicator_id"]) == ident]
    if rows.empty:
        return None
    rows = rows.sort_values("year", kind="stable").groupby(text(rows["area_code"])).tail(1)
    return pd.Series(pd.to_numeric(rows["value"]).to_numpy(dtype=float), index=text(rows["area_code"]))


def areas_inside(eb: PublishedEvidence | object, focus: str, *, custom_areas: bool = False) -> set[str]:
    """The focus area and every area inside it (optionally also custom areas made of those)."""
    links = ancestors(eb.areas)
    inside = set(links.loc[links["covering_code"] == focus, "area_code"])
    if custom_areas:
        inside |= {c.code for c in eb.config.custom_areas if inside & set(c.members)}
    return inside


def focus_gaps(eb: PublishedEvidence | object, focus: str | None = None, *, values: pd.DataFrame | None = None,
               indicators: pd.DataFrame | None = None, custom_areas: bool = False) -> pd.DataFrame:
    """The performance-gap table of the focus area and every area inside it.

    This is the one table that both the gap analysis and the outcome framework's priority
    issues (:func:`evidence.outcomes.priority_issues`) are drawn from: published values
    (disclosure control applied), each area against the comparator set in
    ``gaps.comparator`` (or its main comparator).

    Parameters
    ----------
    eb
        The published evidence (or the evidence base, put through disclosure control).
    focus
        Area code; default ``focus_area`` of ``evidence.yml``.
    values, indicators
        Subsets of the published values and the catalogue to use (a theme's, say);
        default all of them.
    custom_areas
        Also keep the custom areas made of areas inside the focus area.
    """
    eb = as_published(eb)
    inside = areas_inside(eb, focus or eb.config.focus_area, custom_areas=custom_areas)
    values = eb.values if values is None else values
    indicators = eb.indicators if indicators is None else indicators
    table = performance_gaps(values, indicators, comparisons=eb.comparisons,
                             comparator=eb.config.gap_settings.get("comparator"), areas=eb.areas)
    return table[table["area_code"].isin(inside)].reset_index(drop=True)


def score_priorities(eb: PublishedEvidence | object, rows: pd.DataFrame) -> pd.DataFrame:
    """:func:`~evidence.gaps.priority_scores` of ``rows`` with the project's ``priorities`` settings.

    Weights, the ``better`` and ``gap_cap`` settings and the population indicator are
    the project's, so every report ranks issues the same way.
    """
    eb = as_published(eb)
    prio = eb.config.priority_settings
    voice = None
    if voice_weight(prio.get("weights")) > 0:  # off by default: what people said, when a consultation exists
        from evidence.consultation.project import voice_for_priorities

        voice = voice_for_priorities(eb, rows)
    return priority_scores(rows, weights=prio.get("weights"), better=float(prio.get("better", 0.0)),
                           gap_cap=float(prio.get("gap_cap", 50.0)), population=_population(eb), voice=voice)


def area_priorities(scores: pd.DataFrame, theme_names: dict[str, str], bench: str) -> pd.DataFrame:
    """One row per area: its indicators, how many are Worse and worsening, and its mean score.

    Ranked by mean score (ties: more Worse, then area code), with an explanation in
    words and the number of Worse indicators per theme (``worse_<theme>`` columns).
    """
    columns = ["area_code", "area_name", "n_indicators", "n_worse", "n_worsening", "score", "rank", "top_theme",
               "explanation"]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({"area_code": text(scores["area_code"]), "area_name": text(scores["area_name"]),
                          "theme": text(scores["theme"]), "score": scores["score"].astype(float),
                          "worse": scores["c_significance"] > 0, "worsening": scores["c_trend"] > 0})
    g = frame.groupby("area_code", sort=True)
    out = g.agg(area_name=("area_name", "first"), n_indicators=("score", "size"), n_worse=("worse", "sum"),
                n_worsening=("worsening", "sum"), score=("score", "mean")).reset_index()
    out[["n_worse", "n_worsening"]] = out[["n_worse", "n_worsening"]].astype(int)
    per_theme = frame[frame["worse"]].groupby(["area_code", "theme"]).size().unstack(fill_value=0)
    top = per_theme.apply(lambda r: theme_names.get(r.idxmax(), r.idxmax()) if r.max() > 0 else "", axis=1)
    out["top_theme"] = out["area_code"].map(top).fillna("")
    for theme in theme_names:
        out[f"worse_{theme}"] = out["area_code"].map(per_theme[theme] if theme in per_theme else {}).fillna(0) \
            .astype(int)
    out = out.sort_values(["score", "n_worse", "area_code"], ascending=[False, False, True], kind="stable")
    out["rank"] = np.arange(1, len(out) + 1)

    def explain(r) -> str:
        if r.n_worse:
            where = f"most of them in {r.top_theme}" if r.n_worse > 1 else f"in {r.top_theme}"
            because = (f"it is significantly worse than {bench} on {r.n_worse} of its {r.n_indicators} "
                       f"indicators, {where}")
        else:
            because = f"it is not significantly worse than {bench} on any of its {r.n_indicators} indicators"
        if r.n_worsening:
            because += f", and {r.n_worsening} {'is' if r.n_worsening == 1 else 'are'} getting worse"
        return f"{r.area_name}: ranked {_ordinal(int(r.rank))} (mean score {r.score:.2f}) because {because}."

    out["explanation"] = [explain(r) for r in out.itertuples()]
    extra = [c for c in out.columns if c.startswith("worse_")]
    return out[columns + extra].reset_index(drop=True)


def _types(eb: PublishedEvidence) -> tuple[str, str]:
    order = eb.config.type_order
    return ranked_type(order, eb.config.profile_area_type), order[0]


def analyse(eb: PublishedEvidence | object, *, focus_area: str | None = None, theme: str | None = None) -> GapAnalysis:
    """Run the gap analysis of ``focus_area`` (default: the project's) with the project's settings.

    Parameters
    ----------
    eb
        The published evidence, or the evidence base (:func:`evidence.load`), which is
        put through disclosure control first.
    focus_area
        Area code to analyse; default ``focus_area`` of ``evidence.yml``.
    theme
        A theme id or name: analyse only its indicators.

    Raises
    ------
    ValidationError
        The activity register or the classification has problems (all listed).
    DataError
        The focus area has no areas of the ranked type or no values.
    """
    eb = as_published(eb)
    config = eb.config
    settings = config.gap_settings
    focus = focus_area or config.focus_area
    names = dict(zip(text(eb.areas["area_code"]), text(eb.areas["area_name"])))
    if focus not in names:
        raise unknown_name("focus area", focus, names)
    theme_id, theme_name = resolve_theme(eb, theme)
    area_type, small_type = _types(eb)
    theme_order = [t.id for t in config.themes]
    theme_names = {t.id: t.name for t in config.themes}
    if theme_id:
        theme_order, theme_names = [theme_id], {theme_id: theme_name}

    problems = Problems(config.root)
    register, classification = read_gap_inputs(config, KnownNames.of_evidence(eb), problems)
    problems.raise_if_errors()

    indicators = eb.indicators
    values = eb.values
    if theme_id:
        indicators = indicators[text(indicators["theme"]) == theme_id]
        values = values[text(values["indicator_id"]).isin(set(text(indicators["id"])))]
    inside = areas_inside(eb, focus)
    table = focus_gaps(eb, focus, values=values, indicators=indicators)
    blanked = values[values["suppressed"].to_numpy(dtype=bool)]
    blanked = set(zip(text(blanked["indicator_id"]), text(blanked["area_code"]), text(blanked["period"])))
    n_suppressed = sum(k in blanked for k in zip(table["indicator_id"], table["area_code"], table["period"]))
    ranked = table[(table["area_type"] == area_type) & (table["area_code"] != focus)]
    bench_names = set(text(ranked["comparator_name"])) - {""}
    if len(bench_names) > 1:  # judged against the next comparator where the main one has no value
        common = text(ranked["comparator_name"])
        common = common[common != ""].mode()
        bench_names = {common.iloc[0]} if ranked["comparator_code"].nunique() <= 2 else bench_names
    bench = bench_names.pop() if len(bench_names) == 1 else "its benchmark"
    scores = score_priorities(eb, ranked)
    themes = theme_priorities(scores, theme_names=theme_names, theme_order=theme_order)
    overall = area_priorities(scores, theme_names, bench)
    notes: dict[str, str] = {}

    try:
        worse_england = focus_worse_than_england(values, eb.comparisons, indicators, focus)
    except DataError as exc:
        worse_england = pd.DataFrame(columns=["indicator_name", "text"])
        notes["england"] = str(exc)
    ranges = area_range(values, indicators, eb.areas, focus_area=focus, area_type=area_type,
                        label=config.type_label(area_type))

    fifth_gaps = sii_table = fifths = proof_fifths = None
    deprivation = config.deprivation_indicator
    if deprivation:
        all_values = eb.values
        scale = dict(scale=config.deprivation_scale, england=config.england_name)
        fifths = deprivation_fifths(all_values, eb.indicators, eb.areas, deprivation=deprivation, focus_area=focus,
                                    area_type=small_type, **scale)
        keep = set(text(indicators["id"])) - {deprivation}
        fifth_gaps = fifth_gap(all_values, eb.indicators, eb.areas, deprivation=deprivation, focus_area=focus,
                               area_type=small_type, place=str(names[focus]), **scale)
        fifth_gaps = fifth_gaps[fifth_gaps["indicator_id"].isin(keep)].reset_index(drop=True)
        sii_table = slope_index(all_values, eb.indicators, eb.areas, deprivation=deprivation, focus_area=focus,
                                area_type=small_type)
        sii_table = sii_table[sii_table["indicator_id"].isin(keep)].reset_index(drop=True)
        small = table[table["area_type"] == small_type]
        proof_fifths = proofing_table(small, fifths[["area_code", "fifth_name"]])
    else:
        notes["deprivation"] = ("No deprivation indicator is set (context.deprivation in evidence.yml), so the "
                                "gaps between deprivation fifths and the slope index of inequality are not shown.")

    coverage = unsupported = None
    custom = {c.code: c.members for c in config.custom_areas}
    if register is not None:
        issues = scores[scores["judgement"] == "Worse"]
        year = int(pd.to_numeric(eb.values["year"]).max())
        coverage = issue_coverage(issues, register, eb.indicators, eb.areas, year=year, custom_areas=custom)
        missing = unjudged_pairs(table, values, indicators, eb.areas, inside, area_type)
        unsupported = activities_without_evidence(register, table, eb.indicators, eb.areas, custom_areas=custom,
                                                  missing=missing, year=year)
        if theme_id:
            ids = set(text(indicators["id"]))
            touches = [bool(set(r.indicators) & ids) or theme_id in r.themes or theme_name in r.themes
                       for r in unsupported.itertuples()]
            unsupported = unsupported[touches].reset_index(drop=True)
        notes["coverage_year"] = str(year)
    else:
        notes["coverage"] = ("No activity register is set (gaps.activities in evidence.yml), so the issues "
                             "that no existing activity addresses cannot be listed.")

    proof_rural = None
    if classification is not None:
        classes = classify_areas(eb.areas, classification, broad=True)
        proof_rural = proofing_table(table[table["area_type"] == small_type], classes)
    else:
        notes["classification"] = ("No rural-urban classification is set (gaps.classification in evidence.yml), "
                                   "so the findings are not split by rural and urban areas.")

    many = multi_theme_areas(ranked, theme_names=theme_names)
    correlated = correlated_indicators(values, indicators, eb.areas, focus_area=focus, area_type=area_type,
                                       threshold=float(settings.get("correlation_threshold", 0.7)),
                                       label=config.type_label(area_type))
    small_types = config.type_order[:-1] or config.type_order
    found = evidence_gaps(values, indicators, eb.areas, themes=[(t, theme_names[t]) for t in theme_order],
                          small_area_types=small_types, min_indicators=int(settings.get("min_indicators", 3)),
                          max_age=int(settings.get("max_age", 3)), min_count=config.min_count,
                          max_share=float(settings.get("max_missing_share", 0.2)), area_codes=sorted(inside),
                          labels={t: config.type_label(t) for t in [*config.type_order, "england", "comparator"]})
    # clusters on the small areas: with a few dozen wards the permutation test has little power
    clusters = worse_count_clusters(table[table["area_type"] == small_type], eb.areas, focus_area=focus,
                                    area_type=small_type)
    return GapAnalysis(
        eb=eb, focus_area=focus, focus_name=names[focus], theme=theme_id, theme_name=theme_name,
        area_type=area_type, small_type=small_type, benchmark=bench, gaps=table, scores=scores, themes=themes,
        areas=overall, worse_england=worse_england, worsening=worse_and_worsening(ranked), ranges=ranges,
        fifth_gaps=fifth_gaps, sii=sii_table, fifths=fifths, coverage=coverage, unsupported=unsupported,
        multi_theme=many, correlated=correlated, evidence=found, proof_rural=proof_rural,
        proof_fifths=proof_fifths, clusters=clusters, theme_order=theme_order, theme_names=theme_names,
        notes=notes, n_suppressed=int(n_suppressed),
    )
